using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace AutoHeuristic.Learning.Data.Building;

/// <summary>
/// A categorical <see cref="FeatureColumn"/> from one text per input: its categories are the
/// reference table's (so a second table codes its values as the model was trained), else the
/// distinct texts sorted ordinally; a text outside the categories gets code -1.
/// </summary>
internal static class CategoricalColumns
{
    /// <summary>The column <paramref name="name"/> of <paramref name="values"/>.</summary>
    [MethodImpl(HotPath.Optimized)]
    public static FeatureColumn Create(string name, bool augmented, string[] values, InputTable? reference)
    {
        List<string> categories;
        if (reference is not null)
        {
            FeatureColumn? refColumn = reference.Columns.Find(c => c.Name == name);
            categories = refColumn?.Categories ?? new List<string>();
        }
        else
        {
            // Neighbouring inputs mostly hold the same string object (an operation's "True"): hash it once per run.
            var set = new HashSet<string>(StringComparer.Ordinal);
            for (int j = 0; j < values.Length; j++)
            {
                if (j == 0 || !ReferenceEquals(values[j], values[j - 1])) set.Add(values[j]);
            }

            categories = new List<string>(set);
            categories.Sort(StringComparer.Ordinal);
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < categories.Count; k++) index[categories[k]] = k;
        var codes = new int[values.Length];
        for (int j = 0; j < values.Length; j++)
        {
            codes[j] = j > 0 && ReferenceEquals(values[j], values[j - 1]) ? codes[j - 1] : index.TryGetValue(values[j], out int k) ? k : -1;
        }

        return new FeatureColumn(name, true, augmented, null, codes, categories);
    }
}
