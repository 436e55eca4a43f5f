using System.Linq;
using System.Runtime.CompilerServices;
using AutoHeuristic.Cuda.Blas;
using AutoHeuristic.Cuda.Native;
using NUnit.Framework;

namespace AutoHeuristic.Cuda.Tests.Native;

public class BindingTableTests
{
    // The exports CUDA 13's headers map the public names to (../shared/docs/gpu-benchmarking.md §2.3, §4, §6.2).
    private static readonly string[] DriverExports =
    {
        "cuCtxGetCurrent", "cuCtxSetCurrent", "cuCtxSynchronize", "cuDeviceGet", "cuDeviceGetAttribute", "cuDeviceGetCount",
        "cuDeviceGetName", "cuDevicePrimaryCtxRelease_v2", "cuDevicePrimaryCtxRetain", "cuDeviceTotalMem_v2", "cuDriverGetVersion",
        "cuEventCreate", "cuEventDestroy_v2", "cuEventElapsedTime_v2", "cuEventRecord", "cuEventSynchronize", "cuFuncSetAttribute",
        "cuGetErrorName", "cuGetErrorString", "cuGraphDestroy", "cuGraphExecDestroy", "cuGraphInstantiateWithFlags", "cuGraphLaunch",
        "cuInit", "cuLaunchKernel", "cuMemAlloc_v2", "cuMemFree_v2", "cuMemGetInfo_v2", "cuMemcpyDtoDAsync_v2", "cuMemcpyDtoH_v2",
        "cuMemcpyHtoD_v2", "cuMemsetD32Async", "cuMemsetD8Async", "cuModuleGetFunction", "cuModuleLoadData", "cuModuleUnload",
        "cuStreamBeginCapture_v2", "cuStreamCreate", "cuStreamDestroy_v2", "cuStreamEndCapture", "cuStreamSynchronize",
    };

    private static readonly string[] NvrtcExports =
    {
        "nvrtcCompileProgram", "nvrtcCreateProgram", "nvrtcDestroyProgram", "nvrtcGetCUBIN", "nvrtcGetCUBINSize", "nvrtcGetErrorString",
        "nvrtcGetProgramLog", "nvrtcGetProgramLogSize", "nvrtcVersion",
    };

    private static readonly string[] CublasLtExports =
    {
        "cublasLtCreate", "cublasLtDestroy", "cublasLtGetStatusName", "cublasLtGetStatusString", "cublasLtGetVersion", "cublasLtMatmul",
        "cublasLtMatmulAlgoConfigGetAttribute", "cublasLtMatmulAlgoGetHeuristic", "cublasLtMatmulDescCreate", "cublasLtMatmulDescDestroy",
        "cublasLtMatmulDescSetAttribute", "cublasLtMatmulPreferenceCreate", "cublasLtMatmulPreferenceDestroy",
        "cublasLtMatmulPreferenceSetAttribute", "cublasLtMatrixLayoutCreate", "cublasLtMatrixLayoutDestroy",
    };

    [Test]
    public void Driver_imports_are_the_CUDA_13_export_names() =>
        Assert.That(Exports(CudaLibraries.Driver), Is.EqualTo(DriverExports));

    [Test]
    public void Nvrtc_imports() => Assert.That(Exports(CudaLibraries.Nvrtc), Is.EqualTo(NvrtcExports));

    [Test]
    public void CublasLt_imports() => Assert.That(Exports(CudaLibraries.CublasLt), Is.EqualTo(CublasLtExports));

    [Test]
    public void Old_or_changed_entry_points_are_not_bound()
    {
        string[] all = BindingTable.All.Select(i => i.EntryPoint).ToArray();
        // cuCtxCreate changed its signature in CUDA 13 (_v4); the primary context is used instead.
        Assert.That(all, Has.None.StartsWith("cuCtxCreate"));
        Assert.That(all, Has.None.EqualTo("cuEventElapsedTime"));
        Assert.That(all, Has.None.EqualTo("cuMemAlloc"));
        Assert.That(all, Has.None.EqualTo("cuStreamBeginCapture"));
        Assert.That(all, Has.None.EqualTo("cuGraphInstantiate"));
    }

    [Test]
    public void Struct_sizes_match_the_headers()
    {
        Assert.That(Unsafe.SizeOf<CublasLtMatmulAlgo>(), Is.EqualTo(64));
        Assert.That(Unsafe.SizeOf<CublasLtMatmulHeuristicResult>(), Is.EqualTo(96));
        Assert.That(System.Runtime.InteropServices.Marshal.OffsetOf<CublasLtMatmulHeuristicResult>(nameof(CublasLtMatmulHeuristicResult.WorkspaceSize)).ToInt32(), Is.EqualTo(64));
        Assert.That(System.Runtime.InteropServices.Marshal.OffsetOf<CublasLtMatmulHeuristicResult>(nameof(CublasLtMatmulHeuristicResult.State)).ToInt32(), Is.EqualTo(72));
        Assert.That(System.Runtime.InteropServices.Marshal.OffsetOf<CublasLtMatmulHeuristicResult>(nameof(CublasLtMatmulHeuristicResult.WavesCount)).ToInt32(), Is.EqualTo(76));
    }

    [Test]
    public void Enum_values_match_the_headers()
    {
        Assert.That((int)CudaDataType.R32F, Is.EqualTo(0));
        Assert.That((int)CudaDataType.R16F, Is.EqualTo(2));
        Assert.That((int)CudaDataType.R16BF, Is.EqualTo(14));
        Assert.That((int)CudaDataType.R8F_E4M3, Is.EqualTo(28));
        Assert.That((int)CublasComputeType.Compute32F, Is.EqualTo(68));
        Assert.That((int)CublasComputeType.Compute32FFastTF32, Is.EqualTo(77));
        Assert.That((int)CublasLtMatmulDescAttribute.TransA, Is.EqualTo(3));
        Assert.That((int)CublasLtMatmulDescAttribute.TransB, Is.EqualTo(4));
        Assert.That((int)CublasLtMatmulPreferenceAttribute.MaxWorkspaceBytes, Is.EqualTo(1));
        Assert.That((int)CublasLtMatmulAlgoConfigAttribute.StagesId, Is.EqualTo(6));
        Assert.That((int)CublasLtMatmulAlgoConfigAttribute.ClusterShapeId, Is.EqualTo(8));
        Assert.That((int)CuDeviceAttribute.MaxSharedMemoryPerBlockOptin, Is.EqualTo(97));
        Assert.That((int)CuDeviceAttribute.MultiprocessorCount, Is.EqualTo(16));
        Assert.That((int)CuDeviceAttribute.ComputeCapabilityMajor, Is.EqualTo(75));
        Assert.That((int)CuResult.OutOfMemory, Is.EqualTo(2));
    }

    [Test]
    public void Config_attribute_sizes_are_the_headers_types()
    {
        var sizes = CublasLt.ConfigAttributes.ToDictionary(a => a.Attribute, a => a.Bytes);
        Assert.That(sizes[CublasLtMatmulAlgoConfigAttribute.Id], Is.EqualTo(4));
        Assert.That(sizes[CublasLtMatmulAlgoConfigAttribute.InnerShapeId], Is.EqualTo(2));
        Assert.That(sizes[CublasLtMatmulAlgoConfigAttribute.ClusterShapeId], Is.EqualTo(2));
    }

    private static string[] Exports(string library) =>
        BindingTable.All.Where(i => i.Library == library).Select(i => i.EntryPoint).ToArray();
}
