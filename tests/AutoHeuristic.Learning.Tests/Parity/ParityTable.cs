using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Training;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests.Parity;

/// <summary>
/// Every grid point × set of a training run as a tab-separated table (one row per grid point and
/// set: the point, whether it was selected, its threshold and size, PyTorch's 16 metrics, and for
/// the selected point its <see cref="TreeFingerprint"/>), compared with a checked-in
/// <c>Parity/Expected/*.tsv</c>. Lines starting with <c>#</c> are the file's provenance header.
/// <c>AH_ACCEPT_SNAPSHOTS=1</c> rewrites the file from the run (review the diff in git).
/// </summary>
internal static class ParityTable
{
    /// <summary>PyTorch's metrics, in the order of its trainer's results table (<c>DecisionEvaluator.to_map</c>).</summary>
    public static readonly IReadOnlyList<string> Metrics = new[]
    {
        MetricNames.Correct, MetricNames.Wrong, MetricNames.Unsure, MetricNames.Total,
        MetricNames.WrongMaxSpeedup, MetricNames.WrongGmeanSpeedup,
        MetricNames.TopKCorrect, MetricNames.TopKWrong, MetricNames.WrongMaxSpeedupK, MetricNames.WrongGmeanSpeedupK, MetricNames.TopKUnsure,
        MetricNames.MaxSpeedupOverDefault, MetricNames.GmeanSpeedupOverDefault, MetricNames.MaxSpeedupDefaultOverHeuristic,
        MetricNames.NonDefaultPredictions, MetricNames.DefaultBetter,
    };

    private static readonly string[] KeyColumns = { "criterion", "max_depth", "min_samples_leaf", "set" };

    /// <summary>The column names, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        KeyColumns.Concat(new[] { "selected", "threshold", "leaves", "depth" }).Concat(Metrics).Concat(new[] { "tree" }).ToArray();

    /// <summary>The table of <paramref name="result"/>, below <paramref name="header"/> (each line gets a <c>#</c>).</summary>
    public static string Write(HeuristicTrainingResult result, IEnumerable<string> header)
    {
        var text = new StringBuilder();
        foreach (string line in header) text.Append("# ").Append(line).Append('\n');
        text.Append(string.Join("\t", Columns)).Append('\n');
        string tree = result.Model is null ? "-" : TreeFingerprint.Hash(result.Model.Root, result.Model.Choices);
        for (int i = 0; i < result.Grid.Count; i++)
        {
            GridResult g = result.Grid[i];
            bool selected = i == result.SelectedIndex;
            foreach ((string set, Model.SetMetrics metrics) in g.Sets)
            {
                var cells = new List<string>
                {
                    g.Point.CriterionName, Number(g.Point.MaxDepth), Number(g.Point.MinSamplesLeaf), set,
                    selected ? "yes" : "no", Number(g.Threshold), Number(g.Leaves), Number(g.Depth),
                };
                cells.AddRange(Metrics.Select(m => Number(metrics[m])));
                cells.Add(selected ? tree : "-");
                text.Append(string.Join("\t", cells)).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Fails unless <paramref name="received"/> has the rows of <c>Parity/Expected/<paramref name="fileName"/></c>:
    /// text cells equal, numbers equal within 1e-12 relative (integers exactly). Lists every difference.
    /// </summary>
    public static void Match(string received, string fileName, [CallerFilePath] string callerPath = "")
    {
        string path = Path.Combine(Path.GetDirectoryName(callerPath)!, "Expected", fileName);
        if (Environment.GetEnvironmentVariable("AH_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, received);
            Assert.Warn("Accepted " + path);
            return;
        }

        if (!File.Exists(path))
        {
            File.WriteAllText(path + ".received", received);
            Assert.Fail("No expected values " + path + "; the run was written to .received. AH_ACCEPT_SNAPSHOTS=1 accepts it.");
        }

        List<string> differences = Compare(File.ReadAllText(path), received);
        if (differences.Count == 0) return;
        File.WriteAllText(path + ".received", received);
        Assert.Fail(differences.Count + " difference(s) from " + path + " (the run was written to .received):\n" + string.Join("\n", differences.Take(40)));
    }

    /// <summary>The differences between two tables, as readable lines (empty when they agree).</summary>
    public static List<string> Compare(string expectedText, string receivedText)
    {
        var differences = new List<string>();
        List<string[]> expected = Rows(expectedText), received = Rows(receivedText);
        if (expected.Count == 0 || !expected[0].SequenceEqual(Columns)) differences.Add("expected header is not " + string.Join(" ", Columns));
        if (received.Count != expected.Count) differences.Add("rows: expected " + expected.Count + ", received " + received.Count);
        for (int r = 1; r < Math.Min(expected.Count, received.Count); r++)
        {
            string[] e = expected[r], a = received[r];
            string key = string.Join(" ", e.Take(KeyColumns.Length));
            if (e.Length != Columns.Count || a.Length != Columns.Count)
            {
                differences.Add(key + ": expected " + Columns.Count + " cells, got " + e.Length + " / " + a.Length);
                continue;
            }

            for (int c = 0; c < Columns.Count; c++)
            {
                if (!Same(e[c], a[c])) differences.Add(key + ": " + Columns[c] + " expected " + e[c] + ", received " + a[c]);
            }
        }

        return differences;
    }

    private static List<string[]> Rows(string text) =>
        text.Replace("\r\n", "\n").Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .ToList();

    private static bool Same(string expected, string received)
    {
        if (expected == received) return true;
        if (!double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out double e)
            || !double.TryParse(received, NumberStyles.Float, CultureInfo.InvariantCulture, out double a))
        {
            return false;
        }

        // Integers (counts, sizes) exactly; other values (ratios, geometric means) up to rounding in the last bits.
        if (Math.Floor(e) == e && Math.Abs(e) < 1e15) return e == a;
        return Math.Abs(e - a) <= 1e-12 * Math.Max(1.0, Math.Abs(e));
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
