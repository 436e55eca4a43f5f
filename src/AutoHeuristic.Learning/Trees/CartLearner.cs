using System;
using System.Runtime.CompilerServices;
using System.Threading;
using AutoHeuristic.Learning.Training;

namespace AutoHeuristic.Learning.Trees;

/// <summary>What a CART fit is asked for.</summary>
/// <param name="Criterion">Gini or entropy (ignored for regression, which minimises squared error).</param>
/// <param name="MaxDepth">Maximum depth (root at 0).</param>
/// <param name="MinSamplesLeaf">Rows per leaf: a count when ≥ 1, else a fraction of the samples rounded up (sklearn).</param>
/// <param name="Regression">Fit <see cref="TrainingMatrix.Targets"/> with squared error instead of classes.</param>
internal sealed record CartParameters(SplitCriterion Criterion, int MaxDepth, double MinSamplesLeaf, bool Regression = false)
{
    /// <summary><see cref="MinSamplesLeaf"/> as a row count for <paramref name="sampleCount"/> samples (at least 1).</summary>
    public int MinLeafCount(int sampleCount) =>
        Math.Max(1, MinSamplesLeaf >= 1 ? (int)MinSamplesLeaf : (int)Math.Ceiling(MinSamplesLeaf * sampleCount));
}

/// <summary>
/// CART as sklearn's <c>DecisionTreeClassifier</c> / <c>DecisionTreeRegressor</c> (best splitter,
/// all features) grows it: depth-first; a node becomes a leaf at the maximum depth, below
/// <c>max(2, 2·min_samples_leaf)</c> samples, or when pure; otherwise it takes the split with the
/// best weighted child impurity whose children both hold at least <c>min_samples_leaf</c> samples,
/// even when that gain is zero. Differences from sklearn, on purpose:
/// <list type="bullet">
/// <item>Thresholds are midpoints of the exact double values (sklearn casts features to float32
/// first, so its thresholds can disagree with the run time's exact comparisons), and values are
/// distinct when they differ at all (sklearn merges values closer than 1e-7).</item>
/// <item>Ties are broken deterministically — the earlier feature slot, then the lower threshold or
/// category — where sklearn follows a random feature permutation.</item>
/// <item>Categorical features split on equality with one category (<c>!=</c> left), which is the
/// split sklearn makes on a one-hot column at 0.5.</item>
/// </list>
/// Each numerical slot is presorted once per data set; a fit partitions those orders stably,
/// so every node is scanned in linear time with O(1) impurity updates per sample.
/// </summary>
internal sealed class CartLearner
{
    private const double Epsilon = 2.220446049250313e-16;

    private readonly TrainingMatrix _data;
    private readonly CartParameters _p;
    private readonly CancellationToken _ct;
    private readonly int _minLeaf;
    private readonly int _minSplit;
    private readonly int[][] _order;    // per numerical slot: samples, partitioned per node
    private readonly int[] _samples;     // all samples, partitioned per node
    private readonly bool[] _goesLeft;
    private readonly int[] _scratch;
    private readonly int _k;
    private FittedTree _tree = null!;
    private readonly double[]? _xLogX; // set when every weight is 1: counts are integers

    // Per-candidate class weights (left / right) and category histograms.
    private readonly double[] _left;
    private readonly double[] _right;
    private readonly double[] _categoryHistogram; // per category: class weights (or w·y) and the row count; reused by every node

    private CartLearner(TrainingMatrix data, CartParameters parameters, CancellationToken ct)
    {
        _data = data;
        _p = parameters;
        _ct = ct;
        int n = data.SampleCount;
        _minLeaf = parameters.MinLeafCount(n);
        _minSplit = Math.Max(2, 2 * _minLeaf);
        int[][] sorted = data.SortedOrder(ct);
        _order = new int[sorted.Length][];
        for (int f = 0; f < sorted.Length; f++) _order[f] = (int[])sorted[f].Clone();
        _samples = new int[n];
        for (int i = 0; i < n; i++) _samples[i] = i;
        _goesLeft = new bool[n];
        _scratch = new int[n];
        _k = parameters.Regression ? 1 : data.ClassCount;
        _left = new double[_k];
        _right = new double[_k];
        _xLogX = data.UnitWeights ? data.XLogXTable : null;
        int maxCategories = 0;
        foreach (int c in data.CategoryCounts) maxCategories = Math.Max(maxCategories, c);
        _categoryHistogram = new double[maxCategories * (parameters.Regression ? 2 : _k + 1)];
    }

    /// <summary>Fits a tree; throws <see cref="OperationCanceledException"/> when cancelled.</summary>
    public static FittedTree Fit(TrainingMatrix data, CartParameters parameters, CancellationToken ct)
    {
        if (data.SampleCount == 0) throw new ArgumentException("No samples to fit.", nameof(data));
        var learner = new CartLearner(data, parameters, ct);
        learner._tree = new FittedTree(parameters.Regression ? 0 : data.ClassCount, data.Numeric.Length);
        learner.Build(0, data.SampleCount, 0);
        return learner._tree;
    }

    [MethodImpl(HotPath.Optimized)]
    private int Build(int start, int end, int depth)
    {
        _ct.ThrowIfCancellationRequested();
        int n = end - start;
        double[] weights = new double[_p.Regression ? 0 : _k];
        double sumW = 0, sumY = 0, sumY2 = 0;
        for (int i = start; i < end; i++)
        {
            int s = _samples[i];
            double w = _data.Weights[s];
            sumW += w;
            if (_p.Regression)
            {
                double y = _data.Targets![s];
                sumY += w * y;
                sumY2 += w * y * y;
            }
            else
            {
                weights[_data.Labels[s]] += w;
            }
        }

        double value = _p.Regression && sumW > 0 ? sumY / sumW : 0;
        int node = _tree.AddNode(n, weights, value);
        double impurity = _p.Regression ? (sumW > 0 ? (sumY2 / sumW) - (value * value) : 0) : Impurity(weights, sumW);
        if (depth >= _p.MaxDepth || n < _minSplit || n < 2 * _minLeaf || impurity <= Epsilon) return node;

        if (!FindBestSplit(start, end, weights, sumW, sumY, out int slot, out double threshold, out int category)) return node;

        // Mark and partition every order stably.
        int leftCount = 0;
        for (int i = start; i < end; i++)
        {
            int s = _samples[i];
            bool left = slot < _data.Numeric.Length ? !(_data.Numeric[slot][s] > threshold) && !double.IsNaN(_data.Numeric[slot][s]) : _data.Categorical[slot - _data.Numeric.Length][s] != category;
            _goesLeft[s] = left;
            if (left) leftCount++;
        }

        StablePartition(_samples, start, end);
        for (int f = 0; f < _order.Length; f++) StablePartition(_order[f], start, end);

        _tree.Slot[node] = slot;
        _tree.Threshold[node] = threshold;
        _tree.Category[node] = category;
        int leftNode = Build(start, start + leftCount, depth + 1);
        int rightNode = Build(start + leftCount, end, depth + 1);
        _tree.Left[node] = leftNode;
        _tree.Right[node] = rightNode;
        return node;
    }

    [MethodImpl(HotPath.Optimized)]
    private void StablePartition(int[] array, int start, int end)
    {
        int l = start, r = 0;
        for (int i = start; i < end; i++)
        {
            int s = array[i];
            if (_goesLeft[s]) array[l++] = s;
            else _scratch[r++] = s;
        }

        Array.Copy(_scratch, 0, array, l, r);
    }

    [MethodImpl(HotPath.Optimized)]
    private bool FindBestSplit(int start, int end, double[] nodeWeights, double sumW, double sumY, out int bestSlot, out double bestThreshold, out int bestCategory)
    {
        bestSlot = -1;
        bestThreshold = 0;
        bestCategory = -1;
        double best = double.NegativeInfinity;
        int n = end - start;
        double tolerance = 1e-12 * Math.Max(1.0, sumW * (1 + Math.Log(Math.Max(sumW, 1))));

        // Numerical slots: scan the presorted order; candidate between positions i and i+1.
        for (int f = 0; f < _data.Numeric.Length; f++)
        {
            double[] x = _data.Numeric[f];
            int[] order = _order[f];
            double first = x[order[start]], last = x[order[end - 1]];
            if (first == last || double.IsNaN(first)) continue;
            if (_p.Regression)
            {
                double wl = 0, yl = 0;
                for (int i = start; i < end - 1; i++)
                {
                    int s = order[i];
                    double w = _data.Weights[s];
                    wl += w;
                    yl += w * _data.Targets![s];
                    int leftN = i - start + 1;
                    if (leftN < _minLeaf) continue;
                    if (n - leftN < _minLeaf) break;
                    double a = x[s], b = x[order[i + 1]];
                    if (!(b > a)) continue;
                    double wr = sumW - wl, yr = sumY - yl;
                    double proxy = (yl * yl / wl) + (yr * yr / wr);
                    if (proxy > best + tolerance)
                    {
                        best = proxy;
                        bestSlot = f;
                        bestThreshold = Midpoint(a, b);
                    }
                }

                continue;
            }

            Array.Clear(_left, 0, _k);
            Array.Copy(nodeWeights, _right, _k);
            double wLeft = 0;
            bool entropy = _p.Criterion == SplitCriterion.Entropy;
            // Running sums: Σ w_k² (gini) or Σ w_k ln w_k (entropy) per side.
            double accLeft = 0, accRight = 0;
            for (int k = 0; k < _k; k++) accRight += entropy ? XLogX(_right[k]) : _right[k] * _right[k];
            for (int i = start; i < end - 1; i++)
            {
                int s = order[i];
                double w = _data.Weights[s];
                int c = _data.Labels[s];
                double lOld = _left[c], rOld = _right[c];
                double lNew = lOld + w, rNew = rOld - w;
                if (rNew < 0) rNew = 0;
                _left[c] = lNew;
                _right[c] = rNew;
                if (entropy)
                {
                    accLeft += XLogX(lNew) - XLogX(lOld);
                    accRight += XLogX(rNew) - XLogX(rOld);
                }
                else
                {
                    accLeft += (lNew * lNew) - (lOld * lOld);
                    accRight += (rNew * rNew) - (rOld * rOld);
                }

                wLeft += w;
                int leftN = i - start + 1;
                if (leftN < _minLeaf) continue;
                if (n - leftN < _minLeaf) break;
                double a = x[s], b = x[order[i + 1]];
                if (!(b > a)) continue;
                double wRight = sumW - wLeft;
                double proxy = entropy
                    ? accLeft - XLogX(wLeft) + accRight - XLogX(wRight)
                    : (accLeft / wLeft) + (accRight / wRight);
                if (proxy > best + tolerance)
                {
                    best = proxy;
                    bestSlot = f;
                    bestThreshold = Midpoint(a, b);
                }
            }
        }

        // Categorical slots: one category (right) against the rest (left).
        for (int f = 0; f < _data.Categorical.Length; f++)
        {
            int categories = _data.CategoryCounts[f];
            if (categories < 1) continue;
            int[] codes = _data.Categorical[f];
            int width = _p.Regression ? 2 : _k + 1; // per category: class weights (or w, y) and the row count
            double[] hist = _categoryHistogram;
            Array.Clear(hist, 0, categories * width);
            for (int i = start; i < end; i++)
            {
                int s = _samples[i];
                int code = codes[s];
                if (code < 0) continue;
                int b = code * width;
                if (_p.Regression)
                {
                    hist[b] += _data.Weights[s] * _data.Targets![s];
                    hist[b + 1] += 1;
                }
                else
                {
                    hist[b + _data.Labels[s]] += _data.Weights[s];
                    hist[b + _k] += 1;
                }
            }

            for (int v = 0; v < categories; v++)
            {
                int b = v * width;
                int rightN = (int)hist[b + width - 1];
                int leftN = n - rightN;
                if (rightN == 0 || leftN == 0 || rightN < _minLeaf || leftN < _minLeaf) continue;
                double proxy;
                if (_p.Regression)
                {
                    // Weighted sums of the right side; unit weights assumed for the regression learner.
                    double yr = hist[b], wr = rightN;
                    double yl = sumY - yr, wl = sumW - wr;
                    proxy = (yl * yl / wl) + (yr * yr / wr);
                }
                else
                {
                    double wr = 0;
                    for (int k = 0; k < _k; k++) wr += hist[b + k];
                    double wl = sumW - wr;
                    if (wr <= 0 || wl <= 0) continue;
                    double accL = 0, accR = 0;
                    bool entropy = _p.Criterion == SplitCriterion.Entropy;
                    for (int k = 0; k < _k; k++)
                    {
                        double r = hist[b + k];
                        double l = nodeWeights[k] - r;
                        if (l < 0) l = 0;
                        if (entropy)
                        {
                            accL += XLogX(l);
                            accR += XLogX(r);
                        }
                        else
                        {
                            accL += l * l;
                            accR += r * r;
                        }
                    }

                    proxy = entropy ? accL - XLogX(wl) + accR - XLogX(wr) : (accL / wl) + (accR / wr);
                }

                if (proxy > best + tolerance)
                {
                    best = proxy;
                    bestSlot = _data.Numeric.Length + f;
                    bestCategory = v;
                    bestThreshold = 0.5;
                }
            }
        }

        return bestSlot >= 0;
    }

    private double XLogX(double x) => _xLogX is not null ? _xLogX[(int)x] : x > 0 ? x * Math.Log(x) : 0;

    // The midpoint of two adjacent distinct values, kept strictly below the upper one.
    private static double Midpoint(double a, double b)
    {
        double mid = (a / 2.0) + (b / 2.0);
        if (double.IsInfinity(b)) return a;
        if (!(mid < b) || double.IsInfinity(mid)) return a;
        if (mid < a) return a;
        return mid;
    }

    private double Impurity(double[] weights, double sum)
    {
        if (sum <= 0) return 0;
        double result = 0;
        if (_p.Criterion == SplitCriterion.Entropy)
        {
            foreach (double w in weights)
            {
                if (w <= 0) continue;
                double p = w / sum;
                result -= p * Math.Log(p);
            }
        }
        else
        {
            double sq = 0;
            foreach (double w in weights) sq += w * w;
            result = 1 - (sq / (sum * sum));
        }

        return result;
    }
}
