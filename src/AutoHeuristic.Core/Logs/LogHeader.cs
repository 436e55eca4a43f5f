using System;
using System.Collections.Generic;

namespace AutoHeuristic.Logs;

/// <summary>
/// Line 2 of a log read against its metadata, as every log reader reads it: each column is a
/// metadata feature, <c>choice</c>, <c>feedback</c>, or ignored (an undeclared or repeated name).
/// The header is valid when it names every metadata feature and both <c>choice</c> and <c>feedback</c>.
/// </summary>
public sealed class LogHeader
{
    /// <summary>The role of the <c>choice</c> column in <see cref="Roles"/>.</summary>
    public const int ChoiceRole = -2;

    /// <summary>The role of the <c>feedback</c> column in <see cref="Roles"/>.</summary>
    public const int FeedbackRole = -3;

    /// <summary>The role of an ignored column in <see cref="Roles"/>.</summary>
    public const int IgnoredRole = -1;

    private LogHeader(string[] columns, int[] roles, string[] features, bool[] isCategorical, int choiceColumn, int feedbackColumn, List<(string Name, int Column, string Message)> unknown, List<string> missing)
    {
        Columns = columns;
        Roles = roles;
        Features = features;
        IsCategorical = isCategorical;
        ChoiceColumn = choiceColumn;
        FeedbackColumn = feedbackColumn;
        UnknownColumns = unknown;
        Missing = missing;
    }

    /// <summary>The column names, in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Per column: the feature index (into <see cref="Features"/>), or <see cref="ChoiceRole"/>, <see cref="FeedbackRole"/>, <see cref="IgnoredRole"/>.</summary>
    public IReadOnlyList<int> Roles { get; }

    /// <summary>The metadata's features: numerical, then categorical, in metadata order.</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>Per feature of <see cref="Features"/>: whether it is categorical.</summary>
    public IReadOnlyList<bool> IsCategorical { get; }

    /// <summary>The 0-based column of <c>choice</c>, or -1.</summary>
    public int ChoiceColumn { get; }

    /// <summary>The 0-based column of <c>feedback</c>, or -1.</summary>
    public int FeedbackColumn { get; }

    /// <summary>Ignored columns with their 1-based character column in line 2 and why they are ignored.</summary>
    public IReadOnlyList<(string Name, int Column, string Message)> UnknownColumns { get; }

    /// <summary>The features, <c>choice</c> or <c>feedback</c> the header lacks; empty when valid.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Whether every feature, <c>choice</c> and <c>feedback</c> have a column.</summary>
    public bool IsValid => Missing.Count == 0;

    /// <summary>The feature columns in file order (what a writer's <c>AddFeature</c> calls produced).</summary>
    public IReadOnlyList<string> FeaturesInFileOrder()
    {
        var result = new List<string>();
        for (int c = 0; c < Roles.Count; c++)
        {
            if (Roles[c] >= 0) result.Add(Columns[c]);
        }

        return result;
    }

    /// <summary>Why an invalid header is refused.</summary>
    public string DescribeMissing() =>
        "Line 2 must be the CSV header naming every metadata feature, then choice,feedback; missing: " + string.Join(", ", Missing) + ".";

    /// <summary>Reads <paramref name="line"/> (line 2, without its line break) against <paramref name="metadata"/>.</summary>
    public static LogHeader Parse(LogMetadata metadata, string line)
    {
        if (metadata is null) throw new ArgumentNullException(nameof(metadata));
        if (line is null) throw new ArgumentNullException(nameof(line));
        string[] columns = LogFormat.SplitCells(line);
        int numerical = metadata.NumericalFeatures.Count;
        var features = new string[numerical + metadata.CategoricalFeatures.Count];
        var isCategorical = new bool[features.Length];
        for (int i = 0; i < numerical; i++) features[i] = metadata.NumericalFeatures[i];
        for (int i = 0; i < metadata.CategoricalFeatures.Count; i++)
        {
            features[numerical + i] = metadata.CategoricalFeatures[i];
            isCategorical[numerical + i] = true;
        }

        var roles = new int[columns.Length];
        var seen = new bool[features.Length];
        var unknown = new List<(string, int, string)>();
        int choiceColumn = -1, feedbackColumn = -1;
        int position = 1;
        for (int c = 0; c < columns.Length; c++)
        {
            string name = columns[c];
            int f = Array.IndexOf(features, name);
            if (name == LogFormat.ChoiceColumn && choiceColumn < 0) { roles[c] = ChoiceRole; choiceColumn = c; }
            else if (name == LogFormat.FeedbackColumn && feedbackColumn < 0) { roles[c] = FeedbackRole; feedbackColumn = c; }
            else if (f >= 0 && !seen[f]) { roles[c] = f; seen[f] = true; }
            else
            {
                roles[c] = IgnoredRole;
                bool repeated = name == LogFormat.ChoiceColumn || name == LogFormat.FeedbackColumn || f >= 0;
                unknown.Add((name, position, repeated
                    ? $"The header column '{name}' appears twice; the repeated column is ignored."
                    : $"The header column '{name}' is not a feature of the metadata; it is ignored."));
            }

            position += name.Length + 1;
        }

        var missing = new List<string>();
        for (int f = 0; f < features.Length; f++) if (!seen[f]) missing.Add(features[f]);
        if (choiceColumn < 0) missing.Add(LogFormat.ChoiceColumn);
        if (feedbackColumn < 0) missing.Add(LogFormat.FeedbackColumn);
        return new LogHeader(columns, roles, features, isCategorical, choiceColumn, feedbackColumn, unknown, missing);
    }
}
