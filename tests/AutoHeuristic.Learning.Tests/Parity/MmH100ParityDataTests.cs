using System.Collections.Generic;
using System.Threading;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Training;
using AutoHeuristic.Tests.Shared;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests.Parity;

/// <summary>
/// mm ranking H100 (K = 10, PyTorch's one-point grid, <c>--data train_timm</c> and <c>--data train_hf</c>)
/// with <c>--split pytorch --sklearn-ties</c>.
/// </summary>
[Category(TestRepository.SharedDataCategory)]
public sealed class MmH100ParityDataTests : PyTorchParityFixture
{
    protected override string ExpectedFile => "pytorch-parity-mm-h100.tsv";

    protected override IEnumerable<string> Provenance => ParityProvenance.Mm;

    protected override HeuristicTrainingResult Train()
    {
        var options = SklearnTies with
        {
            RankingK = 10,
            ExtraData = new[]
            {
                new ExtraDataSet("train_timm", new[] { Read("h100_mm.zip", "h100_timm_train_mm.txt") }),
                new ExtraDataSet("train_hf", new[] { Read("h100_mm.zip", "h100_hf_train_mm.txt") }),
            },
        };
        return HeuristicTrainer.Train(new[] { Read("h100_mm.zip", "h100_mm.txt") }, options, CancellationToken.None).Heuristics[0];
    }

    [Test]
    public void It_has_pytorchs_published_numbers()
    {
        Assert.That(Result.Model!.Choices, Has.Count.EqualTo(202));
        Assert.That(Result.SetNames, Is.EqualTo(new[] { "train", "val", "test", "train_timm", "train_hf" }));
        Assert.That((Selected.Sets["val"][MetricNames.TopKCorrect], Selected.Sets["val"][MetricNames.Total]), Is.EqualTo((67.0, 68.0)));
        Assert.That((Selected.Sets["test"][MetricNames.TopKCorrect], Selected.Sets["test"][MetricNames.Total]), Is.EqualTo((2.0, 2.0)));
        Assert.That((Selected.Sets["train"][MetricNames.TopKCorrect], Selected.Sets["train"][MetricNames.Total]), Is.EqualTo((3801.0, 3873.0)));
        Assert.That(Counts(Selected.Sets["val"]), Is.EqualTo((55.0, 11.0, 2.0)));
        Assert.That(Counts(Selected.Sets["train"]), Is.EqualTo((1870.0, 1925.0, 78.0)));
    }
}
