using System;
using System.Linq;
using System.Threading;
using AutoHeuristic.Learning.Training;
using AutoHeuristic.Learning.Trees;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>
/// The grid fits one deep tree per criterion and leaf size and cuts it for every depth; that is
/// only right if the cut tree is node for node the tree a fit at that depth gives.
/// </summary>
public class TreeTruncationTests
{
    private static TrainingMatrix RandomMatrix(int seed, int rows)
    {
        var random = new Random(seed);
        var numeric = new[] { new double[rows], new double[rows] };
        var categorical = new[] { new int[rows] };
        var labels = new int[rows];
        var weights = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            numeric[0][i] = random.Next(0, 40); // repeated values: ties between thresholds
            numeric[1][i] = Math.Round(random.NextDouble() * 10, 1);
            categorical[0][i] = random.Next(0, 3);
            labels[i] = (numeric[0][i] > 20 ? 1 : 0) ^ (categorical[0][i] == 2 ? 1 : 0) ^ (random.Next(0, 6) == 0 ? 1 : 0);
            weights[i] = 1.0;
        }

        return new TrainingMatrix(numeric, categorical, new[] { 3 }, labels, weights, 2);
    }

    private static string Dump(FittedTree t) =>
        string.Join("\n", Enumerable.Range(0, t.NodeCount).Select(n =>
            $"{n}: slot {t.Slot[n]} thr {t.Threshold[n]:R} cat {t.Category[n]} L {t.Left[n]} R {t.Right[n]} n {t.Samples[n]} w [{string.Join(",", t.ClassWeights[n])}] v {t.Value[n]:R}"));

    [TestCase(1, SplitCriterion.Gini, 1.0)]
    [TestCase(2, SplitCriterion.Entropy, 1.0)]
    [TestCase(3, SplitCriterion.Gini, 5.0)]
    [TestCase(4, SplitCriterion.Entropy, 0.02)]
    public void A_deep_tree_cut_at_each_depth_is_the_fit_at_that_depth(int seed, SplitCriterion criterion, double minLeaf)
    {
        TrainingMatrix matrix = RandomMatrix(seed, 400);
        FittedTree deep = CartLearner.Fit(matrix, new CartParameters(criterion, 12, minLeaf), CancellationToken.None);
        Assert.That(deep.Depth, Is.GreaterThan(3), "the data must give a tree worth cutting");

        for (int depth = 0; depth <= 12; depth++)
        {
            FittedTree fitted = CartLearner.Fit(matrix, new CartParameters(criterion, depth, minLeaf), CancellationToken.None);
            Assert.That(Dump(deep.Truncated(depth)), Is.EqualTo(Dump(fitted)), $"depth {depth}");
        }
    }
}
