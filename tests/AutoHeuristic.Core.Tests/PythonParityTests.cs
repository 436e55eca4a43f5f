using System;
using System.Globalization;
using System.IO;
using AutoHeuristic.Features;
using AutoHeuristic.Formatting;
using NUnit.Framework;

namespace AutoHeuristic.Core.Tests;

/// <summary>
/// Python <c>str()</c> parity against values CPython itself formatted (Fixtures/python_float_str.txt:
/// the float's bits in hex, then <c>str(value)</c>), covering every decimal exponent from -324 to 308.
/// </summary>
public sealed class PythonParityTests
{
    [Test]
    public void Floats_match_cpython_str_bit_for_bit()
    {
        string path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "python_float_str.txt");
        int checkedCount = 0;
        foreach (string line in File.ReadAllLines(path))
        {
            if (line.StartsWith("#", StringComparison.Ordinal) || line.Length == 0) continue;
            string[] parts = line.Split(' ');
            double value = BitConverter.Int64BitsToDouble(unchecked((long)ulong.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            Assert.That(PythonFormat.Str(value), Is.EqualTo(parts[1]), $"bits {parts[0]}");
            Assert.That(FeatureValue.FromFloat(value).Text, Is.EqualTo(parts[1]));
            Assert.That(PythonFormat.TryParseFloat(parts[1], out double back) && (back.Equals(value)), Is.True, $"round trip of {parts[1]}");
            checkedCount++;
        }

        Assert.That(checkedCount, Is.GreaterThan(150));
    }

    [Test]
    public void Every_value_kind_reads_back_as_the_same_kind()
    {
        Assert.That(FeatureValue.Parse("True"), Is.EqualTo(FeatureValue.FromBool(true)));
        Assert.That(FeatureValue.Parse("False").Text, Is.EqualTo("False"));
        Assert.That(FeatureValue.Parse("-42"), Is.EqualTo(FeatureValue.FromInteger(-42)));
        Assert.That(FeatureValue.Parse("1e-05"), Is.EqualTo(FeatureValue.FromFloat(1e-05)));
        Assert.That(FeatureValue.Parse("inf"), Is.EqualTo(FeatureValue.FromFloat(double.PositiveInfinity)));
        Assert.That(FeatureValue.Parse("3.0").Kind, Is.EqualTo(FeatureValueKind.Float));
        Assert.That(FeatureValue.Parse("torch.float16"), Is.EqualTo(FeatureValue.FromText("torch.float16")));
        Assert.That(FeatureValue.Parse("not_float_32").Kind, Is.EqualTo(FeatureValueKind.Text));
    }

    [Test]
    public void Integers_and_bools_are_python_text()
    {
        Assert.That(FeatureValue.FromInteger(-(1L << 53)).Text, Is.EqualTo("-9007199254740992"));
        Assert.That(FeatureValue.FromInteger(0).Text, Is.EqualTo("0"));
        Assert.That(FeatureValue.FromBool(true).Text, Is.EqualTo("True"));
        Assert.That(FeatureValue.FromBool(false).Number, Is.EqualTo(0.0));
    }
}
