using System;
using System.Collections.Generic;
using AutoHeuristic.Learning.Logs;

namespace AutoHeuristic.Learning.Training;

/// <summary>
/// PyTorch's <c>filter_df</c> for choices: the rows of excluded choices are dropped from the logs
/// before anything is grouped, so neither training nor evaluation sees them (an input keeps its
/// other choices; one left with fewer than two is then dropped as any such input).
/// </summary>
internal static class ChoiceExclusion
{
    /// <summary><paramref name="logs"/> without the rows of <paramref name="excluded"/>; the same list when nothing is excluded.</summary>
    public static IReadOnlyList<ParsedLog> Apply(IReadOnlyList<ParsedLog> logs, IReadOnlyList<string> excluded)
    {
        if (excluded.Count == 0) return logs;
        var result = new List<ParsedLog>(logs.Count);
        foreach (ParsedLog log in logs) result.Add(Apply(log, excluded));
        return result;
    }

    private static ParsedLog Apply(ParsedLog log, IReadOnlyList<string> excluded)
    {
        LogColumns? c = log.Columns;
        if (c is null) return log;
        var drop = new bool[c.ChoiceNames.Count];
        bool any = false;
        for (int k = 0; k < drop.Length; k++)
        {
            drop[k] = Contains(excluded, c.ChoiceNames[k]);
            any |= drop[k];
        }

        if (!any) return log;
        var keep = new List<int>(c.RowCount);
        for (int r = 0; r < c.RowCount; r++)
        {
            if (!drop[c.ChoiceCodes[r]]) keep.Add(r);
        }

        int n = keep.Count;
        int features = c.FeatureNames.Length;
        var numbers = new double[features][];
        var codes = new int[features][];
        for (int f = 0; f < features; f++)
        {
            if (c.Numbers[f] is double[] src) numbers[f] = Pick(src, keep);
            if (c.CategoryCodes[f] is int[] cat) codes[f] = Pick(cat, keep);
        }

        // The excluded names leave the choice list too, so no table lists a choice without rows.
        var names = new List<string>();
        var remap = new int[drop.Length];
        for (int k = 0; k < drop.Length; k++)
        {
            remap[k] = drop[k] ? -1 : names.Count;
            if (!drop[k]) names.Add(c.ChoiceNames[k]);
        }

        int[] choiceCodes = Pick(c.ChoiceCodes, keep);
        for (int i = 0; i < choiceCodes.Length; i++) choiceCodes[i] = remap[choiceCodes[i]];
        var columns = new LogColumns(c.FeatureNames, c.IsCategorical, n, numbers, c.NumericHasFloat, codes, c.CategoryTexts,
            choiceCodes, names, Pick(c.Feedback, keep), Pick(c.LineNumbers, keep));
        return new ParsedLog(log.FileName, log.Metadata, log.Header, columns, log.SkippedRows, log.Problems);
    }

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        foreach (string item in list)
        {
            if (string.Equals(item, value, StringComparison.Ordinal)) return true;
        }

        return false;
    }

    private static T[] Pick<T>(T[] source, List<int> rows)
    {
        var result = new T[rows.Count];
        for (int i = 0; i < result.Length; i++) result[i] = source[rows[i]];
        return result;
    }
}
