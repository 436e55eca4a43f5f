using System;
using AutoHeuristic.Formatting;

namespace AutoHeuristic.Features;

/// <summary>What kind of Python value a feature holds; it decides how the value is written to a log.</summary>
public enum FeatureValueKind : byte
{
    /// <summary>A Python <c>int</c> (written as digits).</summary>
    Integer,
    /// <summary>A Python <c>float</c> (written in Python's shortest repr).</summary>
    Float,
    /// <summary>A Python <c>bool</c> (written as <c>True</c>/<c>False</c>; numerically 1/0).</summary>
    Bool,
    /// <summary>A string (or an enum or dtype written as a token such as <c>torch.float16</c>).</summary>
    Text,
}

/// <summary>
/// One feature value as both sides need it: a number for threshold splits and the Python
/// <c>str()</c> text for logs and categorical equality tests. No allocation for numbers and
/// booleans; their text is produced only when asked for.
/// </summary>
public readonly struct FeatureValue : IEquatable<FeatureValue>
{
    private readonly string? _text;

    private FeatureValue(FeatureValueKind kind, double number, string? text)
    {
        Kind = kind;
        Number = number;
        _text = text;
    }

    /// <summary>The kind of value.</summary>
    public FeatureValueKind Kind { get; }

    /// <summary>The numeric value (booleans are 1 and 0; text is NaN).</summary>
    public double Number { get; }

    /// <summary>True when the value is a number or a boolean.</summary>
    public bool IsNumeric => Kind != FeatureValueKind.Text;

    /// <summary>The value as Python's <c>str()</c> writes it.</summary>
    public string Text => Kind switch
    {
        FeatureValueKind.Text => _text!,
        FeatureValueKind.Bool => Number != 0 ? "True" : "False",
        FeatureValueKind.Integer => PythonFormat.Str((long)Number),
        _ => PythonFormat.Str(Number),
    };

    /// <summary>An integer value (exact up to 2^53, as every dimension and stride is).</summary>
    public static FeatureValue FromInteger(long value) => new(FeatureValueKind.Integer, value, null);

    /// <summary>A floating-point value.</summary>
    public static FeatureValue FromFloat(double value) => new(FeatureValueKind.Float, value, null);

    /// <summary>A boolean value.</summary>
    public static FeatureValue FromBool(bool value) => new(FeatureValueKind.Bool, value ? 1 : 0, null);

    /// <summary>A text value (categorical token).</summary>
    public static FeatureValue FromText(string value) =>
        new(FeatureValueKind.Text, double.NaN, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>
    /// Reads a value from a log cell: <c>True</c>/<c>False</c> become booleans, whole numbers
    /// integers, other numbers floats, anything else text — as pandas' type inference does.
    /// </summary>
    public static FeatureValue Parse(string cell)
    {
        if (cell == "True") return FromBool(true);
        if (cell == "False") return FromBool(false);
        if (IsIntegerToken(cell) && long.TryParse(cell, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long l))
        {
            return FromInteger(l);
        }

        if (LooksNumeric(cell) && PythonFormat.TryParseFloat(cell, out double d)) return FromFloat(d);
        return FromText(cell);
    }

    /// <inheritdoc />
    public bool Equals(FeatureValue other) =>
        Kind == other.Kind && (Kind == FeatureValueKind.Text ? string.Equals(_text, other._text, StringComparison.Ordinal) : Number.Equals(other.Number));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FeatureValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Kind == FeatureValueKind.Text ? StringComparer.Ordinal.GetHashCode(_text!) : Number.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>Equality.</summary>
    public static bool operator ==(FeatureValue left, FeatureValue right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(FeatureValue left, FeatureValue right) => !left.Equals(right);

    private static bool IsIntegerToken(string s)
    {
        if (s.Length == 0 || s.Length > 19) return false;
        int start = s[0] == '-' || s[0] == '+' ? 1 : 0;
        if (start == s.Length) return false;
        for (int i = start; i < s.Length; i++)
        {
            if (s[i] < '0' || s[i] > '9') return false;
        }

        return true;
    }

    private static bool LooksNumeric(string s)
    {
        if (s.Length == 0) return false;
        char c = s[0];
        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') return true;
        string lower = s.ToLowerInvariant();
        return lower == "inf" || lower == "nan" || lower == "infinity";
    }
}
