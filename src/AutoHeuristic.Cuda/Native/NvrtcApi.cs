using System;
using System.Runtime.InteropServices;

namespace AutoHeuristic.Cuda.Native;

/// <summary>Raw imports of NVRTC (<c>libnvrtc.so.13</c>); all exports are unversioned.</summary>
internal static unsafe partial class NvrtcApi
{
    [LibraryImport(CudaLibraries.Nvrtc, EntryPoint = "nvrtcVersion")]
    internal static partial int Version(out int major, out int minor);

    [LibraryImport(CudaLibraries.Nvrtc, EntryPoint = "nvrtcGetErrorString")]
    internal static partial byte* GetErrorString(int result);

    [LibraryImport(CudaLibraries.Nvrtc, EntryPoint = "nvrtcCreateProgram")]
    internal static partial int CreateProgram(out IntPtr program, byte* source, byte* name, int headerCount, byte** headers, byte** includeNames);

    [LibraryImport(CudaLibraries.Nvrtc, EntryPoint = "nvrtcCompileProgram")]
    internal static partial int CompileProgram(IntPtr program, int optionCount, byte** options);

    [LibraryImport(CudaLibraries.Nvrtc, EntryPoint = "nvrtcGetProgramLogSize")]
    internal static partial int GetProgramLogSize(IntPtr program, out nuint size);

    [LibraryImport(CudaLibraries.Nvrtc, EntryPoint = "nvrtcGetProgramLog")]
    internal static partial int GetProgramLog(IntPtr program, byte* log);

    [LibraryImport(CudaLibraries.Nvrtc, EntryPoint = "nvrtcGetCUBINSize")]
    internal static partial int GetCubinSize(IntPtr program, out nuint size);

    [LibraryImport(CudaLibraries.Nvrtc, EntryPoint = "nvrtcGetCUBIN")]
    internal static partial int GetCubin(IntPtr program, byte* cubin);

    [LibraryImport(CudaLibraries.Nvrtc, EntryPoint = "nvrtcDestroyProgram")]
    internal static partial int DestroyProgram(ref IntPtr program);
}
