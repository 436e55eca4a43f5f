using System.Collections.Generic;
using System.Threading;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Training;
using AutoHeuristic.Tests.Shared;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests.Parity;

/// <summary>mixed_mm A100 (PyTorch's one-point grid: entropy, depth 5, min leaf 0.01) with <c>--split pytorch --sklearn-ties</c>.</summary>
[Category(TestRepository.SharedDataCategory)]
public sealed class MixedMmA100ParityDataTests : PyTorchParityFixture
{
    protected override string ExpectedFile => "pytorch-parity-mixed_mm-a100.tsv";

    protected override IEnumerable<string> Provenance => ParityProvenance.MixedMm;

    protected override HeuristicTrainingResult Train() =>
        HeuristicTrainer.Train(new[] { Read("mixedmm_a100_data.zip", "mixedmm_a100_data.txt") }, SklearnTies, CancellationToken.None).Heuristics[0];

    [Test]
    public void It_has_pytorchs_published_numbers()
    {
        Assert.That(Result.Grid, Has.Count.EqualTo(1));
        Assert.That(Counts(Selected.Sets["val"]), Is.EqualTo((563.0, 183.0, 71.0)));
        Assert.That(Counts(Selected.Sets["test"]), Is.EqualTo((25.0, 11.0, 7.0)));
        Assert.That(Selected.Sets["val"][MetricNames.GmeanSpeedupOverDefault], Is.EqualTo(3.507741).Within(1e-6));
    }
}
