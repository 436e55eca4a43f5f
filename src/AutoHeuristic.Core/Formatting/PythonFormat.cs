using System;
using System.Globalization;

namespace AutoHeuristic.Formatting;

/// <summary>
/// Writes values exactly as Python's <c>str()</c> does, so that logs we write read the same in
/// PyTorch's trainer and categorical values compare equal on both sides.
/// </summary>
public static class PythonFormat
{
    /// <summary>Python's <c>str(True)</c> / <c>str(False)</c>.</summary>
    public static string Str(bool value) => value ? "True" : "False";

    /// <summary>Python's <c>str(int)</c>: plain digits, invariant culture.</summary>
    public static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Python's <c>str(float)</c> (which equals <c>repr</c>): the shortest digit string that
    /// round-trips, fixed notation for decimal exponents -4..15 (with a trailing <c>.0</c> for
    /// whole numbers), scientific otherwise (<c>1e-05</c>, <c>1.5e+16</c>), and <c>inf</c>, <c>-inf</c>, <c>nan</c>.
    /// </summary>
    public static string Str(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        if (value == 0) return IsNegativeZero(value) ? "-0.0" : "0.0";

        ShortestDigits(value, out bool negative, out string digits, out int exponent);
        // Value = 0.d1d2d3... * 10^(exponent+1), i.e. d1.d2d3... * 10^exponent.
        string body;
        if (exponent >= -4 && exponent < 16)
        {
            if (exponent >= digits.Length - 1)
            {
                body = digits + new string('0', exponent - (digits.Length - 1)) + ".0";
            }
            else if (exponent >= 0)
            {
                body = digits.Substring(0, exponent + 1) + "." + digits.Substring(exponent + 1);
            }
            else
            {
                body = "0." + new string('0', -exponent - 1) + digits;
            }
        }
        else
        {
            string mantissa = digits.Length == 1 ? digits : digits.Substring(0, 1) + "." + digits.Substring(1);
            string exp = Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
            body = mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
        }

        return negative ? "-" + body : body;
    }

    /// <summary>
    /// Parses a number as Python's <c>float()</c> would for the strings our logs contain
    /// (<c>inf</c>, <c>-inf</c>, <c>nan</c>, <c>1e-05</c>, <c>12</c>, <c>0.5</c>).
    /// </summary>
    public static bool TryParseFloat(string text, out double value)
    {
        string t = text.Trim();
        switch (t.ToLowerInvariant())
        {
            case "inf": case "+inf": case "infinity": case "+infinity": value = double.PositiveInfinity; return true;
            case "-inf": case "-infinity": value = double.NegativeInfinity; return true;
            case "nan": case "+nan": case "-nan": value = double.NaN; return true;
        }

        if (t.Length == 0 || char.IsWhiteSpace(t[0]))
        {
            value = 0;
            return false;
        }

        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Throws when a name or value cannot be written into a log unquoted: commas, quotes and
    /// line breaks would split or corrupt the CSV row (PyTorch writes them and corrupts its log).
    /// </summary>
    public static void EnsureCsvSafe(string text, string what, string paramName)
    {
        if (text is null) throw new ArgumentNullException(paramName);
        if (!IsCsvSafe(text))
        {
            throw new ArgumentException(
                $"{what} '{text.Replace("\n", "\\n").Replace("\r", "\\r").Replace("\0", "\\0")}' contains a comma, quote, line break, NUL or U+FFFD, which the log format cannot hold (the readers refuse NUL and U+FFFD as signs of a broken encoding).",
                paramName);
        }
    }

    /// <summary>
    /// Whether <paramref name="text"/> can be written into a log unquoted (no comma, quote, NUL, U+FFFD or line
    /// break); lets hot callers skip building <see cref="EnsureCsvSafe"/>'s description.
    /// </summary>
    public static bool IsCsvSafe(string text) => text.IndexOfAny(CsvUnsafe) < 0;

    // NUL and U+FFFD are refused by every reader (signs of a broken encoding), so they are never written either.
    private static readonly char[] CsvUnsafe = { ',', '"', '\n', '\r', '\0', '\uFFFD' };

    private static bool IsNegativeZero(double value) => BitConverter.DoubleToInt64Bits(value) < 0;

    // The shortest round-tripping decimal digits, computed portably (netstandard2.0 hosts such as
    // .NET Framework do not guarantee that "R" is shortest).
    private static void ShortestDigits(double value, out bool negative, out string digits, out int exponent)
    {
        negative = value < 0;
        double abs = Math.Abs(value);
        for (int precision = 1; precision <= 17; precision++)
        {
            string s = abs.ToString("E" + (precision - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) == abs || precision == 17)
            {
                int e = s.IndexOf('E');
                digits = s.Substring(0, e).Replace(".", string.Empty).TrimEnd('0');
                if (digits.Length == 0) digits = "0";
                exponent = int.Parse(s.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                return;
            }
        }

        throw new InvalidOperationException("unreachable");
    }
}
