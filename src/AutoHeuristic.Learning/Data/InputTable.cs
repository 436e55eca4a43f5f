using System.Collections.Generic;

namespace AutoHeuristic.Learning.Data;

/// <summary>
/// One feature column of an <see cref="InputTable"/>: numbers for numerical features, category
/// codes (into <see cref="Categories"/>, Python <c>str()</c> texts) for categorical ones. A code of
/// -1 is a category the reference table never saw (it never equals any split category).
/// </summary>
internal sealed class FeatureColumn
{
    public FeatureColumn(string name, bool isCategorical, bool isAugmented, double[]? numbers, int[]? codes, List<string>? categories)
    {
        Name = name;
        IsCategorical = isCategorical;
        IsAugmented = isAugmented;
        Numbers = numbers;
        Codes = codes;
        Categories = categories;
    }

    public string Name { get; }

    public bool IsCategorical { get; }

    public bool IsAugmented { get; }

    public double[]? Numbers { get; }

    public int[]? Codes { get; }

    public List<string>? Categories { get; }
}

/// <summary>
/// PyTorch's per-input table (<c>get_df</c>): one row per input (distinct feature values) with at
/// least two measured choices and a winner, in pandas group-by order, with the median time of every measured
/// choice, the winner and the speedup, plus augmented feature columns.
/// </summary>
internal sealed class InputTable
{
    public InputTable(string name, int count, List<FeatureColumn> columns, string[] choices, double[] times, int[] winner, double[] speedup, int rows, int skippedRows)
    {
        Name = name;
        Count = count;
        Columns = columns;
        Choices = choices;
        Times = times;
        Winner = winner;
        Speedup = speedup;
        Rows = rows;
        SkippedRows = skippedRows;
    }

    /// <summary>The data set's name (the log, or the <c>--data</c> name).</summary>
    public string Name { get; }

    /// <summary>Inputs.</summary>
    public int Count { get; }

    /// <summary>Raw features (numerical, then categorical, in metadata order), then augmented ones.</summary>
    public List<FeatureColumn> Columns { get; }

    /// <summary>Every measured choice, sorted ordinally (sklearn's class order).</summary>
    public string[] Choices { get; }

    /// <summary>Median time per (input, choice) at <c>input * Choices.Length + choice</c>; NaN when not measured; +inf when a measurement was inf.</summary>
    public double[] Times { get; }

    /// <summary>Index into <see cref="Choices"/> of each input's fastest choice (among exactly equal times, the one pandas' unstable sort puts first, as PyTorch labels it).</summary>
    public int[] Winner { get; }

    /// <summary>Second-best time over best time.</summary>
    public double[] Speedup { get; }

    /// <summary>Log rows behind the table.</summary>
    public int Rows { get; }

    /// <summary>Log rows skipped while reading.</summary>
    public int SkippedRows { get; }

    /// <summary>Inputs left out because every choice failed (feedback inf): no winner.</summary>
    public int FailedInputs { get; init; }

    /// <summary>Inputs whose measured choices all took the same time: no real winner; kept with PyTorch's label (the first of the tie).</summary>
    public int TiedInputs { get; init; }

    /// <summary>What building the table found: left-out inputs (warnings), no input at all (an error).</summary>
    public IReadOnlyList<AutoHeuristic.Learning.Problems.LearningProblem> Problems { get; init; } = System.Array.Empty<AutoHeuristic.Learning.Problems.LearningProblem>();

    public double Time(int input, int choice) => Times[(input * Choices.Length) + choice];

    public int ChoiceIndex(string name) => System.Array.BinarySearch(Choices, name, System.StringComparer.Ordinal) is int i && i >= 0 ? i : -1;
}
