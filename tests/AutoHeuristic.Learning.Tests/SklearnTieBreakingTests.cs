using System;
using System.Globalization;
using System.IO;
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
        (TrainingMatrix matrix, CartParameters p, string[][] rows) = Load(name);
        FittedTree tree = SklearnCartLearner.Fit(matrix, p, CancellationToken.None);

        Assert.That(tree.NodeCount, Is.EqualTo(rows.Length), "node count");
        for (int node = 0; node < rows.Length; node++)
        {
            string[] r = rows[node];
            int left = int.Parse(r[1], CultureInfo.InvariantCulture);
            Assert.That(tree.Left[node], Is.EqualTo(left), $"node {node} left child");
            Assert.That(tree.Right[node], Is.EqualTo(int.Parse(r[2], CultureInfo.InvariantCulture)), $"node {node} right child");
            Assert.That(tree.Samples[node], Is.EqualTo(int.Parse(r[5], CultureInfo.InvariantCulture)), $"node {node} samples");
            if (left >= 0)
            {
                Assert.That(tree.Slot[node], Is.EqualTo(int.Parse(r[3], CultureInfo.InvariantCulture)), $"node {node} feature");
                Assert.That(tree.Threshold[node], Is.EqualTo(double.Parse(r[4], CultureInfo.InvariantCulture)), $"node {node} threshold");
            }

            double[] values = r.Skip(6).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.That(tree.Probabilities(node), Is.EqualTo(values).Within(1e-12), $"node {node} class distribution");
        }
    }

    [Test]
    public void Default_learner_breaks_these_ties_differently()
    {
        // The fixtures really contain ties: the deterministic learner picks other features somewhere.
        int differing = 0;
        foreach (string name in Cases)
        {
            (TrainingMatrix matrix, CartParameters p, _) = Load(name);
            FittedTree ours = CartLearner.Fit(matrix, p, CancellationToken.None);
            FittedTree sklearn = SklearnCartLearner.Fit(matrix, p, CancellationToken.None);
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

    private static (TrainingMatrix Matrix, CartParameters Parameters, string[][] Rows) Load(string name)
    {
        string folder = Path.Combine(TestContext.CurrentContext.TestDirectory, "Sklearn");
        string[] data = File.ReadAllLines(Path.Combine(folder, name + ".data.csv"));
        string[] expected = File.ReadAllLines(Path.Combine(folder, name + ".tree.txt"));
        string parameters = expected[0];
        int features = data[0].Split(',').Length - 2;
        int n = data.Length - 1;
        var numeric = new double[features][];
        for (int f = 0; f < features; f++) numeric[f] = new double[n];
        var labels = new int[n];
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            string[] cells = data[i + 1].Split(',');
            for (int f = 0; f < features; f++) numeric[f][i] = double.Parse(cells[f], CultureInfo.InvariantCulture);
            labels[i] = int.Parse(cells[features], CultureInfo.InvariantCulture);
            weights[i] = double.Parse(cells[features + 1], CultureInfo.InvariantCulture);
        }

        int classes = labels.Max() + 1;
        var matrix = new TrainingMatrix(numeric, Array.Empty<int[]>(), Array.Empty<int>(), labels, weights, classes);
        var p = new CartParameters(
            parameters.Contains("entropy", StringComparison.Ordinal) ? SplitCriterion.Entropy : SplitCriterion.Gini,
            (int)Read(parameters, "max_depth")!.Value,
            Read(parameters, "min_samples_leaf") ?? 1);
        return (matrix, p, expected.Skip(2).Select(l => l.Split(' ')).ToArray());
    }

    private static double? Read(string json, string key)
    {
        int at = json.IndexOf("\"" + key + "\": ", StringComparison.Ordinal);
        if (at < 0) return null;
        int start = at + key.Length + 4;
        int end = start;
        while (end < json.Length && (char.IsDigit(json[end]) || json[end] == '.')) end++;
        return double.Parse(json.Substring(start, end - start), CultureInfo.InvariantCulture);
    }
}
