using System.Linq;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Training;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>Per-input decisions add up to the evaluator's counts and carry the measurements behind them.</summary>
public class DecisionListingTests
{
    [Test]
    public void Evaluated_decisions_add_up_to_the_metrics()
    {
        ParsedLog log = LogReader.Parse("toy.txt", TestLogs.Separable(120));
        LearnedModel model = HeuristicTrainer.Train(new[] { log }, new TrainingOptions()).Models.Single();
        EvaluatedSet set = ModelEvaluator.Evaluate(new[] { model }, new[] { new ExtraDataSet("all", new[] { log }) }, new ModelEvaluationOptions { IncludeDecisions = true }).Sets.Single();
        DecisionListing listing = set.Decisions!;

        Assert.That(listing.FeatureNames, Is.EqualTo(new[] { "m", "k", "dtype" }));
        Assert.That(listing.Choices, Is.EquivalentTo(new[] { "a", "b" }));
        Assert.That(listing.Inputs, Has.Count.EqualTo((int)set.Metrics![MetricNames.Total]));
        Assert.That(listing.Inputs.Count(d => d.Outcome == DecisionOutcome.Correct), Is.EqualTo((int)set.Metrics[MetricNames.Correct]));
        Assert.That(listing.Inputs.Count(d => d.Outcome == DecisionOutcome.Wrong), Is.EqualTo((int)set.Metrics[MetricNames.Wrong]));
        Assert.That(listing.Inputs.Count(d => d.Outcome == DecisionOutcome.Unsure), Is.EqualTo((int)set.Metrics[MetricNames.Unsure]));

        // Input 0 of Separable: m = 10, k = 16, float32, so b wins (a 2.0, b 1.2).
        InputDecision first = listing.Inputs.Single(d => d.FeatureValues.SequenceEqual(new[] { "10", "16", "torch.float32" }));
        int a = listing.Choices.ToList().IndexOf("a"), b = listing.Choices.ToList().IndexOf("b");
        Assert.That((first.Times[a], first.Times[b]), Is.EqualTo((2.0, 1.2)));
        Assert.That(first.Best, Is.EqualTo("b"));
        Assert.That(first.BestTime, Is.EqualTo(1.2));
        Assert.That(first.Regret, Is.EqualTo(first.Decision is null ? double.NaN : first.DecisionTime / 1.2));
        foreach (InputDecision d in listing.Inputs)
        {
            Assert.That(d.Decision is null, Is.EqualTo(d.Outcome == DecisionOutcome.Unsure));
            if (d.Decision is not null) Assert.That(d.Regret, Is.GreaterThanOrEqualTo(1.0));
            Assert.That(d.LeafId, Is.AnyOf(model.Root.CollectLeaves().Select(l => l.Id).ToArray()));
        }
    }

    [Test]
    public void Training_keeps_decisions_per_set_only_when_asked()
    {
        ParsedLog log = LogReader.Parse("toy.txt", TestLogs.Separable(120));
        HeuristicTrainingResult kept = HeuristicTrainer.Train(new[] { log }, new TrainingOptions { KeepDecisions = true }).Heuristics.Single();
        Assert.That(kept.Decisions.Keys, Is.EquivalentTo(new[] { "train", "val", "test" }));
        foreach ((string name, DecisionListing listing) in kept.Decisions)
        {
            SetMetrics m = kept.Selected!.Sets[name];
            Assert.That(listing.Inputs.Count(d => d.Outcome == DecisionOutcome.Correct), Is.EqualTo((int)m[MetricNames.Correct]), name);
            Assert.That(listing.Inputs, Has.Count.EqualTo((int)m[MetricNames.Total]), name);
        }

        Assert.That(HeuristicTrainer.Train(new[] { log }, new TrainingOptions()).Heuristics.Single().Decisions, Is.Empty);
    }
}
