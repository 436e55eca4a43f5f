using System.Collections.Generic;
using System.Threading;
using AutoHeuristic.Learning.Training;
using AutoHeuristic.Tests.Shared;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests.Parity;

/// <summary>pad_mm A100 (PyTorch's 36-point grid) with <c>--split pytorch --sklearn-ties</c>.</summary>
[Category(TestRepository.SharedDataCategory)]
public sealed class PadMmA100ParityDataTests : PyTorchParityFixture
{
    protected override string ExpectedFile => "pytorch-parity-pad_mm-a100.tsv";

    protected override IEnumerable<string> Provenance => ParityProvenance.PadMm;

    protected override HeuristicTrainingResult Train() =>
        HeuristicTrainer.Train(new[] { Read("pad_mm_a100_data.zip", "pad_mm_a100_data.txt") }, SklearnTies, CancellationToken.None).Heuristics[0];

    [Test]
    public void It_selects_pytorchs_published_model_with_its_numbers()
    {
        Assert.That((Selected.Point.CriterionName, Selected.Point.MaxDepth, Selected.Point.MinSamplesLeaf), Is.EqualTo(("entropy", 7, 10.0)));
        Assert.That(Selected.Threshold, Is.EqualTo(0.9615384615384616));
        Assert.That(Counts(Selected.Sets["test"]), Is.EqualTo((939.0, 11.0, 505.0)));
        Assert.That(Counts(Selected.Sets["val"]), Is.EqualTo((1011.0, 13.0, 431.0)));
    }

    [Test]
    public void Two_other_grid_points_have_the_validation_counts_pytorchs_script_printed()
    {
        Assert.That(Counts(Point(SplitCriterion.Entropy, 7, 0.01).Sets["val"]), Is.EqualTo((1002.0, 13.0, 440.0)));
        Assert.That(Counts(Point(SplitCriterion.Gini, 6, 1).Sets["val"]), Is.EqualTo((517.0, 9.0, 929.0)));
    }

    [Test]
    public void The_grid_has_36_points_evaluated_on_train_val_and_test()
    {
        Assert.That(Result.Grid, Has.Count.EqualTo(36));
        Assert.That(Result.SetNames, Is.EqualTo(new[] { "train", "val", "test" }));
    }
}
