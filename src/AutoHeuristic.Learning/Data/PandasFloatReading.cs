using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace AutoHeuristic.Learning.Data;

/// <summary>
/// The double pandas' <c>read_csv</c> gives for a logged feedback value. PyTorch writes each
/// value as Python's <c>repr</c> (the shortest text that reads back exactly), and pandas reads it
/// with its default float parser (<c>precise_xstrtod</c> in <c>tokenizer.c</c>, pandas 1.3 to 2.x),
/// which is not correctly rounded: it keeps the first 17 digits, leading zeros included, as a
/// double built digit by digit and then divides by a power of ten. For PyTorch's logs that
/// changes about half of all times in the last bits (e.g. <c>0.10067199915647507</c>), and so
/// the medians, the near-best weights (best / time) and the sums scikit-learn compares when two
/// splits are equally good. Only the sklearn-exact mode reads feedback this way.
/// </summary>
internal static class PandasFloatReading
{
    private const int MaxDigits = 17;

    private static readonly double[] PowersOfTen = CreatePowersOfTen();

    /// <summary>What pandas reads from Python's <c>repr</c> of <paramref name="value"/>; NaN and infinities are kept.</summary>
    public static double AsRead(double value) =>
        double.IsNaN(value) || double.IsInfinity(value) ? value : PreciseXstrtod(PythonRepr(value));

    /// <summary>Replaces each of <paramref name="values"/> with <see cref="AsRead"/> of it.</summary>
    [MethodImpl(HotPath.Optimized)]
    public static void ReadAllAsPandas(double[] values)
    {
        for (int i = 0; i < values.Length; i++) values[i] = AsRead(values[i]);
    }

    /// <summary>
    /// Python's <c>repr</c> of a finite double: the shortest round-trip digits, in fixed notation
    /// when the decimal exponent is in [-4, 16), else as <c>d.ddde±XX</c>.
    /// </summary>
    internal static string PythonRepr(double value)
    {
        // .NET Core 3.0 and later format "R" as the shortest round-trip digits, as Python does.
        string r = value.ToString("R", CultureInfo.InvariantCulture);
        bool negative = r[0] == '-';
        if (negative) r = r.Substring(1);
        int e = r.IndexOf('E');
        int exponent = e < 0 ? 0 : int.Parse(r.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string mantissa = e < 0 ? r : r.Substring(0, e);
        int dot = mantissa.IndexOf('.');
        string digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        int pointAt = (dot < 0 ? mantissa.Length : dot) + exponent; // value = 0.digits × 10^pointAt, before trimming zeros
        int lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0') lead++;
        digits = digits.Substring(lead).TrimEnd('0');
        pointAt -= lead;
        if (digits.Length == 0)
        {
            digits = "0";
            pointAt = 1;
        }

        var text = new StringBuilder();
        if (negative) text.Append('-');
        if (pointAt <= -4 || pointAt > 16)
        {
            text.Append(digits[0]);
            if (digits.Length > 1) text.Append('.').Append(digits, 1, digits.Length - 1);
            int shown = pointAt - 1;
            text.Append('e').Append(shown < 0 ? '-' : '+').Append(Math.Abs(shown).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (pointAt <= 0)
        {
            text.Append("0.").Append('0', -pointAt).Append(digits);
        }
        else if (digits.Length <= pointAt)
        {
            text.Append(digits).Append('0', pointAt - digits.Length).Append(".0");
        }
        else
        {
            text.Append(digits, 0, pointAt).Append('.').Append(digits, pointAt, digits.Length - pointAt);
        }

        return text.ToString();
    }

    /// <summary>pandas' <c>precise_xstrtod</c> on a plain decimal text (no thousands separator).</summary>
    internal static double PreciseXstrtod(string s)
    {
        int p = 0;
        bool negative = false;
        if (p < s.Length && (s[p] == '-' || s[p] == '+'))
        {
            negative = s[p] == '-';
            p++;
        }

        double number = 0;
        int exponent = 0, digits = 0, decimals = 0;
        for (; p < s.Length && IsDigit(s[p]); p++)
        {
            if (digits < MaxDigits)
            {
                number = (number * 10.0) + (s[p] - '0');
                digits++;
            }
            else
            {
                exponent++;
            }
        }

        if (p < s.Length && s[p] == '.')
        {
            p++;
            for (; digits < MaxDigits && p < s.Length && IsDigit(s[p]); p++)
            {
                number = (number * 10.0) + (s[p] - '0');
                digits++;
                decimals++;
            }

            while (p < s.Length && IsDigit(s[p])) p++;
            exponent -= decimals;
        }

        if (digits == 0) throw new FormatException("No digits in '" + s + "'.");
        if (negative) number = -number;
        if (p < s.Length && (s[p] == 'e' || s[p] == 'E'))
        {
            p++;
            bool negativeExponent = false;
            if (p < s.Length && (s[p] == '-' || s[p] == '+'))
            {
                negativeExponent = s[p] == '-';
                p++;
            }

            int n = 0;
            for (int read = 0; read < MaxDigits && p < s.Length && IsDigit(s[p]); read++, p++) n = (n * 10) + (s[p] - '0');
            exponent += negativeExponent ? -n : n;
        }

        if (exponent > 308) return double.PositiveInfinity;
        if (exponent > 0) return number * PowersOfTen[exponent];
        if (exponent < -616) return 0.0;
        if (exponent < -308) return number / PowersOfTen[-308 - exponent] / PowersOfTen[308];
        return number / PowersOfTen[-exponent];
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    /// <summary>1e0 … 1e308 as C's compiler writes the literals (correctly rounded).</summary>
    private static double[] CreatePowersOfTen()
    {
        var powers = new double[309];
        for (int i = 0; i < powers.Length; i++) powers[i] = double.Parse("1e" + i.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return powers;
    }
}
