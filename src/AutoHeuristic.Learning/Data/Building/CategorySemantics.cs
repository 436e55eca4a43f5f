using System;
using System.Collections.Generic;
using System.Globalization;
using AutoHeuristic.Features;
using AutoHeuristic.Formatting;

namespace AutoHeuristic.Learning.Data.Building;

/// <summary>
/// What pandas makes of each categorical feature's logged texts: a column of numbers is read as
/// numbers (float64 when any value has a fraction), of <c>True</c>/<c>False</c> as bool, else as
/// strings; Python's <c>str()</c> of the value and the group-by order follow from that.
/// </summary>
internal sealed class CategorySemantics
{
    private CategorySemantics(string[][] text, int[][] rank)
    {
        Text = text;
        Rank = rank;
    }

    /// <summary>Per categorical feature and category code, Python's <c>str()</c> of the value (null for a numerical feature).</summary>
    public string[][] Text { get; }

    /// <summary>Per categorical feature and category code, the value's rank in pandas' sort order; equal values share a rank.</summary>
    public int[][] Rank { get; }

    /// <summary>The semantics of every categorical feature of <paramref name="rows"/>.</summary>
    public static CategorySemantics Of(ConcatenatedRows rows)
    {
        int featureCount = rows.FeatureNames.Length;
        var rank = new int[featureCount][];
        var text = new string[featureCount][];
        for (int f = 0; f < featureCount; f++)
        {
            if (!rows.IsCategorical[f]) continue;
            (text[f], rank[f]) = OfFeature(rows.CategoryTexts[f]);
        }

        return new CategorySemantics(text, rank);
    }

    private static (string[] Text, int[] Rank) OfFeature(List<string> raw)
    {
        int k = raw.Count;
        var text = new string[k];
        var numeric = new double[k];
        bool allNumeric = k > 0, anyFloat = false;
        for (int i = 0; i < k; i++)
        {
            FeatureValue v = FeatureValue.Parse(raw[i]);
            if (v.Kind == FeatureValueKind.Integer) numeric[i] = v.Number;
            else if (v.Kind == FeatureValueKind.Float) { numeric[i] = v.Number; anyFloat = true; }
            else allNumeric = false;
        }

        for (int i = 0; i < k; i++)
        {
            text[i] = !allNumeric ? raw[i]
                : anyFloat ? PythonFormat.Str(numeric[i])
                : ((long)numeric[i]).ToString(CultureInfo.InvariantCulture);
        }

        var order = new int[k];
        for (int i = 0; i < k; i++) order[i] = i;
        if (allNumeric) Array.Sort(order, (a, b) => numeric[a].CompareTo(numeric[b]));
        else Array.Sort(order, (a, b) => string.CompareOrdinal(text[a], text[b]));
        var rank = new int[k];
        int r = 0;
        for (int i = 0; i < k; i++)
        {
            if (i > 0)
            {
                bool same = allNumeric ? numeric[order[i]] == numeric[order[i - 1]] : text[order[i]] == text[order[i - 1]];
                if (!same) r++;
            }

            rank[order[i]] = r;
        }

        return (text, rank);
    }
}
