using System;
using System.Threading;
using AutoHeuristic.Hardware;

namespace AutoHeuristic;

/// <summary>
/// What AutoHeuristic needs to know about the accelerator: the device name (for the default log
/// folder), the opt-in shared memory per block and the compute capability (which together
/// decide which learned heuristic applies, as in PyTorch).
/// </summary>
/// <param name="DeviceName">The device name as the driver reports it, e.g. <c>NVIDIA H100 80GB HBM3</c>.</param>
/// <param name="SharedMemory">Opt-in shared memory per block in bytes (0 without a GPU).</param>
/// <param name="Capability">Compute capability ((0, 0) without a GPU).</param>
public sealed record HardwareInfo(string DeviceName, long SharedMemory, DeviceCapability Capability)
{
    /// <summary>No accelerator: device name <c>cpu</c>, shared memory 0, capability (0, 0).</summary>
    public static HardwareInfo None { get; } = new("cpu", 0, DeviceCapability.None);

    /// <summary>The part of the hardware that heuristics match on.</summary>
    public HardwareKey Key => new(SharedMemory, Capability);

    /// <summary>PyTorch's <c>get_device_identifier()</c>: the device name with spaces replaced by <c>_</c>.</summary>
    public string DeviceIdentifier => DeviceName.Replace(' ', '_');
}

/// <summary>
/// Reports the hardware of the current device. The default, <see cref="DetectedHardwareInfoProvider"/>,
/// reads the CUDA driver; the CUDA package adds one per device for its collectors.
/// </summary>
public interface IHardwareInfoProvider
{
    /// <summary>The current device's hardware; called once per decision object, so implementations should cache.</summary>
    HardwareInfo GetHardwareInfo();
}

/// <summary>A provider that never looks for a GPU: always <see cref="HardwareInfo.None"/>.</summary>
public sealed class NoGpuHardwareInfoProvider : IHardwareInfoProvider
{
    /// <summary>The shared instance.</summary>
    public static NoGpuHardwareInfoProvider Instance { get; } = new();

    private NoGpuHardwareInfoProvider()
    {
    }

    /// <inheritdoc />
    public HardwareInfo GetHardwareInfo() => HardwareInfo.None;
}

/// <summary>
/// The process-wide hardware provider used when <see cref="AutoHeuristicOptions.HardwareInfoProvider"/>
/// is not set. Starts as <see cref="DetectedHardwareInfoProvider.Instance"/>, which finds the GPU
/// through the CUDA driver (or <c>AUTOHEURISTIC_HARDWARE</c>) and answers <c>cpu</c> without one.
/// </summary>
public static class HardwareInfoProvider
{
    private static IHardwareInfoProvider _default = DetectedHardwareInfoProvider.Instance;

    /// <summary>The default provider (never null).</summary>
    public static IHardwareInfoProvider Default
    {
        get => Volatile.Read(ref _default);
        set => Volatile.Write(ref _default, value ?? throw new ArgumentNullException(nameof(value)));
    }
}
