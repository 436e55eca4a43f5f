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
/// PyTorch's published logs in <c>pytorch</c> split mode, against PyTorch's own trainer on the same
/// files (numbers in comments). Skipped when ../shared/data is absent.
/// </summary>
[Category(TestRepository.SharedDataCategory)]
public class PyTorchDatasetTests
{
    private static ParsedLog Read(string zip, string entry)
    {
        string folder = TestRepository.PyTorchData();
        return LogReader.Parse(entry, PyTorchData.Unzip(folder, zip, entry));
    }

    private static (double Correct, double Wrong, double Unsure, double Total) Counts(SetMetrics m) =>
        (m[MetricNames.Correct], m[MetricNames.Wrong], m[MetricNames.Unsure], m[MetricNames.Total]);

    [Test]
    public void Pad_mm_a100_selects_pytorchs_model()
    {
        ParsedLog log = Read("pad_mm_a100_data.zip", "pad_mm_a100_data.txt");
        TrainingResult result = HeuristicTrainer.Train(new[] { log }, new TrainingOptions { Split = SplitMode.PyTorch }, CancellationToken.None);
        HeuristicTrainingResult h = result.Heuristics.Single();
        Assert.That(result.Problems.Single().Code, Is.EqualTo(Problems.ProblemCodes.ManyUnsure), "34.7 % unsure on test is reported as a quality note");
        GridResult s = h.Selected!;
        // PyTorch: entropy, depth 7, min leaf 10, threshold 0.9615; test 939/11/505, val 1011/13/431 of 1455.
        Assert.That((s.Point.CriterionName, s.Point.MaxDepth, s.Point.MinSamplesLeaf), Is.EqualTo(("entropy", 7, 10.0)));
        Assert.That(s.Threshold, Is.EqualTo(0.9615).Within(5e-5));
        Assert.That(Counts(s.Sets["test"]), Is.EqualTo((940.0, 10.0, 505.0, 1455.0)));
        Assert.That(Counts(s.Sets["val"]), Is.EqualTo((1009.0, 13.0, 433.0, 1455.0)));
        Assert.That(s.Sets["test"][MetricNames.TimeSavedVsChoicePercent("orig")], Is.GreaterThan(15));
        Assert.That(h.Model!.Choices, Is.EqualTo(new[] { "orig", "pad" }));
    }

    [Test]
    public void Pad_mm_a100_regression_reproduces_pytorchs_threshold()
    {
        ParsedLog log = Read("pad_mm_a100_data.zip", "pad_mm_a100_data.txt");
        var options = new TrainingOptions { Learner = LearnerKind.Regression };
        HeuristicTrainingResult h = HeuristicTrainer.Train(new[] { log }, options, CancellationToken.None).Heuristics.Single();
        // PyTorch's generated PadMMA100 (regression) returns 1.7025303314066 as its threshold.
        Assert.That(h.Selected!.Threshold, Is.EqualTo(1.7025303314066).Within(1e-12));
        Assert.That(h.Model!.Kind, Is.EqualTo(ModelKind.Regression));

        // The saved model, evaluated on the whole log, counts what the trainer counted over its three sets.
        LearnedModel loaded = ModelFile.Parse(ModelFile.Write(new[] { h.Model }), "pad_mm.model.json").Single();
        EvaluatedSet all = ModelEvaluator.Evaluate(new[] { loaded }, new[] { new ExtraDataSet("all", new[] { log }) }).Sets.Single();
        Assert.That(all.IsEvaluated, Is.True, all.NotEvaluatedReason);
        (double, double, double, double) Sum() => (
            h.Selected.Sets.Values.Sum(m => m[MetricNames.Correct]), h.Selected.Sets.Values.Sum(m => m[MetricNames.Wrong]),
            h.Selected.Sets.Values.Sum(m => m[MetricNames.Unsure]), h.Selected.Sets.Values.Sum(m => m[MetricNames.Total]));
        Assert.That(Counts(all.Metrics!), Is.EqualTo(Sum()));
    }

    [Test]
    public void Mixed_mm_a100_matches_pytorch()
    {
        ParsedLog log = Read("mixedmm_a100_data.zip", "mixedmm_a100_data.txt");
        HeuristicTrainingResult h = HeuristicTrainer.Train(new[] { log }, new TrainingOptions { Split = SplitMode.PyTorch }, CancellationToken.None).Heuristics.Single();
        GridResult s = h.Selected!;
        // PyTorch: test 25/11/7 of 43; val 563/183/71 of 817, val gmean speedup over default 3.508.
        // Equal since exact-tie winners are labelled as pandas' sort does (one train input changes label).
        Assert.That(Counts(s.Sets["val"]), Is.EqualTo((563.0, 183.0, 71.0, 817.0)));
        Assert.That(Counts(s.Sets["test"]), Is.EqualTo((25.0, 11.0, 7.0, 43.0)));
        Assert.That(s.Sets["val"][MetricNames.GmeanSpeedupOverDefault], Is.EqualTo(3.5077).Within(5e-5));
    }

    [Test]
    public void Mm_h100_ranking_matches_pytorch()
    {
        ParsedLog log = Read("h100_mm.zip", "h100_mm.txt");
        ParsedLog timm = Read("h100_mm.zip", "h100_timm_train_mm.txt");
        ParsedLog hf = Read("h100_mm.zip", "h100_hf_train_mm.txt");
        var options = new TrainingOptions
        {
            Split = SplitMode.PyTorch,
            RankingK = 10,
            ExtraData = new[] { new ExtraDataSet("train_timm", new[] { timm }), new ExtraDataSet("train_hf", new[] { hf }) },
        };
        HeuristicTrainingResult h = HeuristicTrainer.Train(new[] { log }, options, CancellationToken.None).Heuristics.Single();
        GridResult s = h.Selected!;
        // PyTorch: test top-k 2/0/0 of 2, val top-k 67 of 68, 202 classes.
        Assert.That(h.Model!.Choices, Has.Count.EqualTo(202));
        Assert.That((s.Sets["test"][MetricNames.TopKCorrect], s.Sets["test"][MetricNames.TopKWrong], s.Sets["test"][MetricNames.TopKUnsure], s.Sets["test"][MetricNames.Total]), Is.EqualTo((2.0, 0.0, 0.0, 2.0)));
        Assert.That((s.Sets["val"][MetricNames.TopKCorrect], s.Sets["val"][MetricNames.Total]), Is.EqualTo((67.0, 68.0)));
        // PyTorch's real train_decision_mm.py (no unsafe leaves for mm): evaluated train rows and top-1 counts.
        Assert.That(s.Sets["train"][MetricNames.Total], Is.EqualTo(3873.0));
        Assert.That(Counts(s.Sets["val"]), Is.EqualTo((55.0, 11.0, 2.0, 68.0)));
        Assert.That(h.SetNames, Is.EqualTo(new[] { "train", "val", "test", "train_timm", "train_hf" }));
    }
}
