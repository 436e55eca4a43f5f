using System.Collections.Generic;

namespace AutoHeuristic.Learning.Data;

/// <summary>
/// The rows of one set (train, val, test or an extra set): each refers to an input of an
/// <see cref="InputTable"/>, with its label (a choice of that table: the winner, or a near-best
/// choice in ranking mode), a sample weight and whether the label is the input's true winner.
/// </summary>
internal sealed class SampleSet
{
    /// <summary>A training label meaning "the best choices are within the tie margin": learned as its own class, answered as unsure.</summary>
    public const int TieLabel = -1;

    /// <summary>The class name of <see cref="TieLabel"/>; it is no choice of any table, so predicting it is "unsure".</summary>
    public const string TieClass = "\u0000tie";

    public SampleSet(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public List<InputTable> Tables { get; } = new();

    public List<int> Inputs { get; } = new();

    public List<int> Labels { get; } = new();

    public List<double> Weights { get; } = new();

    public List<bool> IsWinnerRow { get; } = new();

    public int Count => Inputs.Count;

    public void Add(InputTable table, int input, int label, double weight, bool isWinnerRow)
    {
        Tables.Add(table);
        Inputs.Add(input);
        Labels.Add(label);
        Weights.Add(weight);
        IsWinnerRow.Add(isWinnerRow);
    }

    /// <summary>One row per input (its true-winner row): how ranking sets are evaluated.</summary>
    public SampleSet WinnerRowsOnly()
    {
        var result = new SampleSet(Name);
        for (int i = 0; i < Count; i++)
        {
            if (IsWinnerRow[i]) result.Add(Tables[i], Inputs[i], Labels[i], Weights[i], true);
        }

        return result;
    }

    /// <summary>Appends all rows of <paramref name="other"/>.</summary>
    public void AddAll(SampleSet other)
    {
        for (int i = 0; i < other.Count; i++) Add(other.Tables[i], other.Inputs[i], other.Labels[i], other.Weights[i], other.IsWinnerRow[i]);
    }

    /// <summary>Appends each row of <paramref name="other"/> <paramref name="copies"/> times in a row (pandas' <c>index.repeat</c>).</summary>
    public void AddEachRepeated(SampleSet other, int copies)
    {
        for (int i = 0; i < other.Count; i++)
        {
            for (int c = 0; c < copies; c++) Add(other.Tables[i], other.Inputs[i], other.Labels[i], other.Weights[i], other.IsWinnerRow[i]);
        }
    }

    /// <summary>
    /// Rows of <paramref name="inputs"/> of <paramref name="table"/>: one winner row per input, or
    /// with <paramref name="nearBest"/> one row per choice within 2 % of the best (PyTorch's
    /// <c>add_near_best_configs</c>: relative performance = best / time ≥ 0.98, used as weight),
    /// in choice order.
    /// </summary>
    public static SampleSet FromInputs(string name, InputTable table, IEnumerable<int> inputs, bool nearBest)
    {
        var set = new SampleSet(name);
        foreach (int input in inputs) AddInput(set, table, input, nearBest);
        return set;
    }

    public static void AddInput(SampleSet set, InputTable table, int input, bool nearBest)
    {
        int winner = table.Winner[input];
        if (!nearBest)
        {
            set.Add(table, input, winner, 1.0, true);
            return;
        }

        double best = table.Time(input, winner);
        for (int c = 0; c < table.Choices.Length; c++)
        {
            double t = table.Time(input, c);
            if (double.IsNaN(t)) continue;
            double relative = best / t;
            if (relative >= 0.98) set.Add(table, input, c, relative, c == winner);
        }
    }
}

/// <summary>Row subsets.</summary>
internal static class SampleSetExtensions
{
    /// <summary>The rows at <paramref name="rows"/>, in that order.</summary>
    public static SampleSet Subset(this SampleSet set, string name, int[] rows)
    {
        var result = new SampleSet(name);
        foreach (int r in rows) result.Add(set.Tables[r], set.Inputs[r], set.Labels[r], set.Weights[r], set.IsWinnerRow[r]);
        return result;
    }
}
