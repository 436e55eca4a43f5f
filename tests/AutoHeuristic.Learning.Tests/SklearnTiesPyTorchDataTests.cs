using System.Linq;
using System.Threading;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Training;
using AutoHeuristic.Tests.Shared;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>
/// <see cref="TieBreaking.Sklearn"/> on PyTorch's published logs in <c>pytorch</c> split mode
/// reproduces PyTorch's published results exactly. The same numbers come from PyTorch's real
/// trainer scripts (torchgen/_autoheuristic, run with Debian's scikit-learn 1.2.1, pandas 1.5.3,
/// numpy 1.24.2, leaf values normalized as scikit-learn ≥ 1.4 stores them), on every grid point.
/// Skipped when ../shared/data is absent.
/// </summary>
[Category(TestRepository.SharedDataCategory)]
public class SklearnTiesPyTorchDataTests
{
    private static ParsedLog Read(string zip, string entry)
    {
        string folder = TestRepository.PyTorchData();
        return LogReader.Parse(entry, PyTorchData.Unzip(folder, zip, entry));
    }

    private static (double Correct, double Wrong, double Unsure) Counts(SetMetrics m) =>
        (m[MetricNames.Correct], m[MetricNames.Wrong], m[MetricNames.Unsure]);

    private static readonly TrainingOptions Options = new() { Split = SplitMode.PyTorch, TieBreaking = TieBreaking.Sklearn };

    [Test]
    public void Pad_mm_a100_reproduces_pytorchs_published_model()
    {
        HeuristicTrainingResult h = HeuristicTrainer.Train(new[] { Read("pad_mm_a100_data.zip", "pad_mm_a100_data.txt") }, Options, CancellationToken.None).Heuristics.Single();
        GridResult s = h.Selected!;
        Assert.That((s.Point.CriterionName, s.Point.MaxDepth, s.Point.MinSamplesLeaf), Is.EqualTo(("entropy", 7, 10.0)));
        Assert.That(s.Threshold, Is.EqualTo(0.9615384615384616));
        Assert.That(Counts(s.Sets["test"]), Is.EqualTo((939.0, 11.0, 505.0)));
        Assert.That(Counts(s.Sets["val"]), Is.EqualTo((1011.0, 13.0, 431.0)));

        // Two other grid points, as PyTorch's script evaluates them.
        GridResult e701 = h.Grid.Single(g => g.Point == new GridPoint(SplitCriterion.Entropy, 7, 0.01));
        Assert.That(Counts(e701.Sets["val"]), Is.EqualTo((1002.0, 13.0, 440.0)));
        GridResult g61 = h.Grid.Single(g => g.Point == new GridPoint(SplitCriterion.Gini, 6, 1));
        Assert.That(Counts(g61.Sets["val"]), Is.EqualTo((517.0, 9.0, 929.0)));
    }

    [Test]
    public void Mixed_mm_a100_reproduces_pytorchs_published_model()
    {
        HeuristicTrainingResult h = HeuristicTrainer.Train(new[] { Read("mixedmm_a100_data.zip", "mixedmm_a100_data.txt") }, Options, CancellationToken.None).Heuristics.Single();
        GridResult s = h.Selected!;
        Assert.That(Counts(s.Sets["val"]), Is.EqualTo((563.0, 183.0, 71.0)));
        Assert.That(Counts(s.Sets["test"]), Is.EqualTo((25.0, 11.0, 7.0)));
        Assert.That(s.Sets["val"][MetricNames.GmeanSpeedupOverDefault], Is.EqualTo(3.507741).Within(1e-6));
    }

    [Test]
    public void Mm_h100_ranking_reproduces_pytorchs_published_model()
    {
        var options = Options with
        {
            RankingK = 10,
            ExtraData = new[]
            {
                new ExtraDataSet("train_timm", new[] { Read("h100_mm.zip", "h100_timm_train_mm.txt") }),
                new ExtraDataSet("train_hf", new[] { Read("h100_mm.zip", "h100_hf_train_mm.txt") }),
            },
        };
        HeuristicTrainingResult h = HeuristicTrainer.Train(new[] { Read("h100_mm.zip", "h100_mm.txt") }, options, CancellationToken.None).Heuristics.Single();
        GridResult s = h.Selected!;
        Assert.That(h.Model!.Choices, Has.Count.EqualTo(202));
        Assert.That((s.Sets["val"][MetricNames.TopKCorrect], s.Sets["val"][MetricNames.Total]), Is.EqualTo((67.0, 68.0)));
        Assert.That((s.Sets["test"][MetricNames.TopKCorrect], s.Sets["test"][MetricNames.Total]), Is.EqualTo((2.0, 2.0)));
        Assert.That((s.Sets["train"][MetricNames.TopKCorrect], s.Sets["train"][MetricNames.Total]), Is.EqualTo((3801.0, 3873.0)));
        Assert.That(Counts(s.Sets["val"]), Is.EqualTo((55.0, 11.0, 2.0)));
        Assert.That(Counts(s.Sets["train"]), Is.EqualTo((1870.0, 1925.0, 78.0)));
    }
}
