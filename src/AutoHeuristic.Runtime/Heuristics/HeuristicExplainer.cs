using System;
using System.Runtime.CompilerServices;
using AutoHeuristic.Explaining;
using AutoHeuristic.Hardware;

namespace AutoHeuristic;

/// <summary>
/// Why a registered heuristic answers what it answers for a context: the path through its tree in
/// words with the context's values, the leaf and the answer; the same text as
/// <c>autoheuristic explain</c> gives for the model file of the same tree. The tree is read from
/// the data the generated class carries (<see cref="IExplainableHeuristic"/>), so generated classes
/// hold no explanation code.
/// </summary>
/// <example>
/// <code>
/// context.ApplyOperations(StandardOperations.ForHeuristic("flex_attention")); // the features the tree reads
/// Console.WriteLine(HeuristicExplainer.Explain(metadata, context));
/// </code>
/// </example>
public static class HeuristicExplainer
{
    private static readonly ConditionalWeakTable<ILearnedHeuristic, ExplainTree> Trees = new();

    /// <summary>
    /// Explains the decision of the heuristic that would decide for <paramref name="metadata"/>
    /// (the first registered one whose precondition holds); null when none would.
    /// The context must hold the augmented features the tree reads (after the decision, or after
    /// <see cref="AHContext.ApplyOperations"/> with the heuristic's operations).
    /// </summary>
    /// <exception cref="NotSupportedException">That heuristic carries no tree data (a regression tree, or a hand-written heuristic).</exception>
    /// <exception cref="System.Collections.Generic.KeyNotFoundException">The context lacks a feature the path tests.</exception>
    public static Explanation? Explain(AHMetadata metadata, AHContext context)
    {
        ILearnedHeuristic? heuristic = LearnedHeuristicController.FindHeuristic(metadata, context);
        return heuristic is null ? null : Explain(heuristic, context);
    }

    /// <summary>Explains <paramref name="heuristic"/>'s decision for <paramref name="context"/>.</summary>
    /// <exception cref="NotSupportedException">The heuristic carries no tree data.</exception>
    /// <exception cref="System.Collections.Generic.KeyNotFoundException">The context lacks a feature the path tests.</exception>
    public static Explanation Explain(ILearnedHeuristic heuristic, AHContext context)
    {
        if (heuristic is null) throw new ArgumentNullException(nameof(heuristic));
        if (context is null) throw new ArgumentNullException(nameof(context));
        if (heuristic is not IExplainableHeuristic explainable)
        {
            throw new NotSupportedException($"The heuristic '{heuristic.Name}' ({heuristic.GetType().Name}) carries no tree data to explain (regression trees and hand-written heuristics do not).");
        }

        ExplainTree tree = Trees.GetValue(heuristic, _ => ExplainTreeCodec.Decode(explainable.ExplainData, heuristic.Choices));
        return TreeExplainer.Explain(tree, context);
    }
}
