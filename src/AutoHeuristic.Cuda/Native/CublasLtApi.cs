using System;
using System.Runtime.InteropServices;

namespace AutoHeuristic.Cuda.Native;

/// <summary>Raw imports of cuBLASLt (<c>libcublasLt.so.13</c>); all exports are unversioned. Each returns a <c>cublasStatus_t</c>.</summary>
internal static unsafe partial class CublasLtApi
{
    [LibraryImport(CudaLibraries.CublasLt, EntryPoint = "cublasLtCreate")]
    internal static partial int Create(out IntPtr handle);

    [LibraryImport(CudaLibraries.CublasLt, EntryPoint = "cublasLtDestroy")]
    internal static partial int Destroy(IntPtr handle);

    [LibraryImport(CudaLibraries.CublasLt, EntryPoint = "cublasLtGetVersion")]
    internal static partial nuint GetVersion();

    [LibraryImport(CudaLibraries.CublasLt, EntryPoint = "cublasLtGetStatusName")]
    internal static partial byte* GetStatusName(int status);

    [LibraryImport(CudaLibraries.CublasLt, EntryPoint = "cublasLtGetStatusString")]
    internal static partial byte* GetStatusString(int status);

    [LibraryImport(CudaLibraries.CublasLt, EntryPoint = "cublasLtMatmulDescCreate")]
    internal static partial int MatmulDescCreate(out IntPtr desc, CublasComputeType computeType, CudaDataType scaleType);

    [LibraryImport(CudaLibraries.CublasLt, EntryPoint = "cublasLtMatmulDescDestroy")]
    internal static partial int MatmulDescDestroy(IntPtr desc);

    [LibraryImport(CudaLibraries.CublasLt, EntryPoint = "cublasLtMatmulDescSetAttribute")]
    internal static partial int MatmulDescSetAttribute(IntPtr desc, CublasLtMatmulDescAttribute attribute, void* buffer, nuint size);

    [LibraryImport(CudaLibraries.CublasLt, EntryPoint = "cublasLtMatrixLayoutCreate")]
    internal static partial int MatrixLayoutCreate(out IntPtr layout, CudaDataType type, ulong rows, ulong cols, long ld);

    [LibraryImport(CudaLibraries.CublasLt, EntryPoint = "cublasLtMatrixLayoutDestroy")]
    internal static partial int MatrixLayoutDestroy(IntPtr layout);

    [LibraryImport(CudaLibraries.CublasLt, EntryPoint = "cublasLtMatmulPreferenceCreate")]
    internal static partial int MatmulPreferenceCreate(out IntPtr preference);

    [LibraryImport(CudaLibraries.CublasLt, EntryPoint = "cublasLtMatmulPreferenceDestroy")]
    internal static partial int MatmulPreferenceDestroy(IntPtr preference);

    [LibraryImport(CudaLibraries.CublasLt, EntryPoint = "cublasLtMatmulPreferenceSetAttribute")]
    internal static partial int MatmulPreferenceSetAttribute(IntPtr preference, CublasLtMatmulPreferenceAttribute attribute, void* buffer, nuint size);

    [LibraryImport(CudaLibraries.CublasLt, EntryPoint = "cublasLtMatmulAlgoGetHeuristic")]
    internal static partial int MatmulAlgoGetHeuristic(
        IntPtr handle, IntPtr operationDesc, IntPtr aDesc, IntPtr bDesc, IntPtr cDesc, IntPtr dDesc, IntPtr preference,
        int requestedAlgoCount, CublasLtMatmulHeuristicResult* results, out int returnedAlgoCount);

    [LibraryImport(CudaLibraries.CublasLt, EntryPoint = "cublasLtMatmul")]
    internal static partial int Matmul(
        IntPtr handle, IntPtr computeDesc, void* alpha, ulong a, IntPtr aDesc, ulong b, IntPtr bDesc, void* beta,
        ulong c, IntPtr cDesc, ulong d, IntPtr dDesc, CublasLtMatmulAlgo* algo, ulong workspace, nuint workspaceBytes, IntPtr stream);

    [LibraryImport(CudaLibraries.CublasLt, EntryPoint = "cublasLtMatmulAlgoConfigGetAttribute")]
    internal static partial int MatmulAlgoConfigGetAttribute(
        CublasLtMatmulAlgo* algo, CublasLtMatmulAlgoConfigAttribute attribute, void* buffer, nuint size, out nuint written);
}
