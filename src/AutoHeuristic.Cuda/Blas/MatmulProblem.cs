using System;
using AutoHeuristic.Cuda.Native;

namespace AutoHeuristic.Cuda.Blas;

/// <summary>Element types of the GEMMs studied (PyTorch's <c>torch.float16</c>, <c>torch.bfloat16</c>, <c>torch.float32</c>).</summary>
public enum GemmDType
{
    /// <summary>torch.float16.</summary>
    Float16,
    /// <summary>torch.bfloat16.</summary>
    BFloat16,
    /// <summary>torch.float32.</summary>
    Float32,
}

/// <summary>Facts about a <see cref="GemmDType"/>.</summary>
public static class GemmDTypes
{
    /// <summary>Bytes per element.</summary>
    public static int Size(this GemmDType t) => t == GemmDType.Float32 ? 4 : 2;

    /// <summary>PyTorch's <c>str(dtype)</c>.</summary>
    public static string TorchName(this GemmDType t) => t switch
    {
        GemmDType.Float16 => "torch.float16",
        GemmDType.BFloat16 => "torch.bfloat16",
        _ => "torch.float32",
    };

    /// <summary>The dtype PyTorch writes as <paramref name="torchName"/> (<c>torch.float16</c>, <c>torch.bfloat16</c>, <c>torch.float32</c>); false for any other text.</summary>
    public static bool TryFromTorchName(string torchName, out GemmDType dtype)
    {
        switch (torchName)
        {
            case "torch.float16": dtype = GemmDType.Float16; return true;
            case "torch.bfloat16": dtype = GemmDType.BFloat16; return true;
            case "torch.float32": dtype = GemmDType.Float32; return true;
            default: dtype = default; return false;
        }
    }

    /// <summary>The CUDA data type.</summary>
    public static CudaDataType CudaType(this GemmDType t) => t switch
    {
        GemmDType.Float16 => CudaDataType.R16F,
        GemmDType.BFloat16 => CudaDataType.R16BF,
        _ => CudaDataType.R32F,
    };

    /// <summary>The fill-kernel kind (0 fp32, 1 fp16, 2 bf16).</summary>
    internal static int FillKind(this GemmDType t) => t switch
    {
        GemmDType.Float16 => 1,
        GemmDType.BFloat16 => 2,
        _ => 0,
    };

    /// <summary>PyTorch's alignment for padding (<c>get_alignment_size</c>): 8 for fp16/bf16, 4 for fp32.</summary>
    public static int AlignSize(this GemmDType t) => t == GemmDType.Float32 ? 4 : 8;
}

/// <summary>
/// One PyTorch-style GEMM <c>mat1 (m×k) @ mat2 (k×n)</c>, row-major semantics with element
/// strides (a transposed operand has stride 1 in dimension 0), written to a contiguous
/// m×<see cref="OutputLd"/> result. <see cref="UseTf32"/> applies to fp32 only.
/// </summary>
public sealed record MatmulProblem(
    long M, long K, long N, GemmDType DType, bool UseTf32,
    long Mat1Stride0, long Mat1Stride1, long Mat2Stride0, long Mat2Stride1, long OutputLd)
{
    /// <summary>A problem with contiguous or transposed operands (tight strides) and a contiguous result.</summary>
    public static MatmulProblem Create(long m, long k, long n, GemmDType dtype, bool useTf32, bool transposeMat1, bool transposeMat2) =>
        new(m, k, n, dtype, useTf32,
            transposeMat1 ? 1 : k, transposeMat1 ? m : 1,
            transposeMat2 ? 1 : n, transposeMat2 ? k : 1,
            n);

    /// <summary>Floating-point operations (2·m·n·k).</summary>
    public double Flops => 2.0 * M * N * K;

    /// <summary>Bytes of the three matrices.</summary>
    public long Bytes => DType.Size() * (Mat1Elements + Mat2Elements + M * OutputLd);

    /// <summary>Elements spanned by mat1's storage.</summary>
    public long Mat1Elements => Span(M, K, Mat1Stride0, Mat1Stride1);

    /// <summary>Elements spanned by mat2's storage.</summary>
    public long Mat2Elements => Span(K, N, Mat2Stride0, Mat2Stride1);

    /// <summary>cuBLASLt's compute type for this problem.</summary>
    public CublasComputeType ComputeType => DType == GemmDType.Float32 && UseTf32 ? CublasComputeType.Compute32FFastTF32 : CublasComputeType.Compute32F;

    /// <summary>
    /// The column-major view cuBLASLt sees: D(n×m) = op(A)·op(B) with A = mat2, B = mat1.
    /// Returns (rows, cols, ld, transposed) for A and B.
    /// </summary>
    public ((ulong Rows, ulong Cols, long Ld, CublasOperation Op) A, (ulong Rows, ulong Cols, long Ld, CublasOperation Op) B) ColumnMajorView()
    {
        var a = Operand(K, N, Mat2Stride0, Mat2Stride1, "mat2");
        var b = Operand(M, K, Mat1Stride0, Mat1Stride1, "mat1");
        return (a, b);
    }

    private static (ulong, ulong, long, CublasOperation) Operand(long rows, long cols, long s0, long s1, string what)
    {
        // Row-major rows×cols with ld s0 is column-major cols×rows (no transpose); stride-1 rows mean column-major rows×cols, transposed.
        if (s1 == 1 && s0 >= Math.Max(1, cols)) return ((ulong)cols, (ulong)rows, s0, CublasOperation.N);
        if (s0 == 1 && s1 >= Math.Max(1, rows)) return ((ulong)rows, (ulong)cols, s1, CublasOperation.T);
        throw new ArgumentException($"{what} ({rows}×{cols}) has strides ({s0}, {s1}); one stride must be 1 and the other at least the matching dimension.");
    }

    private static long Span(long rows, long cols, long s0, long s1) => (rows - 1) * s0 + (cols - 1) * s1 + 1;
}
