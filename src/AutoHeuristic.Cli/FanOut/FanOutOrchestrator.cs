using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AutoHeuristic.Cli.Infrastructure;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Learning.Logs;

namespace AutoHeuristic.Cli.FanOut;

/// <summary>A fanned-out collection to run.</summary>
/// <param name="Plan">What to collect and how it is split.</param>
/// <param name="OutPath">The merged log; the shards live in <c>OutPath.shards/</c> (<see cref="ShardLayout"/>).</param>
/// <param name="Devices">The GPUs to use, one worker at a time on each.</param>
/// <param name="Resume">Continue the shards already on disk instead of refusing to touch them.</param>
public sealed record FanOutRequest(ShardPlan Plan, string OutPath, IReadOnlyList<string> Devices, bool Resume);

/// <summary>How one worker run ended.</summary>
/// <param name="Shard">The shard it collected.</param>
/// <param name="Device">The GPU it ran on.</param>
/// <param name="ExitCode">The worker's exit code, or null when it could not start or was cancelled.</param>
/// <param name="Error">Why it failed, or null.</param>
/// <param name="Rows">Data rows in the shard log afterwards.</param>
/// <param name="Elapsed">Wall time of the worker.</param>
public sealed record ShardOutcome(ShardAssignment Shard, string Device, int? ExitCode, string? Error, long Rows, TimeSpan Elapsed)
{
    /// <summary>True when the shard is complete.</summary>
    public bool Succeeded => ExitCode == 0 && Error is null;
}

/// <summary>The result of <see cref="FanOutOrchestrator.RunAsync"/>.</summary>
/// <param name="Plan">The plan that ran.</param>
/// <param name="Layout">Where its files are.</param>
/// <param name="Ran">The workers this run started, in the order they finished.</param>
/// <param name="SkippedAsDone">Shards already complete on disk (only with resume).</param>
/// <param name="Merge">The merge, or null when it did not happen.</param>
/// <param name="Error">Why the collection is incomplete (failed shards, cancellation, a merge mismatch), or null.</param>
/// <param name="Elapsed">Wall time of the whole run.</param>
public sealed record FanOutResult(
    ShardPlan Plan,
    ShardLayout Layout,
    IReadOnlyList<ShardOutcome> Ran,
    IReadOnlyList<ShardAssignment> SkippedAsDone,
    LogMergeResult? Merge,
    string? Error,
    TimeSpan Elapsed)
{
    /// <summary>True when every shard is complete and the merged log was written.</summary>
    public bool Succeeded => Error is null && Merge is not null;

    /// <summary>Inputs of the shards completed by this run per minute of this run's wall time.</summary>
    public double InputsPerMinute
    {
        get
        {
            int samples = Ran.Where(o => o.Succeeded).Sum(o => o.Shard.Samples);
            return Elapsed.TotalMinutes > 0 ? samples / Elapsed.TotalMinutes : 0;
        }
    }
}

/// <summary>
/// Receives what a fan-out does, for a progress display. Called from several threads at once;
/// implementations must be thread-safe.
/// </summary>
public interface IFanOutObserver
{
    /// <summary>The plan is fixed: which shards will run and which were already complete.</summary>
    void Planned(FanOutRequest request, ShardLayout layout, IReadOnlyList<ShardAssignment> pending, IReadOnlyList<ShardAssignment> alreadyDone);

    /// <summary>A worker started on <paramref name="device"/>.</summary>
    void WorkerStarted(ShardAssignment shard, string device);

    /// <summary>A worker reported its own progress.</summary>
    void WorkerProgressed(ShardAssignment shard, WorkerProgress progress);

    /// <summary>A running shard's log now holds <paramref name="rows"/> data rows.</summary>
    void RowsWritten(ShardAssignment shard, long rows);

    /// <summary>A worker ended.</summary>
    void WorkerFinished(ShardOutcome outcome);
}

/// <summary>
/// Runs one worker per GPU over the shards of a <see cref="ShardPlan"/>, then merges the shard
/// logs into one. Each worker writes only its own shard log, so a crashing worker cannot damage
/// another's rows; the others run on, the merge is skipped, and <c>--resume</c> later reruns only
/// the incomplete shards (continuing the rows they already wrote). When there are more shards than
/// GPUs, each GPU takes the next pending shard as it frees up; which GPU ran a shard never changes
/// what the shard collects.
/// </summary>
public sealed class FanOutOrchestrator
{
    private readonly IWorkerRunner _runner;
    private readonly IFanOutObserver _observer;

    /// <summary>Creates the orchestrator.</summary>
    /// <param name="runner">Starts workers (a process per shard in production, fakes in tests).</param>
    /// <param name="observer">Receives progress; may be a display or a silent recorder.</param>
    public FanOutOrchestrator(IWorkerRunner runner, IFanOutObserver observer)
    {
        _runner = runner;
        _observer = observer;
    }

    /// <summary>How often running shard logs are re-counted for the display.</summary>
    public TimeSpan RowPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Runs the collection. Bad requests (existing output without resume, a changed plan) throw <see cref="FanOutException"/>.</summary>
    public async Task<FanOutResult> RunAsync(FanOutRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Devices.Count == 0) throw new FanOutException("No devices to run on.");
        if (request.Devices.Distinct(StringComparer.Ordinal).Count() != request.Devices.Count)
        {
            throw new FanOutException("A device is listed twice (" + string.Join(",", request.Devices) + "); each GPU runs one worker at a time.");
        }

        var clock = Stopwatch.StartNew();
        var layout = new ShardLayout(request.OutPath);
        PrepareDirectory(request, layout);
        using FileStream runLock = LockFolder(layout);

        var pending = new List<ShardAssignment>();
        var done = new List<ShardAssignment>();
        foreach (ShardAssignment shard in request.Plan.Shards())
        {
            if (File.Exists(layout.DoneMarkerPath(shard))) done.Add(shard);
            else pending.Add(shard);
        }

        foreach (ShardAssignment shard in pending)
        {
            // A worker killed mid-line leaves a fragment; cut it before counting rows or restarting the
            // shard (the worker's own --resume does the same through the same LogTail).
            LogTail.TrimPartialLastLine(layout.ShardLogPath(shard));
        }

        _observer.Planned(request, layout, pending, done);

        // The first wave is fixed (device d starts pending shard d); later shards go to whichever GPU frees up first.
        var queue = new ConcurrentQueue<ShardAssignment>(pending.Skip(request.Devices.Count));
        var outcomes = new ConcurrentQueue<ShardOutcome>();
        var running = new ConcurrentDictionary<int, RowCounter>();
        using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task poller = PollRowsAsync(running, stopPolling.Token);

        Task[] deviceLoops = request.Devices
            .Select((device, d) => Task.Run(
                () => RunDeviceAsync(device, d < pending.Count ? pending[d] : null, queue, request, layout, outcomes, running, cancellationToken),
                CancellationToken.None))
            .ToArray();
        await Task.WhenAll(deviceLoops).ConfigureAwait(false);
        stopPolling.Cancel();
        await poller.ConfigureAwait(false);

        var ran = outcomes.ToList();
        var incomplete = request.Plan.Shards().Where(s => !File.Exists(layout.DoneMarkerPath(s))).ToList();
        if (incomplete.Count > 0)
        {
            string why = cancellationToken.IsCancellationRequested ? "the collection was cancelled" : "workers failed";
            string list = string.Join(", ", incomplete.Select(s => s.Index.ToString(CultureInfo.InvariantCulture)));
            return new FanOutResult(request.Plan, layout, ran, done, null,
                $"{incomplete.Count} of {request.Plan.ShardCount} shards are incomplete ({why}: shards {list}); their rows so far are kept in {layout.Directory}. Rerun with --resume to finish them.",
                clock.Elapsed);
        }

        var inputs = request.Plan.Shards().Select(layout.ShardLogPath).Where(File.Exists).ToList();
        if (inputs.Count == 0)
        {
            return new FanOutResult(request.Plan, layout, ran, done, null, "Every worker finished, but none wrote a log (no input passed the operation's precondition?).", clock.Elapsed);
        }

        try
        {
            LogMergeResult merge = MergeShards(inputs, layout);
            GatherSideFiles(request.Plan, layout);
            return new FanOutResult(request.Plan, layout, ran, done, merge, null, clock.Elapsed);
        }
        catch (Exception e) when (e is LogMergeException or CliUserException)
        {
            return new FanOutResult(request.Plan, layout, ran, done, null, "The shard logs cannot be merged: " + e.Message, clock.Elapsed);
        }
    }

    // The lock is released by the OS if this process dies, so a crash never leaves a stale lock.
    private static FileStream LockFolder(ShardLayout layout)
    {
        try
        {
            return new FileStream(layout.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new FanOutException($"Another fan-out is running on {layout.Directory}; wait for it to end (or stop it) before resuming.");
        }
    }

    private static void PrepareDirectory(FanOutRequest request, ShardLayout layout)
    {
        bool exists = Directory.Exists(layout.Directory) && Directory.EnumerateFileSystemEntries(layout.Directory).Any();
        if (exists && !request.Resume)
        {
            throw new FanOutException($"{layout.Directory} already holds a collection. Pass --resume to continue it, or remove the folder to start over.");
        }

        if (!exists && !request.Resume && File.Exists(layout.MergedLogPath))
        {
            throw new FanOutException($"{layout.MergedLogPath} already exists; choose another --out or remove it.");
        }

        if (exists)
        {
            if (!File.Exists(layout.PlanPath))
            {
                throw new FanOutException($"{layout.Directory} has no plan.json, so it is not a fan-out folder this command can resume; remove it or choose another --out.");
            }

            ShardPlan stored = ShardPlan.Parse(File.ReadAllText(layout.PlanPath), layout.PlanPath);
            IReadOnlyList<string> diffs = stored.Differences(request.Plan);
            if (diffs.Count > 0)
            {
                throw new FanOutException(
                    $"--resume: {layout.PlanPath} was written for another plan (stored vs requested: {string.Join("; ", diffs)}). Resume with the stored options, or choose another --out.");
            }

            return;
        }

        Directory.CreateDirectory(layout.Directory);
        WriteAtomically(layout.PlanPath, request.Plan.ToJson() + "\n");
    }

    private async Task RunDeviceAsync(
        string device,
        ShardAssignment? first,
        ConcurrentQueue<ShardAssignment> queue,
        FanOutRequest request,
        ShardLayout layout,
        ConcurrentQueue<ShardOutcome> outcomes,
        ConcurrentDictionary<int, RowCounter> running,
        CancellationToken cancellationToken)
    {
        ShardAssignment? shard = first;
        while (!cancellationToken.IsCancellationRequested && (shard is not null || queue.TryDequeue(out shard)))
        {
            string log = layout.ShardLogPath(shard);
            var workerRequest = new WorkerRequest(request.Plan, shard, device, log, layout.ConsoleLogPath(shard), Resume: File.Exists(log));
            running[shard.Index] = new RowCounter(shard, log);
            _observer.WorkerStarted(shard, device);
            var clock = Stopwatch.StartNew();
            int? exitCode = null;
            string? error = null;
            try
            {
                exitCode = await _runner.RunAsync(workerRequest, new ProgressRelay(_observer, shard), cancellationToken).ConfigureAwait(false);
                if (exitCode != 0) error = $"the worker exited with code {exitCode}; see {workerRequest.ConsoleLogPath}";
            }
            catch (OperationCanceledException)
            {
                error = "cancelled";
            }
            catch (Exception e)
            {
                // Whatever went wrong with this worker must not stop the other GPUs.
                error = e.Message;
            }

            running.TryRemove(shard.Index, out _);
            long rows = ShardLogFile.CountDataRows(log);
            if (error is null)
            {
                // The marker is what --resume trusts; it is written only after a clean exit.
                WriteAtomically(layout.DoneMarkerPath(shard), "rows " + rows.ToString(CultureInfo.InvariantCulture) + "\n");
            }

            var outcome = new ShardOutcome(shard, device, exitCode, error, rows, clock.Elapsed);
            outcomes.Enqueue(outcome);
            _observer.RowsWritten(shard, rows);
            _observer.WorkerFinished(outcome);
            shard = null;
        }
    }

    private async Task PollRowsAsync(ConcurrentDictionary<int, RowCounter> running, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RowPollInterval, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            foreach (RowCounter counter in running.Values)
            {
                try
                {
                    _observer.RowsWritten(counter.Shard, counter.Update());
                }
                catch (IOException)
                {
                    // the worker is writing or the file is being replaced; count again next time
                }
            }
        }
    }

    // The merged log is written as `merge --output` writes (OutputFile): whole or not at all,
    // through a link, never renamed over a device.
    private static LogMergeResult MergeShards(IReadOnlyList<string> inputs, ShardLayout layout)
    {
        var sources = inputs
            .Select(path => new KeyValuePair<string, Func<TextReader>>(path, () => new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true)))
            .ToList();
        LogMergeResult? result = null;
        OutputFile merged = new OutputFiles(inputs).Add("--out", layout.MergedLogPath)!;
        merged.Write(stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\n" };
            result = LogMerger.Merge(sources, writer);
        });
        return result!;
    }

    // Each side file of all shards in one file beside the merged log, as a single-GPU run has it.
    private static void GatherSideFiles(ShardPlan plan, ShardLayout layout)
    {
        foreach (SideFile file in ShardLayout.SideFiles)
        {
            var text = new System.Text.StringBuilder();
            string? header = null;
            foreach (ShardAssignment shard in plan.Shards())
            {
                string path = layout.ShardSideFilePath(shard, file);
                if (!File.Exists(path)) continue;
                string[] lines = File.ReadAllLines(path);
                for (int i = 0; i < lines.Length; i++)
                {
                    // A header is kept once; a shard whose first line differs keeps all its lines.
                    if (file.HasHeader && i == 0)
                    {
                        if (header is null) header = lines[0];
                        else if (string.Equals(lines[0], header, StringComparison.Ordinal)) continue;
                    }

                    text.Append(lines[i]).Append('\n');
                }
            }

            string merged = layout.MergedSideFilePath(file);
            if (text.Length > 0) new OutputFiles(Array.Empty<string>()).Add("--out", merged)!.WriteText(text.ToString());
            else if (File.Exists(merged)) File.Delete(merged);
        }
    }

    // The fan-out's own bookkeeping files inside the .shards folder.
    private static void WriteAtomically(string path, string text)
    {
        string temp = path + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Follows a growing shard log without re-reading it.</summary>
    private sealed class RowCounter
    {
        private readonly object _gate = new();
        private readonly string _path;
        private long _offset;
        private long _lines;

        public RowCounter(ShardAssignment shard, string path)
        {
            Shard = shard;
            _path = path;
        }

        public ShardAssignment Shard { get; }

        public long Update()
        {
            lock (_gate)
            {
                var file = new FileInfo(_path);
                if (!file.Exists || file.Length < _offset)
                {
                    _offset = 0;
                    _lines = 0;
                }

                _lines += ShardLogFile.CountNewLines(_path, ref _offset);
                return _lines > 2 ? _lines - 2 : 0;
            }
        }
    }

    private sealed class ProgressRelay : IProgress<WorkerProgress>
    {
        private readonly IFanOutObserver _observer;
        private readonly ShardAssignment _shard;

        public ProgressRelay(IFanOutObserver observer, ShardAssignment shard)
        {
            _observer = observer;
            _shard = shard;
        }

        public void Report(WorkerProgress value) => _observer.WorkerProgressed(_shard, value);
    }
}

/// <summary>A fan-out request that cannot run as asked; the message says what to change.</summary>
public sealed class FanOutException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FanOutException(string message)
        : base(message)
    {
    }
}
