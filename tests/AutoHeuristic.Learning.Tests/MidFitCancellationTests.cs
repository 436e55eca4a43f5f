using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Training;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>
/// A fit stops soon after its token is cancelled, not only when it was cancelled before it began,
/// and a sequential fit (the generator's) stays on the caller's thread.
/// </summary>
public class MidFitCancellationTests
{
    private static ParsedLog Toy() => LogReader.Parse("toy.txt", TestLogs.Separable(300, 2));

    /// <summary>Reports synchronously (unlike <see cref="Progress{T}"/>, which posts), so the test sees every step in order.</summary>
    private sealed class Recorder : IProgress<TrainingProgress>
    {
        private readonly Action<TrainingProgress> _onReport;

        public Recorder(Action<TrainingProgress> onReport) => _onReport = onReport;

        public List<TrainingProgress> Reports { get; } = new();

        public List<int> Threads { get; } = new();

        public void Report(TrainingProgress value)
        {
            lock (Reports)
            {
                Reports.Add(value);
                Threads.Add(Environment.CurrentManagedThreadId);
            }

            _onReport(value);
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    public void A_token_cancelled_after_the_first_grid_point_stops_the_grid(int maxParallelism)
    {
        using var cts = new CancellationTokenSource();
        var progress = new Recorder(p => { if (p.Stage == "grid" && p.Done > 0) cts.Cancel(); });
        var options = new TrainingOptions { Fits = new ParallelFits(maxParallelism), Progress = progress };

        Assert.Catch<OperationCanceledException>(() => HeuristicTrainer.Train(new[] { Toy() }, options, cts.Token));

        List<TrainingProgress> grid = progress.Reports.Where(p => p.Stage == "grid" && p.Done > 0).ToList();
        int total = grid[0].Total;
        Assert.That(total, Is.GreaterThan(4), "the pad_mm grid has many points");

        // Points already running when the token was cancelled may finish; no new one starts.
        Assert.That(grid.Count, Is.LessThanOrEqualTo(maxParallelism), "grid points finished after the cancellation");
    }

    [Test]
    public void Without_cancellation_every_grid_point_is_reported()
    {
        var progress = new Recorder(_ => { });
        HeuristicTrainer.Train(new[] { Toy() }, new TrainingOptions { Progress = progress }, CancellationToken.None);

        List<TrainingProgress> grid = progress.Reports.Where(p => p.Stage == "grid" && p.Done > 0).ToList();
        Assert.That(grid.Select(p => p.Done).Distinct().Count(), Is.EqualTo(grid[0].Total));
    }

    [Test]
    public void A_sequential_fit_runs_on_the_calling_thread()
    {
        var progress = new Recorder(_ => { });
        HeuristicTrainer.Train(new[] { Toy() }, new TrainingOptions { Progress = progress }, CancellationToken.None);

        Assert.That(progress.Threads.Distinct(), Is.EqualTo(new[] { Environment.CurrentManagedThreadId }));
    }

    [Test]
    public void Parsing_a_log_stops_when_its_token_is_cancelled()
    {
        string text = TestLogs.Separable(3000, 2);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        // Nothing checks the token before the rows: this throws only if the row loop looks at it.
        Assert.Catch<OperationCanceledException>(() => LogReader.Parse("toy.txt", text, System.Text.Encoding.UTF8, cts.Token));
        Assert.That(LogReader.Parse("toy.txt", text, System.Text.Encoding.UTF8, CancellationToken.None).RowCount, Is.EqualTo(12000));
    }
}
