using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace AutoHeuristic.Learning.Data.Building;

/// <summary>
/// Each (input, choice) group's time, as PyTorch's <c>get_df</c> aggregates it: the median of its
/// measurements, inf when any of them is inf (a failed run), and, with the noise filter, nothing
/// for a group that <see cref="NoiseFilter"/> rejects.
/// </summary>
internal sealed class ChoiceMedians
{
    private ChoiceMedians(int choiceCount, double[] median, int[] groups, int[] failedGroups)
    {
        ChoiceCount = choiceCount;
        Median = median;
        Groups = groups;
        FailedGroups = failedGroups;
    }

    /// <summary>Number of choices; <see cref="Median"/> holds them per input.</summary>
    public int ChoiceCount { get; }

    /// <summary>Per input × <see cref="ChoiceCount"/> + choice, the group's time; NaN when not measured or filtered out.</summary>
    public double[] Median { get; }

    /// <summary>Per input, its (input, choice) groups.</summary>
    public int[] Groups { get; }

    /// <summary>Per input, its groups with a failed run (inf).</summary>
    public int[] FailedGroups { get; }

    /// <summary>Number of inputs.</summary>
    public int InputCount => Groups.Length;

    /// <summary>Groups the rows by (input, choice) and aggregates each group's feedback.</summary>
    [MethodImpl(HotPath.Optimized)]
    public static ChoiceMedians Compute(ConcatenatedRows rows, InputIndex inputs, bool filterNoisy)
    {
        int n = rows.Count;
        int inputCount = inputs.Count;
        int choiceCount = rows.Choices.Length;
        int[] inputIds = inputs.OfRow;
        int[] choice = rows.Choice;
        double[] feedback = rows.Feedback;
        var keys = new long[n];
        var order = new int[n];
        for (int r = 0; r < n; r++)
        {
            keys[r] = ((long)inputIds[r] * choiceCount) + choice[r];
            order[r] = r;
        }

        KeySort.ByKey(ref keys, ref order, (long)inputCount * choiceCount);
        var median = new double[(long)inputCount * choiceCount];
        for (int i = 0; i < median.Length; i++) median[i] = double.NaN;
        var buffer = new List<double>();
        var groups = new int[inputCount];
        var failedGroups = new int[inputCount];
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end < n && keys[end] == keys[start]) end++;
            int input = (int)(keys[start] / choiceCount);
            groups[input]++;
            buffer.Clear();
            bool hasInf = false;
            for (int i = start; i < end; i++)
            {
                double v = feedback[order[i]];
                if (double.IsInfinity(v)) hasInf = true;
                buffer.Add(v);
            }

            double med;
            bool valid = true;
            if (hasInf)
            {
                failedGroups[input]++;
                med = double.PositiveInfinity;
                valid = !filterNoisy; // relative std is inf
            }
            else
            {
                buffer.Sort();
                med = MedianOfSorted(buffer);
                if (filterNoisy) valid = NoiseFilter.Keeps(buffer);
            }

            if (valid) median[keys[start]] = med;
            start = end;
        }

        return new ChoiceMedians(choiceCount, median, groups, failedGroups);
    }

    /// <summary>pandas' median of sorted, finite values: the middle one, or the mean of the two middle ones.</summary>
    internal static double MedianOfSorted(IReadOnlyList<double> sorted)
    {
        int n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2.0;
    }
}
