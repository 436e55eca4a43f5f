using System;
using System.Linq;
using System.Threading;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Experimental;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Problems;
using AutoHeuristic.Learning.Training;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

public class TrainingTests
{
    private static ParsedLog Toy(int inputs, string name = "toy") => LogReader.Parse(name + ".txt", TestLogs.Separable(inputs, 2, name));

    [Test]
    public void The_split_seed_moves_inputs_between_the_sets_and_42_is_the_default()
    {
        static string[] TestInputs(TrainingOptions options)
        {
            TrainingResult r = HeuristicTrainer.Train(new[] { Toy(300) }, options with { KeepDecisions = true }, CancellationToken.None);
            return r.Heuristics.Single().Decisions["test"].Inputs.Select(d => string.Join(",", d.FeatureValues)).OrderBy(k => k, StringComparer.Ordinal).ToArray();
        }

        string[] byDefault = TestInputs(new TrainingOptions());
        Assert.That(TestInputs(new TrainingOptions { SplitSeed = 42 }), Is.EqualTo(byDefault));
        string[] other = TestInputs(new TrainingOptions { SplitSeed = 7 });
        Assert.That(other, Has.Length.EqualTo(byDefault.Length), "the same fractions");
        Assert.That(other, Is.Not.EqualTo(byDefault));
    }

    [Test]
    public void Learns_a_separable_heuristic_without_mistakes()
    {
        TrainingResult r = HeuristicTrainer.Train(new[] { Toy(300) }, new TrainingOptions(), CancellationToken.None);
        Assert.That(r.HasErrors, Is.False, string.Join("\n", r.Problems));
        HeuristicTrainingResult h = r.Heuristics.Single();
        LearnedModel model = h.Model!;
        Assert.That(model.Choices, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(model.Kind, Is.EqualTo(ModelKind.Decision));
        Assert.That(model.Hardware, Is.EqualTo(Hardware.HardwareKey.A100));
        Assert.That(h.Grid, Has.Count.EqualTo(36));
        Assert.That(h.SetNames, Is.EqualTo(new[] { "train", "val", "test" }));
        foreach (string set in h.SetNames)
        {
            Assert.That(h.Selected!.Sets[set][MetricNames.Wrong], Is.EqualTo(0), set);
            Assert.That(h.Selected.Sets[set][MetricNames.Unsure], Is.EqualTo(0), set);
        }

        Assert.That(h.Dataset.Inputs, Is.EqualTo(300));
        Assert.That(model.Features.Select(f => f.Name), Is.EqualTo(new[] { "m", "k", "dtype" }));
        // The categorical split is an equality test on Python str() text.
        string dump = TestLogs.Dump(model.Root);
        Assert.That(dump, Does.Contain("dtype != 'torch.float16'").Or.Contain("dtype != 'torch.float32'"));
        Assert.That(dump, Does.Contain("m <= 99.5"));
    }

    [Test]
    public void Leaf_ids_are_unique()
    {
        LearnedModel model = HeuristicTrainer.Train(new[] { Toy(300) }, new TrainingOptions(), CancellationToken.None).Models.Single();
        var ids = Leaves(model.Root).Select(l => l.Id).ToList();
        Assert.That(ids, Is.Unique);
    }

    [Test]
    public void Same_logs_give_the_same_model()
    {
        string first = TestLogs.Dump(HeuristicTrainer.Train(new[] { Toy(200) }, new TrainingOptions { Split = SplitMode.PyTorch }, CancellationToken.None).Models.Single().Root);
        string second = TestLogs.Dump(HeuristicTrainer.Train(new[] { Toy(200) }, new TrainingOptions { Split = SplitMode.PyTorch }, CancellationToken.None).Models.Single().Root);
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Log_row_order_does_not_change_the_model()
    {
        string text = TestLogs.Separable(250, 2);
        string[] lines = text.TrimEnd('\n').Split('\n');
        string Shuffled(int seed)
        {
            var rng = new Random(seed);
            string[] rows = lines.Skip(2).OrderBy(_ => rng.Next()).ToArray();
            return string.Join("\n", lines.Take(2).Concat(rows)) + "\n";
        }

        string expected = TestLogs.Dump(HeuristicTrainer.Train(new[] { LogReader.Parse("t.txt", text) }, new TrainingOptions(), CancellationToken.None).Models.Single().Root);
        foreach (int seed in new[] { 1, 2, 3 })
        {
            LearnedModel model = HeuristicTrainer.Train(new[] { LogReader.Parse("t.txt", Shuffled(seed)) }, new TrainingOptions(), CancellationToken.None).Models.Single();
            Assert.That(TestLogs.Dump(model.Root), Is.EqualTo(expected), $"shuffle {seed}");
        }
    }

    [Test]
    public void Parallel_and_sequential_grids_give_the_same_result()
    {
        HeuristicTrainingResult sequential = HeuristicTrainer.Train(new[] { Toy(300) }, new TrainingOptions(), CancellationToken.None).Heuristics.Single();
        HeuristicTrainingResult parallel = HeuristicTrainer.Train(new[] { Toy(300) }, new TrainingOptions { Fits = new ParallelFits(4) }, CancellationToken.None).Heuristics.Single();
        Assert.That(parallel.SelectedIndex, Is.EqualTo(sequential.SelectedIndex));
        Assert.That(TestLogs.Dump(parallel.Model!.Root), Is.EqualTo(TestLogs.Dump(sequential.Model!.Root)));
        for (int g = 0; g < sequential.Grid.Count; g++)
        {
            Assert.That(parallel.Grid[g].Sets["test"].Values, Is.EqualTo(sequential.Grid[g].Sets["test"].Values), $"grid point {g}");
        }
    }

    [Test]
    public void Tie_class_answers_unsure_and_is_no_choice()
    {
        // Inputs with k >= 60 are near-ties (1.0 vs 1.005): learned as the tie class with a 2 % margin.
        var sb = new System.Text.StringBuilder(TestLogs.PadMetadata + "\n" + TestLogs.Header + "\n");
        for (int i = 0; i < 300; i++)
        {
            int k = i % 100;
            double b = k >= 60 ? 1.005 : (i % 2 == 0 ? 2.0 : 0.5);
            sb.Append(System.FormattableString.Invariant($"{i % 2},{k},x,a,1.0\n{i % 2},{k},x,b,{b}\n"));
        }

        LearnedModel model = HeuristicTrainer.Train(new[] { LogReader.Parse("t.txt", sb.ToString()) }, new ExperimentalTrainingOptions { TieMargin = 1.02 }.ApplyTo(new TrainingOptions()), CancellationToken.None).Models.Single();
        Assert.That(model.Choices, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(Leaves(model.Root).Where(l => l.IsUnsafe), Is.Not.Empty);
        Assert.That(Leaves(model.Root).SelectMany(l => l.BestChoices).Select(c => c.ChoiceIndex), Is.All.InRange(0, 1));
        Assert.That(Leaves(model.Root).Select(l => l.ClassWeights.Count), Is.All.EqualTo(2));
    }

    [Test]
    public void Too_few_inputs_is_a_problem()
    {
        TrainingResult r = HeuristicTrainer.Train(new[] { Toy(5) }, new TrainingOptions(), CancellationToken.None);
        Assert.That(r.Problems.Single(p => p.Severity == ProblemSeverity.Error).Code, Is.EqualTo(ProblemCodes.TooFewInputs));
        Assert.That(r.Models, Is.Empty);
    }

    [Test]
    public void No_model_within_the_allowed_wrong_percentage_is_a_problem()
    {
        // Random winners: deep pure leaves are wrong on validation with probability 1.0, which the threshold cannot cut.
        var sb = new System.Text.StringBuilder(TestLogs.PadMetadata + "\n" + TestLogs.Header + "\n");
        var rng = new Random(3);
        for (int i = 0; i < 200; i++)
        {
            bool aWins = rng.Next(2) == 0;
            int k = rng.Next(50);
            sb.Append(System.FormattableString.Invariant($"{i},{k},x,a,{(aWins ? 1.0 : 2.0)}\n{i},{k},x,b,1.5\n"));
        }

        var options = new TrainingOptions { Grid = new TrainingGrid(new[] { 30 }, new double[] { 1 }, new[] { SplitCriterion.Gini }), AllowedWrongFraction = 0 };
        TrainingResult r = HeuristicTrainer.Train(new[] { LogReader.Parse("noise.txt", sb.ToString()) }, options, CancellationToken.None);
        GridResult g = r.Heuristics.Single().Grid.Single();
        Assert.That(r.Problems.Any(p => p.Code == ProblemCodes.NoEligibleModel), Is.True, $"val {g.Sets["val"][MetricNames.Correct]}/{g.Sets["val"][MetricNames.Wrong]}/{g.Sets["val"][MetricNames.Unsure]} thr {g.Threshold}");
        Assert.That(r.Heuristics.Single().Model, Is.Null);
        Assert.That(r.Heuristics.Single().Grid.Single().Eligible, Is.False);
    }

    [Test]
    public void Bad_logs_become_problems_not_exceptions()
    {
        TrainingResult r = HeuristicTrainer.Train(new[] { LogReader.Parse("empty.txt", string.Empty) }, new TrainingOptions(), CancellationToken.None);
        Assert.That(r.Problems.Select(p => p.Code), Does.Contain(ProblemCodes.EmptyLog));
        Assert.That(r.HasErrors, Is.True);
    }

    [Test]
    public void Training_is_cancellable()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => HeuristicTrainer.Train(new[] { Toy(100) }, new TrainingOptions(), cts.Token));
    }

    [Test]
    public void Presets_follow_the_heuristic_name()
    {
        Assert.That(HeuristicPreset.ForName("pad_mm").Grid.Points, Has.Count.EqualTo(36));
        Assert.That(HeuristicPreset.ForName("mm").DefaultChoice, Is.EqualTo("extern_mm"));
        Assert.That(HeuristicPreset.ForName("mm").ExtraTrainingCopies["train_hf"], Is.EqualTo(3));
        Assert.That(HeuristicPreset.ForName("mixed_mm").UnsafeLeafSlowdown, Is.EqualTo(1.05));
        Assert.That((HeuristicPreset.ForName("mixed_mm").TestFraction, HeuristicPreset.ForName("mixed_mm").ValFraction), Is.EqualTo((0.01, 0.19)));
        HeuristicPreset resolved = TrainingPipeline.Resolve("mm", new TrainingOptions { AllowedWrongFraction = 0.05, DefaultChoice = "x" });
        Assert.That((resolved.AllowedWrongFraction, resolved.DefaultChoice, resolved.AlwaysIncluded.Single()), Is.EqualTo((0.05, "x", "extern_mm")));
    }

    [Test]
    public void Ranking_mode_prunes_to_k_classes_per_side_and_reports_top_k()
    {
        // Four choices; c0 and c1 are near-best below m = 20, c2 and c3 above.
        var sb = new System.Text.StringBuilder(TestLogs.PadMetadata + "\n" + TestLogs.Header + "\n");
        for (int i = 0; i < 200; i++)
        {
            int m = i % 40;
            string[] c = { "c0", "c1", "c2", "c3" };
            for (int j = 0; j < 4; j++)
            {
                int best = m < 20 ? 0 : 2;
                double t = j == best ? 1.0 : j == best + 1 ? 1.01 : 2.0;
                sb.Append(System.FormattableString.Invariant($"{m},{i},x,{c[j]},{t}\n"));
            }
        }

        TrainingResult r = HeuristicTrainer.Train(new[] { LogReader.Parse("r.txt", sb.ToString()) }, new TrainingOptions { RankingK = 2, AlwaysIncluded = new[] { "c0" } }, CancellationToken.None);
        LearnedModel model = r.Models.Single();
        Assert.That((model.Kind, model.RankingK, model.AlwaysIncluded.Single()), Is.EqualTo((ModelKind.Ranking, 2, "c0")));
        Assert.That(r.Heuristics.Single().Selected!.Sets["test"][MetricNames.TopKCorrect], Is.EqualTo(r.Heuristics.Single().Selected!.Sets["test"][MetricNames.Total]));
        Assert.That(Leaves(model.Root).Select(l => l.Id), Is.Unique);
    }

    [Test]
    public void Regression_learner_produces_a_regression_model()
    {
        var sb = new System.Text.StringBuilder(TestLogs.PadMetadata + "\n" + TestLogs.Header + "\n");
        for (int i = 0; i < 120; i++)
        {
            bool aWins = i % 2 == 0;
            for (int r = 0; r < 3; r++) sb.Append(System.FormattableString.Invariant($"{i % 2},{i},x,a,{(aWins ? 1.0 : 2.0)}\n{i % 2},{i},x,b,1.5\n"));
        }

        TrainingResult result = HeuristicTrainer.Train(new[] { LogReader.Parse("reg.txt", sb.ToString()) }, new TrainingOptions { Learner = LearnerKind.Regression }, CancellationToken.None);
        LearnedModel model = result.Models.Single();
        Assert.That(model.Kind, Is.EqualTo(ModelKind.Regression));
        Assert.That(model.Features.Last().Name, Is.EqualTo("choice"));
        Assert.That(result.Heuristics.Single().Selected!.Sets["test"][MetricNames.Wrong], Is.EqualTo(0));
    }

    private static System.Collections.Generic.IEnumerable<Leaf> Leaves(TreeNode node) => node switch
    {
        Leaf l => new[] { l },
        NumericSplit n => Leaves(n.Left).Concat(Leaves(n.Right)),
        CategoricalSplit c => Leaves(c.NotEqual).Concat(Leaves(c.Equal)),
        _ => Array.Empty<Leaf>(),
    };
}
