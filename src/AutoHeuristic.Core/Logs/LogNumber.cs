using System;
using System.Runtime.CompilerServices;
using AutoHeuristic.Formatting;

namespace AutoHeuristic.Logs;

/// <summary>
/// Parses the numbers of a log cell (Python-written: <c>12</c>, <c>0.5</c>, <c>1e-05</c>,
/// <c>inf</c>) from a slice of text, correctly rounded and without allocating in the common cases.
/// Shared by every log reader so that they accept the same cells.
/// </summary>
public static class LogNumber
{
    /// <summary>The largest integer up to which every integer is an exact double (2^53); beyond it neighbouring integers merge.</summary>
    public const double MaxExactInteger = 9007199254740992.0;

    // Exact powers of ten as doubles (10^22 is the largest).
    private static readonly double[] PowersOf10 =
    {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    private const string MaxExactIntegerDigits = "9007199254740992";

    private static readonly char[] FloatMarkers = { '.', 'e', 'E', 'n', 'N', 'i', 'I' };

    private static readonly ulong[] IntegerPowersOf10 =
    {
        1UL, 10UL, 100UL, 1000UL, 10000UL, 100000UL, 1000000UL, 10000000UL, 100000000UL, 1000000000UL, 10000000000UL,
        100000000000UL, 1000000000000UL, 10000000000000UL, 100000000000000UL, 1000000000000000UL, 10000000000000000UL,
        100000000000000000UL, 1000000000000000000UL, 10000000000000000000UL,
    };

    /// <summary>
    /// Parses <c>text[start, end)</c> as Python's <c>float()</c> reads our logs' numbers.
    /// <paramref name="isFloat"/> tells whether the token is written as a float (a dot, an
    /// exponent, inf or nan), as pandas types the column. Integers and decimals whose digits form
    /// an integer of at most 2^53 with at most 22 decimals take an exact fast path (both operands
    /// exact doubles, one correctly rounded division); everything else, whatever its number of
    /// digits, goes through the framework's correctly rounded parser.
    /// </summary>
    [MethodImpl(HotPath.Optimized)]
    public static bool TryParse(char[] text, int start, int end, out double value, out bool isFloat)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        isFloat = false;
        int i = start;
        bool negative = false;
        if (i < end && (text[i] == '-' || text[i] == '+'))
        {
            negative = text[i] == '-';
            i++;
        }

        ulong mantissa = 0;
        int significant = 0;
        int fractionDigits = 0;
        bool sawDigit = false;
        bool sawDot = false;
        bool simple = true;
        for (; i < end; i++)
        {
            char c = text[i];
            if (c >= '0' && c <= '9')
            {
                sawDigit = true;
                if (mantissa != 0 || c != '0') significant++;
                if (significant > 19) { simple = false; break; }
                mantissa = (mantissa * 10) + (ulong)(c - '0');
                if (sawDot) fractionDigits++;
            }
            else if (c == '.' && !sawDot)
            {
                sawDot = true;
                isFloat = true;
            }
            else
            {
                simple = false;
                break;
            }
        }

        if (simple && sawDigit)
        {
            if (mantissa <= (1UL << 53) && fractionDigits < PowersOf10.Length)
            {
                double m = mantissa;
                value = fractionDigits == 0 ? m : m / PowersOf10[fractionDigits];
                if (negative) value = -value;
                return true;
            }

            // 16–19 significant digits (most measured times): verified exact rounding, else the slow path.
            if (fractionDigits > 0 && TryQuotient(mantissa, fractionDigits, out double q))
            {
                value = negative ? -q : q;
                return true;
            }
        }

        string token = new string(text, start, end - start);
        bool parsed = PythonFormat.TryParseFloat(token, out value);

        // "12" written with a leading '+' or with many digits is still an integer token.
        isFloat = !parsed || token.IndexOfAny(FloatMarkers) >= 0;
        return parsed;
    }

    /// <summary>
    /// Whether the integer token <c>text[start, end)</c>, parsed as <paramref name="value"/>, is held
    /// exactly: its magnitude is at most 2^53 (what writers accept). 2^53 + 1 rounds to 2^53, so at
    /// 2^53 the digits decide.
    /// </summary>
    public static bool IsExactInteger(char[] text, int start, int end, double value)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        double magnitude = Math.Abs(value);
        if (magnitude != MaxExactInteger) return magnitude < MaxExactInteger;
        int i = start;
        if (i < end && (text[i] == '-' || text[i] == '+')) i++;
        while (i < end - 1 && text[i] == '0') i++;
        return end - i == MaxExactIntegerDigits.Length && string.CompareOrdinal(new string(text, i, end - i), MaxExactIntegerDigits) == 0;
    }

    /// <summary>
    /// The double nearest to <c>m / 10^k</c> (k ≤ 19), found without a big-number library: the
    /// quotient of the two doubles is within one unit in the last place, and each candidate is
    /// checked exactly in 128-bit integers (|m·2^s − F·10^k| &lt; 10^k / 2, ties to even, where the
    /// candidate is F·2^−s). Returns false when the check cannot decide (then the caller parses slowly).
    /// </summary>
    [MethodImpl(HotPath.Optimized)]
    internal static bool TryQuotient(ulong m, int k, out double result)
    {
        result = 0;
        if (k > 19) return false;
        double d = m / PowersOf10[k];
        ulong p = IntegerPowersOf10[k];
        if (IsNearest(m, p, d)) { result = d; return true; }
        double up = NextUp(d), down = NextDown(d);
        if (IsNearest(m, p, up)) { result = up; return true; }
        if (IsNearest(m, p, down)) { result = down; return true; }
        return false;
    }

    [MethodImpl(HotPath.Optimized)]
    private static bool IsNearest(ulong m, ulong p, double candidate)
    {
        long bits = BitConverter.DoubleToInt64Bits(candidate);
        int exponent = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & ((1L << 52) - 1);
        if (exponent == 0 || exponent == 0x7FF || fraction == 0) return false; // subnormal, special, or a power of two (uneven neighbours)
        ulong f = (ulong)fraction | (1UL << 52);
        int shift = 1075 - exponent; // candidate = f · 2^-shift
        if (shift <= 0 || shift >= 64) return false;
        ulong aHi = m >> (64 - shift), aLo = m << shift;     // m · 2^shift
        Multiply(f, p, out ulong bHi, out ulong bLo);        // f · 10^k
        ulong dHi, dLo;
        if (aHi > bHi || (aHi == bHi && aLo >= bLo))
        {
            dLo = aLo - bLo;
            dHi = aHi - bHi - (aLo < bLo ? 1UL : 0UL);
        }
        else
        {
            dLo = bLo - aLo;
            dHi = bHi - aHi - (bLo < aLo ? 1UL : 0UL);
        }

        if (dHi != 0 || dLo >= (1UL << 63)) return false;
        ulong twice = dLo << 1;
        return twice < p || (twice == p && (f & 1) == 0);
    }

    private static void Multiply(ulong a, ulong b, out ulong hi, out ulong lo)
    {
        ulong aLo = (uint)a, aHi = a >> 32, bLo = (uint)b, bHi = b >> 32;
        ulong ll = aLo * bLo, lh = aLo * bHi, hl = aHi * bLo, hh = aHi * bHi;
        ulong mid = (ll >> 32) + (uint)lh + (uint)hl;
        lo = (mid << 32) | (uint)ll;
        hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
    }

    private static double NextUp(double d) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(d) + 1);

    private static double NextDown(double d) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(d) - 1);
}
