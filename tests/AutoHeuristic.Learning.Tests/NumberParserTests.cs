using System.Globalization;
using AutoHeuristic.Learning.Logs;
using CsCheck;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

public class NumberParserTests
{
    private static double Parse(string s)
    {
        Assert.That(NumberParser.TryParse(s.ToCharArray(), 0, s.Length, out double v, out _), Is.True, s);
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
    public void Parses_like_the_framework(string text) =>
        Assert.That(Parse(text), Is.EqualTo(double.Parse(text.Replace("inf", "Infinity"), CultureInfo.InvariantCulture)));

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
}
