using System;
using System.Collections.Generic;

namespace AutoHeuristic.Cuda.UseMode;

/// <summary>
/// A narrowing rule for use mode that spends autotuning time per input instead of a fixed top-k:
/// <list type="bullet">
/// <item><b>Agreement</b>: when the learned top-1 is the library's own first pick (<c>all[0]</c>), both
/// sources name the same kernel; it is taken and nothing is timed.</item>
/// <item><b>Ranked</b> otherwise: the learned top-<see cref="LearnedCount"/> plus the library's top-<see cref="LibraryCount"/>
/// (its first pick included) are autotuned.</item>
/// <item><b>Unsure</b> (or no offered candidate ranked): the library's top-<see cref="FallbackCount"/>
/// instead of every candidate, the fallback of <see cref="UseSelection"/>.</item>
/// </list>
/// The candidates <c>all</c> must be in the library's order (cuBLASLt's heuristic rank), as
/// offered live and as <c>collect-evaluate</c> replays them; the kept ones stay in that order. The
/// defaults were searched offline on the H100 mm data (docs/gpu-collection.md, "mm: narrowing per
/// input"). The rule uses the ranking only, not the leaf probabilities: on that data a per-input k
/// from the leaf's probability mass did not narrow more at equal GEMM time.
/// </summary>
public sealed record AdaptiveNarrowing
{
    /// <summary>The settings searched on the H100 data: agreement trusted, learned top-2 + library top-2, library top-2 when unsure.</summary>
    public static AdaptiveNarrowing Default { get; } = new();

    /// <summary>Take the shared pick untimed when the learned top-1 is the library's first pick (default on).</summary>
    public bool TrustAgreement { get; init; } = true;

    /// <summary>Learned candidates autotuned when the ranking answers and disagrees with the library (default 2; 0 keeps none).</summary>
    public int LearnedCount { get; init; } = 2;

    /// <summary>The library's first candidates autotuned beside the learned ones (default 2; at least 1, so its first pick is always among them).</summary>
    public int LibraryCount { get; init; } = 2;

    /// <summary>The library's first candidates autotuned when the learned ranking is unsure or names no offered candidate (default 2).</summary>
    public int FallbackCount { get; init; } = 2;

    /// <summary>Checks the counts, naming the bad one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range.</exception>
    public void Validate()
    {
        if (LearnedCount < 0) throw new ArgumentOutOfRangeException(nameof(LearnedCount), LearnedCount, "the learned count must not be negative.");
        if (LibraryCount < 1) throw new ArgumentOutOfRangeException(nameof(LibraryCount), LibraryCount, "the library count must be at least 1 (its first pick).");
        if (FallbackCount < 1) throw new ArgumentOutOfRangeException(nameof(FallbackCount), FallbackCount, "the fallback count must be at least 1.");
    }

    /// <summary>A short description for result tables, e.g. <c>agreement → first pick; learned top-2 + library top-2; unsure → library top-2</c>.</summary>
    public string Describe() =>
        (TrustAgreement ? "agreement → first pick; " : string.Empty) +
        (LearnedCount > 0 ? "learned top-" + LearnedCount.ToString(System.Globalization.CultureInfo.InvariantCulture) + " + " : string.Empty) +
        "library top-" + LibraryCount.ToString(System.Globalization.CultureInfo.InvariantCulture) +
        "; unsure → library top-" + FallbackCount.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The candidates to autotune for <paramref name="selector"/> (use mode on for its name), with
    /// <paramref name="all"/> in the library's order. <paramref name="outcome"/> says what the
    /// learned ranking answered; <paramref name="agreed"/> whether the agreement rule took the first pick.
    /// </summary>
    public IReadOnlyList<TChoice> CandidatesToAutotune<TChoice>(AutoHeuristicSelectAlgorithm<TChoice> selector, IReadOnlyList<TChoice> all, out LearnedOutcome outcome, out bool agreed)
        where TChoice : class
    {
        if (selector is null) throw new ArgumentNullException(nameof(selector));
        if (all is null) throw new ArgumentNullException(nameof(all));
        // The top-k query returns its answer in the caller's order, so the top-1 is asked for on its own.
        IReadOnlyList<TChoice>? top1 = selector.GetTopKChoicesCaller(1);
        IReadOnlyList<TChoice>? learned = top1;
        if (top1 is { Count: 1 } && LearnedCount > 1)
        {
            var bestFirst = new List<TChoice>(LearnedCount) { top1[0] };
            foreach (TChoice c in selector.GetTopKChoicesCaller(LearnedCount) ?? Array.Empty<TChoice>())
            {
                if (!ReferenceEquals(c, top1[0])) bestFirst.Add(c);
            }

            learned = bestFirst;
        }

        return Narrow(all, learned, out outcome, out agreed);
    }

    /// <summary>
    /// The rule itself, without a selector: <paramref name="learnedBestFirst"/> is the learned
    /// ranking of offered candidates, best first (null when unsure, empty when it named none of
    /// <paramref name="all"/>). Returns a subset of <paramref name="all"/> in its order; one
    /// candidate means nothing needs timing.
    /// </summary>
    public IReadOnlyList<TChoice> Narrow<TChoice>(IReadOnlyList<TChoice> all, IReadOnlyList<TChoice>? learnedBestFirst, out LearnedOutcome outcome, out bool agreed)
        where TChoice : class
    {
        if (all is null) throw new ArgumentNullException(nameof(all));
        Validate();
        agreed = false;
        if (all.Count == 0)
        {
            outcome = learnedBestFirst is null ? LearnedOutcome.Unsure : LearnedOutcome.NoOfferedCandidate;
            return all;
        }

        if (learnedBestFirst is null || learnedBestFirst.Count == 0)
        {
            outcome = learnedBestFirst is null ? LearnedOutcome.Unsure : LearnedOutcome.NoOfferedCandidate;
            return FirstOf(all, FallbackCount, Array.Empty<TChoice>());
        }

        outcome = LearnedOutcome.Ranked;
        if (TrustAgreement && ReferenceEquals(learnedBestFirst[0], all[0]))
        {
            agreed = true;
            return new[] { all[0] };
        }

        int learned = Math.Min(LearnedCount, learnedBestFirst.Count);
        var extra = new List<TChoice>(learned);
        for (int i = 0; i < learned; i++) extra.Add(learnedBestFirst[i]);
        return FirstOf(all, LibraryCount, extra);
    }

    // The first `count` of `all` plus every member of `extra`, in the order of `all`.
    private static IReadOnlyList<TChoice> FirstOf<TChoice>(IReadOnlyList<TChoice> all, int count, IReadOnlyList<TChoice> extra)
        where TChoice : class
    {
        var kept = new List<TChoice>(Math.Min(all.Count, count + extra.Count));
        for (int i = 0; i < all.Count; i++)
        {
            if (i < count || UseSelection.Contains(extra, all[i])) kept.Add(all[i]);
        }

        return kept;
    }
}
