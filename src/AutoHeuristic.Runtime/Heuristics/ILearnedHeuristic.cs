using System.Collections.Generic;
using AutoHeuristic.Hardware;

namespace AutoHeuristic;

/// <summary>One choice of a learned decision tree's leaf with its probability.</summary>
public readonly record struct ChoiceProbability(double Probability, int ChoiceIndex);

/// <summary>
/// A learned heuristic as generated code implements it (PyTorch's <c>LearnedHeuristicDecision</c>):
/// a hardware precondition, a choice table, a confidence threshold and a tree that maps a context
/// to the leaf's choices sorted by descending probability.
/// </summary>
public interface ILearnedHeuristic
{
    /// <summary>The heuristic name this tree decides for (<c>pad_mm</c>, <c>mm</c>, …).</summary>
    string Name { get; }

    /// <summary>The choice table; <see cref="ChoiceProbability.ChoiceIndex"/> indexes it.</summary>
    IReadOnlyList<string> Choices { get; }

    /// <summary>The top probability must be greater than this, otherwise the heuristic is unsure.</summary>
    double ConfidenceThreshold { get; }

    /// <summary>Whether this tree applies: hardware (shared memory, capability) and name.</summary>
    bool CheckPrecondition(AHMetadata metadata, AHContext context);

    /// <summary>
    /// The leaf's choices sorted by descending probability (a static array: no allocation), or
    /// <c>null</c> for an unsafe leaf, which means unsure.
    /// </summary>
    ChoiceProbability[]? GetBestChoices(AHContext context);
}
