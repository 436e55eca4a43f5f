using System.Collections.Generic;
using System.Linq;
using AutoHeuristic.Features;
using AutoHeuristic.Hardware;
using NUnit.Framework;

namespace AutoHeuristic.Core.Tests;

public class StandardOperationsTests
{
    private sealed class Dict : IFeatureSource
    {
        private readonly Dictionary<string, FeatureValue> _values = new();

        public Dict Add(string name, FeatureValue value)
        {
            _values[name] = value;
            return this;
        }

        public bool TryGetValue(string name, out FeatureValue value) => _values.TryGetValue(name, out value);
    }

    private static Dict PadMmContext(long m, long k, long n, string dtype = "torch.bfloat16") => new Dict()
        .Add("m", FeatureValue.FromInteger(m)).Add("k", FeatureValue.FromInteger(k)).Add("n", FeatureValue.FromInteger(n))
        .Add("mat1_dtype", FeatureValue.FromText(dtype))
        .Add("mat1_stride_0", FeatureValue.FromInteger(k)).Add("mat1_stride_1", FeatureValue.FromInteger(1))
        .Add("mat2_stride_0", FeatureValue.FromInteger(1)).Add("mat2_stride_1", FeatureValue.FromInteger(k))
        .Add("m_padded_length", FeatureValue.FromInteger(0)).Add("k_padded_length", FeatureValue.FromInteger(3))
        .Add("n_padded_length", FeatureValue.FromInteger(0));

    [Test]
    public void PadMmNamesAndOrderMatchPyTorch()
    {
        string[] expected =
        {
            "m*k", "m*n", "k*n", "k/(m*n)", "bfloat_perf_hit", "arith_intensity", "mat1_innermost_needs_padding",
            "mat2_innermost_needs_padding", "num_dims_needs_padding",
            "m_multiple_2", "m_multiple_4", "m_multiple_8", "m_multiple_16", "m_multiple_32",
            "k_multiple_2", "k_multiple_4", "k_multiple_8", "k_multiple_16", "k_multiple_32",
            "n_multiple_2", "n_multiple_4", "n_multiple_8", "n_multiple_16", "n_multiple_32",
            "mat1_iscontig", "mat2_iscontig",
        };
        Assert.That(StandardOperations.PadMm.Select(o => o.Name), Is.EqualTo(expected));
    }

    [Test]
    public void PadMmWorkedExample()
    {
        // m=2, k=4100 (not a multiple of 8, 3 to pad), n=3; mat2 column-major.
        Dict ctx = PadMmContext(2, 4100, 3);
        Dictionary<string, string> values = StandardOperations.PadMm.ToDictionary(o => o.Name, o => o.Evaluate(ctx).Text);
        Assert.That(values["m*k"], Is.EqualTo("8200"));
        Assert.That(values["k/(m*n)"], Is.EqualTo("683.3333333333334")); // Python: 4100/6
        Assert.That(values["bfloat_perf_hit"], Is.EqualTo("True")); // k > 1024*m and k > 1024*n, bf16
        Assert.That(values["arith_intensity"], Is.EqualTo("1.1996488832536818")); // Python: 24600/(8200+12300+6)
        Assert.That(values["mat1_innermost_needs_padding"], Is.EqualTo("True")); // stride_1 == 1 and k padded
        Assert.That(values["mat2_innermost_needs_padding"], Is.EqualTo("True")); // stride_0 == 1 and k padded
        Assert.That(values["num_dims_needs_padding"], Is.EqualTo("1"));
        Assert.That(values["k_multiple_4"], Is.EqualTo("True"));
        Assert.That(values["k_multiple_8"], Is.EqualTo("False"));
        Assert.That(values["m_multiple_2"], Is.EqualTo("True"));
        Assert.That(values["mat1_iscontig"], Is.EqualTo("True"));
        Assert.That(values["mat2_iscontig"], Is.EqualTo("False"));
    }

    [Test]
    public void MixedMmHasBetweenOpsPerDimension()
    {
        Assert.That(StandardOperations.MixedMm.Select(o => o.Name).Take(8), Is.EqualTo(new[]
        {
            "m*k", "m*n", "k*n", "arith_intensity", "1LEQmLEQ16", "17LEQmLEQ32", "33LEQmLEQ64", "65LEQmLEQ128",
        }));
        Assert.That(StandardOperations.MixedMm.Count, Is.EqualTo(19));
        Dict ctx = new Dict().Add("m", FeatureValue.FromInteger(16)).Add("k", FeatureValue.FromInteger(0)).Add("n", FeatureValue.FromInteger(129));
        Dictionary<string, string> v = StandardOperations.MixedMm.ToDictionary(o => o.Name, o => o.Evaluate(ctx).Text);
        Assert.That(v["1LEQmLEQ16"], Is.EqualTo("True"));
        Assert.That(v["129LEQnLEQ256"], Is.EqualTo("True"));
        Assert.That(v["arith_intensity"], Is.EqualTo("0.0"));
    }

    [Test]
    public void PadMmPreconditionUsesPyTorchMinimumSizes()
    {
        var a100 = new AHMetadata(166912, new DeviceCapability(8, 0), new[] { "orig", "pad" }, "pad_mm");
        var h100 = new AHMetadata(232448, new DeviceCapability(9, 0), new[] { "orig", "pad" }, "pad_mm");
        var other = new AHMetadata(0, DeviceCapability.None, new[] { "orig", "pad" }, "pad_mm");
        Dict ctx = PadMmContext(600, 600, 600);
        Assert.That(StandardPreconditions.PadMm(a100, ctx), Is.True);
        Assert.That(StandardPreconditions.PadMm(h100, ctx), Is.False);
        Assert.That(StandardPreconditions.PadMm(other, PadMmContext(1, 1, 1)), Is.True);
    }

    // Expected texts computed with CPython 3.11 from PyTorch's formulas (k / (m * n) and
    // m*k*n / (m*k + k*n + m*n) on Python ints, then str()).
    [TestCase(29088, 41523, 5535, "1207821024", "161002080", "229829805", "0.00025790350037713797", "4181.8266680675715")]
    [TestCase(1000, 1500, 2000, "1500000", "2000000", "3000000", "0.00075", "461.53846153846155")]
    [TestCase(7, 8192, 3, "57344", "21", "24576", "390.0952380952381", "2.099461807886162")]
    public void MmOperationValuesMatchPython(long m, long k, long n, string mk, string mn, string kn, string kOverMn, string intensity)
    {
        Dict ctx = PadMmContext(m, k, n);
        Dictionary<string, string> pad = StandardOperations.PadMm.ToDictionary(o => o.Name, o => o.Evaluate(ctx).Text);
        Dictionary<string, string> mm = StandardOperations.Mm.ToDictionary(o => o.Name, o => o.Evaluate(ctx).Text);
        Assert.That(new[] { pad["m*k"], pad["m*n"], pad["k*n"], pad["k/(m*n)"], pad["arith_intensity"] }, Is.EqualTo(new[] { mk, mn, kn, kOverMn, intensity }));
        Assert.That(mm, Is.EqualTo(new Dictionary<string, string> { ["m*k"] = mk, ["m*n"] = mn, ["k*n"] = kn, ["arith_intensity"] = intensity }));
    }

    [Test]
    public void MultiplesAndContiguityFollowTheStrides()
    {
        Dict ctx = PadMmContext(96, 4096, 17);
        Dictionary<string, string> v = StandardOperations.PadMm.ToDictionary(o => o.Name, o => o.Evaluate(ctx).Text);
        Assert.That(new[] { v["m_multiple_2"], v["m_multiple_16"], v["m_multiple_32"], v["n_multiple_2"], v["k_multiple_32"] },
            Is.EqualTo(new[] { "True", "True", "True", "False", "True" }));
        Assert.That(v["num_dims_needs_padding"], Is.EqualTo("1"));
        Assert.That(v["bfloat_perf_hit"], Is.EqualTo("False"), "k is not above 1024*m");
        Dict fp16 = PadMmContext(2, 4100, 3, "torch.float16");
        Assert.That(StandardOperations.PadMm.Single(o => o.Name == "bfloat_perf_hit").Evaluate(fp16).Text, Is.EqualTo("False"), "only bfloat16 is hit");
    }
}
