using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using AutoHeuristic.Collection;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Learning.Collection;

namespace AutoHeuristic.Tools.CollectionSimulation;

/// <summary>
/// Sequential measurement on the GPU against measuring every round: two logs of the same seed (so
/// the same inputs, in the same order), one collected with all rounds and one with
/// <c>--stop-when-settled</c>. Compares the wall time of their common inputs and the labels: the
/// sequential label against the all-rounds label, by the all-rounds gap.
/// </summary>
internal static class GpuThroughput
{
    public static string Report(string allRoundsPath, string sequentialPath)
    {
        (LoggedInputs fullLog, IReadOnlyList<SampledInputRecord> fullSide) = Read(allRoundsPath);
        (LoggedInputs seqLog, IReadOnlyList<SampledInputRecord> seqSide) = Read(sequentialPath);
        int common = Math.Min(fullSide.Count, seqSide.Count);
        if (common == 0) return "No input in common.";
        double fullSeconds = Elapsed(fullSide, common), seqSeconds = Elapsed(seqSide, common);
        double fullMeasure = fullSide.Take(common).Sum(r => r.Seconds), seqMeasure = seqSide.Take(common).Sum(r => r.Seconds);

        var sb = new StringBuilder();
        sb.AppendLine(string.Format(CultureInfo.InvariantCulture, "Common inputs: {0} (first {0} of the seed in both logs).", common));
        sb.AppendLine("| collection | s per input (wall, process start excluded) | s per input (measuring only) | rows per input | rounds 1 / 2 / 3 |");
        sb.AppendLine("|---|---|---|---|---|");
        sb.AppendLine(Row("all rounds", fullSeconds / common, fullMeasure / common, fullSide.Take(common).ToList()));
        sb.AppendLine(Row("sequential", seqSeconds / common, seqMeasure / common, seqSide.Take(common).ToList()));
        sb.AppendLine(string.Format(CultureInfo.InvariantCulture, "\nSpeed-up of sequential measurement on these inputs: {0:0.00}× (wall), {1:0.00}× (measuring only).", fullSeconds / seqSeconds, fullMeasure / seqMeasure));

        // Labels: inputs are matched by their feature cells (input i of the seed is the same input in both logs).
        var seqByKey = new Dictionary<string, LoggedInput>(StringComparer.Ordinal);
        foreach (LoggedInput i in seqLog.Inputs) seqByKey[i.Key] = i;
        double[] edges = { 0.01, 0.03, 0.10 };
        string[] names = { "≤ 1 %", "1–3 %", "3–10 %", "> 10 %" };
        var inputs = new int[4];
        var same = new int[4];
        foreach (LoggedInput full in fullLog.Inputs.Take(common))
        {
            if (!seqByKey.TryGetValue(full.Key, out LoggedInput? seq) || full.Times.Count < 2 || full.Choices.Any(c => !seq.Choices.Contains(c))) continue;
            IReadOnlyList<IReadOnlyList<double>> fullTimes = full.Times;
            IReadOnlyList<IReadOnlyList<double>> seqTimes = Reorder(seq, full.Choices);
            double gap = SequentialStopping.RelativeGap(fullTimes, int.MaxValue);
            int bucket = 0;
            while (bucket < edges.Length && gap > edges[bucket]) bucket++;
            inputs[bucket]++;
            if (SequentialStopping.Leader(fullTimes, int.MaxValue) == SequentialStopping.Leader(seqTimes, int.MaxValue)) same[bucket]++;
        }

        sb.AppendLine("\n| all-rounds gap | inputs | same label in the sequential log |");
        sb.AppendLine("|---|---|---|");
        for (int b = 0; b < 4; b++)
            sb.AppendLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2} ({3}) |", names[b], inputs[b], same[b], inputs[b] == 0 ? "–" : (100.0 * same[b] / inputs[b]).ToString("0.0", CultureInfo.InvariantCulture) + " %"));
        int above = inputs[2] + inputs[3], sameAbove = same[2] + same[3];
        sb.AppendLine(string.Format(CultureInfo.InvariantCulture, "\nSame label above a 3 % gap: {0} of {1} ({2}). Both logs are separate measurements, so this includes run-to-run noise.",
            sameAbove, above, above == 0 ? "–" : (100.0 * sameAbove / above).ToString("0.00", CultureInfo.InvariantCulture) + " %"));
        return sb.ToString();
    }

    private static (LoggedInputs Log, IReadOnlyList<SampledInputRecord> Side) Read(string path) =>
        (LoggedInputs.Parse(File.ReadAllText(path), path), SamplingLog.Read(path + SamplingLog.Suffix));

    // Wall time from the first input's start to the common-th input's end.
    private static double Elapsed(IReadOnlyList<SampledInputRecord> side, int count) =>
        (side[count - 1].FinishedUtc - SamplingLog.Started(side)).TotalSeconds;

    private static string Row(string name, double wall, double measuring, List<SampledInputRecord> records) =>
        string.Format(CultureInfo.InvariantCulture, "| {0} | {1:0.000} | {2:0.000} | {3:0.00} | {4} / {5} / {6} |", name, wall, measuring,
            records.Average(r => (double)r.Rows), records.Count(r => r.Rounds == 1), records.Count(r => r.Rounds == 2), records.Count(r => r.Rounds >= 3));

    private static IReadOnlyList<IReadOnlyList<double>> Reorder(LoggedInput input, IReadOnlyList<string> choices) =>
        choices.Select(c => (IReadOnlyList<double>)input.Times[input.Choices.IndexOf(c)]).ToList();
}
