using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
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

    /// <summary>Relative spreads of every (input, choice) with at least two finite times.</summary>
    public static List<double> Spreads(IReadOnlyList<LoggedInput> inputs) =>
        inputs.SelectMany(i => i.Times).Select(t => SequentialStopping.RelativeSpread(t)).Where(s => !double.IsNaN(s)).ToList();

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
        int[] inBucket = new int[BucketNames.Length], changed = new int[BucketNames.Length];
        long rowsAll = 0, rowsUsed = 0;
        var stoppedAfter = new int[rule.MaxRounds + 1];
        foreach (LoggedInput input in inputs)
        {
            if (input.Times.Count < 2) continue;
            int full = input.Times.Min(t => t.Count);
            if (full < 1) continue;
            IReadOnlyList<IReadOnlyList<double>> times = input.Times;
            int fullLabel = SequentialStopping.Leader(times, full);
            double fullGap = SequentialStopping.RelativeGap(times, full);

            int rounds = 1;
            while (rounds < full && !rule.ShouldStop(Truncated(times, rounds))) rounds++;
            int earlyLabel = SequentialStopping.Leader(times, rounds);

            int b = Bucket(fullGap);
            inBucket[b]++;
            if (earlyLabel != fullLabel) changed[b]++;
            rowsAll += input.Times.Sum(t => t.Count);
            rowsUsed += (long)rounds * input.Times.Count + input.Times.Sum(t => t.Count - full); // extra rows beyond the common rounds stay
            stoppedAfter[Math.Min(rounds, rule.MaxRounds)]++;
        }

        var cells = new List<string> { ruleName };
        for (int b = 0; b < BucketNames.Length; b++)
            cells.Add(inBucket[b] == 0 ? "–" : Fmt("{0}/{1} ({2:0.00} %)", changed[b], inBucket[b], 100.0 * changed[b] / inBucket[b]));
        int above3 = inBucket[2] + inBucket[3], changedAbove3 = changed[2] + changed[3];
        cells.Add(above3 == 0 ? "–" : Fmt("{0:0.00} %", 100.0 * (above3 - changedAbove3) / above3));
        cells.Add(Fmt("{0:0.0} %", 100.0 * (rowsAll - rowsUsed) / rowsAll));
        cells.Add(string.Join(" / ", Enumerable.Range(1, rule.MaxRounds).Select(r => stoppedAfter[r].ToString(CultureInfo.InvariantCulture))));
        return "| " + string.Join(" | ", cells) + " |";
    }

    /// <summary>The table header matching <see cref="Row"/>.</summary>
    public static string Header() =>
        "| rule | label changed, gap " + string.Join(" | label changed, gap ", BucketNames) + " | same label, gap > 3 % | rows saved | inputs stopped after 1 / 2 / 3 rounds |\n" +
        "|---|---|---|---|---|---|---|---|";

    private static IReadOnlyList<IReadOnlyList<double>> Truncated(IReadOnlyList<IReadOnlyList<double>> times, int rounds) =>
        times.Select(t => (IReadOnlyList<double>)t.Take(rounds).ToList()).ToList();

    private static int Bucket(double gap)
    {
        for (int b = 0; b < BucketEdges.Length; b++)
            if (gap <= BucketEdges[b]) return b;
        return BucketEdges.Length;
    }

    private static string Fmt(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
