using System.Collections.Generic;
using AutoHeuristic.Hardware;

namespace AutoHeuristic.Learning.Model;

// The learned-model contract shared by the trainer (which produces it), the source generator and
// the CLI (which emit and render it). Plain immutable records; no Roslyn types.

/// <summary>A node of a learned tree.</summary>
public abstract record TreeNode
{
    /// <summary>Training samples (rows, unweighted) that reached this node.</summary>
    public int Samples { get; init; }

    /// <summary>
    /// The leaves below this node (itself if it is one), left to right: the order of the generated
    /// code. Iterative, so deep trees cannot overflow the stack.
    /// </summary>
    public List<Leaf> CollectLeaves()
    {
        var leaves = new List<Leaf>();
        var stack = new Stack<TreeNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case Leaf leaf:
                    leaves.Add(leaf);
                    break;
                case NumericSplit n:
                    stack.Push(n.Right);
                    stack.Push(n.Left);
                    break;
                case CategoricalSplit c:
                    stack.Push(c.Equal);
                    stack.Push(c.NotEqual);
                    break;
                case TreeNode other:
                    throw new System.InvalidOperationException("Unknown tree node " + other.GetType().Name + ".");
            }
        }

        return leaves;
    }
}

/// <summary>Numerical split: <c>value &lt;= Threshold</c> goes to <see cref="Left"/>, otherwise <see cref="Right"/>.</summary>
public sealed record NumericSplit(string Feature, double Threshold, TreeNode Left, TreeNode Right) : TreeNode;

/// <summary>
/// Categorical split on Python <c>str()</c> equality, as PyTorch's one-hot splits:
/// <c>str(value) != Category</c> goes to <see cref="NotEqual"/> (left), otherwise <see cref="Equal"/> (right).
/// </summary>
public sealed record CategoricalSplit(string Feature, string Category, TreeNode NotEqual, TreeNode Equal) : TreeNode;

/// <summary>One (probability, choice index) entry of a leaf.</summary>
public readonly record struct LeafChoice(double Probability, int ChoiceIndex);

/// <summary>
/// A leaf. <see cref="BestChoices"/> lists the choices with probability &gt; 0 by descending
/// probability (ties by ascending choice index). An unsafe leaf answers "unsure".
/// For regression trees <see cref="Value"/> holds the predicted score instead.
/// </summary>
public sealed record Leaf(int Id, IReadOnlyList<LeafChoice> BestChoices, IReadOnlyList<double> ClassWeights, bool IsUnsafe, double Value = 0) : TreeNode;

/// <summary>What a model answers.</summary>
public enum ModelKind
{
    /// <summary>One choice, unsure below the confidence threshold.</summary>
    Decision,
    /// <summary>A ranked list of choices (top-K).</summary>
    Ranking,
    /// <summary>PyTorch's regression heuristic: a score per (input, choice); ratio of best to second best against the threshold.</summary>
    Regression,
}

/// <summary>A feature the tree may read.</summary>
public sealed record FeatureInfo(string Name, bool IsCategorical, bool IsAugmented)
{
    /// <summary>
    /// For a categorical feature: every value the training data had, sorted ordinally; null when
    /// unknown (a model made by hand or saved before this was recorded). The generated tree treats
    /// any other value of a logged feature as unseen and answers unsure.
    /// </summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>Equal name, kind and categories (compared element by element).</summary>
    public bool Equals(FeatureInfo? other) =>
        other is not null && Name == other.Name && IsCategorical == other.IsCategorical && IsAugmented == other.IsAugmented
        && SameCategories(Categories, other.Categories);

    /// <inheritdoc />
    public override int GetHashCode() => (Name?.GetHashCode() ?? 0) ^ (IsCategorical ? 1 : 0) ^ (IsAugmented ? 2 : 0);

    private static bool SameCategories(IReadOnlyList<string>? a, IReadOnlyList<string>? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null || a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
        {
            if (!string.Equals(a[i], b[i], System.StringComparison.Ordinal)) return false;
        }

        return true;
    }
}

/// <summary>
/// One learned heuristic for one hardware: everything code generation needs, plus a summary of
/// how good it is.
/// </summary>
public sealed record LearnedModel(
    string Name,
    HardwareKey Hardware,
    ModelKind Kind,
    IReadOnlyList<string> Choices,
    double ConfidenceThreshold,
    TreeNode Root,
    IReadOnlyList<FeatureInfo> Features,
    TrainingSummary Summary)
{
    /// <summary>Ranking mode's K (0 when not ranking).</summary>
    public int RankingK { get; init; }

    /// <summary>Choices always appended to a ranking (mm: <c>extern_mm</c>).</summary>
    public IReadOnlyList<string> AlwaysIncluded { get; init; } = System.Array.Empty<string>();
}

/// <summary>The selected model's hyper-parameters and quality, for reports and XML docs.</summary>
public sealed record TrainingSummary(
    int Rows,
    int Inputs,
    string Criterion,
    int MaxDepth,
    double MinSamplesLeaf,
    int Depth,
    int Leaves,
    IReadOnlyDictionary<string, SetMetrics> Sets);

/// <summary>
/// Metrics of one data set (train, val, test, each extra set), with PyTorch's metric names as
/// keys in <see cref="Values"/> (<c>correct</c>, <c>wrong</c>, <c>unsure</c>, <c>total</c>,
/// <c>wrong_max_speedup</c>, <c>gmean_speedup_over_default</c>, …) plus our extra ones.
/// </summary>
public sealed record SetMetrics(IReadOnlyDictionary<string, double> Values)
{
    /// <summary>A metric by name, or NaN when absent.</summary>
    public double this[string name] => Values.TryGetValue(name, out double v) ? v : double.NaN;
}
