using System;
using System.Collections.Generic;
using System.Threading;

namespace AutoHeuristic.Learning.Trees;

/// <summary>
/// CART that grows the same tree scikit-learn's <c>DecisionTreeClassifier(random_state=42)</c>
/// (best splitter, all features) grows, ties included. It is opt-in
/// (<see cref="Training.TieBreaking.Sklearn"/>) because it keeps sklearn's choices that
/// <see cref="CartLearner"/> avoids on purpose:
/// <list type="bullet">
/// <item>features are cast to float32 and values closer than 1e-7 are one value;</item>
/// <item>thresholds are midpoints of float32 neighbours (the lower value when the midpoint
/// rounds up to the upper one);</item>
/// <item>a node's samples are sorted by scikit-learn 1.2's introsort (<see cref="SklearnIntrosort"/>)
/// and split by its in-place partition, so fractional weights are summed in its order and two
/// splits that tie in exact arithmetic compare as there;</item>
/// <item>features are visited in a random order (a Fisher–Yates draw from sklearn's 32-bit
/// xorshift generator, seeded from <c>RandomState(42)</c>), skipping features known to be
/// constant in the node, and a candidate replaces the best only when its improvement, computed
/// with sklearn's formulas and operation order, is strictly greater;</item>
/// <item>a categorical slot is one 0/1 column per category, after all numerical slots, in the
/// order PyTorch's one-hot encoding lays them out (<see cref="TrainingMatrix.OneHotOrder"/>:
/// categories by first appearance in the per-input table, not sorted).</item>
/// </list>
/// Given the same rows in the same order with the same weights, the tree equals sklearn's to the
/// last bit (fractional weights included).
/// </summary>
internal sealed class SklearnCartLearner
{
    /// <summary><c>numpy.random.RandomState(42).randint(0, 2**31 - 1)</c>: the splitter's seed.</summary>
    internal const uint Seed42 = 1608637542;

    private const double Epsilon = 2.220446049250313e-16;
    // float32, as in sklearn, where "Xf[p] + FEATURE_THRESHOLD" is a float32 sum (cast back below).
    private const float FeatureThreshold = 1e-7f;
    private const uint RandMax = 0x7FFFFFFF;

    private readonly TrainingMatrix _data;
    private readonly CartParameters _p;
    private readonly CancellationToken _ct;
    private readonly float[][] _x;         // per column: float32 values
    private readonly int[] _columnSlot;    // column → slot
    private readonly int[] _columnCategory; // column → category (-1 for numerical)
    private readonly int[] _samples;
    private readonly int[] _features;
    private readonly int[] _constantFeatures;
    private readonly float[] _xf;
    private readonly double[] _sumTotal;
    private readonly double[] _sumLeft;
    private readonly double[] _sumRight;
    private readonly int _minLeaf;
    private readonly int _minSplit;
    private readonly int _k;
    private uint _state;
    private FittedTree _tree = null!;

    private SklearnCartLearner(TrainingMatrix data, CartParameters parameters, CancellationToken ct)
    {
        _data = data;
        _p = parameters;
        _ct = ct;
        int n = data.SampleCount;
        var columns = new List<float[]>();
        var slots = new List<int>();
        var cats = new List<int>();
        for (int f = 0; f < data.Numeric.Length; f++)
        {
            var col = new float[n];
            for (int i = 0; i < n; i++) col[i] = (float)data.Numeric[f][i];
            columns.Add(col);
            slots.Add(f);
            cats.Add(-1);
        }

        for (int f = 0; f < data.Categorical.Length; f++)
        {
            foreach (int v in OneHotColumns(data, f))
            {
                var col = new float[n];
                for (int i = 0; i < n; i++) col[i] = data.Categorical[f][i] == v ? 1f : 0f;
                columns.Add(col);
                slots.Add(data.Numeric.Length + f);
                cats.Add(v);
            }
        }

        _x = columns.ToArray();
        _columnSlot = slots.ToArray();
        _columnCategory = cats.ToArray();
        _samples = new int[n];
        for (int i = 0; i < n; i++) _samples[i] = i;
        _features = new int[_x.Length];
        for (int i = 0; i < _features.Length; i++) _features[i] = i;
        _constantFeatures = new int[_x.Length];
        _xf = new float[n];
        _k = data.ClassCount;
        _sumTotal = new double[_k];
        _sumLeft = new double[_k];
        _sumRight = new double[_k];
        _minLeaf = parameters.MinLeafCount(n);
        _minSplit = Math.Max(2, 2 * _minLeaf);
        _state = Seed42;
    }

    /// <summary>The categories of slot <paramref name="f"/> in one-hot column order: PyTorch's when known, else code order.</summary>
    private static int[] OneHotColumns(TrainingMatrix data, int f)
    {
        if (data.OneHotOrder is { } order && order[f].Length == data.CategoryCounts[f]) return order[f];
        var codes = new int[data.CategoryCounts[f]];
        for (int v = 0; v < codes.Length; v++) codes[v] = v;
        return codes;
    }

    /// <summary>Fits a classification tree; throws <see cref="OperationCanceledException"/> when cancelled.</summary>
    public static FittedTree Fit(TrainingMatrix data, CartParameters parameters, CancellationToken ct)
    {
        if (data.SampleCount == 0) throw new ArgumentException("No samples to fit.", nameof(data));
        if (parameters.Regression) throw new NotSupportedException("sklearn tie-breaking is implemented for classification trees only.");
        var learner = new SklearnCartLearner(data, parameters, ct);
        learner._tree = new FittedTree(data.ClassCount, data.Numeric.Length);
        learner.Build(0, data.SampleCount, 0, 0, double.NaN);
        return learner._tree;
    }

    /// <param name="impurity">The node's impurity as its parent's split computed it; NaN at the root.</param>
    private int Build(int start, int end, int depth, int knownConstants, double impurity)
    {
        _ct.ThrowIfCancellationRequested();
        int n = end - start;
        var weights = new double[_k];
        double sumW = 0;
        for (int i = start; i < end; i++)
        {
            int s = _samples[i];
            double w = _data.Weights[s];
            weights[_data.Labels[s]] += w;
            sumW += w;
        }

        int node = _tree.AddNode(n, weights, 0);
        bool leaf = depth >= _p.MaxDepth || n < _minSplit || n < 2 * _minLeaf || (double.IsNaN(impurity) ? NodeImpurity(weights, sumW) : impurity) <= Epsilon;
        if (leaf) return node;

        Array.Copy(weights, _sumTotal, _k);
        if (!Split(start, end, sumW, ref knownConstants, out int column, out double threshold, out int pos)) return node;

        // Partition in place as sklearn does (not stable): the order it leaves inside each child
        // is the order the child's weights are summed in, which decides ties with fractional weights.
        float[] x = _x[column];
        int l = start, partitionEnd = end;
        while (l < partitionEnd)
        {
            if (x[_samples[l]] <= threshold)
            {
                l++;
            }
            else
            {
                partitionEnd--;
                (_samples[l], _samples[partitionEnd]) = (_samples[partitionEnd], _samples[l]);
            }
        }

        if (l != pos) throw new InvalidOperationException("Partition disagrees with the split position.");
        ChildImpurities(start, pos, end, sumW, out double impurityLeft, out double impurityRight);

        int slot = _columnSlot[column];
        _tree.Slot[node] = slot;
        if (_columnCategory[column] >= 0)
        {
            _tree.Category[node] = _columnCategory[column];
            _tree.Threshold[node] = 0.5;
        }
        else
        {
            _tree.Threshold[node] = threshold;
        }

        int leftNode = Build(start, pos, depth + 1, knownConstants, impurityLeft);
        int rightNode = Build(pos, end, depth + 1, knownConstants, impurityRight);
        _tree.Left[node] = leftNode;
        _tree.Right[node] = rightNode;
        return node;
    }

    private int RandInt(int low, int high)
    {
        uint s = _state == 0 ? 1u : _state;
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        _state = s;
        return low + (int)((s % (RandMax + 1)) % (uint)(high - low));
    }

    private bool Split(int start, int end, double sumW, ref int constants, out int bestColumn, out double bestThreshold, out int bestPos)
    {
        bestColumn = -1;
        bestThreshold = 0;
        bestPos = end;
        double best = double.NegativeInfinity;
        int nFeatures = _features.Length;
        int knownConstants = constants;
        int totalConstants = knownConstants;
        int visited = 0, drawnConstants = 0, foundConstants = 0;
        int fi = nFeatures;
        bool entropy = _p.Criterion == Training.SplitCriterion.Entropy;
        int n = end - start;

        while (fi > totalConstants && (visited < nFeatures || visited <= foundConstants + drawnConstants))
        {
            visited++;
            int fj = RandInt(drawnConstants, fi - foundConstants);
            if (fj < knownConstants)
            {
                (_features[drawnConstants], _features[fj]) = (_features[fj], _features[drawnConstants]);
                drawnConstants++;
                continue;
            }

            fj += foundConstants;
            int column = _features[fj];
            float[] x = _x[column];
            for (int i = start; i < end; i++) _xf[i] = x[_samples[i]];
            SklearnIntrosort.Sort(_xf, _samples, start, n);
            if (_xf[end - 1] <= (float)(_xf[start] + FeatureThreshold))
            {
                (_features[fj], _features[totalConstants]) = (_features[totalConstants], _features[fj]);
                foundConstants++;
                totalConstants++;
                continue;
            }

            fi--;
            (_features[fi], _features[fj]) = (_features[fj], _features[fi]);

            Array.Clear(_sumLeft, 0, _k);
            double wLeft = 0;
            int pos = start;
            int p = start;
            while (p < end)
            {
                while (p + 1 < end && _xf[p + 1] <= (float)(_xf[p] + FeatureThreshold)) p++;
                p++;
                if (p >= end) break;
                if (p - start < _minLeaf || end - p < _minLeaf) continue;

                wLeft = MoveSplit(pos, p, end, sumW, wLeft);
                pos = p;
                double wRight = sumW - wLeft;
                double proxy = (-wRight * Impurity(_sumRight, wRight, entropy)) - (wLeft * Impurity(_sumLeft, wLeft, entropy));
                if (proxy > best)
                {
                    best = proxy;
                    bestColumn = column;
                    bestPos = p;
                    double t = (_xf[p - 1] / 2.0) + (_xf[p] / 2.0);
                    if (t == _xf[p] || double.IsInfinity(t)) t = _xf[p - 1];
                    bestThreshold = t;
                }
            }
        }

        // Keep the known constants' order for siblings and children; record the new ones.
        Array.Copy(_constantFeatures, 0, _features, 0, knownConstants);
        Array.Copy(_features, knownConstants, _constantFeatures, knownConstants, foundConstants);
        constants = totalConstants;
        return bestColumn >= 0 && bestPos < end;
    }

    /// <summary>
    /// sklearn's <c>Criterion.update</c>: moves the split from <paramref name="pos"/> to
    /// <paramref name="newPos"/>, adding the samples between forward or, when that is the longer
    /// way, starting again from the node's totals and subtracting from the end backward; then
    /// sets the right side to the totals minus the left. Returns the new left weight.
    /// </summary>
    private double MoveSplit(int pos, int newPos, int end, double sumW, double wLeft)
    {
        if (newPos - pos <= end - newPos)
        {
            for (int i = pos; i < newPos; i++)
            {
                int s = _samples[i];
                double w = _data.Weights[s];
                _sumLeft[_data.Labels[s]] += w;
                wLeft += w;
            }
        }
        else
        {
            Array.Copy(_sumTotal, _sumLeft, _k);
            wLeft = sumW;
            for (int i = end - 1; i >= newPos; i--)
            {
                int s = _samples[i];
                double w = _data.Weights[s];
                _sumLeft[_data.Labels[s]] -= w;
                wLeft -= w;
            }
        }

        for (int c = 0; c < _k; c++) _sumRight[c] = _sumTotal[c] - _sumLeft[c];
        return wLeft;
    }

    /// <summary>
    /// The children's impurities as sklearn computes them after partitioning (a fresh
    /// <c>reset</c> and <c>update(pos)</c> over the partitioned order); a child is a leaf when its
    /// value is at most <see cref="Epsilon"/>.
    /// </summary>
    private void ChildImpurities(int start, int pos, int end, double sumW, out double left, out double right)
    {
        bool entropy = _p.Criterion == Training.SplitCriterion.Entropy;
        Array.Clear(_sumLeft, 0, _k);
        double wLeft = MoveSplit(start, pos, end, sumW, 0);
        double wRight = sumW - wLeft;
        left = Impurity(_sumLeft, wLeft, entropy);
        right = Impurity(_sumRight, wRight, entropy);
    }

    private static double Impurity(double[] counts, double total, bool entropy) => entropy ? Entropy(counts, total) : Gini(counts, total);

    private static double Log2(double x) => Math.Log(x) / Math.Log(2.0);

    private static double Entropy(double[] counts, double total)
    {
        double e = 0;
        for (int c = 0; c < counts.Length; c++)
        {
            double v = counts[c];
            if (v > 0)
            {
                v /= total;
                e -= v * Log2(v);
            }
        }

        return e;
    }

    private static double Gini(double[] counts, double total)
    {
        double sq = 0;
        for (int c = 0; c < counts.Length; c++) sq += counts[c] * counts[c];
        return 1.0 - (sq / (total * total));
    }

    private double NodeImpurity(double[] weights, double total) =>
        _p.Criterion == Training.SplitCriterion.Entropy ? Entropy(weights, total) : Gini(weights, total);
}
