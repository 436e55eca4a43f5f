using System;
using System.Collections.Generic;
using AutoHeuristic.Cuda.Blas;
using AutoHeuristic.Features;

namespace AutoHeuristic.Cuda.Collection;

/// <summary>
/// One pad_mm input as PyTorch's <c>gen_data_pad_mm.py</c> draws it: <c>mat1</c> (m×k) and
/// <c>mat2</c> (k×n), each possibly transposed (stored as its transpose, stride 1 in dimension
/// 0) and possibly "prepadded" (its padding is free: done outside the timed region).
/// </summary>
public sealed record PadMmInput(
    long M, long K, long N, GemmDType DType, bool UseTf32, bool TransposeMat1, bool TransposeMat2, bool PrepaddedMat1, bool PrepaddedMat2)
{
    /// <summary>The choices, in PyTorch's order.</summary>
    public static IReadOnlyList<string> Choices { get; } = new[] { "orig", "pad" };

    /// <summary>The logged feature names in PyTorch's CSV order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } = new[]
    {
        "m", "k", "n", "mat1_stride_0", "mat1_stride_1", "mat2_stride_0", "mat2_stride_1",
        "m_padded_length", "k_padded_length", "n_padded_length", "mat1_align_size", "mat2_align_size",
        "mat1_dtype", "mat2_dtype", "prepadded_mat1", "prepadded_mat2", "using_tf32",
    };

    /// <summary>The unpadded problem (tight strides, contiguous result).</summary>
    public MatmulProblem Problem => MatmulProblem.Create(M, K, N, DType, UseTf32, TransposeMat1, TransposeMat2);

    /// <summary>PyTorch's alignment for this dtype (<c>get_alignment_size</c>).</summary>
    public int AlignSize => DType.AlignSize();

    /// <summary>Padding of m.</summary>
    public long MPadded => PaddedLength(M, AlignSize);

    /// <summary>Padding of k.</summary>
    public long KPadded => PaddedLength(K, AlignSize);

    /// <summary>Padding of n.</summary>
    public long NPadded => PaddedLength(N, AlignSize);

    /// <summary>Whether mat1 is padded on the pad path (m or k needs padding).</summary>
    public bool PadsMat1 => MPadded != 0 || KPadded != 0;

    /// <summary>Whether mat2 is padded on the pad path (k or n needs padding).</summary>
    public bool PadsMat2 => KPadded != 0 || NPadded != 0;

    /// <summary>
    /// PyTorch's <c>get_padded_length(x, alignment)</c>: elements to the next multiple of the
    /// alignment; 0 when already aligned, for size 1 and for alignment 0.
    /// </summary>
    public static long PaddedLength(long x, int alignment)
    {
        if (alignment == 0 || x % alignment == 0 || x == 1) return 0;
        return (x + alignment - 1) / alignment * alignment - x;
    }

    /// <summary>Fills <paramref name="context"/> with PyTorch's pad_mm features, in its order and with its values.</summary>
    public void AddFeatures(AHContext context)
    {
        MatmulProblem p = Problem;
        context.AddFeature("m", M);
        context.AddFeature("k", K);
        context.AddFeature("n", N);
        context.AddFeature("mat1_stride_0", p.Mat1Stride0);
        context.AddFeature("mat1_stride_1", p.Mat1Stride1);
        context.AddFeature("mat2_stride_0", p.Mat2Stride0);
        context.AddFeature("mat2_stride_1", p.Mat2Stride1);
        context.AddFeature("m_padded_length", MPadded);
        context.AddFeature("k_padded_length", KPadded);
        context.AddFeature("n_padded_length", NPadded);
        context.AddFeature("mat1_align_size", (long)AlignSize);
        context.AddFeature("mat2_align_size", (long)AlignSize);
        context.AddFeature("mat1_dtype", DType.TorchName(), isCategorical: true);
        context.AddFeature("mat2_dtype", DType.TorchName(), isCategorical: true);
        context.AddFeature("prepadded_mat1", PrepaddedMat1, isCategorical: true);
        context.AddFeature("prepadded_mat2", PrepaddedMat2, isCategorical: true);
        if (DType == GemmDType.Float32) context.AddFeature("using_tf32", UseTf32, isCategorical: true);
        else context.AddFeature("using_tf32", "not_float_32", isCategorical: true);
    }

    /// <summary>The feature values as logged (Python <c>str()</c>), in <see cref="FeatureNames"/> order.</summary>
    public IReadOnlyList<string> FeatureTexts()
    {
        var context = new AHContext();
        AddFeatures(context);
        return ExistingRows.FeatureTexts(context);
    }
}
