using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoHeuristic.Learning.Trees;

namespace AutoHeuristic.Learning.Data;

/// <summary>
/// The tree's feature slots (numerical columns first, then categorical ones, in the reference
/// table's column order) and, per table, the arrays that hold them.
/// </summary>
internal sealed class SlotMap
{
    private readonly Dictionary<InputTable, (double[][] Numeric, int[][] Codes)> _perTable = new();

    public SlotMap(InputTable reference)
    {
        var numeric = new List<FeatureColumn>();
        var categorical = new List<FeatureColumn>();
        foreach (FeatureColumn column in reference.Columns)
        {
            if (column.IsCategorical) categorical.Add(column);
            else numeric.Add(column);
        }

        NumericColumns = numeric;
        CategoricalColumns = categorical;
    }

    public List<FeatureColumn> NumericColumns { get; }

    public List<FeatureColumn> CategoricalColumns { get; }

    public int NumericCount => NumericColumns.Count;

    public string SlotName(int slot) => slot < NumericCount ? NumericColumns[slot].Name : CategoricalColumns[slot - NumericCount].Name;

    private InputTable? _lastTable;
    private (double[][] Numeric, int[][] Codes) _lastArrays;

    public (double[][] Numeric, int[][] Codes) For(InputTable table)
    {
        if (ReferenceEquals(table, _lastTable)) return _lastArrays;
        if (_perTable.TryGetValue(table, out var arrays))
        {
            _lastTable = table;
            _lastArrays = arrays;
            return arrays;
        }

        var numeric = new double[NumericColumns.Count][];
        var codes = new int[CategoricalColumns.Count][];
        for (int s = 0; s < numeric.Length; s++) numeric[s] = Find(table, NumericColumns[s].Name).Numbers!;
        for (int s = 0; s < codes.Length; s++) codes[s] = Find(table, CategoricalColumns[s].Name).Codes!;
        arrays = (numeric, codes);
        _perTable.Add(table, arrays);
        _lastTable = table;
        _lastArrays = arrays;
        return arrays;
    }

    [MethodImpl(HotPath.Optimized)]
    public int LeafOf(FittedTree tree, InputTable table, int input)
    {
        (double[][] numeric, int[][] codes) = For(table);
        int node = 0;
        while (tree.Left[node] >= 0)
        {
            int slot = tree.Slot[node];
            bool goLeft = slot < numeric.Length ? numeric[slot][input] <= tree.Threshold[node] : codes[slot - numeric.Length][input] != tree.Category[node];
            node = goLeft ? tree.Left[node] : tree.Right[node];
        }

        return node;
    }

    /// <summary>The training matrix of <paramref name="set"/> with labels mapped to <paramref name="classes"/>.</summary>
    [MethodImpl(HotPath.Optimized)]
    public TrainingMatrix Matrix(SampleSet set, string[] classes, double[]? targets = null)
    {
        int n = set.Count;
        var numeric = new double[NumericCount][];
        var categorical = new int[CategoricalColumns.Count][];
        for (int s = 0; s < numeric.Length; s++) numeric[s] = new double[n];
        for (int s = 0; s < categorical.Length; s++) categorical[s] = new int[n];
        var labels = new int[n];
        var weights = new double[n];
        var classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < classes.Length; k++) classIndex[classes[k]] = k;
        for (int i = 0; i < n; i++)
        {
            InputTable table = set.Tables[i];
            int input = set.Inputs[i];
            (double[][] tn, int[][] tc) = For(table);
            for (int s = 0; s < numeric.Length; s++) numeric[s][i] = tn[s][input];
            for (int s = 0; s < categorical.Length; s++) categorical[s][i] = tc[s][input];
            labels[i] = classes.Length == 0 ? 0 : classIndex[set.Labels[i] == SampleSet.TieLabel ? SampleSet.TieClass : table.Choices[set.Labels[i]]];
            weights[i] = set.Weights[i];
        }

        var counts = new int[CategoricalColumns.Count];
        for (int s = 0; s < counts.Length; s++) counts[s] = CategoricalColumns[s].Categories!.Count;
        return new TrainingMatrix(numeric, categorical, counts, labels, weights, classes.Length, targets) { OneHotOrder = OneHotOrder() };
    }

    /// <summary>
    /// Per categorical slot, its categories in PyTorch's dummy-column order: pandas lists a
    /// column's categories with <c>unique()</c>, i.e. by first appearance in the reference table's
    /// rows (pandas' group-by order), and <c>get_dummies</c> writes one column per category in
    /// that order. Categories the reference never holds follow in code order.
    /// </summary>
    public int[][] OneHotOrder()
    {
        if (_oneHotOrder is not null) return _oneHotOrder;
        var order = new int[CategoricalColumns.Count][];
        for (int s = 0; s < order.Length; s++)
        {
            FeatureColumn column = CategoricalColumns[s];
            int count = column.Categories!.Count;
            var seen = new bool[count];
            var list = new List<int>(count);
            foreach (int code in column.Codes!)
            {
                if (code < 0 || seen[code]) continue;
                seen[code] = true;
                list.Add(code);
                if (list.Count == count) break;
            }

            for (int code = 0; code < count; code++)
            {
                if (!seen[code]) list.Add(code);
            }

            order[s] = list.ToArray();
        }

        _oneHotOrder = order;
        return order;
    }

    private int[][]? _oneHotOrder;

    private static FeatureColumn Find(InputTable table, string name) =>
        table.Columns.Find(c => c.Name == name) ?? throw new InvalidOperationException($"The data set '{table.Name}' has no feature '{name}'.");
}
