using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using AutoHeuristic.Learning.Evaluation;

namespace AutoHeuristic.Cli.Reports;

/// <summary>
/// <c>evaluate --decisions FILE.csv</c>: one row per evaluated input, plain CSV (RFC 4180 quoting,
/// invariant numbers, <c>\n</c> line ends):
/// <c>set</c>, the log's features by their logged names, <c>decision</c> (empty when unsure),
/// <c>probability</c>, <c>leaf</c>, <c>outcome</c> (correct / wrong / unsure), <c>best</c>,
/// <c>default</c>, <c>regret</c> (decision time / best time; empty when unsure), then the median
/// time in milliseconds of every choice in a column <c>ms:CHOICE</c> (empty when not measured).
/// </summary>
internal static class DecisionsCsv
{
    /// <summary>The CSV text of <paramref name="listings"/> (several sets, heuristics or logs: the union of their columns).</summary>
    public static string Write(IReadOnlyList<DecisionListing> listings)
    {
        var features = new List<string>();
        var choices = new List<string>();
        foreach (DecisionListing listing in listings)
        {
            foreach (string f in listing.FeatureNames) if (!features.Contains(f)) features.Add(f);
            foreach (string c in listing.Choices) if (!choices.Contains(c)) choices.Add(c);
        }

        var sb = new StringBuilder();
        var header = new List<string> { "set" };
        header.AddRange(features);
        header.AddRange(new[] { "decision", "probability", "leaf", "outcome", "best", "default", "regret" });
        foreach (string c in choices) header.Add("ms:" + c);
        Line(sb, header);

        foreach (DecisionListing listing in listings)
        {
            var featureAt = new int[features.Count];
            for (int f = 0; f < featureAt.Length; f++) featureAt[f] = IndexOf(listing.FeatureNames, features[f]);
            var choiceAt = new int[choices.Count];
            for (int c = 0; c < choiceAt.Length; c++) choiceAt[c] = IndexOf(listing.Choices, choices[c]);

            foreach (InputDecision d in listing.Inputs)
            {
                var cells = new List<string>(header.Count) { listing.SetName };
                foreach (int at in featureAt) cells.Add(at < 0 ? string.Empty : d.FeatureValues[at]);
                cells.Add(d.Decision ?? string.Empty);
                cells.Add(Number(d.Probability));
                cells.Add(d.LeafId.ToString(CultureInfo.InvariantCulture));
                cells.Add(d.Outcome.ToString().ToLowerInvariant());
                cells.Add(d.Best);
                cells.Add(d.DefaultChoice ?? string.Empty);
                cells.Add(Number(d.Regret));
                foreach (int at in choiceAt) cells.Add(at < 0 ? string.Empty : Number(d.Times[at]));
                Line(sb, cells);
            }
        }

        return sb.ToString();
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal)) return i;
        }

        return -1;
    }

    // Empty for NaN (not measured, unsure); "inf" for a failed run, as the logs write it.
    private static string Number(double value) =>
        double.IsNaN(value) ? string.Empty : double.IsPositiveInfinity(value) ? "inf" : value.ToString("R", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder sb, List<string> cells)
    {
        for (int i = 0; i < cells.Count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(Quote(cells[i]));
        }

        sb.Append('\n');
    }

    private static string Quote(string cell)
    {
        if (cell.IndexOfAny(new[] { ',', '"', '\n', '\r' }) < 0) return cell;
        return "\"" + cell.Replace("\"", "\"\"") + "\"";
    }
}
