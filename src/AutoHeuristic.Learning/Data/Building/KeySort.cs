using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace AutoHeuristic.Learning.Data.Building;

/// <summary>The sorts that group rows and order inputs.</summary>
internal static class KeySort
{
    /// <summary>
    /// Sorts rows by their (input, choice) key. The order of rows inside a group does not matter
    /// (the median and the relative std read the sorted measurements), so a stable counting sort,
    /// linear when the key space is not much larger than the rows, gives the same groups as a
    /// comparison sort.
    /// </summary>
    [MethodImpl(HotPath.Optimized)]
    public static void ByKey(ref long[] keys, ref int[] order, long keySpace)
    {
        int n = keys.Length;
        if (keySpace > (4L * n) + 4096)
        {
            Array.Sort(keys, order);
            return;
        }

        var next = new int[keySpace + 1];
        for (int r = 0; r < n; r++) next[keys[r] + 1]++;
        for (long k = 0; k < keySpace; k++) next[k + 1] += next[k];
        var sortedKeys = new long[n];
        var sortedOrder = new int[n];
        for (int r = 0; r < n; r++)
        {
            int at = next[keys[r]]++;
            sortedKeys[at] = keys[r];
            sortedOrder[at] = order[r];
        }

        keys = sortedKeys;
        order = sortedOrder;
    }

    /// <summary>
    /// Sorts <paramref name="inputs"/> in pandas' group-by order: the feature tuple, numerical
    /// features first, then categorical ones (by <see cref="CategorySemantics.Rank"/>).
    /// </summary>
    public static void InGroupByOrder(List<int> inputs, ConcatenatedRows rows, CategorySemantics categories, InputIndex index)
    {
        int featureCount = rows.FeatureNames.Length;
        bool[] isCategorical = rows.IsCategorical;
        double[][] numbers = rows.Numbers;
        int[][] codes = rows.Codes;
        int[][] categoryRank = categories.Rank;
        List<int> inputFirstRow = index.FirstRow;
        inputs.Sort((a, b) =>
        {
            int ra = inputFirstRow[a], rb = inputFirstRow[b];
            for (int f = 0; f < featureCount; f++)
            {
                int cmp = isCategorical[f]
                    ? categoryRank[f][codes[f][ra]].CompareTo(categoryRank[f][codes[f][rb]])
                    : numbers[f][ra].CompareTo(numbers[f][rb]);
                if (cmp != 0) return cmp;
            }

            return 0;
        });
    }
}
