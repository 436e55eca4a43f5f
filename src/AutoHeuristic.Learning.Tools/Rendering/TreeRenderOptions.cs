namespace AutoHeuristic.Learning.Rendering;

/// <summary>What the tree pictures (<see cref="DotRenderer"/>, <see cref="SvgRenderer"/>) show.</summary>
public sealed record TreeRenderOptions
{
    /// <summary>The default options.</summary>
    public static TreeRenderOptions Default { get; } = new();

    /// <summary>
    /// How many of a leaf's choices are listed, best first (the rest are summarised as "+ N more").
    /// Ranking trees can carry a hundred or more choices per leaf, which no one reads.
    /// </summary>
    public int MaxChoicesPerLeaf { get; init; } = 5;

    /// <summary>
    /// Whether leaves name choices by a short key (<c>[3]</c>) explained in the legend, instead of
    /// by their full names. Null (the default): short keys when some choice name is longer than
    /// <see cref="ShortKeysAbove"/> characters (Triton configurations), full names otherwise.
    /// </summary>
    public bool? ShortChoiceKeys { get; init; }

    /// <summary>Choice names longer than this switch pictures to short keys (when <see cref="ShortChoiceKeys"/> is null).</summary>
    public const int ShortKeysAbove = 24;

    /// <summary>Whether a title with the model's name, hardware and selected hyper-parameters is drawn.</summary>
    public bool IncludeTitle { get; init; } = true;
}
