using System;
using System.Collections.Generic;
using System.Linq;
using AutoHeuristic.Collection;

namespace AutoHeuristic.Learning.Collection;

/// <summary>Inputs of one margin bucket of <see cref="SequentialReplay.Run"/>.</summary>
/// <param name="UpperGap">Inclusive upper edge of the full-measurement gap (+∞ for the last bucket).</param>
/// <param name="Inputs">Inputs whose gap over all logged rounds falls in the bucket.</param>
/// <param name="LabelsChanged">Of those, inputs whose label at the stop differs from the label over all logged rounds.</param>
public sealed record ReplayBucket(double UpperGap, int Inputs, int LabelsChanged);

/// <summary>What replaying a log under a stopping rule found.</summary>
/// <param name="Buckets">Inputs by full-measurement gap, in increasing gap order.</param>
/// <param name="RowsLogged">Rows (measurements) in the log for the replayed inputs.</param>
/// <param name="RowsUsed">Rows the rule would have measured.</param>
/// <param name="StoppedAfter">Inputs stopped after 1, 2, … rounds (index 0 is one round).</param>
/// <param name="TimeLogged">Sum of the logged finite times (the kernels' own run time, a proxy for device time).</param>
/// <param name="TimeUsed">Sum of the finite times of the rows the rule would have measured.</param>
public sealed record ReplayResult(IReadOnlyList<ReplayBucket> Buckets, long RowsLogged, long RowsUsed, IReadOnlyList<int> StoppedAfter, double TimeLogged, double TimeUsed)
{
    /// <summary>Share of the logged kernel time the rule would not have spent (0 without time).</summary>
    public double TimeSavedFraction => TimeLogged == 0 ? 0 : (TimeLogged - TimeUsed) / TimeLogged;

    /// <summary>Share of the logged rows the rule would not have measured (0 without rows).</summary>
    public double RowsSavedFraction => RowsLogged == 0 ? 0 : (double)(RowsLogged - RowsUsed) / RowsLogged;

    /// <summary>
    /// Share of the inputs with a full gap above <paramref name="gapEdge"/> whose label is unchanged
    /// (NaN without such inputs). <paramref name="gapEdge"/> must be one of the bucket edges.
    /// </summary>
    public double SameLabelAbove(double gapEdge)
    {
        int edge = -1;
        for (int b = 0; b < Buckets.Count; b++)
            if (Buckets[b].UpperGap == gapEdge) edge = b;
        if (edge < 0) throw new ArgumentException($"The gap {gapEdge} is not a bucket edge.", nameof(gapEdge));
        int inputs = 0, changed = 0;
        for (int b = edge + 1; b < Buckets.Count; b++)
        {
            inputs += Buckets[b].Inputs;
            changed += Buckets[b].LabelsChanged;
        }

        return inputs == 0 ? double.NaN : 1.0 - (double)changed / inputs;
    }
}

/// <summary>
/// Replays logged repetitions round by round under a <see cref="SequentialStopping"/> rule: the
/// k-th time of each choice is its k-th round. The offline check of issue #13: does stopping early
/// change the label the trainer would learn, and how many measurements does it save?
/// </summary>
public static class SequentialReplay
{
    /// <summary>
    /// Replays every input (one list of times per choice, in measurement order; inputs with fewer
    /// than two choices are skipped). Rounds beyond the fewest times of any choice of an input are
    /// not replayed (those extra rows count as used). The label over all rounds and the gap that
    /// buckets the input use each choice's median over the rounds every choice has.
    /// </summary>
    /// <param name="inputs">The inputs' times.</param>
    /// <param name="rule">The stopping rule.</param>
    /// <param name="bucketEdges">Increasing inclusive upper edges of the gap buckets (e.g. 0.01, 0.03, 0.10); a last bucket holds larger gaps.</param>
    public static ReplayResult Run(IEnumerable<IReadOnlyList<IReadOnlyList<double>>> inputs, SequentialStopping rule, IReadOnlyList<double> bucketEdges)
    {
        if (inputs is null) throw new ArgumentNullException(nameof(inputs));
        if (rule is null) throw new ArgumentNullException(nameof(rule));
        if (bucketEdges is null) throw new ArgumentNullException(nameof(bucketEdges));
        for (int e = 1; e < bucketEdges.Count; e++)
            if (!(bucketEdges[e] > bucketEdges[e - 1])) throw new ArgumentException("The bucket edges must increase.", nameof(bucketEdges));

        int[] inBucket = new int[bucketEdges.Count + 1], changed = new int[bucketEdges.Count + 1];
        int[] stoppedAfter = new int[rule.MaxRounds];
        long rowsLogged = 0, rowsUsed = 0;
        double timeLogged = 0, timeUsed = 0;
        foreach (IReadOnlyList<IReadOnlyList<double>> times in inputs)
        {
            if (times.Count < 2) continue;
            int full = times.Min(t => t.Count);
            if (full < 1) continue;
            int fullLabel = SequentialStopping.Leader(times, full);
            double fullGap = SequentialStopping.RelativeGap(times, full);

            int rounds = 1;
            while (rounds < full && !rule.ShouldStop(FirstRounds(times, rounds))) rounds++;
            int earlyLabel = SequentialStopping.Leader(times, rounds);

            int b = Bucket(fullGap, bucketEdges);
            inBucket[b]++;
            if (earlyLabel != fullLabel) changed[b]++;
            long logged = times.Sum(t => (long)t.Count);
            rowsLogged += logged;
            rowsUsed += logged - (long)(full - rounds) * times.Count;
            stoppedAfter[Math.Min(rounds, rule.MaxRounds) - 1]++;
            foreach (IReadOnlyList<double> choiceTimes in times)
                for (int k = 0; k < choiceTimes.Count; k++)
                {
                    if (double.IsNaN(choiceTimes[k]) || double.IsInfinity(choiceTimes[k])) continue;
                    timeLogged += choiceTimes[k];
                    if (k < rounds || k >= full) timeUsed += choiceTimes[k]; // rows past the common rounds are kept, as in RowsUsed
                }
        }

        var buckets = new List<ReplayBucket>();
        for (int b = 0; b <= bucketEdges.Count; b++)
            buckets.Add(new ReplayBucket(b < bucketEdges.Count ? bucketEdges[b] : double.PositiveInfinity, inBucket[b], changed[b]));
        return new ReplayResult(buckets, rowsLogged, rowsUsed, stoppedAfter, timeLogged, timeUsed);
    }

    private static IReadOnlyList<IReadOnlyList<double>> FirstRounds(IReadOnlyList<IReadOnlyList<double>> times, int rounds) =>
        times.Select(t => (IReadOnlyList<double>)t.Take(rounds).ToList()).ToList();

    private static int Bucket(double gap, IReadOnlyList<double> edges)
    {
        for (int b = 0; b < edges.Count; b++)
            if (gap <= edges[b]) return b;
        return edges.Count;
    }
}
