using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AutoHeuristic.Learning.Trees;

namespace AutoHeuristic.Learning.Training;

/// <summary>
/// The grid's trees. With the deterministic tie-breaking a node's split does not depend on the
/// maximum depth, so one fit per criterion and leaf size at the grid's deepest depth gives every
/// depth by truncation (<see cref="FittedTree.Truncated"/>): 6 fits instead of 36 for pad_mm. The
/// sklearn tie-breaking (kept for exact parity with PyTorch's trees) fits every point on its own.
/// Safe to use from several threads.
/// </summary>
internal sealed class DeepFits
{
    private readonly Dictionary<(SplitCriterion, double), Lazy<FittedTree>> _deep = new();
    private readonly TieBreaking _tieBreaking;
    private readonly CancellationToken _ct;

    public DeepFits(TrainingMatrix matrix, IReadOnlyList<GridPoint> points, TieBreaking tieBreaking, CancellationToken ct)
    {
        Matrix = matrix;
        _tieBreaking = tieBreaking;
        _ct = ct;
        if (tieBreaking == TieBreaking.Sklearn) return;
        foreach (var group in points.GroupBy(p => (p.Criterion, p.MinSamplesLeaf)))
        {
            var deepest = new CartParameters(group.Key.Criterion, group.Max(p => p.MaxDepth), group.Key.MinSamplesLeaf);
            _deep[group.Key] = new Lazy<FittedTree>(() => CartLearner.Fit(matrix, deepest, _ct), LazyThreadSafetyMode.ExecutionAndPublication);
        }
    }

    /// <summary>The training data the trees are fitted on.</summary>
    public TrainingMatrix Matrix { get; }

    /// <summary>A fresh tree for <paramref name="point"/> (callers may prune it).</summary>
    public FittedTree Tree(GridPoint point)
    {
        var parameters = new CartParameters(point.Criterion, point.MaxDepth, point.MinSamplesLeaf);
        if (_tieBreaking == TieBreaking.Sklearn) return SklearnCartLearner.Fit(Matrix, parameters, _ct);
        return _deep[(point.Criterion, point.MinSamplesLeaf)].Value.Truncated(point.MaxDepth);
    }
}
