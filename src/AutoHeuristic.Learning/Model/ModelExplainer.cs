using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AutoHeuristic.Explaining;
using AutoHeuristic.Features;
using AutoHeuristic.Formatting;

namespace AutoHeuristic.Learning.Model;

/// <summary>
/// Explains a learned model's answer for one input (<c>autoheuristic explain</c>): converts the
/// model's tree into the shared <see cref="ExplainTree"/> and walks it with
/// <see cref="TreeExplainer"/>, so the words are those a generated heuristic's explanation uses.
/// </summary>
public static class ModelExplainer
{
    /// <summary>
    /// Explains <paramref name="input"/> (logged and augmented features; see
    /// <see cref="Training.HeuristicPreset.Operations"/>) on <paramref name="model"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">A regression model: it scores each choice on its own path.</exception>
    /// <exception cref="KeyNotFoundException">The input lacks a feature the path tests.</exception>
    public static Explanation Explain(LearnedModel model, IFeatureSource input) => TreeExplainer.Explain(ToExplainTree(model), input);

    /// <summary>The explanation tree of <paramref name="model"/>.</summary>
    /// <exception cref="NotSupportedException">A regression model.</exception>
    public static ExplainTree ToExplainTree(LearnedModel model)
    {
        if (model is null) throw new ArgumentNullException(nameof(model));
        if (model.Kind == ModelKind.Regression)
        {
            throw new NotSupportedException($"The model '{model.Name}' is a regression tree, which scores every choice on its own path; explain takes decision and ranking models.");
        }

        var augmented = new HashSet<string>(model.Features.Where(f => f.IsAugmented).Select(f => f.Name), StringComparer.Ordinal);
        return new ExplainTree(Title(model), Convert(model, model.Root, augmented));
    }

    /// <summary>How many of a leaf's winning choices an explanation lists.</summary>
    public const int MaxWinners = 5;

    /// <summary>
    /// The explanation tree as the data a generated heuristic carries (<see cref="ExplainTreeCodec"/>,
    /// choices as indices into the model's choices); null for a regression model.
    /// </summary>
    public static string? ExplainData(LearnedModel model) =>
        model.Kind == ModelKind.Regression ? null : ExplainTreeCodec.Encode(ToExplainTree(model), model.Choices);

    /// <summary>The title line: name, kind, hardware and threshold.</summary>
    public static string Title(LearnedModel model)
    {
        string kind = model.Kind == ModelKind.Ranking ? "ranking, top " + model.RankingK.ToString(CultureInfo.InvariantCulture) : "decision";
        return model.Name + " (" + kind + ") on " + model.Hardware + "; confidence threshold " + PythonFormat.Str(model.ConfidenceThreshold);
    }

    private static ExplainNode Convert(LearnedModel model, TreeNode node, HashSet<string> augmented)
    {
        // Deep trees are at most a few dozen levels (PyTorch grids stop at 7); recursion is fine.
        switch (node)
        {
            case NumericSplit n:
                return new ExplainSplit(n.Feature, n.Threshold, Convert(model, n.Left, augmented), Convert(model, n.Right, augmented));
            case CategoricalSplit c:
                bool yesNo = SplitWording.IsYesNo(c.Feature, augmented.Contains(c.Feature), c.Category);
                return new ExplainSplit(c.Feature, c.Category, yesNo, Convert(model, c.NotEqual, augmented), Convert(model, c.Equal, augmented));
            case Leaf leaf:
                return ToLeaf(model, leaf);
            default:
                throw new InvalidOperationException("Unknown tree node " + node.GetType().Name + ".");
        }
    }

    private static ExplainLeaf ToLeaf(LearnedModel model, Leaf leaf)
    {
        var counted = new List<(int Choice, double Weight)>();
        for (int i = 0; i < leaf.ClassWeights.Count && i < model.Choices.Count; i++)
        {
            if (leaf.ClassWeights[i] > 0) counted.Add((i, leaf.ClassWeights[i]));
        }

        // Largest first, ties in choice order; a ranking leaf can count a hundred choices, so the first few are listed.
        counted.Sort((a, b) => a.Weight != b.Weight ? b.Weight.CompareTo(a.Weight) : a.Choice.CompareTo(b.Choice));
        int more = Math.Max(0, counted.Count - MaxWinners);
        var winners = counted.Take(MaxWinners).Select(w => new KeyValuePair<string, double>(model.Choices[w.Choice], w.Weight)).ToList();
        string? unsure = UnsureReason(model, leaf);
        var answer = new List<KeyValuePair<string, double>>();
        if (unsure is null)
        {
            int count = model.Kind == ModelKind.Ranking ? Math.Min(leaf.BestChoices.Count, Math.Max(1, model.RankingK)) : 1;
            for (int i = 0; i < count; i++) answer.Add(new KeyValuePair<string, double>(Choice(model, leaf.BestChoices[i].ChoiceIndex), leaf.BestChoices[i].Probability));
            if (model.Kind == ModelKind.Ranking)
            {
                foreach (string always in model.AlwaysIncluded)
                {
                    if (!answer.Any(a => a.Key == always)) answer.Add(new KeyValuePair<string, double>(always, 0));
                }
            }
        }

        return new ExplainLeaf(leaf.Id, leaf.Samples, winners, answer, unsure, more);
    }

    private static string? UnsureReason(LearnedModel model, Leaf leaf)
    {
        if (leaf.IsUnsafe) return "the leaf is unsafe: on a training input its choice was too slow against the default";
        if (leaf.BestChoices.Count == 0) return "the leaf has no choice";
        if (UnsureLeaves.AnswersUnsure(model, leaf))
        {
            return "its top probability " + leaf.BestChoices[0].Probability.ToString("0.000", CultureInfo.InvariantCulture)
                + " is at most the confidence threshold " + PythonFormat.Str(model.ConfidenceThreshold);
        }

        return null;
    }

    private static string Choice(LearnedModel model, int index) =>
        index >= 0 && index < model.Choices.Count ? model.Choices[index] : "#" + index.ToString(CultureInfo.InvariantCulture);
}
