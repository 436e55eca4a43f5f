namespace AutoHeuristic;

/// <summary>
/// A learned heuristic that carries its tree as data for explanations
/// (<see cref="HeuristicExplainer"/>). Generated decision and ranking trees implement it; the data
/// is <see cref="Explaining.ExplainTreeCodec"/>'s encoding, with choices as indices into
/// <see cref="ILearnedHeuristic.Choices"/>.
/// </summary>
public interface IExplainableHeuristic
{
    /// <summary>The tree's splits and leaves, encoded.</summary>
    string ExplainData { get; }
}
