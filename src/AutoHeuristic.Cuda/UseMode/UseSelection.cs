using System;
using System.Collections.Generic;

namespace AutoHeuristic.Cuda.UseMode;

/// <summary>
/// The narrowing step of use mode, separate from the GPU so it can be tested without one: ask the
/// select-algorithm for the learned top-k; when it is unsure, or its ranking names none of the
/// offered candidates, autotune all of them (PyTorch's fallback).
/// </summary>
public static class UseSelection
{
    /// <summary>
    /// The candidates to autotune for <paramref name="selector"/>: its learned top-k when it
    /// ranked an offered candidate, otherwise every candidate. <paramref name="outcome"/> says
    /// which (in a mode other than use, the heuristic answers nothing and the outcome is
    /// <see cref="LearnedOutcome.Unsure"/>).
    /// </summary>
    /// <remarks>
    /// With <paramref name="alwaysIncludeFirst"/>, a ranked answer also keeps <c>all[0]</c> (cuBLASLt's
    /// own first pick), in the caller's order: the counterpart of PyTorch's always-included
    /// <c>extern_mm</c>, so a narrowed selection never loses the library's default kernel.
    /// </remarks>
    public static IReadOnlyList<TChoice> CandidatesToAutotune<TChoice>(AutoHeuristicSelectAlgorithm<TChoice> selector, IReadOnlyList<TChoice> all, int topK, out LearnedOutcome outcome, bool alwaysIncludeFirst = false)
        where TChoice : class
    {
        if (selector is null) throw new ArgumentNullException(nameof(selector));
        if (all is null) throw new ArgumentNullException(nameof(all));
        if (topK < 1) throw new ArgumentOutOfRangeException(nameof(topK), topK, "top-k must be at least 1.");
        IReadOnlyList<TChoice>? top = selector.GetTopKChoicesCaller(topK);
        if (top is null)
        {
            outcome = LearnedOutcome.Unsure;
            return all;
        }

        if (top.Count == 0)
        {
            outcome = LearnedOutcome.NoOfferedCandidate;
            return all;
        }

        outcome = LearnedOutcome.Ranked;
        if (!alwaysIncludeFirst || all.Count == 0 || Contains(top, all[0])) return top;
        var kept = new List<TChoice>(top.Count + 1);
        foreach (TChoice c in all)
        {
            if (ReferenceEquals(c, all[0]) || Contains(top, c)) kept.Add(c);
        }

        return kept;
    }

    /// <summary>
    /// The candidates to autotune under the narrowing rule in force: <paramref name="adaptive"/> when
    /// given, otherwise the learned top-<paramref name="topK"/> above. <paramref name="agreed"/> is
    /// whether the adaptive rule took the first pick untimed (always false with the top-k rule).
    /// </summary>
    internal static IReadOnlyList<TChoice> Narrow<TChoice>(AutoHeuristicSelectAlgorithm<TChoice> selector, IReadOnlyList<TChoice> all, int topK, bool alwaysIncludeFirst, AdaptiveNarrowing? adaptive, out LearnedOutcome outcome, out bool agreed)
        where TChoice : class
    {
        if (adaptive is not null) return adaptive.CandidatesToAutotune(selector, all, out outcome, out agreed);
        agreed = false;
        return CandidatesToAutotune(selector, all, topK, out outcome, alwaysIncludeFirst);
    }

    /// <summary>Whether <paramref name="list"/> holds this very choice object (choices are compared by reference, as the selector offers them).</summary>
    internal static bool Contains<TChoice>(IReadOnlyList<TChoice> list, TChoice item)
        where TChoice : class
    {
        foreach (TChoice c in list)
        {
            if (ReferenceEquals(c, item)) return true;
        }

        return false;
    }
}
