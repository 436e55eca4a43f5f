using System;
using System.Collections.Generic;
using AutoHeuristic.Features;

namespace AutoHeuristic.Learning.Logs;

/// <summary>The data rows a parsed log kept, one at a time (the CLI's <c>explain --row</c>).</summary>
public static class LogRows
{
    /// <summary>The 1-based file line of every row the reader kept, in file order; null when the log has no table (no usable header).</summary>
    public static IReadOnlyList<int>? LineNumbers(ParsedLog log)
    {
        if (log is null) throw new ArgumentNullException(nameof(log));
        return log.Columns?.LineNumbers;
    }

    /// <summary>
    /// The logged features of kept row <paramref name="index"/> (an index into <see cref="LineNumbers"/>),
    /// numerical then categorical as in the metadata. A numerical column written only as integers gives
    /// integers (as the run time logged them), else floats.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, FeatureValue>> Features(ParsedLog log, int index)
    {
        if (log is null) throw new ArgumentNullException(nameof(log));
        LogColumns columns = log.Columns ?? throw new ArgumentException($"'{log.FileName}' has no table of rows.", nameof(log));
        if (index < 0 || index >= columns.RowCount) throw new ArgumentOutOfRangeException(nameof(index), index, "No kept row has this index.");
        var result = new List<KeyValuePair<string, FeatureValue>>(columns.FeatureNames.Length);
        for (int f = 0; f < columns.FeatureNames.Length; f++)
        {
            FeatureValue value;
            if (columns.IsCategorical[f])
            {
                value = FeatureValue.Parse(columns.CategoryTexts[f][columns.CategoryCodes[f][index]]);
            }
            else
            {
                double v = columns.Numbers[f][index];
                value = !columns.NumericHasFloat[f] && v == Math.Floor(v) && Math.Abs(v) < 9e15 ? FeatureValue.FromInteger((long)v) : FeatureValue.FromFloat(v);
            }

            result.Add(new KeyValuePair<string, FeatureValue>(columns.FeatureNames[f], value));
        }

        return result;
    }
}
