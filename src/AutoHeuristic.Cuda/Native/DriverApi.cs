using System;
using System.Runtime.InteropServices;

namespace AutoHeuristic.Cuda.Native;

/// <summary>
/// Raw imports of the CUDA driver API (<c>libcuda.so.1</c>). Each import names the export that
/// CUDA 13's <c>cuda.h</c> maps the public name to (<c>cuMemAlloc</c> → <c>cuMemAlloc_v2</c>,
/// <c>cuEventElapsedTime</c> → <c>cuEventElapsedTime_v2</c>, …); every call returns a
/// <see cref="CuResult"/> that callers pass to <see cref="Driver.CudaException.Check(CuResult, string)"/>.
/// </summary>
internal static unsafe partial class DriverApi
{
    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuInit")]
    internal static partial CuResult Init(uint flags);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuDriverGetVersion")]
    internal static partial CuResult DriverGetVersion(out int version);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuGetErrorName")]
    internal static partial CuResult GetErrorName(CuResult error, out byte* name);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuGetErrorString")]
    internal static partial CuResult GetErrorString(CuResult error, out byte* text);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuDeviceGetCount")]
    internal static partial CuResult DeviceGetCount(out int count);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuDeviceGet")]
    internal static partial CuResult DeviceGet(out int device, int ordinal);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuDeviceGetName")]
    internal static partial CuResult DeviceGetName(byte* name, int length, int device);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuDeviceGetAttribute")]
    internal static partial CuResult DeviceGetAttribute(out int value, CuDeviceAttribute attribute, int device);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuDeviceTotalMem_v2")]
    internal static partial CuResult DeviceTotalMem(out nuint bytes, int device);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuDevicePrimaryCtxRetain")]
    internal static partial CuResult DevicePrimaryCtxRetain(out IntPtr context, int device);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuDevicePrimaryCtxRelease_v2")]
    internal static partial CuResult DevicePrimaryCtxRelease(int device);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuCtxSetCurrent")]
    internal static partial CuResult CtxSetCurrent(IntPtr context);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuCtxGetCurrent")]
    internal static partial CuResult CtxGetCurrent(out IntPtr context);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuCtxSynchronize")]
    internal static partial CuResult CtxSynchronize();

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuMemGetInfo_v2")]
    internal static partial CuResult MemGetInfo(out nuint free, out nuint total);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuMemAlloc_v2")]
    internal static partial CuResult MemAlloc(out ulong devicePointer, nuint bytes);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuMemFree_v2")]
    internal static partial CuResult MemFree(ulong devicePointer);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuMemcpyHtoD_v2")]
    internal static partial CuResult MemcpyHtoD(ulong destination, void* source, nuint bytes);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuMemcpyDtoH_v2")]
    internal static partial CuResult MemcpyDtoH(void* destination, ulong source, nuint bytes);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuMemcpyDtoDAsync_v2")]
    internal static partial CuResult MemcpyDtoDAsync(ulong destination, ulong source, nuint bytes, IntPtr stream);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuMemsetD32Async")]
    internal static partial CuResult MemsetD32Async(ulong destination, uint value, nuint count, IntPtr stream);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuMemsetD8Async")]
    internal static partial CuResult MemsetD8Async(ulong destination, byte value, nuint count, IntPtr stream);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuStreamCreate")]
    internal static partial CuResult StreamCreate(out IntPtr stream, uint flags);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuStreamDestroy_v2")]
    internal static partial CuResult StreamDestroy(IntPtr stream);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuStreamSynchronize")]
    internal static partial CuResult StreamSynchronize(IntPtr stream);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuEventCreate")]
    internal static partial CuResult EventCreate(out IntPtr evt, uint flags);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuEventDestroy_v2")]
    internal static partial CuResult EventDestroy(IntPtr evt);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuEventRecord")]
    internal static partial CuResult EventRecord(IntPtr evt, IntPtr stream);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuEventSynchronize")]
    internal static partial CuResult EventSynchronize(IntPtr evt);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuEventElapsedTime_v2")]
    internal static partial CuResult EventElapsedTime(out float milliseconds, IntPtr start, IntPtr end);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuModuleLoadData")]
    internal static partial CuResult ModuleLoadData(out IntPtr module, void* image);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuModuleUnload")]
    internal static partial CuResult ModuleUnload(IntPtr module);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuModuleGetFunction")]
    internal static partial CuResult ModuleGetFunction(out IntPtr function, IntPtr module, byte* name);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuFuncSetAttribute")]
    internal static partial CuResult FuncSetAttribute(IntPtr function, int attribute, int value);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuLaunchKernel")]
    internal static partial CuResult LaunchKernel(
        IntPtr function, uint gridX, uint gridY, uint gridZ, uint blockX, uint blockY, uint blockZ,
        uint sharedBytes, IntPtr stream, void** parameters, void** extra);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuStreamBeginCapture_v2")]
    internal static partial CuResult StreamBeginCapture(IntPtr stream, CuStreamCaptureMode mode);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuStreamEndCapture")]
    internal static partial CuResult StreamEndCapture(IntPtr stream, out IntPtr graph);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuGraphInstantiateWithFlags")]
    internal static partial CuResult GraphInstantiateWithFlags(out IntPtr graphExec, IntPtr graph, ulong flags);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuGraphLaunch")]
    internal static partial CuResult GraphLaunch(IntPtr graphExec, IntPtr stream);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuGraphExecDestroy")]
    internal static partial CuResult GraphExecDestroy(IntPtr graphExec);

    [LibraryImport(CudaLibraries.Driver, EntryPoint = "cuGraphDestroy")]
    internal static partial CuResult GraphDestroy(IntPtr graph);
}
