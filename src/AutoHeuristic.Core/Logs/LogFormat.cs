using System.Collections.Generic;
using System.Text;
using AutoHeuristic.Formatting;

namespace AutoHeuristic.Logs;

/// <summary>
/// The training-log layout (PyTorch's, unchanged): line 1 metadata JSON, line 2 the CSV header
/// (features in insertion order, then <c>choice</c>, <c>feedback</c>), then one row per
/// (input, choice, measurement) with feedback in milliseconds; every line ends with <c>\n</c>; UTF-8.
/// No quoting: values with commas, quotes or line breaks are refused when they are added
/// (<see cref="PythonFormat.IsCsvSafe"/>), so a row that holds a double quote (or a carriage
/// return inside it) was not written by a writer: every reader skips it with a located warning
/// (<see cref="LogRowParser"/>) instead of keeping the quotes, which PyTorch's reader would strip.
/// A last row without its line break was cut off while being written and is skipped too.
/// </summary>
public static class LogFormat
{
    /// <summary>The name of the choice column.</summary>
    public const string ChoiceColumn = "choice";

    /// <summary>The name of the feedback column (milliseconds).</summary>
    public const string FeedbackColumn = "feedback";

    /// <summary>Line 2: the feature names, then <c>choice,feedback</c>.</summary>
    public static string Header(IEnumerable<string> featureNames)
    {
        var sb = new StringBuilder();
        foreach (string name in featureNames) sb.Append(name).Append(',');
        return sb.Append(ChoiceColumn).Append(',').Append(FeedbackColumn).ToString();
    }

    /// <summary>A data row: the values (already in Python <c>str()</c> form), the choice and the feedback as Python's <c>str(float)</c>.</summary>
    public static string Row(IEnumerable<string> values, string choice, double feedback)
    {
        var sb = new StringBuilder();
        foreach (string value in values) sb.Append(value).Append(',');
        return sb.Append(choice).Append(',').Append(PythonFormat.Str(feedback)).ToString();
    }

    /// <summary>
    /// The analyzer-config key under which Roslyn components see the <c>AutoHeuristicLog</c> item
    /// metadata of an AdditionalFile (made compiler-visible by the package's props).
    /// </summary>
    public const string AdditionalFileMetadataKey = "build_metadata.AdditionalFiles.AutoHeuristicLog";

    /// <summary>Whether an <see cref="AdditionalFileMetadataKey"/> value marks a training log (<c>true</c>, any case, spaces ignored).</summary>
    public static bool IsTrainingLogFlag(string? metadataValue) =>
        metadataValue is not null && string.Equals(metadataValue.Trim(), "true", System.StringComparison.OrdinalIgnoreCase);

    /// <summary>Splits a CSV line of this format (no quoting) into its cells.</summary>
    public static string[] SplitCells(string line) => line.Split(',');
}
