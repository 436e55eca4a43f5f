using System.Collections.Generic;
using AutoHeuristic.Features;
using AutoHeuristic.Learning.Model;

namespace AutoHeuristic.Generator.Tests.Helpers;

/// <summary>Walks an in-memory <see cref="LearnedModel"/> the way the IR defines it, for comparing with generated code.</summary>
internal static class ModelWalker
{
    /// <summary>The leaf <paramref name="source"/> reaches.</summary>
    public static Leaf FindLeaf(LearnedModel model, IFeatureSource source)
    {
        TreeNode node = model.Root;
        while (true)
        {
            switch (node)
            {
                case Leaf leaf:
                    return leaf;
                case NumericSplit n:
                    node = source.Get(n.Feature).Number <= n.Threshold ? n.Left : n.Right;
                    break;
                case CategoricalSplit c:
                    node = source.Get(c.Feature).Text != c.Category ? c.NotEqual : c.Equal;
                    break;
                default:
                    throw new KeyNotFoundException(node.GetType().Name);
            }
        }
    }

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
}
