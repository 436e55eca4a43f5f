namespace AutoHeuristic;

/// <summary>
/// A learned regression heuristic (PyTorch's <c>LearnedHeuristicRegression</c>): it predicts a
/// score per offered choice (higher is better) and decides for the best choice when the best
/// score divided by the second best is greater than <see cref="ILearnedHeuristic.ConfidenceThreshold"/>;
/// otherwise, or with fewer than two offered choices, it is unsure.
/// </summary>
/// <remarks>
/// It joins <see cref="LearnedHeuristicRegistry"/> like a decision tree. The controller never
/// calls <see cref="ILearnedHeuristic.GetBestChoices"/> on it (return null there) and ranked
/// decisions are unsure, as in PyTorch. <see cref="ILearnedHeuristic.Choices"/> lists the choices
/// seen in training (informational).
/// </remarks>
public interface ILearnedRegressionHeuristic : ILearnedHeuristic
{
    /// <summary>
    /// The predicted score of <paramref name="choice"/> on <paramref name="context"/> (PyTorch's
    /// <c>get_feedback</c>: the tree with <c>choice</c> as a categorical feature; generated code
    /// compares <paramref name="choice"/> directly instead of storing it in the context).
    /// </summary>
    double PredictFeedback(AHContext context, string choice);
}
