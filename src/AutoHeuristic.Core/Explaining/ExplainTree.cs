using System;
using System.Collections.Generic;

namespace AutoHeuristic.Explaining;

/// <summary>
/// A learned tree as much as explaining a decision needs: its splits and, per leaf, the training
/// inputs that reached it and what it answers. Built from a model file's tree by the learning
/// engine, or from the data a generated heuristic carries, so both explain in the same words.
/// </summary>
public sealed class ExplainTree
{
    /// <summary>Creates a tree.</summary>
    /// <param name="title">One line naming the heuristic, its kind and its hardware.</param>
    /// <param name="root">The root node.</param>
    public ExplainTree(string title, ExplainNode root)
    {
        Title = title ?? throw new ArgumentNullException(nameof(title));
        Root = root ?? throw new ArgumentNullException(nameof(root));
    }

    /// <summary>One line naming the heuristic, its kind and its hardware.</summary>
    public string Title { get; }

    /// <summary>The root node.</summary>
    public ExplainNode Root { get; }
}

/// <summary>A node of an <see cref="ExplainTree"/>.</summary>
public abstract class ExplainNode
{
    private protected ExplainNode()
    {
    }
}

/// <summary>
/// A split. Numeric: <c>value &lt;= Threshold</c> goes to <see cref="Left"/>. Categorical:
/// <c>str(value) != Category</c> goes to <see cref="Left"/>, equal to <see cref="Right"/> (the
/// trained tree's own layout; explanations word it positively).
/// </summary>
public sealed class ExplainSplit : ExplainNode
{
    /// <summary>A numeric split.</summary>
    public ExplainSplit(string feature, double threshold, ExplainNode left, ExplainNode right)
        : this(feature, false, threshold, string.Empty, false, left, right)
    {
    }

    /// <summary>A categorical split; <paramref name="yesNo"/> when the feature holds only True and False (see <see cref="SplitWording.IsYesNo"/>).</summary>
    public ExplainSplit(string feature, string category, bool yesNo, ExplainNode notEqual, ExplainNode equal)
        : this(feature, true, double.NaN, category, yesNo, notEqual, equal)
    {
    }

    private ExplainSplit(string feature, bool isCategorical, double threshold, string category, bool yesNo, ExplainNode left, ExplainNode right)
    {
        Feature = feature ?? throw new ArgumentNullException(nameof(feature));
        IsCategorical = isCategorical;
        Threshold = threshold;
        Category = category ?? throw new ArgumentNullException(nameof(category));
        IsYesNo = yesNo;
        Left = left ?? throw new ArgumentNullException(nameof(left));
        Right = right ?? throw new ArgumentNullException(nameof(right));
    }

    /// <summary>The feature tested.</summary>
    public string Feature { get; }

    /// <summary>Whether the test compares texts (categorical) rather than numbers.</summary>
    public bool IsCategorical { get; }

    /// <summary>The numeric threshold (NaN for a categorical split).</summary>
    public double Threshold { get; }

    /// <summary>The category (empty for a numeric split).</summary>
    public string Category { get; }

    /// <summary>Whether the feature is a yes/no flag.</summary>
    public bool IsYesNo { get; }

    /// <summary>Where <c>value &lt;= Threshold</c>, or <c>str(value) != Category</c>, leads.</summary>
    public ExplainNode Left { get; }

    /// <summary>The other child.</summary>
    public ExplainNode Right { get; }
}

/// <summary>A leaf: its id, its training inputs and its answer.</summary>
public sealed class ExplainLeaf : ExplainNode
{
    /// <summary>Creates a leaf.</summary>
    /// <param name="id">The leaf's id (as pictures and generated code name it).</param>
    /// <param name="samples">Training inputs that reached it (0 when unknown).</param>
    /// <param name="winners">Per choice, how many of those inputs it was the fastest for (empty when unknown), largest first.</param>
    /// <param name="answer">The choices it answers with their probabilities, best first (empty when it answers unsure).</param>
    /// <param name="unsureReason">Why it answers unsure, or null when it decides.</param>
    /// <param name="moreWinners">Further choices that were fastest for some of its inputs but are not listed in <paramref name="winners"/>.</param>
    public ExplainLeaf(int id, int samples, IReadOnlyList<KeyValuePair<string, double>> winners, IReadOnlyList<KeyValuePair<string, double>> answer, string? unsureReason, int moreWinners = 0)
    {
        MoreWinners = moreWinners;
        Id = id;
        Samples = samples;
        Winners = winners ?? throw new ArgumentNullException(nameof(winners));
        Answer = answer ?? throw new ArgumentNullException(nameof(answer));
        UnsureReason = unsureReason;
    }

    /// <summary>The leaf's id.</summary>
    public int Id { get; }

    /// <summary>Training inputs that reached it (0 when unknown).</summary>
    public int Samples { get; }

    /// <summary>Per choice, the training inputs it was fastest for, largest first.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Winners { get; }

    /// <summary>The answer, best first: one entry for a decision, K for a ranking; empty when unsure.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Answer { get; }

    /// <summary>Further winning choices left out of <see cref="Winners"/>.</summary>
    public int MoreWinners { get; }

    /// <summary>Why the leaf answers unsure, or null.</summary>
    public string? UnsureReason { get; }
}
