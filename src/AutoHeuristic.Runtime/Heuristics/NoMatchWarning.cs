using System;
using System.Threading;
using AutoHeuristic.Hardware;

namespace AutoHeuristic;

/// <summary>
/// Says once per process, on standard error, that a learned heuristic was asked but none matches
/// this hardware (without it, every decision would take the fallback silently). When the default provider
/// found no GPU, the warning carries its reason (no driver library, no device, …). Not printed
/// when <c>AUTOHEURISTIC_HARDWARE=cpu</c> asked for cpu on purpose. Later mismatches are only
/// counted (<see cref="AutoHeuristicCounters.NoMatch"/>).
/// </summary>
internal static class NoMatchWarning
{
    private static int _warned;

    /// <summary>What the default provider found, or null when it has not looked; tests substitute it.</summary>
    internal static Func<HardwareDetection?> DefaultDetection { get; set; } =
        () => DetectedHardwareInfoProvider.Instance.HasDetected ? DetectedHardwareInfoProvider.Instance.Detection : null;

    /// <summary>Called for every <see cref="DecisionOutcome.NoMatch"/>; writes only the first time.</summary>
    public static void Report(AHMetadata metadata)
    {
        if (Volatile.Read(ref _warned) != 0 || Interlocked.Exchange(ref _warned, 1) != 0) return;
        HardwareDetection? detection = DefaultDetection();
        bool onCpu = metadata.Hardware == HardwareInfo.None.Key;
        if (onCpu && detection is { Source: HardwareSource.EnvironmentOverride }) return;

        string text = $"no learned heuristic for '{metadata.Name}' matches this hardware ({metadata.Hardware}), so its decisions use the fallback.";
        if (onCpu && detection is { Source: HardwareSource.NotFound })
        {
            text += $" No GPU was detected: {detection.Reason} Set {DetectedHardwareInfoProvider.OverrideVariable} "
                    + $"(e.g. '{HardwareOverride.Example}') where the driver cannot be read, or to 'cpu' to run on the CPU on purpose.";
        }

        LogFaultReporter.Warn(text + $" Later mismatches are not printed; they are counted (AutoHeuristicStatistics.For(\"{metadata.Name}\").NoMatch).");
    }

    /// <summary>Forgets that the warning was written (tests).</summary>
    internal static void Reset() => Volatile.Write(ref _warned, 0);
}
