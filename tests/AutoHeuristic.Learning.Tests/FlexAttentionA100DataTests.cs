using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Tests.Fixtures;
using AutoHeuristic.Learning.Training;
using AutoHeuristic.Tests.Shared;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>
/// PyTorch's flex_attention A100 log: our flex_attention recipe, the generic preset, and the tree
/// PyTorch shipped for it, input by input (numbers in docs/flex-attention.md). The log tests are
/// skipped when ../shared/data is absent.
/// </summary>
[Category(TestRepository.SharedDataCategory)]
public class FlexAttentionA100DataTests
{
    private static readonly string Excluded = FlexAttentionDefaultConfig.ChoiceName(64, 16, 4, 3);

    private static ParsedLog Log()
    {
        string folder = Path.GetDirectoryName(TestRepository.PyTorchFile("flexattention_a100_data.zip"))!;
        return LogReader.Parse("flexattention_data_a100.txt", PyTorchData.Unzip(folder, "flexattention_a100_data.zip", "flexattention_data_a100.txt"));
    }

    private static (double, double, double, double) Counts(SetMetrics m) =>
        (m[MetricNames.Correct], m[MetricNames.Wrong], m[MetricNames.Unsure], m[MetricNames.Total]);

    private static HeuristicTrainingResult Train(ParsedLog log, HeuristicPreset? preset = null) =>
        HeuristicTrainer.Train(new[] { log }, new TrainingOptions { Split = SplitMode.PyTorch, TieBreaking = TieBreaking.Sklearn, Preset = preset, KeepDecisions = true }).Heuristics.Single();

    [Test]
    public void Recipe_trains_pytorchs_split_and_keeps_the_excluded_choice_out()
    {
        HeuristicTrainingResult h = Train(Log());
        GridResult s = h.Selected!;
        Assert.That(h.Dataset.SetSizes, Is.EqualTo(new Dictionary<string, int> { ["train"] = 4955, ["val"] = 1178, ["test"] = 62 }));
        Assert.That(Counts(s.Sets["train"]), Is.EqualTo((3172.0, 353.0, 1430.0, 4955.0)));
        Assert.That(Counts(s.Sets["val"]), Is.EqualTo((738.0, 79.0, 361.0, 1178.0)));
        Assert.That(Counts(s.Sets["test"]), Is.EqualTo((34.0, 3.0, 25.0, 62.0)));
        Assert.That(h.Model!.Choices, Has.Count.EqualTo(7).And.No.EqualTo(Excluded));
        Assert.That(s.Sets["val"][MetricNames.GmeanSpeedupOverDefault], Is.GreaterThan(1.04));
    }

    [Test]
    public void Generic_preset_mostly_answers_the_configuration_pytorch_drops()
    {
        HeuristicTrainingResult h = Train(Log(), HeuristicPreset.Generic);
        List<InputDecision> decided = h.Decisions.Values.SelectMany(l => l.Inputs).Where(d => d.Decision is not null).ToList();
        Assert.That(decided, Has.Count.EqualTo(2451));
        Assert.That(decided.Count(d => d.Decision == Excluded), Is.EqualTo(2160));
    }

    [Test]
    public void Shipped_tree_on_pytorchs_split_has_the_unsure_counts_of_pytorchs_pull_request()
    {
        ParsedLog log = Log();
        HeuristicTrainingResult ours = Train(log);
        EvaluatedSet shipped = ModelEvaluator.Evaluate(new[] { PyTorchFlexAttentionA100.Model() }, new[] { new ExtraDataSet("all", new[] { log }) },
            new ModelEvaluationOptions { IncludeDecisions = true, KeepFailedInputs = true }).Sets.Single();
        Assert.That(Counts(shipped.Metrics!), Is.EqualTo((3965.0, 538.0, 1692.0, 6195.0)));

        Dictionary<string, InputDecision> byInput = shipped.Decisions!.Inputs.ToDictionary(Key);
        var perSet = new Dictionary<string, (int Correct, int Wrong, int Unsure)>();
        foreach (DecisionListing listing in ours.Decisions.Values)
        {
            IEnumerable<DecisionOutcome> outcomes = listing.Inputs.Select(d => byInput[Key(d)].Outcome);
            perSet[listing.SetName] = (outcomes.Count(o => o == DecisionOutcome.Correct), outcomes.Count(o => o == DecisionOutcome.Wrong), outcomes.Count(o => o == DecisionOutcome.Unsure));
        }

        // PyTorch's pull request reports unsure 1335 (train) and 333 (val) for this tree.
        Assert.That(perSet["train"], Is.EqualTo((3188, 432, 1335)));
        Assert.That(perSet["val"], Is.EqualTo((743, 102, 333)));
        Assert.That(perSet["test"], Is.EqualTo((34, 4, 24)));
    }

    [Test]
    public void Our_tree_agrees_with_the_shipped_tree_on_most_inputs()
    {
        ParsedLog log = Log();
        HeuristicTrainingResult ours = Train(log);
        EvaluatedSet shipped = ModelEvaluator.Evaluate(new[] { PyTorchFlexAttentionA100.Model() }, new[] { new ExtraDataSet("all", new[] { log }) },
            new ModelEvaluationOptions { IncludeDecisions = true, KeepFailedInputs = true }).Sets.Single();
        Dictionary<string, InputDecision> byInput = shipped.Decisions!.Inputs.ToDictionary(Key);
        int same = 0, bothUnsure = 0, onlyShippedDecides = 0, onlyOursDecides = 0, different = 0;
        foreach (InputDecision d in ours.Decisions.Values.SelectMany(l => l.Inputs))
        {
            string? theirs = byInput[Key(d)].Decision;
            if (d.Decision == theirs)
            {
                if (d.Decision is null) bothUnsure++;
                else same++;
            }
            else if (d.Decision is null) onlyShippedDecides++;
            else if (theirs is null) onlyOursDecides++;
            else different++;
        }

        Assert.That((same, bothUnsure, onlyShippedDecides, onlyOursDecides, different), Is.EqualTo((4215, 1648, 168, 44, 120)));
    }

    [Test]
    public void Committed_model_file_of_the_shipped_tree_matches_the_fixture()
    {
        string path = Path.Combine(TestRepository.Root, "docs", "flex-attention", "pytorch-FlexAttentionA100.model.json");
        Assert.That(File.ReadAllText(path), Is.EqualTo(ModelFile.Write(new[] { PyTorchFlexAttentionA100.Model() })));
    }

    private static string Key(InputDecision d) => string.Join(",", d.FeatureValues);

}
