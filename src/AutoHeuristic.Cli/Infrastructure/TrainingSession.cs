using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using AutoHeuristic.Learning;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Training;
using Spectre.Console;

namespace AutoHeuristic.Cli.Infrastructure;

/// <summary>A finished training run and how long it took.</summary>
/// <param name="Result">What the engine produced.</param>
/// <param name="Seconds">Wall time from reading the first log to the selected models (what a user waits for).</param>
public sealed record TrainingRun(TrainingResult Result, double Seconds);

/// <summary>Reads logs and runs the engine, with a progress display on an interactive terminal.</summary>
public static class TrainingSession
{
    /// <summary>Reads <paramref name="logPaths"/> and the extra data sets, then trains with <paramref name="options"/>.</summary>
    /// <exception cref="CliUserException">A log is missing or not a regular file (<see cref="InputFiles"/>).</exception>
    public static TrainingRun Run(
        IAnsiConsole console,
        IReadOnlyList<string> logPaths,
        IReadOnlyList<(string Name, string Path, int? TrainingCopies)> extraSets,
        TrainingOptions options,
        CancellationToken cancellationToken)
    {
        InputFiles.Require(logPaths, "log");
        foreach (var set in extraSets) InputFiles.Require(set.Path, "log");

        return Run(console, progress =>
        {
            // One parallel read of every file; the first logPaths.Count are the training logs.
            var paths = new List<string>(logPaths);
            foreach (var set in extraSets) paths.Add(set.Path);
            progress?.Report(new TrainingProgress("logs", "reading", 0, 1));
            IReadOnlyList<ParsedLog> parsed = LogFiles.ReadMany(paths);
            progress?.Report(new TrainingProgress("logs", "reading", 1, 1));
            cancellationToken.ThrowIfCancellationRequested();

            var logs = new List<ParsedLog>(logPaths.Count);
            for (int i = 0; i < logPaths.Count; i++) logs.Add(parsed[i]);
            var extra = new List<ExtraDataSet>(extraSets.Count);
            for (int i = 0; i < extraSets.Count; i++)
            {
                var set = extraSets[i];
                extra.Add(new ExtraDataSet(set.Name, new[] { parsed[logPaths.Count + i] }) { TrainingCopies = set.TrainingCopies });
            }

            return HeuristicTrainer.Train(logs, options with { ExtraData = extra, Progress = progress ?? options.Progress }, cancellationToken);
        });
    }

    /// <summary>Trains on logs already read (e.g. parts of a log), with the progress display.</summary>
    public static TrainingRun Run(IAnsiConsole console, IReadOnlyList<ParsedLog> logs, IReadOnlyList<ExtraDataSet> extra, TrainingOptions options, CancellationToken cancellationToken) =>
        Run(console, progress => HeuristicTrainer.Train(logs, options with { ExtraData = extra, Progress = progress ?? options.Progress }, cancellationToken));

    private static TrainingRun Run(IAnsiConsole console, Func<IProgress<TrainingProgress>?, TrainingResult> train)
    {
        var stopwatch = Stopwatch.StartNew();
        TrainingResult? result = null;
        void Work(IProgress<TrainingProgress>? progress) => result = train(progress);

        if (console.Profile.Capabilities.Interactive)
        {
            console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(context => Work(new SpectreProgress(context)));
        }
        else
        {
            Work(null);
        }

        stopwatch.Stop();
        return new TrainingRun(result!, stopwatch.Elapsed.TotalSeconds);
    }

    // One bar per (heuristic, stage). The engine reports from worker threads while the grid is
    // fitted, so the table of bars is locked; Spectre's tasks themselves are thread-safe.
    private sealed class SpectreProgress : IProgress<TrainingProgress>
    {
        private readonly ProgressContext _context;
        private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);

        public SpectreProgress(ProgressContext context) => _context = context;

        public void Report(TrainingProgress value)
        {
            string key = value.Heuristic + "\u0000" + value.Stage;
            lock (_tasks)
            {
                if (!_tasks.TryGetValue(key, out ProgressTask? task))
                {
                    task = _context.AddTask(Markup.Escape(value.Heuristic + ": " + value.Stage), maxValue: Math.Max(1, value.Total));
                    _tasks.Add(key, task);
                }

                // Reports from parallel fits may arrive out of order; the bar never goes back.
                task.MaxValue = Math.Max(1, value.Total);
                task.Value = Math.Max(task.Value, Math.Min(value.Done, task.MaxValue));
            }
        }
    }
}
