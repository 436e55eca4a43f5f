using System;
using System.Collections.Generic;
using AutoHeuristic.Cuda.Blas;

namespace AutoHeuristic.Cuda.Collection;

/// <summary>One mm input (shape and dtype) as PyTorch's <c>gen_data_mm.py</c> draws it; each is measured under all four transpose layouts.</summary>
public sealed record MmInput(long M, long K, long N, GemmDType DType, bool UseTf32)
{
    /// <summary>The four layouts (transpose mat1, transpose mat2), in the order they are measured.</summary>
    public static IReadOnlyList<(bool Mat1, bool Mat2)> Layouts { get; } = new[] { (false, false), (true, false), (false, true), (true, true) };

    /// <summary>The problem of one layout.</summary>
    public MatmulProblem Problem(int layout) => MatmulProblem.Create(M, K, N, DType, UseTf32, Layouts[layout].Mat1, Layouts[layout].Mat2);

    /// <summary>PyTorch's mm features, in its order: m, k, n, dtypes, strides, contiguity, using_tf32.</summary>
    public static void AddFeatures(AHContext context, MatmulProblem p)
    {
        context.AddFeature("m", p.M);
        context.AddFeature("k", p.K);
        context.AddFeature("n", p.N);
        context.AddFeature("mat1_dtype", p.DType.TorchName(), isCategorical: true);
        context.AddFeature("mat2_dtype", p.DType.TorchName(), isCategorical: true);
        context.AddFeature("mat1_stride_0", p.Mat1Stride0);
        context.AddFeature("mat1_stride_1", p.Mat1Stride1);
        context.AddFeature("mat2_stride_0", p.Mat2Stride0);
        context.AddFeature("mat2_stride_1", p.Mat2Stride1);
        context.AddFeature("mat1_iscontig", p.Mat1Stride1 == 1 && p.Mat1Stride0 == p.K, isCategorical: true);
        context.AddFeature("mat2_iscontig", p.Mat2Stride1 == 1 && p.Mat2Stride0 == p.N, isCategorical: true);
        if (p.DType == GemmDType.Float32) context.AddFeature("using_tf32", p.UseTf32, isCategorical: true);
        else context.AddFeature("using_tf32", "not_float_32", isCategorical: true);
    }

    /// <summary>The autotuning inputs of one layout (PyTorch's <c>key_of</c>: device, dtype, sizes, strides).</summary>
    public static IReadOnlyList<AutotuneInput> AutotuneInputs(MatmulProblem p) => new[]
    {
        new AutotuneInput("cuda", p.DType.TorchName(), new[] { p.M, p.K }, new[] { p.Mat1Stride0, p.Mat1Stride1 }),
        new AutotuneInput("cuda", p.DType.TorchName(), new[] { p.K, p.N }, new[] { p.Mat2Stride0, p.Mat2Stride1 }),
    };
}

/// <summary>
/// PyTorch's mm input distribution (<c>gen_data_mm.py</c>), seeded: dtype uniform over
/// fp32/fp16/bf16 (fp32 uses TF32 with probability 0.2); each dimension 85 % a multiple of 128 in
/// [2^p, 2^(p+1)] with p in [10, 16], 10 % a power of two 2^[0..17], 4 % uniform in [1, 131072],
/// 1 % strictly between powers of two on [1, 17]; redrawn when m·k, m·n or k·n ≥ 2^31, when it
/// does not fit in memory, or above the optional cap.
/// </summary>
public sealed class MmSampler : GatedSampler<MmInput>
{
    /// <summary>Creates the sampler (only the memory and cap of <paramref name="gates"/> apply: mm has no precondition).</summary>
    public MmSampler(int seed, InputGates gates)
        : base(seed, gates)
    {
    }

    /// <inheritdoc/>
    protected override string OperationName => "mm";

    /// <inheritdoc/>
    protected override bool TryDraw(SampleRandom rng, out MmInput input)
    {
        input = null!;
        var dtype = (GemmDType)rng.Pick(3);
        bool tf32 = dtype == GemmDType.Float32 && rng.Float32UsesTf32();
        long m = RandomDim(rng), k = RandomDim(rng), n = RandomDim(rng);
        const long limit = 1L << 31;
        if (m * k >= limit || m * n >= limit || k * n >= limit) return false;
        if (!SampleRandom.FitsInMemory(dtype.Size(), m, k, n, Gates.TotalMemory) || !Gates.WithinCap(m, k, n)) return false;
        input = new MmInput(m, k, n, dtype, tf32);
        return true;
    }

    private static long RandomDim(SampleRandom rng)
    {
        switch (rng.PickWeighted(0.85, 0.10, 0.04, 0.01))
        {
            case 0:
                int p = (int)rng.RandInt(10, 16);
                return rng.RandInt((1L << p) / 128, (1L << (p + 1)) / 128) * 128;
            case 1:
                return 1L << (int)rng.RandInt(0, 17);
            case 2:
                return rng.RandInt(1, 131072);
            default:
                return rng.RandomBetweenPow2(1, 17);
        }
    }
}
