using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using AutoHeuristic.Learning.Training;
using AutoHeuristic.Learning.Trees;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>
/// Our CART against the trees Debian's scikit-learn learned on the same small data sets
/// (Sklearn/generate_expected.py writes both). Same structure, thresholds, sample counts and
/// class distributions (or values), node by node in sklearn's pre-order numbering.
/// </summary>
public class SklearnComparisonTests
{
    private static readonly string[] Cases = { "gini_depth3", "entropy_depth4", "gini_leaf5", "entropy_leaf_fraction", "gini_weighted", "regression_depth3" };

    [TestCaseSource(nameof(Cases))]
    public void Tree_matches_sklearn(string name)
    {
        string folder = Path.Combine(TestContext.CurrentContext.TestDirectory, "Sklearn");
        string[] data = File.ReadAllLines(Path.Combine(folder, name + ".data.csv"));
        string[] expected = File.ReadAllLines(Path.Combine(folder, name + ".tree.txt"));
        string parameters = expected[0];
        bool regression = parameters.Contains("regression", StringComparison.Ordinal);
        int features = data[0].Split(',').Length - 2;
        int n = data.Length - 1;
        var numeric = new double[features][];
        for (int f = 0; f < features; f++) numeric[f] = new double[n];
        var labelText = new string[n];
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            string[] cells = data[i + 1].Split(',');
            for (int f = 0; f < features; f++) numeric[f][i] = double.Parse(cells[f], CultureInfo.InvariantCulture);
            labelText[i] = cells[features];
            weights[i] = double.Parse(cells[features + 1], CultureInfo.InvariantCulture);
        }

        string[] classes = regression ? Array.Empty<string>() : labelText.Distinct().OrderBy(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        int[] labels = regression ? new int[n] : labelText.Select(s => Array.IndexOf(classes, s)).ToArray();
        double[]? targets = regression ? labelText.Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray() : null;
        var matrix = new TrainingMatrix(numeric, Array.Empty<int[]>(), Array.Empty<int>(), labels, weights, regression ? 0 : classes.Length, targets);
        var p = new CartParameters(
            parameters.Contains("entropy", StringComparison.Ordinal) ? SplitCriterion.Entropy : SplitCriterion.Gini,
            ReadInt(parameters, "max_depth"),
            ReadDouble(parameters, "min_samples_leaf") ?? 1,
            regression);
        FittedTree tree = CartLearner.Fit(matrix, p, CancellationToken.None);

        var rows = expected.Skip(2).Select(l => l.Split(' ')).ToList();
        Assert.That(tree.NodeCount, Is.EqualTo(rows.Count), "node count");
        for (int node = 0; node < rows.Count; node++)
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
            if (regression) Assert.That(tree.Value[node], Is.EqualTo(values[0]).Within(1e-12), $"node {node} value");
            else Assert.That(tree.Probabilities(node), Is.EqualTo(values).Within(1e-12), $"node {node} class distribution");
        }
    }

    private static int ReadInt(string json, string key) => (int)(ReadDouble(json, key) ?? throw new InvalidDataException(key));

    private static double? ReadDouble(string json, string key)
    {
        int at = json.IndexOf("\"" + key + "\": ", StringComparison.Ordinal);
        if (at < 0) return null;
        int start = at + key.Length + 4;
        int end = start;
        while (end < json.Length && (char.IsDigit(json[end]) || json[end] == '.')) end++;
        return double.Parse(json.Substring(start, end - start), CultureInfo.InvariantCulture);
    }
}
