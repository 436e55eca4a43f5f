using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Experimental;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Training;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>
/// What a host decides about training (threads, clock) and the experimental options all go through
/// small extension points of the build-time library; its defaults are a build's: one thread, no clock.
/// </summary>
public class TrainingHostTests
{
    private static ParsedLog Toy() => LogReader.Parse("toy.txt", TestLogs.Separable(300, 2));

    [Test]
    public void By_default_the_fits_are_sequential_and_no_clock_is_read()
    {
        var options = new TrainingOptions();

        HeuristicTrainingResult h = HeuristicTrainer.Train(new[] { Toy() }, options).Heuristics.Single();

        Assert.That(options.Fits, Is.SameAs(FitScheduler.Sequential));
        Assert.That(h.Elapsed, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void The_elapsed_time_is_measured_on_the_given_clock()
    {
        // A clock that advances 1.5 s on every reading: read once when the group starts and once when it ends.
        int readings = 0;
        var options = new TrainingOptions { Clock = () => TimeSpan.FromSeconds(1.5 * ++readings) };

        HeuristicTrainingResult h = HeuristicTrainer.Train(new[] { Toy() }, options).Heuristics.Single();

        Assert.That(readings, Is.EqualTo(2));
        Assert.That(h.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(1.5)));
    }

    [Test]
    public void A_custom_scheduler_runs_every_grid_point_once()
    {
        var scheduler = new CountingScheduler();

        HeuristicTrainingResult h = HeuristicTrainer.Train(new[] { Toy() }, new TrainingOptions { Fits = scheduler }).Heuristics.Single();

        Assert.That(scheduler.Counts, Is.EqualTo(new[] { h.Grid.Count }));
        Assert.That(scheduler.Fitted, Is.EqualTo(h.Grid.Count));
    }

    [Test]
    public void Without_grid_metrics_the_model_and_the_selected_metrics_stay_and_other_points_keep_validation_only()
    {
        // A log whose winner follows m and k with some inputs flipped, so grid points differ on validation.
        var rows = new List<string>();
        var random = new Random(12);
        for (int i = 0; i < 400; i++)
        {
            int m = random.Next(1, 300), k = random.Next(1, 300);
            bool aWins = (m * k % 7 < 3) != (random.NextDouble() < 0.15);
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"{m},{k},torch.float16,a,{(aWins ? 1.0 : 2.0)}"));
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"{m},{k},torch.float16,b,{(aWins ? 1.5 : 1.2)}"));
        }

        ParsedLog log = LogReader.Parse("noisy.txt", TestLogs.Log(rows.ToArray()));
        var everything = new TrainingOptions { AllowedWrongFraction = 1.0 };
        HeuristicTrainingResult full = HeuristicTrainer.Train(new[] { log }, everything).Heuristics.Single();
        HeuristicTrainingResult lean = HeuristicTrainer.Train(new[] { log }, everything with { KeepGridMetrics = false }).Heuristics.Single();

        Assert.That(full.Grid.Select(g => g.Sets["val"][MetricNames.Correct]).Distinct().Count(), Is.GreaterThan(1), "the grid points differ on validation");
        Assert.That(lean.SelectedIndex, Is.EqualTo(full.SelectedIndex));
        Assert.That(ModelFile.Write(new[] { lean.Model! }), Is.EqualTo(ModelFile.Write(new[] { full.Model! })));
        for (int g = 0; g < full.Grid.Count; g++)
        {
            GridResult expected = full.Grid[g], actual = lean.Grid[g];
            string[] sets = g == full.SelectedIndex ? new[] { "train", "val", "test" } : new[] { "val" };
            Assert.That(actual.Sets.Keys, Is.EqualTo(sets), $"grid point {g}");
            foreach (string set in sets) Assert.That(actual.Sets[set].Values, Is.EqualTo(expected.Sets[set].Values), $"grid point {g}, {set}");
            Assert.That((actual.Eligible, actual.Threshold, actual.Leaves, actual.Depth), Is.EqualTo((expected.Eligible, expected.Threshold, expected.Leaves, expected.Depth)), $"grid point {g}");
        }
    }

    [Test]
    public void Parallel_fits_need_at_least_one_thread()
    {
        Assert.That(() => new ParallelFits(0), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(new ParallelFits(3).MaxParallelism, Is.EqualTo(3));
        Assert.That(new ParallelFits().MaxParallelism, Is.EqualTo(Environment.ProcessorCount));
    }

    [Test]
    public void The_tool_options_fit_in_parallel_and_time_the_run()
    {
        TrainingOptions options = ParallelFits.ForTool(new TrainingOptions { RankingK = 3 }, 2);

        Assert.That(options.RankingK, Is.EqualTo(3));
        Assert.That(options.Fits, Is.TypeOf<ParallelFits>().With.Property(nameof(ParallelFits.MaxParallelism)).EqualTo(2));
        Assert.That(options.Clock, Is.Not.Null);
    }

    [Test]
    public void Default_experimental_options_leave_the_training_options_as_they_are()
    {
        var options = new TrainingOptions { RankingK = 3 };

        Assert.That(new ExperimentalTrainingOptions().ApplyTo(options), Is.SameAs(options));
        Assert.That(new ExperimentalTrainingOptions { TieMargin = 1.0 }.ApplyTo(options), Is.SameAs(options), "a margin of 1 is off");
        Assert.That(new ExperimentalTrainingOptions { FilterNoisyMeasurements = true }.ApplyTo(options), Is.Not.EqualTo(options));
    }

    [Test]
    public void Calibrated_leaves_change_the_threshold_to_per_leaf_answers()
    {
        TrainingOptions calibrated = new ExperimentalTrainingOptions { Confidence = ConfidenceStrategy.CalibratedLeaves }.ApplyTo(new TrainingOptions());

        ParsedLog noisy = LogReader.Parse("noisy.txt", ModelFileTests.NoisyLog(400, 1));
        HeuristicTrainingResult pytorch = HeuristicTrainer.Train(new[] { noisy }, new TrainingOptions()).Heuristics.Single();
        HeuristicTrainingResult perLeaf = HeuristicTrainer.Train(new[] { noisy }, calibrated).Heuristics.Single();

        // Per-leaf safety replaces PyTorch's global threshold with 0 at every grid point.
        Assert.That(pytorch.Grid.Select(g => g.Threshold), Has.Some.GreaterThan(0.0));
        Assert.That(perLeaf.Grid.Select(g => g.Threshold), Is.All.EqualTo(0.0));
    }

    private sealed class CountingScheduler : FitScheduler
    {
        public System.Collections.Generic.List<int> Counts { get; } = new();

        public int Fitted { get; private set; }

        public override void Run(int count, Action<int> fit, CancellationToken cancellationToken)
        {
            Counts.Add(count);
            for (int i = count - 1; i >= 0; i--)
            {
                fit(i); // backwards: the result must not depend on the order
                Fitted++;
            }
        }
    }
}
