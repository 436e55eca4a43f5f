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

    [Test]
    public void HeaderAndRowFollowPyTorchLayout()
    {
        Assert.That(LogFormat.Header(new[] { "fa" }), Is.EqualTo("fa,choice,feedback"));
        Assert.That(LogFormat.Row(new[] { "5" }, "a", 1.0), Is.EqualTo("5,a,1.0"));
        Assert.That(LogFormat.Row(new[] { "5", "torch.float16" }, "pad", double.PositiveInfinity), Is.EqualTo("5,torch.float16,pad,inf"));
    }
}
