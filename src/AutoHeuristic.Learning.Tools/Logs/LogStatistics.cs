using System;
using System.Collections.Generic;
namespace AutoHeuristic.Learning.Logs;

/// <summary>Counts over a parsed log's rows (the CLI's <c>inspect</c>).</summary>
public static class LogStatistics
{
    /// <summary>Distinct inputs: rows with equal feature values (all features, before the choice) are one input.</summary>
    public static int InputCount(ParsedLog log)
    {
        if (log is null) throw new ArgumentNullException(nameof(log));
        LogColumns? columns = log.Columns;
        if (columns is null) return 0;
        var seen = new HashSet<int>(new RowComparer(columns));
        for (int row = 0; row < columns.RowCount; row++) seen.Add(row);
        return seen.Count;
    }

    /// <summary>Rows per choice name.</summary>
    public static IReadOnlyDictionary<string, int> RowsPerChoice(ParsedLog log)
    {
        if (log is null) throw new ArgumentNullException(nameof(log));
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        LogColumns? columns = log.Columns;
        if (columns is null) return counts;
        var byCode = new int[columns.ChoiceNames.Count];
        foreach (int code in columns.ChoiceCodes) byCode[code]++;
        for (int i = 0; i < byCode.Length; i++) counts[columns.ChoiceNames[i]] = byCode[i];
        return counts;
    }

    /// <summary>One feature's values over the rows: numeric range, or the categories seen (by first appearance).</summary>
    /// <param name="Name">The feature's column name.</param>
    /// <param name="IsCategorical">Whether its values are categories (text) rather than numbers.</param>
    /// <param name="Distinct">How many distinct values (or categories) the rows hold.</param>
    /// <param name="Min">The smallest number; NaN for a categorical feature.</param>
    /// <param name="Max">The largest number; NaN for a categorical feature.</param>
    /// <param name="Categories">The categories used, in order of first appearance; empty for a numeric feature.</param>
    public sealed record FeatureSummary(string Name, bool IsCategorical, int Distinct, double Min, double Max, IReadOnlyList<string> Categories);

    /// <summary>Per feature, in log order: distinct values and range or categories.</summary>
    public static IReadOnlyList<FeatureSummary> Features(ParsedLog log)
    {
        if (log is null) throw new ArgumentNullException(nameof(log));
        var result = new List<FeatureSummary>();
        LogColumns? c = log.Columns;
        if (c is null) return result;
        for (int f = 0; f < c.FeatureNames.Length; f++)
        {
            if (c.IsCategorical[f])
            {
                var used = new HashSet<int>(c.CategoryCodes[f]);
                var names = new List<string>();
                for (int code = 0; code < c.CategoryTexts[f].Count; code++)
                {
                    if (used.Contains(code)) names.Add(c.CategoryTexts[f][code]);
                }

                result.Add(new FeatureSummary(c.FeatureNames[f], true, names.Count, double.NaN, double.NaN, names));
                continue;
            }

            double[] values = c.Numbers[f];
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            var distinct = new HashSet<double>();
            foreach (double v in values)
            {
                if (v < min) min = v;
                if (v > max) max = v;
                distinct.Add(v);
            }

            result.Add(new FeatureSummary(c.FeatureNames[f], false, distinct.Count, min, max, Array.Empty<string>()));
        }

        return result;
    }

    // Compares rows by their feature values (numbers bit for bit, categories by code).
    private sealed class RowComparer : IEqualityComparer<int>
    {
        private readonly LogColumns _c;

        public RowComparer(LogColumns columns) => _c = columns;

        public bool Equals(int a, int b)
        {
            for (int f = 0; f < _c.FeatureNames.Length; f++)
            {
                if (_c.IsCategorical[f])
                {
                    if (_c.CategoryCodes[f][a] != _c.CategoryCodes[f][b]) return false;
                }
                else if (!_c.Numbers[f][a].Equals(_c.Numbers[f][b]))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(int row)
        {
            int hash = 17;
            for (int f = 0; f < _c.FeatureNames.Length; f++)
            {
                int value = _c.IsCategorical[f] ? _c.CategoryCodes[f][row] : _c.Numbers[f][row].GetHashCode();
                hash = unchecked(hash * 31 + value);
            }

            return hash;
        }
    }
}
