using AutoHeuristic.Formatting;
using NUnit.Framework;

namespace AutoHeuristic.Core.Tests;

public class PythonFormatTests
{
    // Expected strings are what CPython 3 prints for str(x).
    [TestCase(0.1, "0.1")]
    [TestCase(1.0, "1.0")]
    [TestCase(-2.5, "-2.5")]
    [TestCase(1e-05, "1e-05")]
    [TestCase(0.0001, "0.0001")]
    [TestCase(123456789012345.0, "123456789012345.0")]
    [TestCase(1e16, "1e+16")]
    [TestCase(1.5e16, "1.5e+16")]
    [TestCase(9999999999999998.0, "9999999999999998.0")]
    [TestCase(0.30000000000000004, "0.30000000000000004")]
    [TestCase(1.7976931348623157e308, "1.7976931348623157e+308")]
    [TestCase(5e-324, "5e-324")]
    [TestCase(0.0, "0.0")]
    [TestCase(-0.0, "-0.0")]
    [TestCase(double.PositiveInfinity, "inf")]
    [TestCase(double.NegativeInfinity, "-inf")]
    [TestCase(double.NaN, "nan")]
    [TestCase(0.012345, "0.012345")]
    [TestCase(2.0 / 3.0, "0.6666666666666666")]
    public void FloatsAreWrittenAsPythonRepr(double value, string expected) =>
        Assert.That(PythonFormat.Str(value), Is.EqualTo(expected));

    [Test]
    public void BoolsAndIntegers()
    {
        Assert.That(PythonFormat.Str(true), Is.EqualTo("True"));
        Assert.That(PythonFormat.Str(false), Is.EqualTo("False"));
        Assert.That(PythonFormat.Str(-42L), Is.EqualTo("-42"));
        Assert.That(PythonFormat.Str(long.MaxValue), Is.EqualTo("9223372036854775807"));
    }

    [TestCase("inf", double.PositiveInfinity)]
    [TestCase("-inf", double.NegativeInfinity)]
    [TestCase("1e-05", 1e-05)]
    [TestCase("0.25", 0.25)]
    [TestCase("12", 12.0)]
    public void ParsesPythonFloats(string text, double expected)
    {
        Assert.That(PythonFormat.TryParseFloat(text, out double value), Is.True);
        Assert.That(value, Is.EqualTo(expected));
    }

    [TestCase("abc")]
    [TestCase("")]
    [TestCase("1,5")]
    public void RejectsNonNumbers(string text) => Assert.That(PythonFormat.TryParseFloat(text, out _), Is.False);

    [TestCase("a,b")]
    [TestCase("a\"b")]
    [TestCase("a\nb")]
    [TestCase("a\rb")]
    [TestCase("a\0b")]
    [TestCase("caf\uFFFD")]
    public void CsvUnsafeTextIsRejectedWithItsName(string text)
    {
        var ex = Assert.Throws<System.ArgumentException>(() => PythonFormat.EnsureCsvSafe(text, "Feature name", "name"));
        Assert.That(ex!.Message, Does.Contain("Feature name"));
        Assert.That(PythonFormat.IsCsvSafe(text), Is.False);
    }

    [TestCase("torch.float16")]
    [TestCase("")]
    [TestCase("a b;c")]
    public void CsvSafeTextIsAccepted(string text)
    {
        Assert.That(PythonFormat.IsCsvSafe(text), Is.True);
        Assert.DoesNotThrow(() => PythonFormat.EnsureCsvSafe(text, "Feature name", "name"));
    }
}
