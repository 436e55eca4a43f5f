using System;
using AutoHeuristic.Cuda.Native;

namespace AutoHeuristic.Cuda.Driver;

/// <summary>Whether this machine can run CUDA work, and why not: lets tests and tools skip cleanly without a GPU.</summary>
public static class CudaAvailability
{
    private static readonly Lazy<(bool Ok, string Reason)> Probe = new(ProbeOnce);

    /// <summary>True when the driver loads, initializes and reports at least one device.</summary>
    public static bool IsAvailable => Probe.Value.Ok;

    /// <summary>Why CUDA is unavailable (empty when it is available).</summary>
    public static string Reason => Probe.Value.Reason;

    /// <summary>
    /// Devices the driver reports to this process (after <c>CUDA_VISIBLE_DEVICES</c>); 0 when CUDA
    /// is unavailable. Used by the multi-GPU fan-out for <c>--devices all</c>.
    /// </summary>
    public static int DeviceCount() =>
        IsAvailable && DriverApi.DeviceGetCount(out int count) == CuResult.Success ? count : 0;

    private static (bool, string) ProbeOnce()
    {
        CudaLibraries.EnsureResolver();
        try
        {
            CuResult r = DriverApi.Init(0);
            if (r != CuResult.Success) return (false, CudaException.FromDriver(r, "cuInit").Message);
            r = DriverApi.DeviceGetCount(out int count);
            if (r != CuResult.Success) return (false, CudaException.FromDriver(r, "cuDeviceGetCount").Message);
            return count > 0 ? (true, string.Empty) : (false, "The CUDA driver reports no device.");
        }
        catch (DllNotFoundException e)
        {
            return (false, "No CUDA driver: " + e.Message);
        }
        catch (EntryPointNotFoundException e)
        {
            return (false, "The CUDA driver is too old for CUDA 13 entry points: " + e.Message);
        }
    }
}
