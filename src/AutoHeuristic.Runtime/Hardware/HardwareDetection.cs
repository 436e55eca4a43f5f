using System;

namespace AutoHeuristic;

/// <summary>Where the hardware a <see cref="DetectedHardwareInfoProvider"/> answers came from.</summary>
public enum HardwareSource
{
    /// <summary>Read from the CUDA driver (<c>libcuda.so.1</c> / <c>nvcuda.dll</c>).</summary>
    CudaDriver,

    /// <summary>Set by the <c>AUTOHEURISTIC_HARDWARE</c> environment variable.</summary>
    EnvironmentOverride,

    /// <summary>No usable driver or device: the answer is <see cref="HardwareInfo.None"/> (<c>cpu</c>) and <see cref="HardwareDetection.Reason"/> says why.</summary>
    NotFound,
}

/// <summary>The hardware a detection found, where it came from, and why (never thrown: a decision must not fail on it).</summary>
public sealed class HardwareDetection
{
    internal HardwareDetection(HardwareInfo hardware, HardwareSource source, string reason)
    {
        Hardware = hardware;
        Source = source;
        Reason = reason;
    }

    /// <summary>The hardware decisions match on; <see cref="HardwareInfo.None"/> when nothing was found.</summary>
    public HardwareInfo Hardware { get; }

    /// <summary>Where <see cref="Hardware"/> came from.</summary>
    public HardwareSource Source { get; }

    /// <summary>
    /// How the hardware was found (<c>CUDA driver libcuda.so.1, device 0</c>) or, for
    /// <see cref="HardwareSource.NotFound"/>, why not (no driver library, no device, an error code
    /// of the driver, an invalid <c>AUTOHEURISTIC_HARDWARE</c>).
    /// </summary>
    public string Reason { get; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Hardware.DeviceName} ({Hardware.Key}) from {Source}: {Reason}";
}

/// <summary>Raised through <see cref="AutoHeuristicStatistics.HardwareDetected"/> when a provider has looked for the hardware.</summary>
public sealed class HardwareDetectedEventArgs : EventArgs
{
    internal HardwareDetectedEventArgs(HardwareDetection detection) => Detection = detection;

    /// <summary>What was found and why.</summary>
    public HardwareDetection Detection { get; }

    /// <inheritdoc />
    public override string ToString() => Detection.ToString();
}
