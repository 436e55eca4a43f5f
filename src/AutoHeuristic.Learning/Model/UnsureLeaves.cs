namespace AutoHeuristic.Learning.Model;

/// <summary>
/// The one rule for where a learned tree answers unsure, shared by the generated code, the run
/// time's wrapper of a trained model, the explainer and the pictures.
/// </summary>
public static class UnsureLeaves
{
    /// <summary>
    /// Whether the confidence threshold is folded into the leaves (decision trees). The trainer (and
    /// PyTorch's evaluator) counts a leaf of probability 1.0 as decided even when the threshold is
    /// 1.0, while the run-time rule "top probability &gt; threshold" would call it unsure; folding
    /// the threshold into the leaves gives the run time exactly the trainer's answers. Rankings
    /// and regressions ignore the threshold.
    /// </summary>
    public static bool FoldsThreshold(LearnedModel model) => model.Kind == ModelKind.Decision;

    /// <summary>Whether the heuristic answers unsure (null) at <paramref name="leaf"/>: an unsafe leaf, a leaf without choices, or a decision whose best probability does not beat the threshold (1.0 always decides).</summary>
    public static bool AnswersUnsure(LearnedModel model, Leaf leaf)
    {
        if (leaf.IsUnsafe || leaf.BestChoices.Count == 0) return true;
        if (!FoldsThreshold(model)) return false;
        double top = leaf.BestChoices[0].Probability;
        return top != 1.0 && top <= model.ConfidenceThreshold;
    }

    /// <summary>Whether <paramref name="leaf"/> looks decided but the threshold makes it answer unsure.</summary>
    public static bool BelowThreshold(LearnedModel model, Leaf leaf) =>
        !leaf.IsUnsafe && leaf.BestChoices.Count > 0 && AnswersUnsure(model, leaf);
}
