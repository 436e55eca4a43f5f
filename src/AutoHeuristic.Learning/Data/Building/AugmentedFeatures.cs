using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using AutoHeuristic.Features;

namespace AutoHeuristic.Learning.Data.Building;

/// <summary>The columns of the augmented features: each <see cref="AHOperation"/> evaluated on every input.</summary>
internal static class AugmentedFeatures
{
    /// <summary>
    /// Appends one column per operation to <paramref name="columns"/> (the logged features'
    /// columns; <paramref name="rawTexts"/> holds the categorical ones' texts).
    /// </summary>
    [MethodImpl(HotPath.Optimized)]
    public static void Add(List<FeatureColumn> columns, string[][] rawTexts, IReadOnlyList<AHOperation> operations, int count, bool[] hasFloat, InputTable? reference, CancellationToken ct)
    {
        if (operations.Count == 0) return;
        var source = new AugmentationRowSource(columns, rawTexts, hasFloat, operations);
        var results = new FeatureValue[operations.Count][];
        for (int o = 0; o < operations.Count; o++) results[o] = new FeatureValue[count];
        for (int j = 0; j < count; j++)
        {
            if ((j & 1023) == 0) ct.ThrowIfCancellationRequested();
            source.Row = j;
            for (int o = 0; o < operations.Count; o++)
            {
                FeatureValue v = operations[o].Evaluate(source);
                results[o][j] = v;
                source.SetAugmented(o, v); // later operations may read earlier ones, as pandas' row-wise apply allows
            }
        }

        for (int o = 0; o < operations.Count; o++)
        {
            AHOperation op = operations[o];
            if (op.IsCategorical)
            {
                var values = new string[count];
                for (int j = 0; j < count; j++) values[j] = results[o][j].Text;
                columns.Add(CategoricalColumns.Create(op.Name, true, values, reference));
            }
            else
            {
                var values = new double[count];
                for (int j = 0; j < count; j++) values[j] = results[o][j].Number;
                columns.Add(new FeatureColumn(op.Name, false, true, values, null, null));
            }
        }
    }
}
