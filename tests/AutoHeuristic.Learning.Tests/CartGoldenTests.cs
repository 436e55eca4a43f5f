using System;
using System.Threading;
using AutoHeuristic.Learning.Training;
using AutoHeuristic.Learning.Trees;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>Trees small enough to compute by hand.</summary>
public class CartGoldenTests
{
    private static TrainingMatrix Numeric(double[] x, int[] labels, int classes, double[]? weights = null) =>
        new(new[] { x }, Array.Empty<int[]>(), Array.Empty<int>(), labels, weights ?? Ones(x.Length), classes);

    private static double[] Ones(int n)
    {
        var w = new double[n];
        Array.Fill(w, 1.0);
        return w;
    }

    [Test]
    public void Two_pure_groups_split_at_the_midpoint()
    {
        FittedTree t = CartLearner.Fit(Numeric(new double[] { 1, 2, 3, 4 }, new[] { 0, 0, 1, 1 }, 2), new CartParameters(SplitCriterion.Gini, 5, 1), CancellationToken.None);
        Assert.That(t.NodeCount, Is.EqualTo(3));
        Assert.That((t.Slot[0], t.Threshold[0], t.Left[0], t.Right[0]), Is.EqualTo((0, 2.5, 1, 2)));
        Assert.That(t.Probabilities(1), Is.EqualTo(new[] { 1.0, 0.0 }));
        Assert.That(t.Probabilities(2), Is.EqualTo(new[] { 0.0, 1.0 }));
        Assert.That(t.Samples, Is.EqualTo(new[] { 4, 2, 2 }));
    }

    [Test]
    public void Entropy_picks_the_lowest_weighted_child_entropy()
    {
        // Candidates (bits × rows): 1.5 → 4.85, 2.5 → 4.00, 3.5 → 2.75, 4.5 → 5.25, 5.5 → 4.85.
        FittedTree t = CartLearner.Fit(Numeric(new double[] { 1, 2, 3, 4, 5, 6 }, new[] { 0, 0, 0, 1, 1, 0 }, 2), new CartParameters(SplitCriterion.Entropy, 1, 1), CancellationToken.None);
        Assert.That(t.Threshold[0], Is.EqualTo(3.5));
        Assert.That(t.Probabilities(2), Is.EqualTo(new[] { 1.0 / 3, 2.0 / 3 }).Within(1e-15));
    }

    [Test]
    public void Min_samples_leaf_as_count_and_as_fraction()
    {
        TrainingMatrix m = Numeric(new double[] { 1, 2, 3, 4, 5, 6 }, new[] { 0, 1, 0, 1, 1, 0 }, 2);
        // 4 per leaf cannot hold in 6 rows: the root stays a leaf.
        Assert.That(CartLearner.Fit(m, new CartParameters(SplitCriterion.Gini, 5, 4), CancellationToken.None).NodeCount, Is.EqualTo(1));
        // 3 per leaf (and 0.5 × 6 rounded up): the only split is the middle one.
        foreach (double leaf in new[] { 3.0, 0.5 })
        {
            FittedTree t = CartLearner.Fit(m, new CartParameters(SplitCriterion.Gini, 5, leaf), CancellationToken.None);
            Assert.That((t.NodeCount, t.Threshold[0]), Is.EqualTo((3, 3.5)), $"min_samples_leaf {leaf}");
        }
    }

    [Test]
    public void Sample_weights_shape_the_class_distribution()
    {
        FittedTree t = CartLearner.Fit(Numeric(new double[] { 1, 2, 3 }, new[] { 0, 1, 1 }, 2, new double[] { 3, 1, 1 }), new CartParameters(SplitCriterion.Gini, 1, 1), CancellationToken.None);
        Assert.That(t.Probabilities(0), Is.EqualTo(new[] { 0.6, 0.4 }));
        Assert.That(t.Threshold[0], Is.EqualTo(1.5));
        Assert.That(t.ClassWeights[2], Is.EqualTo(new[] { 0.0, 2.0 }));
    }

    [Test]
    public void Max_depth_stops_growth_and_pure_nodes_are_not_split()
    {
        TrainingMatrix m = Numeric(new double[] { 1, 2, 3, 4, 5, 6, 7, 8 }, new[] { 0, 1, 0, 1, 0, 1, 0, 1 }, 2);
        Assert.That(CartLearner.Fit(m, new CartParameters(SplitCriterion.Gini, 2, 1), CancellationToken.None).Depth, Is.EqualTo(2));
        Assert.That(CartLearner.Fit(Numeric(new double[] { 1, 2, 3 }, new[] { 1, 1, 1 }, 2), new CartParameters(SplitCriterion.Gini, 5, 1), CancellationToken.None).NodeCount, Is.EqualTo(1));
    }

    [Test]
    public void Categorical_split_sends_not_equal_left()
    {
        // dtype codes: 0 = float16 (label 0), 1 = float32 (label 1); the numeric column is constant.
        var m = new TrainingMatrix(new[] { new double[] { 7, 7, 7, 7 } }, new[] { new[] { 0, 0, 1, 1 } }, new[] { 2 }, new[] { 0, 0, 1, 1 }, Ones(4), 2);
        FittedTree t = CartLearner.Fit(m, new CartParameters(SplitCriterion.Gini, 3, 1), CancellationToken.None);
        // Both categories split equally well; the first category wins: "!= float16" goes left (label 1).
        Assert.That((t.Slot[0], t.Category[0]), Is.EqualTo((1, 0)));
        Assert.That(t.Probabilities(t.Left[0]), Is.EqualTo(new[] { 0.0, 1.0 }));
        Assert.That(t.Probabilities(t.Right[0]), Is.EqualTo(new[] { 1.0, 0.0 }));
    }

    [Test]
    public void Thresholds_are_exact_double_midpoints()
    {
        // sklearn would cast 0.1 and 0.2 to float32 first and produce 0.15000000223517418.
        FittedTree t = CartLearner.Fit(Numeric(new[] { 0.1, 0.2 }, new[] { 0, 1 }, 2), new CartParameters(SplitCriterion.Gini, 1, 1), CancellationToken.None);
        Assert.That(t.Threshold[0], Is.EqualTo((0.1 + 0.2) / 2));
        Assert.That(0.1 <= t.Threshold[0] && !(0.2 <= t.Threshold[0]), Is.True);
    }

    [Test]
    public void Regression_leaves_hold_the_mean()
    {
        var m = new TrainingMatrix(new[] { new double[] { 1, 2, 3, 4 } }, Array.Empty<int[]>(), Array.Empty<int>(), new int[4], Ones(4), 0, new double[] { 1, 1, 5, 7 });
        FittedTree t = CartLearner.Fit(m, new CartParameters(SplitCriterion.Gini, 1, 1, Regression: true), CancellationToken.None);
        Assert.That((t.Threshold[0], t.Value[1], t.Value[2]), Is.EqualTo((2.5, 1.0, 6.0)));
    }

    [Test]
    public void Fit_observes_cancellation()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => CartLearner.Fit(Numeric(new double[] { 1, 2 }, new[] { 0, 1 }, 2), new CartParameters(SplitCriterion.Gini, 3, 1), cts.Token));
    }
}
