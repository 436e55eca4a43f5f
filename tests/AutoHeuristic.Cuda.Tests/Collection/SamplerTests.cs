using System;
using System.Linq;
using AutoHeuristic.Cuda.Blas;
using AutoHeuristic.Cuda.Collection;
using NUnit.Framework;

namespace AutoHeuristic.Cuda.Tests.Collection;

public class SamplerTests
{
    private static readonly InputGates H100 = InputGates.H100();

    [Test]
    public void Input_i_of_a_seed_is_always_the_same_input()
    {
        var a = new PadMmSampler(7, H100);
        var b = new PadMmSampler(7, H100);
        Assert.That(Enumerable.Range(0, 50).Select(i => a.Sample(i)), Is.EqualTo(Enumerable.Range(0, 50).Select(i => b.Sample(i))));
        // Out of order too: a resumed run regenerates single inputs.
        Assert.That(a.Sample(42), Is.EqualTo(b.Sample(42)));
        Assert.That(new PadMmSampler(8, H100).Sample(0), Is.Not.EqualTo(a.Sample(0)));
    }

    [Test]
    public void Pad_mm_inputs_pass_the_H100_gates_and_are_never_fully_aligned()
    {
        var sampler = new PadMmSampler(1, H100);
        foreach (PadMmInput input in Enumerable.Range(0, 300).Select(i => sampler.Sample(i)))
        {
            Assert.That(Math.Min(input.M, Math.Min(input.K, input.N)), Is.GreaterThanOrEqualTo(768));
            Assert.That(input.MPadded + input.KPadded + input.NPadded, Is.GreaterThan(0), input.ToString());
            Assert.That(Math.Max(input.M, Math.Max(input.K, input.N)), Is.LessThanOrEqualTo(65536));
            Assert.That(input.UseTf32 && input.DType != GemmDType.Float32, Is.False);
        }
    }

    [Test]
    public void Pad_mm_distribution_has_PyTorchs_proportions()
    {
        var sampler = new PadMmSampler(2, new InputGates(80L << 30, 0, 0, null));
        var inputs = Enumerable.Range(0, 6000).Select(i => sampler.Sample(i)).ToArray();
        foreach (GemmDType t in Enum.GetValues<GemmDType>())
        {
            Assert.That(inputs.Count(x => x.DType == t) / 6000.0, Is.EqualTo(1.0 / 3).Within(0.03), t.ToString());
        }

        var fp32 = inputs.Where(x => x.DType == GemmDType.Float32).ToArray();
        Assert.That(fp32.Count(x => x.UseTf32) / (double)fp32.Length, Is.EqualTo(0.2).Within(0.03));
        Assert.That(inputs.Count(x => x.TransposeMat1 && x.TransposeMat2) / 6000.0, Is.EqualTo(0.05).Within(0.015));
        Assert.That(inputs.Count(x => !x.TransposeMat1 && !x.TransposeMat2) / 6000.0, Is.EqualTo(0.95 / 3).Within(0.03));
        Assert.That(inputs.Count(x => x.PrepaddedMat1) / 6000.0, Is.EqualTo(0.2).Within(0.03));
    }

    [Test]
    public void A_flop_cap_is_respected()
    {
        var sampler = new PadMmSampler(3, InputGates.H100(maxGflop: 100));
        Assert.That(Enumerable.Range(0, 100).Select(i => sampler.Sample(i)), Has.All.Matches<PadMmInput>(x => 2.0 * x.M * x.K * x.N <= 100e9));
    }

    [Test]
    public void Mm_inputs_respect_PyTorchs_size_limits()
    {
        var sampler = new MmSampler(4, H100);
        foreach (MmInput x in Enumerable.Range(0, 500).Select(i => sampler.Sample(i)))
        {
            Assert.That(x.M * x.K, Is.LessThan(1L << 31));
            Assert.That(x.M * x.N, Is.LessThan(1L << 31));
            Assert.That(x.K * x.N, Is.LessThan(1L << 31));
        }

        var dims = Enumerable.Range(0, 2000).Select(i => sampler.Sample(i)).SelectMany(x => new[] { x.M, x.K, x.N }).ToArray();
        Assert.That(dims.Count(d => d % 128 == 0 && d >= 1024) / (double)dims.Length, Is.GreaterThan(0.8), "mostly multiples of 128 from 1024 up");
    }

    [Test]
    public void Between_powers_of_two_is_strictly_between()
    {
        for (int i = 0; i < 500; i++)
        {
            long v = new SampleRandom(5, i).RandomBetweenPow2(1, 16);
            Assert.That(v & (v - 1), Is.Not.EqualTo(0), v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Test]
    public void Fits_in_memory_is_a_quarter_of_the_device()
    {
        Assert.That(SampleRandom.FitsInMemory(2, 65536, 65536, 65536, 80L << 30), Is.False);
        Assert.That(SampleRandom.FitsInMemory(2, 8192, 8192, 8192, 80L << 30), Is.True);
    }

    [Test]
    public void Compute_bound_gate_uses_half_the_machine_balance()
    {
        var gates = InputGates.H100();
        Assert.That(gates.IsComputeBound(768, 768, 768), Is.True);
        Assert.That(gates.IsComputeBound(16, 8192, 8192), Is.False);
    }
}
