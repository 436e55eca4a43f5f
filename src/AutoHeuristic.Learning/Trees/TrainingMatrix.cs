using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace AutoHeuristic.Learning.Trees;

/// <summary>
/// The samples a tree is fitted on, column-wise: numerical feature slots first, then categorical
/// slots (codes, -1 for a category never split on). Labels are class indices for classification;
/// <see cref="Targets"/> holds the values for regression. Each numerical slot's sample order
/// (by value, then by sample) is computed once here and reused by every fit of a grid.
/// </summary>
internal sealed class TrainingMatrix
{
    public TrainingMatrix(double[][] numeric, int[][] categorical, int[] categoryCounts, int[] labels, double[] weights, int classCount, double[]? targets = null)
    {
        Numeric = numeric;
        Categorical = categorical;
        CategoryCounts = categoryCounts;
        Labels = labels;
        Weights = weights;
        ClassCount = classCount;
        Targets = targets;
        SampleCount = labels.Length;
        UnitWeights = Array.TrueForAll(weights, w => w == 1.0);
    }

    public double[][] Numeric { get; }

    public int[][] Categorical { get; }

    public int[] CategoryCounts { get; }

    public int[] Labels { get; }

    public double[] Weights { get; }

    public int ClassCount { get; }

    public double[]? Targets { get; }

    public int SampleCount { get; }

    public bool UnitWeights { get; }

    public int SlotCount => Numeric.Length + Categorical.Length;

    /// <summary>
    /// Per categorical slot, its category codes in the order PyTorch's one-hot encoding lays out
    /// the dummy columns (<c>pd.get_dummies</c> on categories listed by <c>unique()</c>: first
    /// appearance in the whole per-input table). Null means code order. Only
    /// <see cref="SklearnCartLearner"/> uses it: scikit-learn's random feature order is drawn over
    /// column positions, so the column order decides which of two equally good splits wins.
    /// </summary>
    public int[][]? OneHotOrder { get; init; }

    private int[][]? _sorted;
    private double[]? _xLogX;

    /// <summary>x·ln x for the integers 0..<see cref="SampleCount"/> (entropy with unit weights works on counts).</summary>
    public double[] XLogXTable
    {
        get
        {
            if (_xLogX is not null) return _xLogX;
            var table = new double[SampleCount + 1];
            for (int i = 1; i <= SampleCount; i++) table[i] = i * Math.Log(i);
            _xLogX = table;
            return table;
        }
    }

    /// <summary>Per numerical slot, the samples sorted by value (NaN last), ties by sample index.</summary>
    [MethodImpl(HotPath.Optimized)]
    public int[][] SortedOrder(CancellationToken ct)
    {
        if (_sorted is not null) return _sorted;
        var sorted = new int[Numeric.Length][];
        for (int f = 0; f < Numeric.Length; f++)
        {
            ct.ThrowIfCancellationRequested();
            double[] values = Numeric[f];
            var keys = new double[SampleCount];
            var order = new int[SampleCount];
            for (int i = 0; i < SampleCount; i++)
            {
                keys[i] = double.IsNaN(values[i]) ? double.PositiveInfinity : values[i];
                order[i] = i;
            }

            // Array.Sort is not stable: sort by value, then restore sample order inside runs of equal values.
            Array.Sort(keys, order);
            int start = 0;
            for (int i = 1; i <= SampleCount; i++)
            {
                if (i == SampleCount || keys[i] != keys[start])
                {
                    if (i - start > 1) Array.Sort(order, start, i - start);
                    start = i;
                }
            }

            sorted[f] = order;
        }

        _sorted = sorted;
        return sorted;
    }
}
