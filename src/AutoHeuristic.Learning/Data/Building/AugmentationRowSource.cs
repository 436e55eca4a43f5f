using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoHeuristic.Features;

namespace AutoHeuristic.Learning.Data.Building;

/// <summary>
/// One input's features for the operations: its logged values, then the augmented values computed
/// so far for it. Lookups go through string-to-index tables and arrays (a dictionary of
/// FeatureValue, a struct, would be compiled anew for this one use, unoptimized at first).
/// </summary>
internal sealed class AugmentationRowSource : IFeatureSource
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<FeatureColumn> _columns;
    private readonly bool[] _hasFloat;
    private readonly string[][] _rawTexts;

    // Categorical texts repeat: each distinct text of a column is parsed once.
    private readonly Dictionary<string, int>[] _parsedIndex;
    private readonly FeatureValue[][] _parsed;

    // Per operation, the slot of its name (operations of one name share it; the last set wins).
    private readonly Dictionary<string, int> _augmentedSlot = new(StringComparer.Ordinal);
    private readonly int[] _slotOf;
    private readonly FeatureValue[] _augmented;
    private readonly int[] _augmentedRow; // per slot, 1 + the row it was set for (0: never)

    /// <param name="columns">The logged features' columns.</param>
    /// <param name="rawTexts">Per logged feature, its texts when categorical, else null.</param>
    /// <param name="hasFloat">Per logged feature, whether a numerical one was logged with fractions (then it reads as floats).</param>
    /// <param name="operations">The operations whose values <see cref="SetAugmented"/> records.</param>
    public AugmentationRowSource(List<FeatureColumn> columns, string[][] rawTexts, bool[] hasFloat, IReadOnlyList<AHOperation> operations)
    {
        _columns = columns;
        _rawTexts = rawTexts;
        _hasFloat = hasFloat;
        for (int i = 0; i < rawTexts.Length; i++) _index[columns[i].Name] = i;

        _parsedIndex = new Dictionary<string, int>[rawTexts.Length];
        _parsed = new FeatureValue[rawTexts.Length][];
        for (int i = 0; i < rawTexts.Length; i++)
        {
            if (rawTexts[i] is null) continue;
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (string text in rawTexts[i])
            {
                if (!index.ContainsKey(text)) index.Add(text, index.Count);
            }

            var parsed = new FeatureValue[index.Count];
            foreach (KeyValuePair<string, int> text in index) parsed[text.Value] = FeatureValue.Parse(text.Key);
            _parsedIndex[i] = index;
            _parsed[i] = parsed;
        }

        _slotOf = new int[operations.Count];
        for (int o = 0; o < operations.Count; o++)
        {
            if (!_augmentedSlot.TryGetValue(operations[o].Name, out int slot))
            {
                slot = _augmentedSlot.Count;
                _augmentedSlot.Add(operations[o].Name, slot);
            }

            _slotOf[o] = slot;
        }

        _augmented = new FeatureValue[_augmentedSlot.Count];
        _augmentedRow = new int[_augmentedSlot.Count];
    }

    /// <summary>The input being read.</summary>
    public int Row { get; set; }

    /// <summary>Records operation <paramref name="operation"/>'s value for the current row.</summary>
    public void SetAugmented(int operation, FeatureValue value)
    {
        int slot = _slotOf[operation];
        _augmented[slot] = value;
        _augmentedRow[slot] = Row + 1;
    }

    [MethodImpl(HotPath.Optimized)]
    public bool TryGetValue(string name, out FeatureValue value)
    {
        if (_index.TryGetValue(name, out int i))
        {
            FeatureColumn c = _columns[i];
            if (c.IsCategorical)
            {
                value = _parsed[i][_parsedIndex[i][_rawTexts[i][Row]]];
            }
            else
            {
                double v = c.Numbers![Row];
                value = !_hasFloat[i] && v == Math.Floor(v) && Math.Abs(v) < 9e15 ? FeatureValue.FromInteger((long)v) : FeatureValue.FromFloat(v);
            }

            return true;
        }

        if (_augmentedSlot.TryGetValue(name, out int slot) && _augmentedRow[slot] == Row + 1)
        {
            value = _augmented[slot];
            return true;
        }

        value = default;
        return false;
    }
}
