using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using AutoHeuristic.Cuda.Driver;
using AutoHeuristic.Cuda.Hardware;

namespace AutoHeuristic.Cuda.Collection;

/// <summary>
/// The loop every collector shares: regenerate input i of the seed, skip it when its rows are on
/// disk (resume), measure it, append its rows (each input's rows go out together) and its line in
/// the sampling side file (<see cref="SamplingLog"/>), and log and skip an input whose measurement
/// fails with a recoverable CUDA error or out-of-memory. The inputs are indices 0..N-1 of the
/// seed's sequence, or the list an adaptive collection planned (<see cref="CollectorOptions.Inputs"/>).
/// </summary>
public abstract class CollectorBase
{
    /// <summary>Creates the collector.</summary>
    protected CollectorBase(CollectorOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
    }

    /// <summary>The options.</summary>
    public CollectorOptions Options { get; }

    /// <summary>The heuristic name (<c>pad_mm</c>, <c>mm</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Runs the collection on a fresh <see cref="GpuSession"/>.</summary>
    public CollectSummary Run(IProgress<CollectProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var session = new GpuSession(Options.Device);
        return Run(session, progress, cancellationToken);
    }

    /// <summary>Runs the collection on an open session.</summary>
    public CollectSummary Run(GpuSession session, IProgress<CollectProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        string outPath = Path.GetFullPath(Options.OutPath);
        if (Options.OutputConflict() is string conflict) throw new IOException(conflict);

        ExistingRows existing = Options.Resume ? ExistingRows.ReadForResume(outPath) : new ExistingRows();
        string errorPath = Options.ErrorLogPath ?? outPath + ".errors.txt";
        // Strict logging: a collection whose rows cannot be written must stop, not measure on without a log.
        var options = new AutoHeuristicOptions { LogPath = outPath, HardwareInfoProvider = new CudaHardwareInfoProvider(session.Device), StrictLogging = true };
        options.SetMode(Name, AutoHeuristicMode.Collect);
        Prepare(session);

        int collected = 0, resumed = 0, failed = 0;
        long rows = 0;
        var errors = new List<string>();
        string samplingPath = Options.EffectiveSamplingLogPath;
        IReadOnlyList<PlannedInput> inputs = Options.PlannedInputs();
        for (int n = 0; n < inputs.Count; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Options.MaxDuration is TimeSpan limit && clock.Elapsed >= limit) break;
            PlannedInput planned = inputs[n];
            int i = planned.Index;
            string last;
            if (IsOnDisk(session, i, existing))
            {
                resumed++;
                last = "on disk";
            }
            else
            {
                try
                {
                    session.Arena.Reset();
                    var inputClock = Stopwatch.StartNew();
                    int written = CollectOne(session, i, options, out last);
                    rows += written;
                    collected++;
                    var record = new SampledInputRecord(Options.Seed, planned, RoundsMeasured, written, inputClock.Elapsed.TotalSeconds, DateTime.UtcNow);
                    SamplingLog.Append(samplingPath, record);
                    InputCollected?.Invoke(record);
                }
                catch (Exception e) when (IsRecoverable(e))
                {
                    failed++;
                    last = "skipped: " + e.Message;
                    string line = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:O}\t{Name}\tseed={Options.Seed}\tindex={i}\t{Describe(session, i)}\t{e.GetType().Name}: {e.Message}");
                    errors.Add(line);
                    File.AppendAllText(errorPath, line + "\n");
                    try
                    {
                        session.Timer.Synchronize();
                    }
                    catch (CudaException)
                    {
                        // The error was sticky after all: the context is unusable, stop here.
                        throw;
                    }
                }
            }

            progress?.Report(new CollectProgress(n + 1, inputs.Count, collected, resumed, failed, clock.Elapsed, last));
        }

        return new CollectSummary(collected, resumed, failed, rows, clock.Elapsed, errors, session.Device.ToString());
    }

    /// <summary>Raised after each measured input's rows and side-file line are written.</summary>
    public event Action<SampledInputRecord>? InputCollected;

    /// <summary>Interleaved rounds the last <see cref="CollectOne"/> measured (every collector measures <see cref="CollectorOptions.Repetitions"/> unless it stops early).</summary>
    protected virtual int RoundsMeasured => Options.Repetitions;

    /// <summary>Work before the first input (e.g. the gates of the device).</summary>
    protected abstract void Prepare(GpuSession session);

    /// <summary>Whether input <paramref name="index"/> is complete on disk (and claims its rows).</summary>
    protected abstract bool IsOnDisk(GpuSession session, int index, ExistingRows existing);

    /// <summary>Measures input <paramref name="index"/> and appends its rows; returns the rows written.</summary>
    protected abstract int CollectOne(GpuSession session, int index, AutoHeuristicOptions options, out string description);

    /// <summary>A short description of input <paramref name="index"/> for the error log.</summary>
    protected abstract string Describe(GpuSession session, int index);

    /// <summary>Errors after which the next input can still be measured: out-of-memory, arena exhaustion, cuBLASLt refusing a problem.</summary>
    public static bool IsRecoverable(Exception e) => e switch
    {
        ArenaExhaustedException => true,
        CudaException c => c.IsOutOfMemory || c.Library == CudaErrorSource.CublasLt || c.Library == CudaErrorSource.Nvrtc || c.Code == 1,
        NoCandidateException => true,
        _ => false,
    };
}

/// <summary>cuBLASLt returned no usable algorithm for a problem.</summary>
public sealed class NoCandidateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NoCandidateException(string problem)
        : base("cuBLASLt returned no algorithm for " + problem)
    {
    }
}
