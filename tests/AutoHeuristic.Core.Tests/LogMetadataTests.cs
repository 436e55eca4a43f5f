using AutoHeuristic.Hardware;
using AutoHeuristic.Logs;
using NUnit.Framework;

namespace AutoHeuristic.Core.Tests;

public class LogMetadataTests
{
    private const string PadMmH100 =
        "{\"shared_memory\": 232448, \"device_capa\": [9, 0], \"name\": \"pad_mm\", \"numerical_features\": [\"m\", \"k\", \"n\"], \"categorical_features\": [\"mat1_dtype\", \"using_tf32\"]}";

    [Test]
    public void SerializesExactlyAsPythonJsonDumps()
    {
        var metadata = new LogMetadata(232448, new DeviceCapability(9, 0), "pad_mm", new[] { "m", "k", "n" }, new[] { "mat1_dtype", "using_tf32" });
        Assert.That(metadata.ToJson(), Is.EqualTo(PadMmH100));
    }

    [Test]
    public void RoundTrips()
    {
        LogMetadata parsed = LogMetadata.Parse(PadMmH100);
        Assert.That(parsed.ToJson(), Is.EqualTo(PadMmH100));
        Assert.That(parsed.Hardware, Is.EqualTo(HardwareKey.H100));
        Assert.That(parsed.IsCategorical("using_tf32"), Is.True);
    }

    [Test]
    public void AcceptsAnyKeyOrderAndIgnoresUnknownKeys()
    {
        // The layout of PyTorch's published pad_mm A100 log: older order, extra "choices".
        const string old = "{\"name\": \"pad_mm\", \"shared_memory\": 166912, \"device_capa\": [8, 0], \"choices\": [\"orig\", \"pad\"], \"numerical_features\": [\"m\"], \"categorical_features\": []}";
        LogMetadata parsed = LogMetadata.Parse(old);
        Assert.That(parsed.Name, Is.EqualTo("pad_mm"));
        Assert.That(parsed.Hardware, Is.EqualTo(HardwareKey.A100));
        Assert.That(parsed.NumericalFeatures, Is.EqualTo(new[] { "m" }));
        Assert.That(parsed.CategoricalFeatures, Is.Empty);
    }

    [TestCase("not json")]
    [TestCase("{\"shared_memory\": 1}")]
    [TestCase("{\"shared_memory\": 1, \"device_capa\": [9], \"name\": \"x\", \"numerical_features\": [], \"categorical_features\": []}")]
    [TestCase("[1, 2]")]
    public void BrokenMetadataNamesLineOne(string line)
    {
        var ex = Assert.Throws<LogFormatException>(() => LogMetadata.Parse(line));
        Assert.That(ex!.Line, Is.EqualTo(1));
    }

    [TestCase("\"device_capa\": [9.5, 0]", "device_capa")]
    [TestCase("\"device_capa\": [9, 0.25]", "device_capa")]
    [TestCase("\"device_capa\": [-9, 0]", "device_capa")]
    [TestCase("\"device_capa\": [9, 3000000000]", "device_capa")]
    [TestCase("\"shared_memory\": 1.5", "shared_memory")]
    [TestCase("\"shared_memory\": 1e308", "shared_memory")]
    [TestCase("\"shared_memory\": -232448", "shared_memory")]
    [TestCase("\"shared_memory\": 9007199254740993", "shared_memory")]
    public void NumbersAreWholeAndInRangeNeverRoundedOrClamped(string replacement, string key)
    {
        string line = PadMmH100.Replace("\"device_capa\": [9, 0]", key == "device_capa" ? replacement : "\"device_capa\": [9, 0]")
            .Replace("\"shared_memory\": 232448", key == "shared_memory" ? replacement : "\"shared_memory\": 232448");
        var ex = Assert.Throws<LogFormatException>(() => LogMetadata.Parse(line));
        Assert.That(ex!.Message, Does.Contain("\"" + key + "\""));
        Assert.That((ex.Line, ex.Column), Is.EqualTo((1, line.IndexOf(replacement, System.StringComparison.Ordinal) + key.Length + 5)));
    }

    [Test]
    public void WholeNumbersWrittenAsFloatsAreTheirValue()
    {
        LogMetadata parsed = LogMetadata.Parse(PadMmH100.Replace("232448", "232448.0").Replace("[9, 0]", "[9.0, 0]"));
        Assert.That(parsed.Hardware, Is.EqualTo(HardwareKey.H100));
    }

    [TestCase("[\"m\", \"\"]")]
    [TestCase("[\"m,k\"]")]
    [TestCase("[\"m\\\"\"]")]
    [TestCase("[\"m\\n\"]")]
    [TestCase("[\"m\", \"m\"]")]
    [TestCase("[\"choice\"]")]
    [TestCase("[\"feedback\"]")]
    public void FeatureNamesMustBeUsableAsHeaderCells(string numerical)
    {
        string line = PadMmH100.Replace("[\"m\", \"k\", \"n\"]", numerical);
        var ex = Assert.Throws<LogFormatException>(() => LogMetadata.Parse(line));
        Assert.That(ex!.Message, Does.Contain("\"numerical_features\""));
        Assert.That(ex.Column, Is.EqualTo(line.IndexOf(numerical, System.StringComparison.Ordinal) + 1));
    }

    [Test]
    public void HeaderAndRowFollowPyTorchLayout()
    {
        Assert.That(LogFormat.Header(new[] { "fa" }), Is.EqualTo("fa,choice,feedback"));
        Assert.That(LogFormat.Row(new[] { "5" }, "a", 1.0), Is.EqualTo("5,a,1.0"));
        Assert.That(LogFormat.Row(new[] { "5", "torch.float16" }, "pad", double.PositiveInfinity), Is.EqualTo("5,torch.float16,pad,inf"));
    }
}
