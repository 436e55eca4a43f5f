using System;
using System.Collections.Generic;

namespace AutoHeuristic.Learning.Trees;

/// <summary>
/// A fitted tree in flat arrays, nodes in depth-first pre-order (left first, as sklearn numbers
/// them), so a node's index is also its unique id. Numerical nodes send <c>value &lt;= Threshold</c>
/// left; categorical nodes send <c>code != Category</c> left.
/// </summary>
internal sealed class FittedTree
{
    public FittedTree(int classCount, int numericSlots)
    {
        ClassCount = classCount;
        NumericSlots = numericSlots;
    }

    public int ClassCount { get; }

    public int NumericSlots { get; }

    public List<int> Slot { get; } = new();

    public List<double> Threshold { get; } = new();

    public List<int> Category { get; } = new();

    public List<int> Left { get; } = new();

    public List<int> Right { get; } = new();

    public List<int> Samples { get; } = new();

    public List<double[]> ClassWeights { get; } = new();

    public List<double> Value { get; } = new();

    public int NodeCount => Slot.Count;

    public bool IsLeaf(int node) => Left[node] < 0;

    public int AddNode(int samples, double[] classWeights, double value)
    {
        Slot.Add(-1);
        Threshold.Add(0);
        Category.Add(-1);
        Left.Add(-1);
        Right.Add(-1);
        Samples.Add(samples);
        ClassWeights.Add(classWeights);
        Value.Add(value);
        return Slot.Count - 1;
    }

    /// <summary>Routes one row to its leaf; <paramref name="numeric"/> and <paramref name="codes"/> give the row's slot values.</summary>
    public int LeafOf(Func<int, double> numeric, Func<int, int> codes)
    {
        int node = 0;
        while (Left[node] >= 0)
        {
            int slot = Slot[node];
            bool goLeft = slot < NumericSlots ? numeric(slot) <= Threshold[node] : codes(slot - NumericSlots) != Category[node];
            node = goLeft ? Left[node] : Right[node];
        }

        return node;
    }

    public int LeafCount
    {
        get
        {
            int count = 0;
            var stack = new Stack<int>();
            stack.Push(0);
            while (stack.Count > 0)
            {
                int n = stack.Pop();
                if (Left[n] < 0) count++;
                else
                {
                    stack.Push(Left[n]);
                    stack.Push(Right[n]);
                }
            }

            return count;
        }
    }

    public int Depth => DepthOf(0);

    /// <summary>The most probable class of a node (first maximum, as numpy's argmax).</summary>
    public int PredictedClass(int node)
    {
        double[] w = ClassWeights[node];
        int best = 0;
        for (int k = 1; k < w.Length; k++) if (w[k] > w[best]) best = k;
        return best;
    }

    /// <summary>Normalised class probabilities of a node.</summary>
    public double[] Probabilities(int node)
    {
        double[] w = ClassWeights[node];
        double sum = 0;
        foreach (double x in w) sum += x;
        var p = new double[w.Length];
        if (sum > 0) for (int k = 0; k < w.Length; k++) p[k] = w[k] / sum;
        return p;
    }

    /// <summary>Turns an internal node into a leaf (ranking pruning); its subtree becomes unreachable.</summary>
    public void Collapse(int node)
    {
        Left[node] = -1;
        Right[node] = -1;
        Slot[node] = -1;
    }

    /// <summary>
    /// This tree cut at <paramref name="maxDepth"/> (root at 0): nodes at that depth become leaves,
    /// numbered in pre-order as a fit with that depth would number them. With the deterministic
    /// tie-breaking a node's split does not depend on the maximum depth, so this equals that fit.
    /// </summary>
    public FittedTree Truncated(int maxDepth)
    {
        var copy = new FittedTree(ClassCount, NumericSlots);
        CopyInto(copy, 0, 0, maxDepth);
        return copy;
    }

    private int CopyInto(FittedTree copy, int node, int depth, int maxDepth)
    {
        int id = copy.AddNode(Samples[node], (double[])ClassWeights[node].Clone(), Value[node]);
        if (Left[node] < 0 || depth >= maxDepth) return id;
        copy.Slot[id] = Slot[node];
        copy.Threshold[id] = Threshold[node];
        copy.Category[id] = Category[node];
        int left = CopyInto(copy, Left[node], depth + 1, maxDepth);
        int right = CopyInto(copy, Right[node], depth + 1, maxDepth);
        copy.Left[id] = left;
        copy.Right[id] = right;
        return id;
    }

    private int DepthOf(int node) => Left[node] < 0 ? 0 : 1 + Math.Max(DepthOf(Left[node]), DepthOf(Right[node]));
}
