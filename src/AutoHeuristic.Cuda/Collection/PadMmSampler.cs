using System;
using AutoHeuristic.Cuda.Blas;

namespace AutoHeuristic.Cuda.Collection;

/// <summary>What decides whether a drawn input is kept (PyTorch keeps only inputs that reach its AutoHeuristic call).</summary>
/// <param name="TotalMemory">Device memory in bytes, for PyTorch's <c>fits_in_memory</c> (a quarter of it).</param>
/// <param name="MinSize">Smallest m, k and n kept: PyTorch's pad_mm precondition (768 on H100/H200, 512 on A100, 0 elsewhere).</param>
/// <param name="MachineBalance">FLOP per byte above which a GEMM counts as compute-bound; PyTorch requires arithmetic intensity above half of it. 0 disables the gate.</param>
/// <param name="MaxGflop">Optional cap on 2·m·n·k in GFLOP (not PyTorch's: it bounds device time; null keeps the distribution).</param>
public sealed record InputGates(long TotalMemory, long MinSize, double MachineBalance, double? MaxGflop)
{
    /// <summary>Gates for an H100 SXM: 80 GB, minsize 768, 989.4 TFLOP/s ÷ 3.35 TB/s (bf16/fp16 dense).</summary>
    public static InputGates H100(double? maxGflop = null) => new(80L << 30, 768, 989.4e12 / 3.35e12, maxGflop);

    /// <summary>PyTorch's <c>is_mm_compute_bound</c> with this machine balance.</summary>
    public bool IsComputeBound(long m, long k, long n)
    {
        double denominator = (double)m * k + (double)k * n + (double)m * n;
        if (denominator == 0) return false;
        return MachineBalance <= 0 || (double)m * k * n / denominator > 0.5 * MachineBalance;
    }

    /// <summary>Whether the cap allows a GEMM.</summary>
    public bool WithinCap(long m, long k, long n) => MaxGflop is not double cap || 2.0 * m * k * n / 1e9 <= cap;
}

/// <summary>
/// PyTorch's pad_mm input distribution (<c>gen_data_pad_mm.py</c>), seeded: dtype uniform over
/// fp16/bf16/fp32 (fp32 uses TF32 with probability 0.2); with probability ½ every dimension is
/// uniform in [1, 65536], otherwise 75 % a power of two 2^[1..16] and 25 % strictly between two;
/// inputs with all three dimensions aligned are redrawn; transposes per <c>transpose_tensors</c>;
/// each operand prepadded with probability 0.2. Inputs that would not reach PyTorch's
/// AutoHeuristic call (precondition, compute-bound gate, memory) are redrawn, so every index
/// yields an input that is logged.
/// </summary>
public sealed class PadMmSampler : GatedSampler<PadMmInput>
{
    /// <summary>Creates the sampler.</summary>
    public PadMmSampler(int seed, InputGates gates)
        : base(seed, gates)
    {
    }

    /// <inheritdoc/>
    protected override string OperationName => "pad_mm";

    /// <inheritdoc/>
    protected override bool TryDraw(SampleRandom rng, out PadMmInput input)
    {
        input = Draw(rng);
        if (input.M < Gates.MinSize || input.K < Gates.MinSize || input.N < Gates.MinSize) return false;
        return Gates.IsComputeBound(input.M, input.K, input.N) && Gates.WithinCap(input.M, input.K, input.N);
    }

    private PadMmInput Draw(SampleRandom rng)
    {
        var dtype = (GemmDType)rng.Pick(3);
        bool tf32 = dtype == GemmDType.Float32 && rng.Float32UsesTf32();
        int align = dtype.AlignSize();
        bool uniform = rng.Chance(0.5);
        long m, k, n;
        while (true)
        {
            if (uniform)
            {
                m = rng.RandInt(1, 65536);
                k = rng.RandInt(1, 65536);
                n = rng.RandInt(1, 65536);
            }
            else
            {
                m = RandomDim(rng);
                k = RandomDim(rng);
                n = RandomDim(rng);
            }

            if (m % align == 0 && k % align == 0 && n % align == 0) continue;
            if (SampleRandom.FitsInMemory(dtype.Size(), m, k, n, Gates.TotalMemory)) break;
        }

        var (left, right) = rng.TransposeTensors();
        bool pre1 = rng.Chance(0.2);
        bool pre2 = rng.Chance(0.2);
        return new PadMmInput(m, k, n, dtype, tf32, left, right, pre1, pre2);
    }

    private static long RandomDim(SampleRandom rng) =>
        rng.Chance(0.75) ? 1L << (int)rng.RandInt(1, 16) : rng.RandomBetweenPow2(1, 16);
}
