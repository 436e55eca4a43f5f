using System.Linq;
using System.Threading;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Training;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>
/// <see cref="TieBreaking.Sklearn"/> on PyTorch's published logs in <c>pytorch</c> split mode. The
/// expected numbers are those of Debian's scikit-learn 1.2.1 running PyTorch's procedure
/// (tools/bench/sklearn_baseline.py; all 36 pad_mm grid points agree on val and test). Skipped
/// when ../shared/data is absent.
/// </summary>
[Category("PyTorchData")]
public class SklearnTiesPyTorchDataTests
{
    private static ParsedLog Read(string zip, string entry)
    {
        string? folder = TestLogs.SharedPyTorchData();
        if (folder is null) Assert.Ignore("../shared/data is absent");
        return LogReader.Parse(entry, PyTorchData.Unzip(folder!, zip, entry));
    }

    private static (double Correct, double Wrong, double Unsure) Counts(SetMetrics m) =>
        (m[MetricNames.Correct], m[MetricNames.Wrong], m[MetricNames.Unsure]);

    private static readonly TrainingOptions Options = new() { Split = SplitMode.PyTorch, TieBreaking = TieBreaking.Sklearn };

    [Test]
    public void Pad_mm_a100_grows_sklearns_trees()
    {
        HeuristicTrainingResult h = HeuristicTrainer.Train(new[] { Read("pad_mm_a100_data.zip", "pad_mm_a100_data.txt") }, Options, CancellationToken.None).Heuristics.Single();
        GridResult s = h.Selected!;
        Assert.That((s.Point.CriterionName, s.Point.MaxDepth, s.Point.MinSamplesLeaf), Is.EqualTo(("entropy", 7, 0.01)));
        Assert.That(Counts(s.Sets["test"]), Is.EqualTo((946.0, 16.0, 493.0)));
        Assert.That(Counts(s.Sets["val"]), Is.EqualTo((1002.0, 13.0, 440.0)));
        GridResult e710 = h.Grid.Single(g => g.Point == new GridPoint(SplitCriterion.Entropy, 7, 10));
        Assert.That(Counts(e710.Sets["val"]), Is.EqualTo((990.0, 13.0, 452.0)));
        Assert.That(Counts(e710.Sets["test"]), Is.EqualTo((923.0, 11.0, 521.0)));
    }

    [Test]
    public void Mixed_mm_a100_grows_sklearns_tree()
    {
        HeuristicTrainingResult h = HeuristicTrainer.Train(new[] { Read("mixedmm_a100_data.zip", "mixedmm_a100_data.txt") }, Options, CancellationToken.None).Heuristics.Single();
        GridResult s = h.Selected!;
        Assert.That(Counts(s.Sets["val"]), Is.EqualTo((569.0, 177.0, 71.0)));
        Assert.That(Counts(s.Sets["test"]), Is.EqualTo((24.0, 12.0, 7.0)));
    }
}
