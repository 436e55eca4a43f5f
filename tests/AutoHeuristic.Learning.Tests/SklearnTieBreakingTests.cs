using System;
using System.Linq;
using System.Threading;
using AutoHeuristic.Learning.Training;
using AutoHeuristic.Learning.Trees;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>
/// The sklearn tie-breaking learner against the trees Debian's scikit-learn learned on small data
/// sets full of equally good splits (Sklearn/generate_ties.py writes both): duplicate and
/// constant features, few distinct values, decimals that float32 rounds. Node for node: children,
/// feature, threshold (float32 midpoints), sample counts and class distributions.
/// </summary>
public class SklearnTieBreakingTests
{
    private static readonly string[] Cases = { "ties_gini", "ties_entropy", "ties_entropy_leaf", "ties_gini_fraction", "ties_entropy_weighted" };

    [TestCaseSource(nameof(Cases))]
    public void Tree_matches_sklearn_with_ties(string name)
    {
        SklearnExpectedTree expected = SklearnExpectedTree.Load(name);
        expected.AssertMatches(SklearnCartLearner.Fit(expected.Matrix, expected.Parameters, CancellationToken.None));
    }

    [Test]
    public void Default_learner_breaks_these_ties_differently()
    {
        // The fixtures really contain ties: the deterministic learner picks other features somewhere.
        int differing = 0;
        foreach (string name in Cases)
        {
            SklearnExpectedTree expected = SklearnExpectedTree.Load(name);
            FittedTree ours = CartLearner.Fit(expected.Matrix, expected.Parameters, CancellationToken.None);
            FittedTree sklearn = SklearnCartLearner.Fit(expected.Matrix, expected.Parameters, CancellationToken.None);
            if (ours.NodeCount != sklearn.NodeCount || !ours.Slot.SequenceEqual(sklearn.Slot)) differing++;
        }

        Assert.That(differing, Is.GreaterThan(0));
    }

    [Test]
    public void Categorical_slots_split_like_one_hot_columns()
    {
        // One categorical slot with three categories equals three 0/1 numerical columns.
        int[] codes = { 0, 1, 2, 0, 1, 2, 0, 1, 2, 2, 1, 0 };
        int[] labels = { 0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0 };
        double[] weights = Enumerable.Repeat(1.0, codes.Length).ToArray();
        var oneHot = Enumerable.Range(0, 3).Select(v => codes.Select(c => c == v ? 1.0 : 0.0).ToArray()).ToArray();
        var p = new CartParameters(SplitCriterion.Gini, 3, 1);
        FittedTree categorical = SklearnCartLearner.Fit(new TrainingMatrix(Array.Empty<double[]>(), new[] { codes }, new[] { 3 }, labels, weights, 2), p, CancellationToken.None);
        FittedTree numeric = SklearnCartLearner.Fit(new TrainingMatrix(oneHot, Array.Empty<int[]>(), Array.Empty<int>(), labels, weights, 2), p, CancellationToken.None);

        Assert.That(categorical.NodeCount, Is.EqualTo(numeric.NodeCount));
        for (int node = 0; node < numeric.NodeCount; node++)
        {
            Assert.That(categorical.Left[node], Is.EqualTo(numeric.Left[node]));
            Assert.That(categorical.Samples[node], Is.EqualTo(numeric.Samples[node]));
            if (numeric.IsLeaf(node)) continue;
            Assert.That(categorical.Slot[node], Is.EqualTo(0));
            Assert.That(categorical.Category[node], Is.EqualTo(numeric.Slot[node]), $"node {node}: category v is one-hot column v");
        }
    }
}
