using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AutoHeuristic.Collection;
using AutoHeuristic.Learning.Collection;

namespace AutoHeuristic.Tools.CollectionSimulation;

/// <summary>
/// Replays a log's repetitions round by round under <see cref="SequentialStopping"/> and compares the
/// early label with the label of all logged rounds, by margin bucket.
/// </summary>
internal static class SequentialSimulation
{
    private static readonly double[] BucketEdges = { 0.01, 0.03, 0.10 };
    private static readonly string[] BucketNames = { "≤ 1 %", "1–3 %", "3–10 %", "> 10 %" };

    /// <summary>The spread quantiles, as a Markdown table.</summary>
    public static string SpreadTable(List<double> spreads)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| quantile of (max − min) / median over the repetitions of one (input, choice) | value |");
        sb.AppendLine("|---|---|");
        foreach (double q in new[] { 0.5, 0.9, 0.95, 0.99, 0.999 })
            sb.AppendLine(Fmt("| {0:0.0} % | {1:0.00} % |", q * 100, 100 * SequentialStopping.NoiseBoundFromSpreads(spreads, q)));
        sb.AppendLine(Fmt("\n{0} (input, choice) pairs with ≥ 2 finite times.", spreads.Count));
        return sb.ToString();
    }

    /// <summary>One row of the result: the rule, per bucket label changes, and the measurements saved.</summary>
    public static string Row(string ruleName, SequentialStopping rule, IReadOnlyList<LoggedInput> inputs)
    {
        ReplayResult result = SequentialReplay.Run(inputs.Select(i => (IReadOnlyList<IReadOnlyList<double>>)i.Times), rule, BucketEdges);
        var cells = new List<string> { ruleName };
        foreach (ReplayBucket b in result.Buckets)
            cells.Add(b.Inputs == 0 ? "–" : Fmt("{0}/{1} ({2:0.00} %)", b.LabelsChanged, b.Inputs, 100.0 * b.LabelsChanged / b.Inputs));
        double same = result.SameLabelAbove(0.03);
        cells.Add(double.IsNaN(same) ? "–" : Fmt("{0:0.00} %", 100 * same));
        cells.Add(Fmt("{0:0.0} %", 100 * result.RowsSavedFraction));
        cells.Add(Fmt("{0:0.0} %", 100 * result.TimeSavedFraction));
        cells.Add(string.Join(" / ", result.StoppedAfter.Select(n => n.ToString(CultureInfo.InvariantCulture))));
        return "| " + string.Join(" | ", cells) + " |";
    }

    /// <summary>The table header matching <see cref="Row"/>.</summary>
    public static string Header() =>
        "| rule | label changed, gap " + string.Join(" | label changed, gap ", BucketNames) + " | same label, gap > 3 % | rows saved | kernel time saved | inputs stopped after 1 / 2 / 3 rounds |\n" +
        "|---|---|---|---|---|---|---|---|---|";

    private static string Fmt(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
