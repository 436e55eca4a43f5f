using System.Collections.Generic;
using System.Linq;
using AutoHeuristic.Features;
using AutoHeuristic.Learning.Model;

namespace AutoHeuristic.Generator.Tests.Helpers;

/// <summary>
/// The trainer's answers for an in-memory <see cref="LearnedModel"/> (its walk is <see cref="TreeWalk"/>),
/// written independently of the run time's policy, for comparing with generated code.
/// </summary>
internal static class ModelWalker
{
    /// <summary>The leaf <paramref name="source"/> reaches (for a regression tree, scoring <paramref name="choice"/>): the learning engine's one walk.</summary>
    public static Leaf FindLeaf(LearnedModel model, IFeatureSource source, string? choice = null) => TreeWalk.FindLeaf(model.Root, source, choice);

    /// <summary>
    /// The decision (null = unsure) as the trainer evaluates it: an unsafe leaf, or a top probability
    /// below 1.0 and at most the threshold, is unsure (PyTorch's evaluator exempts 1.0).
    /// </summary>
    public static string? Decide(LearnedModel model, IFeatureSource source)
    {
        Leaf leaf = FindLeaf(model, source);
        if (leaf.IsUnsafe || leaf.BestChoices.Count == 0) return null;
        double top = leaf.BestChoices[0].Probability;
        if (top != 1.0 && top <= model.ConfidenceThreshold) return null;
        return model.Choices[leaf.BestChoices[0].ChoiceIndex];
    }

    /// <summary>PyTorch's regression decision: the offered choice with the best score when best / second best exceeds the threshold.</summary>
    public static string? DecideByScores(LearnedModel model, IFeatureSource source, IReadOnlyList<string> offered)
    {
        if (offered.Count < 2) return null;
        var scores = new List<(double Score, int Index)>();
        for (int i = 0; i < offered.Count; i++) scores.Add((FindLeaf(model, source, offered[i]).Value, i));
        // Stable ascending sort, as Python's sorted: the last entry is the best.
        var sorted = scores.Select((s, order) => (s.Score, s.Index, order)).OrderBy(x => x.Score).ThenBy(x => x.order).ToList();
        var best = sorted[^1];
        var second = sorted[^2];
        return best.Score / second.Score > model.ConfidenceThreshold ? offered[best.Index] : null;
    }
}
