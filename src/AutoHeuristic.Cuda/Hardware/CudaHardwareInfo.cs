using System;
using System.Globalization;
using AutoHeuristic.Cuda.Blas;
using AutoHeuristic.Cuda.Driver;
using AutoHeuristic.Cuda.Native;
using AutoHeuristic.Hardware;

namespace AutoHeuristic.Cuda.Hardware;

/// <summary>What the driver reports about one device: what <c>AHMetadata</c> needs, plus the facts the harness records.</summary>
public sealed record CudaDeviceInfo(
    int Ordinal, string Name, long SharedMemoryOptIn, DeviceCapability Capability, int Multiprocessors, long TotalMemory,
    long L2CacheBytes, int MaxSmClockMHz, int MemoryClockMHz, int MemoryBusWidthBits, int DriverVersion, long CublasLtVersion)
{
    /// <summary>Reads the facts of <paramref name="context"/>'s device.</summary>
    public static CudaDeviceInfo Read(CudaContext context)
    {
        long ltVersion;
        try
        {
            ltVersion = CublasLt.Version;
        }
        catch (DllNotFoundException)
        {
            ltVersion = 0;
        }

        return new CudaDeviceInfo(
            context.Ordinal,
            context.DeviceName,
            context.GetAttribute(CuDeviceAttribute.MaxSharedMemoryPerBlockOptin),
            new DeviceCapability(context.GetAttribute(CuDeviceAttribute.ComputeCapabilityMajor), context.GetAttribute(CuDeviceAttribute.ComputeCapabilityMinor)),
            context.GetAttribute(CuDeviceAttribute.MultiprocessorCount),
            context.TotalMemory,
            context.GetAttribute(CuDeviceAttribute.L2CacheSize),
            context.GetAttribute(CuDeviceAttribute.ClockRate) / 1000,
            context.GetAttribute(CuDeviceAttribute.MemoryClockRate) / 1000,
            context.GetAttribute(CuDeviceAttribute.GlobalMemoryBusWidth),
            CudaContext.DriverVersion,
            ltVersion);
    }

    /// <summary>Peak DRAM bandwidth in GB/s from the memory clock and bus width (double data rate).</summary>
    public double DramGBps => 2.0 * MemoryClockMHz * 1e6 * MemoryBusWidthBits / 8 / 1e9;

    /// <summary>The key heuristics are matched on.</summary>
    public HardwareKey Key => new(SharedMemoryOptIn, Capability);

    /// <summary>One line for logs and reports.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: cc {Capability.Major}.{Capability.Minor}, {Multiprocessors} SMs, {TotalMemory / (1L << 20)} MiB, L2 {L2CacheBytes / (1 << 20)} MiB, opt-in smem {SharedMemoryOptIn} B, SM clock max {MaxSmClockMHz} MHz, DRAM {DramGBps:F0} GB/s, driver {DriverVersion}, cuBLASLt {CublasLtVersion}");
}

/// <summary>
/// <see cref="IHardwareInfoProvider"/> backed by the CUDA driver: the name, opt-in shared memory
/// per block and capability of a device (device 0 by default, as PyTorch reads shared memory
/// from device 0). Without a usable driver it reports <see cref="HardwareInfo.None"/>.
/// </summary>
public sealed class CudaHardwareInfoProvider : IHardwareInfoProvider
{
    private readonly Lazy<HardwareInfo> _info;

    /// <summary>Creates a provider for device <paramref name="ordinal"/>.</summary>
    public CudaHardwareInfoProvider(int ordinal = 0) => _info = new Lazy<HardwareInfo>(() => Query(ordinal));

    /// <summary>A provider with known facts (a collector that already holds a context).</summary>
    public CudaHardwareInfoProvider(CudaDeviceInfo device)
    {
        var info = new HardwareInfo(device.Name, device.SharedMemoryOptIn, device.Capability);
        _info = new Lazy<HardwareInfo>(() => info);
    }

    /// <summary>
    /// Makes this provider for device <paramref name="ordinal"/> the process default when a GPU is
    /// present; returns whether it did. The run time's own default already reads device 0
    /// (<see cref="DetectedHardwareInfoProvider"/>); this is for another device.
    /// </summary>
    public static bool InstallAsDefault(int ordinal = 0)
    {
        if (!CudaAvailability.IsAvailable) return false;
        HardwareInfoProvider.Default = new CudaHardwareInfoProvider(ordinal);
        return true;
    }

    /// <inheritdoc />
    public HardwareInfo GetHardwareInfo() => _info.Value;

    private static HardwareInfo Query(int ordinal)
    {
        if (!CudaAvailability.IsAvailable) return HardwareInfo.None;
        using CudaContext context = CudaContext.Create(ordinal);
        return new HardwareInfo(
            context.DeviceName,
            context.GetAttribute(CuDeviceAttribute.MaxSharedMemoryPerBlockOptin),
            new DeviceCapability(context.GetAttribute(CuDeviceAttribute.ComputeCapabilityMajor), context.GetAttribute(CuDeviceAttribute.ComputeCapabilityMinor)));
    }
}
