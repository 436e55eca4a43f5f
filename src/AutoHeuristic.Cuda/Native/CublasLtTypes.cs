using System.Runtime.InteropServices;

namespace AutoHeuristic.Cuda.Native;

/// <summary><c>cudaDataType_t</c> values used here.</summary>
public enum CudaDataType
{
    /// <summary>CUDA_R_32F.</summary>
    R32F = 0,
    /// <summary>CUDA_R_64F.</summary>
    R64F = 1,
    /// <summary>CUDA_R_16F.</summary>
    R16F = 2,
    /// <summary>CUDA_R_16BF.</summary>
    R16BF = 14,
    /// <summary>CUDA_R_8F_E4M3.</summary>
    R8F_E4M3 = 28,
}

/// <summary><c>cublasComputeType_t</c> values used here.</summary>
public enum CublasComputeType
{
    /// <summary>CUBLAS_COMPUTE_32F (strict fp32 accumulation and inputs).</summary>
    Compute32F = 68,
    /// <summary>CUBLAS_COMPUTE_32F_FAST_16F.</summary>
    Compute32FFast16F = 74,
    /// <summary>CUBLAS_COMPUTE_32F_FAST_16BF.</summary>
    Compute32FFast16BF = 75,
    /// <summary>CUBLAS_COMPUTE_32F_FAST_TF32 (fp32 inputs rounded to TF32: PyTorch's <c>allow_tf32</c>).</summary>
    Compute32FFastTF32 = 77,
}

/// <summary><c>cublasOperation_t</c>.</summary>
public enum CublasOperation
{
    /// <summary>CUBLAS_OP_N.</summary>
    N = 0,
    /// <summary>CUBLAS_OP_T.</summary>
    T = 1,
}

/// <summary><c>cublasLtMatmulDescAttributes_t</c> values used here.</summary>
public enum CublasLtMatmulDescAttribute
{
    /// <summary>CUBLASLT_MATMUL_DESC_COMPUTE_TYPE.</summary>
    ComputeType = 0,
    /// <summary>CUBLASLT_MATMUL_DESC_SCALE_TYPE.</summary>
    ScaleType = 1,
    /// <summary>CUBLASLT_MATMUL_DESC_POINTER_MODE.</summary>
    PointerMode = 2,
    /// <summary>CUBLASLT_MATMUL_DESC_TRANSA (int32 <c>cublasOperation_t</c>).</summary>
    TransA = 3,
    /// <summary>CUBLASLT_MATMUL_DESC_TRANSB.</summary>
    TransB = 4,
}

/// <summary><c>cublasLtMatmulPreferenceAttributes_t</c> values used here.</summary>
public enum CublasLtMatmulPreferenceAttribute
{
    /// <summary>CUBLASLT_MATMUL_PREF_SEARCH_MODE.</summary>
    SearchMode = 0,
    /// <summary>CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES (uint64).</summary>
    MaxWorkspaceBytes = 1,
    /// <summary>CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_A_BYTES (uint32).</summary>
    MinAlignmentABytes = 5,
    /// <summary>CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_B_BYTES.</summary>
    MinAlignmentBBytes = 6,
    /// <summary>CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_C_BYTES.</summary>
    MinAlignmentCBytes = 7,
    /// <summary>CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_D_BYTES.</summary>
    MinAlignmentDBytes = 8,
}

/// <summary><c>cublasLtMatmulAlgoConfigAttributes_t</c>: what identifies one configured algorithm.</summary>
public enum CublasLtMatmulAlgoConfigAttribute
{
    /// <summary>CUBLASLT_ALGO_CONFIG_ID (int32).</summary>
    Id = 0,
    /// <summary>CUBLASLT_ALGO_CONFIG_TILE_ID (uint32).</summary>
    TileId = 1,
    /// <summary>CUBLASLT_ALGO_CONFIG_SPLITK_NUM (int32).</summary>
    SplitKNum = 2,
    /// <summary>CUBLASLT_ALGO_CONFIG_REDUCTION_SCHEME (uint32).</summary>
    ReductionScheme = 3,
    /// <summary>CUBLASLT_ALGO_CONFIG_CTA_SWIZZLING (uint32).</summary>
    CtaSwizzling = 4,
    /// <summary>CUBLASLT_ALGO_CONFIG_CUSTOM_OPTION (uint32).</summary>
    CustomOption = 5,
    /// <summary>CUBLASLT_ALGO_CONFIG_STAGES_ID (uint32).</summary>
    StagesId = 6,
    /// <summary>CUBLASLT_ALGO_CONFIG_INNER_SHAPE_ID (uint16).</summary>
    InnerShapeId = 7,
    /// <summary>CUBLASLT_ALGO_CONFIG_CLUSTER_SHAPE_ID (uint16).</summary>
    ClusterShapeId = 8,
}

/// <summary><c>cublasLtMatmulAlgo_t</c>: 8 opaque 64-bit words (64 bytes), serializable for the same cuBLASLt version.</summary>
[StructLayout(LayoutKind.Sequential, Size = 64)]
public unsafe struct CublasLtMatmulAlgo
{
    /// <summary>The opaque words.</summary>
    public fixed ulong Data[8];
}

/// <summary><c>cublasLtMatmulHeuristicResult_t</c> (96 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct CublasLtMatmulHeuristicResult
{
    /// <summary>The configured algorithm.</summary>
    public CublasLtMatmulAlgo Algo;
    /// <summary>Workspace it needs.</summary>
    public nuint WorkspaceSize;
    /// <summary>Status of this entry; only 0 is usable.</summary>
    public int State;
    /// <summary>Waves count (1.0: the kernel fills the GPU once).</summary>
    public float WavesCount;
    /// <summary>Reserved.</summary>
    public fixed int Reserved[4];
}
