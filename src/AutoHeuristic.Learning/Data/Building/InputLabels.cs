using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace AutoHeuristic.Learning.Data.Building;

/// <summary>
/// Per kept input, in table order: its time per choice, its winner (as PyTorch picks it, ties
/// included) and its speedup (the second-best time over the best).
/// </summary>
internal sealed class InputLabels
{
    private InputLabels(double[] times, int[] winner, double[] speedup)
    {
        Times = times;
        Winner = winner;
        Speedup = speedup;
    }

    /// <summary>Per input × choice count + choice, the median time; NaN when not measured.</summary>
    public double[] Times { get; }

    /// <summary>Per input, the winning choice.</summary>
    public int[] Winner { get; }

    /// <summary>Per input, the second-best time over the best.</summary>
    public double[] Speedup { get; }

    /// <summary>The labels of the inputs <paramref name="kept"/>, in that order.</summary>
    [MethodImpl(HotPath.Optimized)]
    public static InputLabels Of(ChoiceMedians medians, List<int> kept)
    {
        int choiceCount = medians.ChoiceCount;
        double[] median = medians.Median;
        int count = kept.Count;
        var times = new double[(long)count * choiceCount];
        var winner = new int[count];
        var speedup = new double[count];
        for (int j = 0; j < count; j++)
        {
            long src = (long)kept[j] * choiceCount;
            long dst = (long)j * choiceCount;
            int best = -1, second = -1;
            for (int c = 0; c < choiceCount; c++)
            {
                double t = median[src + c];
                times[dst + c] = t;
                if (double.IsNaN(t)) continue;
                if (best < 0 || t < times[dst + best]) { second = best; best = c; }
                else if (second < 0 || t < times[dst + second]) second = c;
            }

            winner[j] = TieAwareWinner(times, dst, choiceCount, best);
            speedup[j] = times[dst + second] / times[dst + best];
        }

        return new InputLabels(times, winner, speedup);
    }

    /// <summary>
    /// The winner of one input as PyTorch's <c>get_df</c> finds it: the first row of the input's
    /// (input, choice) rows, in choice order, sorted by median time with pandas' unstable
    /// quicksort. Only exact ties can make that differ from <paramref name="first"/> (the earliest
    /// fastest choice), so the sort runs only then.
    /// </summary>
    private static int TieAwareWinner(double[] times, long offset, int choiceCount, int first)
    {
        double best = times[offset + first];
        bool tied = false;
        for (int c = first + 1; c < choiceCount && !tied; c++) tied = times[offset + c] == best;
        if (!tied) return first;

        var measured = new List<int>(choiceCount);
        var values = new List<double>(choiceCount);
        for (int c = 0; c < choiceCount; c++)
        {
            double t = times[offset + c];
            if (double.IsNaN(t)) continue;
            measured.Add(c);
            values.Add(t);
        }

        return measured[NumpyArgsort.Quicksort(values.ToArray())[0]];
    }
}
