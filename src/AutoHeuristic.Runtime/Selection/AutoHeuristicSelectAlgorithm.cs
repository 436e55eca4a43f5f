using System;
using System.Collections.Generic;
using AutoHeuristic.Features;
using AutoHeuristic.Hardware;

namespace AutoHeuristic;

/// <summary>
/// Kernel choice with global feedback (PyTorch's <c>AutoHeuristicSelectAlgorithm</c>): in collect
/// mode it subscribes to the autotuner and records the timings of the matching
/// <see cref="Autotuner.AutotuneSelectAlgorithm{TChoice}"/> call (same name, inputs and choices);
/// in use mode it asks the learned heuristic for one choice or a top-k list.
/// </summary>
public sealed partial class AutoHeuristicSelectAlgorithm<TChoice> : IDisposable
    where TChoice : class
{
    // API CONTRACT (implementation: runtime issue). The analyzers match these parameter names.

    /// <summary>Creates the selector; collects (subscribes) when collect mode is on for <paramref name="name"/>.</summary>
    public AutoHeuristicSelectAlgorithm(
        Func<TChoice?> fallback,
        IReadOnlyList<TChoice> choices,
        Func<TChoice, string> choiceId,
        IReadOnlyList<AutotuneInput> inputs,
        AHContext context,
        string name,
        IReadOnlyList<AHOperation>? augmentContext = null,
        Func<AHMetadata, AHContext, bool>? precondition = null,
        AutoHeuristicOptions? options = null) => throw new NotImplementedException();

    /// <summary>The learned choice, or the fallback's when unsure / not applicable.</summary>
    public TChoice? GetChoiceCaller() => throw new NotImplementedException();

    /// <summary>The learned top-k choices (in the caller's original order), or null when unsure.</summary>
    public IReadOnlyList<TChoice>? GetTopKChoicesCaller(int topK, IReadOnlyList<string>? alwaysIncluded = null) => throw new NotImplementedException();

    /// <summary>Stops listening to the autotuner.</summary>
    public void Dispose() => throw new NotImplementedException();
}

/// <summary>The autotuner side: times candidates and publishes the timings to subscribers.</summary>
public static partial class Autotuner
{
    /// <summary>
    /// Times every choice with <paramref name="benchmark"/> (milliseconds), publishes the timings
    /// to matching <see cref="AutoHeuristicSelectAlgorithm{TChoice}"/> subscribers and returns the fastest.
    /// </summary>
    public static TChoice AutotuneSelectAlgorithm<TChoice>(
        string name,
        IReadOnlyList<TChoice> choices,
        IReadOnlyList<AutotuneInput> inputs,
        Func<TChoice, double> benchmark)
        where TChoice : class => throw new NotImplementedException();
}
