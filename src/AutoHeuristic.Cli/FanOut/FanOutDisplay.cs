using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Spectre.Console;

namespace AutoHeuristic.Cli.FanOut;

/// <summary>
/// The combined progress display: one Spectre.Console progress bar per shard, labelled with its
/// GPU, filled by the worker's own progress reports and annotated with the rows in its log.
/// </summary>
public sealed class SpectreFanOutDisplay : IFanOutObserver
{
    private readonly IAnsiConsole _console;
    private readonly ConcurrentDictionary<int, ProgressTask> _tasks = new();
    private readonly ConcurrentDictionary<int, string> _devices = new();
    private readonly ConcurrentDictionary<int, long> _rows = new();
    private ProgressContext? _context;

    /// <summary>Creates the display on <paramref name="console"/>.</summary>
    public SpectreFanOutDisplay(IAnsiConsole console)
    {
        _console = console;
    }

    /// <summary>Runs <paramref name="run"/> while the progress bars are live.</summary>
    public async Task<FanOutResult> RunAsync(Func<Task<FanOutResult>> run)
    {
        FanOutResult? result = null;
        await _console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                _context = context;
                result = await run().ConfigureAwait(false);
            })
            .ConfigureAwait(false);
        return result!;
    }

    /// <inheritdoc />
    public void Planned(FanOutRequest request, ShardLayout layout, IReadOnlyList<ShardAssignment> pending, IReadOnlyList<ShardAssignment> alreadyDone)
    {
        ProgressContext context = _context ?? throw new InvalidOperationException("Planned was called outside RunAsync.");
        var all = new List<ShardAssignment>(alreadyDone);
        all.AddRange(pending);
        all.Sort((a, b) => a.Index.CompareTo(b.Index));
        foreach (ShardAssignment shard in all)
        {
            bool done = alreadyDone.Contains(shard);
            ProgressTask task = context.AddTask(Describe(shard, done ? "done earlier" : "waiting"), autoStart: done, maxValue: shard.Samples);
            if (done) task.Value = shard.Samples;
            _tasks[shard.Index] = task;
        }
    }

    /// <inheritdoc />
    public void WorkerStarted(ShardAssignment shard, string device)
    {
        _devices[shard.Index] = device;
        ProgressTask task = _tasks[shard.Index];
        task.Description = Describe(shard, "starting");
        task.StartTask();
    }

    /// <inheritdoc />
    public void WorkerProgressed(ShardAssignment shard, WorkerProgress progress)
    {
        ProgressTask task = _tasks[shard.Index];
        if (progress.SamplesTotal > 0) task.MaxValue = progress.SamplesTotal;
        task.Value = progress.SamplesDone;
    }

    /// <inheritdoc />
    public void RowsWritten(ShardAssignment shard, long rows)
    {
        _rows[shard.Index] = rows;
        if (_tasks.TryGetValue(shard.Index, out ProgressTask? task) && !task.IsFinished)
        {
            task.Description = Describe(shard, rows.ToString("N0", CultureInfo.InvariantCulture) + " rows");
        }
    }

    /// <inheritdoc />
    public void WorkerFinished(ShardOutcome outcome)
    {
        ProgressTask task = _tasks[outcome.Shard.Index];
        string rows = outcome.Rows.ToString("N0", CultureInfo.InvariantCulture) + " rows";
        if (outcome.Succeeded)
        {
            task.Description = Describe(outcome.Shard, rows + ", [green]done[/]", escapeState: false);
            task.Value = task.MaxValue;
        }
        else
        {
            task.Description = Describe(outcome.Shard, rows + ", [red]failed[/]", escapeState: false);
        }

        task.StopTask();
    }

    private string Describe(ShardAssignment shard, string state, bool escapeState = true)
    {
        string where = _devices.TryGetValue(shard.Index, out string? device) ? "GPU " + device : "GPU -";
        return Markup.Escape($"{shard.Label} ({where})") + " " + (escapeState ? Markup.Escape(state) : state);
    }
}

/// <summary>
/// A line per event, for output that is not a terminal (a batch job's log file, CI): start,
/// a line every <see cref="RowReportInterval"/> per shard, and the end of each worker.
/// </summary>
public sealed class PlainFanOutLog : IFanOutObserver
{
    private readonly IAnsiConsole _console;
    private readonly ConcurrentDictionary<int, DateTime> _lastReport = new();
    private readonly ConcurrentDictionary<int, WorkerProgress> _progress = new();
    private readonly Func<DateTime> _now;

    /// <summary>Creates the log on <paramref name="console"/>; <paramref name="now"/> is the clock (tests pass a fixed one).</summary>
    public PlainFanOutLog(IAnsiConsole console, Func<DateTime>? now = null)
    {
        _console = console;
        _now = now ?? (() => DateTime.UtcNow);
    }

    /// <summary>How often a running shard's row count is printed.</summary>
    public TimeSpan RowReportInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public void Planned(FanOutRequest request, ShardLayout layout, IReadOnlyList<ShardAssignment> pending, IReadOnlyList<ShardAssignment> alreadyDone)
    {
        Line($"{request.Plan.Operation}: {request.Plan.Samples} samples, seed {request.Plan.Seed}, {request.Plan.ShardCount} shards on GPUs {string.Join(",", request.Devices)}; "
             + $"{pending.Count} to run, {alreadyDone.Count} already done; files in {layout.Directory}");
    }

    /// <inheritdoc />
    public void WorkerStarted(ShardAssignment shard, string device)
    {
        _lastReport[shard.Index] = _now();
        Line($"{shard.Label} started on GPU {device}: {shard.Samples} samples, seed {shard.Seed}");
    }

    /// <inheritdoc />
    public void WorkerProgressed(ShardAssignment shard, WorkerProgress progress) => _progress[shard.Index] = progress;

    /// <inheritdoc />
    public void RowsWritten(ShardAssignment shard, long rows)
    {
        DateTime now = _now();
        if (_lastReport.TryGetValue(shard.Index, out DateTime last) && now - last < RowReportInterval) return;
        _lastReport[shard.Index] = now;
        string samples = _progress.TryGetValue(shard.Index, out WorkerProgress p) ? $"{p.SamplesDone}/{p.SamplesTotal} samples, " : "";
        Line($"{shard.Label}: {samples}{rows} rows");
    }

    /// <inheritdoc />
    public void WorkerFinished(ShardOutcome outcome)
    {
        string seconds = outcome.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
        Line(outcome.Succeeded
            ? $"{outcome.Shard.Label} done on GPU {outcome.Device}: {outcome.Rows} rows in {seconds} s"
            : $"{outcome.Shard.Label} FAILED on GPU {outcome.Device} after {seconds} s ({outcome.Rows} rows kept): {outcome.Error}");
    }

    private void Line(string text) =>
        ConsoleLines.Write(_console, _now().ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " " + text);
}
