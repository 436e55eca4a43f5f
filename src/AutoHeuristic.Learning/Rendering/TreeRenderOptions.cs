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

    /// <summary>Whether a title with the model's name, hardware and selected hyper-parameters is drawn.</summary>
    public bool IncludeTitle { get; init; } = true;
}
