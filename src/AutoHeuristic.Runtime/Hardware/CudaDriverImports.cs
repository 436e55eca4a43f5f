using System;
using System.Runtime.InteropServices;

namespace AutoHeuristic;

/// <summary>
/// The five CUDA driver calls hardware detection needs. An interface so the probe has one code
/// path for Linux and Windows (and a fake driver in tests); each call returns a <c>CUresult</c>.
/// </summary>
internal interface ICudaDriver
{
    /// <summary>The library the calls go to, for messages.</summary>
    string LibraryName { get; }

    int Init(uint flags);

    int DeviceGet(out int device, int ordinal);

    int DeviceGetName(byte[] name, int length, int device);

    int DeviceGetAttribute(out int value, int attribute, int device);

    /// <summary>The driver's name for a status (<c>CUDA_ERROR_NO_DEVICE</c>); null when it has none.</summary>
    string? ErrorName(int status);
}

/// <summary>The <c>CUdevice_attribute</c> values hardware detection reads (cuda.h).</summary>
internal static class CudaDeviceAttributes
{
    /// <summary>CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR.</summary>
    public const int ComputeCapabilityMajor = 75;

    /// <summary>CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR.</summary>
    public const int ComputeCapabilityMinor = 76;

    /// <summary>CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN (bytes).</summary>
    public const int MaxSharedMemoryPerBlockOptIn = 97;
}

/// <summary>
/// Plain <c>DllImport</c>s (available on every target framework, netstandard2.0 included) of the
/// driver library each OS installs with the NVIDIA driver. The name is fixed per class, so the
/// loader's ordinary search finds it; nothing is loaded until the first call.
/// </summary>
internal sealed class LinuxCudaDriver : ICudaDriver
{
    private const string Library = "libcuda.so.1";

    public string LibraryName => Library;

    public int Init(uint flags) => cuInit(flags);

    public int DeviceGet(out int device, int ordinal) => cuDeviceGet(out device, ordinal);

    public int DeviceGetName(byte[] name, int length, int device) => cuDeviceGetName(name, length, device);

    public int DeviceGetAttribute(out int value, int attribute, int device) => cuDeviceGetAttribute(out value, attribute, device);

    public string? ErrorName(int status) => cuGetErrorName(status, out IntPtr text) == 0 ? Marshal.PtrToStringAnsi(text) : null;

    [DllImport(Library, ExactSpelling = true)]
    private static extern int cuInit(uint flags);

    [DllImport(Library, ExactSpelling = true)]
    private static extern int cuDeviceGet(out int device, int ordinal);

    [DllImport(Library, ExactSpelling = true)]
    private static extern int cuDeviceGetName([Out] byte[] name, int length, int device);

    [DllImport(Library, ExactSpelling = true)]
    private static extern int cuDeviceGetAttribute(out int value, int attribute, int device);

    [DllImport(Library, ExactSpelling = true)]
    private static extern int cuGetErrorName(int error, out IntPtr text);
}

/// <summary>The same imports from <c>nvcuda.dll</c>, which the NVIDIA driver puts in System32.</summary>
internal sealed class WindowsCudaDriver : ICudaDriver
{
    private const string Library = "nvcuda.dll";

    public string LibraryName => Library;

    public int Init(uint flags) => cuInit(flags);

    public int DeviceGet(out int device, int ordinal) => cuDeviceGet(out device, ordinal);

    public int DeviceGetName(byte[] name, int length, int device) => cuDeviceGetName(name, length, device);

    public int DeviceGetAttribute(out int value, int attribute, int device) => cuDeviceGetAttribute(out value, attribute, device);

    public string? ErrorName(int status) => cuGetErrorName(status, out IntPtr text) == 0 ? Marshal.PtrToStringAnsi(text) : null;

    [DllImport(Library, ExactSpelling = true)]
    private static extern int cuInit(uint flags);

    [DllImport(Library, ExactSpelling = true)]
    private static extern int cuDeviceGet(out int device, int ordinal);

    [DllImport(Library, ExactSpelling = true)]
    private static extern int cuDeviceGetName([Out] byte[] name, int length, int device);

    [DllImport(Library, ExactSpelling = true)]
    private static extern int cuDeviceGetAttribute(out int value, int attribute, int device);

    [DllImport(Library, ExactSpelling = true)]
    private static extern int cuGetErrorName(int error, out IntPtr text);
}
