using System;
using System.Globalization;
using AutoHeuristic.Logs;
using CsCheck;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>The log readers' number parser (Core's <see cref="LogNumber"/>) against the framework's correctly rounded parser.</summary>
public class LogNumberTests
{
    private static double Parse(string s) => Parse(s, out _);

    private static double Parse(string s, out bool isFloat)
    {
        Assert.That(LogNumber.TryParse(s.ToCharArray(), 0, s.Length, out double v, out isFloat), Is.True, s);
        return v;
    }

    [TestCase("148.8771209716797")]
    [TestCase("0.10347199440002441")]
    [TestCase("0.7470399737358093")]
    [TestCase("12")]
    [TestCase("-3.5")]
    [TestCase("1e-05")]
    [TestCase("inf")]
    [TestCase("9007199254740993")]
    [TestCase("0.30000000000000004")]
    [TestCase("123456789.01234567891")]
    [TestCase("0.000000000000000000000001")]
    [TestCase("0.0000000000000000000000000000000000000000000000000001")]
    [TestCase("1.00000000000000000000000000000000000000")]
    [TestCase("0.12345678901234567890123")]
    [TestCase("5.")]
    [TestCase(".5")]
    [TestCase("-0")]
    public void Parses_like_the_framework(string text) =>
        Assert.That(Parse(text), Is.EqualTo(double.Parse(text.Replace("inf", "Infinity"), CultureInfo.InvariantCulture)));

    [TestCase("0.000000000000000000000001")]
    [TestCase("00000000000000000000000000000000000.5")]
    public void Twenty_three_or_more_decimals_do_not_crash(string text)
    {
        // 22 is the largest exact power of ten: longer fractions used to index past the table.
        Assert.That(Parse(text, out bool isFloat), Is.EqualTo(double.Parse(text, CultureInfo.InvariantCulture)));
        Assert.That(isFloat, Is.True);
    }

    [TestCase("")]
    [TestCase("-")]
    [TestCase("+")]
    [TestCase(".")]
    [TestCase("-.")]
    [TestCase("+.")]
    [TestCase("1.2.3")]
    [TestCase("12a")]
    public void Refuses_what_is_not_a_number(string text) =>
        Assert.That(LogNumber.TryParse(text.ToCharArray(), 0, text.Length, out _, out _), Is.False, text);

    [TestCase("12", false)]
    [TestCase("+12", false)]
    [TestCase("-12", false)]
    [TestCase("123456789012345678901234567890", false)]
    [TestCase("12.0", true)]
    [TestCase("1e5", true)]
    [TestCase("1E5", true)]
    [TestCase("inf", true)]
    [TestCase("nan", true)]
    public void Integer_and_float_tokens_are_told_apart_as_pandas_types_them(string text, bool isFloat)
    {
        Parse(text, out bool actual);
        Assert.That(actual, Is.EqualTo(isFloat), text);
    }

    [Test]
    public void Random_decimal_strings_parse_exactly_like_the_framework()
    {
        // Signs, 0–40 digits before and after the dot (long zero runs included), optional exponent.
        Gen<string> digits = Gen.OneOf(
            Gen.Char['0', '9'].Array[0, 40].Select(c => new string(c)),
            Gen.Select(Gen.Int[0, 40], Gen.Char['0', '9'].Array[0, 20]).Select((zeros, tail) => new string('0', zeros) + new string(tail)));
        Gen<string> token = Gen.Select(Gen.OneOfConst("", "-", "+"), digits, Gen.Bool, digits, Gen.OneOf(Gen.Const(""), Gen.Select(Gen.OneOfConst("e", "E"), Gen.OneOfConst("", "-", "+"), Gen.Int[0, 330]).Select((e, sign, n) => e + sign + n.ToString(CultureInfo.InvariantCulture))))
            .Select((sign, whole, dot, fraction, exponent) => sign + whole + (dot ? "." + fraction : string.Empty) + exponent)
            .Where(HasMantissaDigit);
        token.Sample(text =>
        {
            double expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            bool parsed = LogNumber.TryParse(text.ToCharArray(), 0, text.Length, out double actual, out bool isFloat);
            bool expectFloat = text.IndexOfAny(new[] { '.', 'e', 'E' }) >= 0;
            return parsed && BitConverter.DoubleToInt64Bits(actual) == BitConverter.DoubleToInt64Bits(expected) && isFloat == expectFloat;
        }, iter: 200_000);
    }

    [Test]
    public void Long_decimals_round_exactly_like_the_framework()
    {
        // Measured times are written with up to 17 significant digits: the exact path must round correctly.
        Gen.Select(Gen.ULong[1, 9_999_999_999_999_999_999UL], Gen.Int[1, 19]).Sample((mantissa, fractionDigits) =>
        {
            string digits = mantissa.ToString(CultureInfo.InvariantCulture).PadLeft(fractionDigits + 1, '0');
            string text = digits.Substring(0, digits.Length - fractionDigits) + "." + digits.Substring(digits.Length - fractionDigits);
            return Parse(text) == double.Parse(text, CultureInfo.InvariantCulture);
        }, iter: 200_000);
    }

    [Test]
    public void Round_trip_of_doubles_is_exact()
    {
        Gen.Double[1e-4, 1e4].Sample(d =>
        {
            string text = d.ToString("R", CultureInfo.InvariantCulture);
            return text.Contains('E') || Parse(text) == d;
        }, iter: 200_000);
    }

    // The mantissa (before any exponent) must hold a digit: "." or ".e5" is not a number.
    private static bool HasMantissaDigit(string token)
    {
        int e = token.IndexOfAny(new[] { 'e', 'E' });
        string mantissa = e < 0 ? token : token.Substring(0, e);
        foreach (char c in mantissa) if (char.IsDigit(c)) return true;
        return false;
    }
}
