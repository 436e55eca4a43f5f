using System;
using System.Linq;
using System.Threading;
using AutoHeuristic.Features;
using AutoHeuristic.Learning.Data;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Trees;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>PyTorch's evaluation rules on a table small enough to check by hand.</summary>
public class EvaluatorTests
{
    // Three inputs: a wins at m=1 (a 1, b 2), b wins at m=2 (a 3, b 1.5), a wins at m=3 (a 1, b inf).
    private static InputTable Table() => InputTableBuilder.Build("t", new[] { LogReader.Parse("t.txt", TestLogs.Log(
        "1,1,x,a,1.0", "1,1,x,b,2.0", "2,1,x,a,3.0", "2,1,x,b,1.5", "3,1,x,a,1.0", "3,1,x,b,inf")) }, Array.Empty<AHOperation>(), false, null, CancellationToken.None);

    // A one-leaf tree answering "a" with probability 0.75.
    private static LeafAnswers AlwaysA(bool unsafeLeaf = false)
    {
        var tree = new FittedTree(2, 1);
        tree.AddNode(4, new[] { 3.0, 1.0 }, 0);
        return new LeafAnswers(tree, new[] { "a", "b" }, new[] { unsafeLeaf });
    }

    private static SampleSet All(InputTable t) => SampleSet.FromInputs("val", t, Enumerable.Range(0, t.Count), nearBest: false);

    [Test]
    public void Counts_speedups_and_default_comparison()
    {
        InputTable t = Table();
        var settings = new EvaluationSettings(DefaultChoices.Fixed("b"), 1, Array.Empty<string>(), new[] { "a", "b" });
        var m = DecisionEvaluator.Evaluate(AlwaysA(), All(t), new int[3], 0.5, settings, ranking: false);
        Assert.That((m[MetricNames.Correct], m[MetricNames.Wrong], m[MetricNames.Unsure], m[MetricNames.Total]), Is.EqualTo((2.0, 1.0, 0.0, 3.0)));
        Assert.That(m[MetricNames.WrongMaxSpeedup], Is.EqualTo(2.0));   // predicted a 3.0 vs best b 1.5
        Assert.That(m[MetricNames.WrongGmeanSpeedup], Is.EqualTo(2.0));
        // Over the default b: 2/1 and 1.5/3; the inf default is skipped.
        Assert.That(m[MetricNames.MaxSpeedupOverDefault], Is.EqualTo(2.0));
        Assert.That(m[MetricNames.GmeanSpeedupOverDefault], Is.EqualTo(1.0).Within(1e-15));
        Assert.That(m[MetricNames.MaxSpeedupDefaultOverHeuristic], Is.EqualTo(0.5));
        Assert.That((m[MetricNames.NonDefaultPredictions], m[MetricNames.DefaultBetter]), Is.EqualTo((3.0, 1.0)));
        // Top-1 is "a" everywhere: it misses the b input by 3.0 / 1.5.
        Assert.That((m[MetricNames.TopKCorrect], m[MetricNames.TopKWrong], m[MetricNames.WrongMaxSpeedupK]), Is.EqualTo((2.0, 1.0, 2.0)));
        // Ours: heuristic 1 + 3 + 1 against oracle 1 + 1.5 + 1; against always-a nothing is saved.
        Assert.That(m[MetricNames.OracleTotalSlowdown], Is.EqualTo(5.0 / 3.5));
        Assert.That(m[MetricNames.TimeSavedVsChoiceMs("a")], Is.EqualTo(0.0));
        Assert.That(m[MetricNames.TimeSavedVsChoiceMs("b")], Is.EqualTo((2.0 + 1.5) - (1.0 + 3.0)));
    }

    [Test]
    public void Costly_wrong_counts_only_mistakes_beyond_1_and_2_percent()
    {
        // Always "a": wrong where b wins, by 0.5 % (near tie), 1.5 % and 3 %; right where a wins.
        InputTable t = InputTableBuilder.Build("t", new[] { LogReader.Parse("t.txt", TestLogs.Log(
            "1,1,x,a,1.005", "1,1,x,b,1.0", "2,1,x,a,1.015", "2,1,x,b,1.0", "3,1,x,a,1.03", "3,1,x,b,1.0", "4,1,x,a,1.0", "4,1,x,b,2.0")) },
            Array.Empty<AHOperation>(), false, null, CancellationToken.None);
        var settings = new EvaluationSettings(null, 1, Array.Empty<string>(), Array.Empty<string>());
        var m = DecisionEvaluator.Evaluate(AlwaysA(), All(t), new int[4], 0.5, settings, ranking: false);
        Assert.That(m[MetricNames.Wrong], Is.EqualTo(3.0));
        Assert.That((m[MetricNames.WrongCostly1Percent], m[MetricNames.WrongCostly2Percent]), Is.EqualTo((2.0, 1.0)));
    }

    [Test]
    public void Confidence_at_or_below_the_threshold_and_unsafe_leaves_are_unsure()
    {
        InputTable t = Table();
        var settings = new EvaluationSettings(DefaultChoices.Fixed("b"), 5, Array.Empty<string>(), Array.Empty<string>());
        var atThreshold = DecisionEvaluator.Evaluate(AlwaysA(), All(t), new int[3], 0.75, settings, ranking: false);
        Assert.That((atThreshold[MetricNames.Unsure], atThreshold[MetricNames.GmeanSpeedupOverDefault]), Is.EqualTo((3.0, 1.0)));
        var unsafeLeaf = DecisionEvaluator.Evaluate(AlwaysA(unsafeLeaf: true), All(t), new int[3], 0.0, settings, ranking: false);
        Assert.That(unsafeLeaf[MetricNames.Unsure], Is.EqualTo(3.0));
    }

    [Test]
    public void Safe_threshold_follows_pytorchs_index_rule()
    {
        InputTable t = Table();
        // One wrong prediction at probability 0.75; 1 % of 3 allows none: the threshold becomes 0.75.
        Assert.That(DecisionEvaluator.SafeThreshold(AlwaysA(), All(t), new int[3], 0.01, ranking: false), Is.EqualTo(0.75));
        // 50 % of 3 allows one: threshold 0.
        Assert.That(DecisionEvaluator.SafeThreshold(AlwaysA(), All(t), new int[3], 0.5, ranking: false), Is.EqualTo(0.0));
    }
}
