using System;
using System.Collections.Generic;
using AutoHeuristic.Learning.Problems;
using AutoHeuristic.Logs;

namespace AutoHeuristic.Learning.Logs;

/// <summary>
/// One training log as read by <see cref="LogReader"/>: its metadata, header, the rows that
/// parsed (column-wise, compact) and every problem found, with file and line. A log whose
/// metadata or header is unusable has <see cref="IsUsable"/> false and no rows.
/// </summary>
public sealed class ParsedLog
{
    internal ParsedLog(string fileName, LogMetadata? metadata, IReadOnlyList<string> header, LogColumns? columns, int skippedRows, IReadOnlyList<LearningProblem> problems)
    {
        FileName = fileName;
        Metadata = metadata;
        Header = header;
        Columns = columns;
        SkippedRows = skippedRows;
        Problems = problems;
        foreach (LearningProblem problem in problems) HasErrors |= problem.Severity == ProblemSeverity.Error;
    }

    /// <summary>The file name (or the name the caller gave the text), as used in problems.</summary>
    public string FileName { get; }

    /// <summary>Line 1, or null when it could not be read.</summary>
    public LogMetadata? Metadata { get; }

    /// <summary>Line 2's column names (features in file order, then <c>choice</c>, <c>feedback</c>); empty when missing.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Data rows that parsed and are used.</summary>
    public int RowCount => Columns?.RowCount ?? 0;

    /// <summary>Data rows skipped because they were malformed (each has a problem, up to a cap per kind).</summary>
    public int SkippedRows { get; }

    /// <summary>Everything found while reading, in line order.</summary>
    public IReadOnlyList<LearningProblem> Problems { get; }

    /// <summary>Whether some problem is an error (see <see cref="IsUsable"/>).</summary>
    public bool HasErrors { get; }

    /// <summary>
    /// True when metadata and header are valid, there is at least one data row and no problem is
    /// an error (text that is not UTF-8, a line too long, every run failed, …): only then are the
    /// rows trained or evaluated on.
    /// </summary>
    public bool IsUsable => Metadata is not null && Columns is not null && Columns.RowCount > 0 && !HasErrors;

    /// <summary>The distinct choices in the rows, in order of first appearance.</summary>
    public IReadOnlyList<string> Choices => Columns is null ? Array.Empty<string>() : Columns.ChoiceNames;

    /// <summary>The heuristic name from the metadata (empty when unreadable).</summary>
    public string HeuristicName => Metadata?.Name ?? string.Empty;

    internal LogColumns? Columns { get; }
}

/// <summary>The rows of a log, column-wise. Features follow the metadata order: numerical, then categorical.</summary>
internal sealed class LogColumns
{
    public LogColumns(string[] featureNames, bool[] isCategorical, int rowCount, double[][] numbers, bool[] numericHasFloat, int[][] categoryCodes, List<string>[] categoryTexts, int[] choiceCodes, List<string> choiceNames, double[] feedback, int[] lineNumbers)
    {
        FeatureNames = featureNames;
        IsCategorical = isCategorical;
        RowCount = rowCount;
        Numbers = numbers;
        NumericHasFloat = numericHasFloat;
        CategoryCodes = categoryCodes;
        CategoryTexts = categoryTexts;
        ChoiceCodes = choiceCodes;
        ChoiceNames = choiceNames;
        Feedback = feedback;
        LineNumbers = lineNumbers;
    }

    /// <summary>Numerical features then categorical features, in metadata order.</summary>
    public string[] FeatureNames { get; }

    public bool[] IsCategorical { get; }

    public int RowCount { get; }

    /// <summary>Per feature: the values when numerical (null for categorical ones).</summary>
    public double[][] Numbers { get; }

    /// <summary>Per numerical feature: whether some value was written as a float (pandas then reads the column as float64).</summary>
    public bool[] NumericHasFloat { get; }

    /// <summary>Per feature: codes into <see cref="CategoryTexts"/> when categorical (null for numerical ones).</summary>
    public int[][] CategoryCodes { get; }

    /// <summary>Per categorical feature: the raw cell texts by code.</summary>
    public List<string>[] CategoryTexts { get; }

    public int[] ChoiceCodes { get; }

    public List<string> ChoiceNames { get; }

    /// <summary>Milliseconds; may be +inf.</summary>
    public double[] Feedback { get; }

    /// <summary>1-based file line of each row.</summary>
    public int[] LineNumbers { get; }
}
