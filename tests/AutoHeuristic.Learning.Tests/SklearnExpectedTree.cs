using System;
using System.Globalization;
using System.IO;
using System.Linq;
using AutoHeuristic.Learning.Training;
using AutoHeuristic.Learning.Trees;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>
/// One fixture pair from the Sklearn folder: <c>NAME.data.csv</c> (features, label, weight) and
/// <c>NAME.tree.txt</c> (sklearn's parameters, a header, then one line per node in pre-order:
/// id, left, right, feature, threshold, samples, class distribution or value).
/// </summary>
internal sealed record SklearnExpectedTree(TrainingMatrix Matrix, CartParameters Parameters, bool Regression, string[][] Rows)
{
    /// <summary>Reads the fixture pair named <paramref name="name"/> from the test output's Sklearn folder.</summary>
    public static SklearnExpectedTree Load(string name)
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

        // Class indices follow sklearn's sorted class labels.
        string[] classes = regression ? Array.Empty<string>() : labelText.Distinct().OrderBy(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        int[] labels = regression ? new int[n] : labelText.Select(s => Array.IndexOf(classes, s)).ToArray();
        double[]? targets = regression ? labelText.Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray() : null;
        var matrix = new TrainingMatrix(numeric, Array.Empty<int[]>(), Array.Empty<int>(), labels, weights, regression ? 0 : classes.Length, targets);
        var p = new CartParameters(
            parameters.Contains("entropy", StringComparison.Ordinal) ? SplitCriterion.Entropy : SplitCriterion.Gini,
            (int)(ReadNumber(parameters, "max_depth") ?? throw new InvalidDataException($"{name}.tree.txt: no max_depth")),
            ReadNumber(parameters, "min_samples_leaf") ?? 1,
            regression);
        return new SklearnExpectedTree(matrix, p, regression, expected.Skip(2).Select(l => l.Split(' ')).ToArray());
    }

    /// <summary>Asserts <paramref name="tree"/> equals sklearn's tree node for node.</summary>
    public void AssertMatches(FittedTree tree)
    {
        Assert.That(tree.NodeCount, Is.EqualTo(Rows.Length), "node count");
        for (int node = 0; node < Rows.Length; node++)
        {
            string[] r = Rows[node];
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
            if (Regression) Assert.That(tree.Value[node], Is.EqualTo(values[0]).Within(1e-12), $"node {node} value");
            else Assert.That(tree.Probabilities(node), Is.EqualTo(values).Within(1e-12), $"node {node} class distribution");
        }
    }

    // The parameters line is sklearn's get_params() as JSON; only plain numbers are read.
    private static double? ReadNumber(string json, string key)
    {
        int at = json.IndexOf("\"" + key + "\": ", StringComparison.Ordinal);
        if (at < 0) return null;
        int start = at + key.Length + 4;
        int end = start;
        while (end < json.Length && (char.IsDigit(json[end]) || json[end] == '.')) end++;
        return double.Parse(json.Substring(start, end - start), CultureInfo.InvariantCulture);
    }
}
