using System;
using System.Threading;

namespace AutoHeuristic;

/// <summary>
/// The default hardware provider: the <c>AUTOHEURISTIC_HARDWARE</c> environment variable when it
/// is set and valid, otherwise device 0 as the CUDA driver reports it (<c>libcuda.so.1</c> on
/// Linux, <c>nvcuda.dll</c> on Windows, through plain P/Invoke: no extra package), otherwise
/// <c>cpu</c>. Looks once, on first use, and never throws: <see cref="Detection"/> says what was
/// found and why, and <see cref="AutoHeuristicStatistics.HardwareDetected"/> is raised once.
/// </summary>
public sealed class DetectedHardwareInfoProvider : IHardwareInfoProvider
{
    /// <summary>
    /// Overrides detection: <c>cpu</c>, or <c>NAME;SHARED_MEMORY_BYTES;MAJOR.MINOR</c>, e.g.
    /// <c>NVIDIA H100 80GB HBM3;232448;9.0</c>. An invalid value is reported on standard error
    /// and ignored.
    /// </summary>
    public const string OverrideVariable = "AUTOHEURISTIC_HARDWARE";

    private readonly Func<string?> _readOverride;
    private readonly ICudaDriver _driver;
    private readonly Lazy<HardwareDetection> _detection;
    private int _reported;

    /// <summary>Creates a provider that reads the environment and the driver of this operating system.</summary>
    public DetectedHardwareInfoProvider()
        : this(() => Environment.GetEnvironmentVariable(OverrideVariable), CudaDriverProbe.ForThisOs())
    {
    }

    // Tests pass a fixed override value and a fake driver.
    internal DetectedHardwareInfoProvider(Func<string?> readOverride, ICudaDriver driver)
    {
        _readOverride = readOverride;
        _driver = driver;
        _detection = new Lazy<HardwareDetection>(Detect, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The process-wide instance, the initial <see cref="HardwareInfoProvider.Default"/>.</summary>
    public static DetectedHardwareInfoProvider Instance { get; } = new();

    /// <summary>What was found and why; detects on first read.</summary>
    public HardwareDetection Detection
    {
        get
        {
            HardwareDetection detection = _detection.Value;
            // Raised outside the lazy factory, so a handler that throws cannot poison the cached answer.
            if (Volatile.Read(ref _reported) == 0 && Interlocked.Exchange(ref _reported, 1) == 0)
            {
                AutoHeuristicStatistics.RaiseHardwareDetected(new HardwareDetectedEventArgs(detection));
            }

            return detection;
        }
    }

    /// <summary>Whether detection has run (reading <see cref="Detection"/> would run it).</summary>
    public bool HasDetected => _detection.IsValueCreated;

    /// <inheritdoc />
    public HardwareInfo GetHardwareInfo() => Detection.Hardware;

    private HardwareDetection Detect()
    {
        string? value = _readOverride();
        string? ignored = null;
        if (!string.IsNullOrWhiteSpace(value))
        {
            HardwareInfo? hardware = HardwareOverride.Parse(value!, out string? problem);
            if (hardware is not null) return new HardwareDetection(hardware, HardwareSource.EnvironmentOverride, $"set by {OverrideVariable}='{value}'.");
            ignored = $"{OverrideVariable}='{value}' is ignored: {problem}; expected {HardwareOverride.ExpectedForms}.";
            LogFaultReporter.Warn(ignored + " The hardware is read from the CUDA driver instead.");
        }

        HardwareDetection found = CudaDriverProbe.Read(_driver, ordinal: 0);
        return ignored is null ? found : new HardwareDetection(found.Hardware, found.Source, ignored + " " + found.Reason);
    }
}
