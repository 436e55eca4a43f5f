using System;
using System.Collections.Generic;
using AutoHeuristic.Features;

namespace AutoHeuristic.Learning.Data;

/// <summary>
/// One input of an <see cref="InputTable"/> read as features (logged and augmented): numerical
/// columns as integers when whole, else floats; categorical columns as their Python <c>str()</c>
/// text parsed as a log cell (<c>True</c>/<c>False</c> become booleans). Rules that need an
/// input's features, such as a per-input default choice, read it through this.
/// </summary>
internal sealed class InputRowSource : IFeatureSource
{
    private readonly Dictionary<string, FeatureColumn> _columns = new(StringComparer.Ordinal);

    public InputRowSource(InputTable table)
    {
        foreach (FeatureColumn column in table.Columns) _columns[column.Name] = column;
    }

    /// <summary>The input being read.</summary>
    public int Input { get; set; }

    public bool TryGetValue(string name, out FeatureValue value)
    {
        if (!_columns.TryGetValue(name, out FeatureColumn? column))
        {
            value = default;
            return false;
        }

        if (column.IsCategorical)
        {
            int code = column.Codes![Input];
            value = code < 0 ? FeatureValue.FromText(string.Empty) : FeatureValue.Parse(column.Categories![code]);
            return true;
        }

        double v = column.Numbers![Input];
        value = v == Math.Floor(v) && Math.Abs(v) < 9e15 ? FeatureValue.FromInteger((long)v) : FeatureValue.FromFloat(v);
        return true;
    }
}
