using System;
using System.Collections.Generic;
using System.Linq;
using AutoHeuristic.Cuda.Collection;

namespace AutoHeuristic.Cuda.UseMode;

/// <summary>One way of picking a kernel, over the replayed layouts.</summary>
/// <param name="GemmVsBestGmean">Geometric mean over layouts of (the picked kernel's median ÷ the fastest candidate's).</param>
/// <param name="GemmVsBestWorst">Largest such ratio.</param>
/// <param name="AtBestPercent">Layouts where it picked a fastest candidate, in %.</param>
/// <param name="MeanTimed">Candidates timed per layout (none where a single candidate was kept).</param>
/// <param name="AutotuningMs">Autotuning cost over all layouts: the measured cost of every candidate it timed, in ms.</param>
public sealed record ReplayStrategy(double GemmVsBestGmean, double GemmVsBestWorst, double AtBestPercent, double MeanTimed, double AutotuningMs);

/// <summary>
/// The arithmetic of a use-mode replay (<see cref="MmUseReplay"/>), pure: four ways of picking a
/// kernel, each compared with the fastest measured candidate of every layout. Full autotuning
/// times every candidate and so always picks the fastest; cuBLASLt's first pick times none; the
/// learned top-k (or the adaptive rule) autotunes what use mode kept (the fastest of those wins);
/// the learned top-1 takes the ranking's first offered candidate without timing, or the first pick
/// when there is none. As live (<see cref="MmUseEvaluator"/>), a single candidate left to choose
/// from is taken without timing, so it costs nothing.
/// </summary>
public sealed class ReplaySummary
{
    private ReplaySummary(int layouts, int fallbacks, int agreements, double meanQueryMs, ReplayStrategy full, ReplayStrategy firstPick, ReplayStrategy learnedTopK, ReplayStrategy learnedTop1)
    {
        Layouts = layouts;
        Fallbacks = fallbacks;
        Agreements = agreements;
        MeanQueryMs = meanQueryMs;
        FullAutotuning = full;
        FirstPick = firstPick;
        LearnedTopK = learnedTopK;
        LearnedTop1 = learnedTop1;
    }

    /// <summary>Layouts replayed.</summary>
    public int Layouts { get; }

    /// <summary>
    /// Layouts where the heuristic was unsure or named no offered candidate, so use mode fell back:
    /// to every candidate with the top-k rule, to cuBLASLt's top ones with the adaptive rule.
    /// </summary>
    public int Fallbacks { get; }

    /// <summary><see cref="Fallbacks"/> in % of the layouts.</summary>
    public double FallbackPercent => 100.0 * Fallbacks / Layouts;

    /// <summary>Layouts where the adaptive rule took cuBLASLt's first pick untimed because the learned top-1 agreed with it (0 with the top-k rule).</summary>
    public int Agreements { get; }

    /// <summary><see cref="Agreements"/> in % of the layouts.</summary>
    public double AgreementPercent => 100.0 * Agreements / Layouts;

    /// <summary>Mean time of the learned top-k query, in ms.</summary>
    public double MeanQueryMs { get; }

    /// <summary>Every candidate autotuned.</summary>
    public ReplayStrategy FullAutotuning { get; }

    /// <summary>cuBLASLt's first pick, no autotuning.</summary>
    public ReplayStrategy FirstPick { get; }

    /// <summary>Use mode: what the narrowing rule kept (the learned top-k or the adaptive rule, with its fallback), autotuned.</summary>
    public ReplayStrategy LearnedTopK { get; }

    /// <summary>The learned top-1 without autotuning (the first pick when the heuristic gives none).</summary>
    public ReplayStrategy LearnedTop1 { get; }

    /// <summary>The learned top-k's autotuning cost ÷ full autotuning's (NaN when full autotuning cost nothing).</summary>
    public double AutotuningShare => ShareOfFullAutotuning(LearnedTopK);

    /// <summary><paramref name="strategy"/>'s autotuning cost ÷ full autotuning's (NaN when full autotuning cost nothing).</summary>
    public double ShareOfFullAutotuning(ReplayStrategy strategy)
    {
        if (strategy is null) throw new ArgumentNullException(nameof(strategy));
        return FullAutotuning.AutotuningMs > 0 ? strategy.AutotuningMs / FullAutotuning.AutotuningMs : double.NaN;
    }

    /// <summary>Sums up replayed layouts.</summary>
    /// <exception cref="ArgumentException">No layout, a layout without candidates or without autotuned ones, or a median that is not positive and finite.</exception>
    public static ReplaySummary Compute(IReadOnlyList<ReplayedLayout> layouts)
    {
        if (layouts is null) throw new ArgumentNullException(nameof(layouts));
        if (layouts.Count == 0) throw new ArgumentException("No layout was replayed.", nameof(layouts));
        foreach (ReplayedLayout l in layouts) Check(l);

        IReadOnlyList<CandidateRow> none = Array.Empty<CandidateRow>();

        // One candidate left: nothing to compare, so nothing is timed (as live and as Inductor's select_algorithm).
        IReadOnlyList<CandidateRow> Timed(IReadOnlyList<CandidateRow> kept) => kept.Count > 1 ? kept : none;

        var fastest = layouts.Select(l => l.Candidates.Min(c => c.MedianMs)).ToArray();
        ReplayStrategy Strategy(Func<ReplayedLayout, double> pickedMs, Func<ReplayedLayout, IReadOnlyList<CandidateRow>> timed)
        {
            double[] ratios = layouts.Select((l, i) => pickedMs(l) / fastest[i]).ToArray();
            return new ReplayStrategy(
                Math.Exp(ratios.Average(Math.Log)),
                ratios.Max(),
                100.0 * ratios.Count(r => r <= 1.0) / ratios.Length,
                layouts.Average(l => (double)timed(l).Count),
                layouts.Sum(l => timed(l).Sum(c => c.MeasureWallMs)));
        }

        return new ReplaySummary(
            layouts.Count,
            layouts.Count(l => l.Outcome != LearnedOutcome.Ranked),
            layouts.Count(l => l.Agreed),
            layouts.Average(l => l.QueryMs),
            Strategy(l => l.Candidates.Min(c => c.MedianMs), l => Timed(l.Candidates)),
            Strategy(l => l.Candidates[0].MedianMs, _ => none),
            Strategy(l => l.Autotuned.Min(c => c.MedianMs), l => Timed(l.Autotuned)),
            Strategy(l => (l.LearnedFirst ?? l.Candidates[0]).MedianMs, _ => none));
    }

    private static void Check(ReplayedLayout layout)
    {
        if (layout.Candidates.Count == 0 || layout.Autotuned.Count == 0) throw new ArgumentException("A replayed layout has no candidate or nothing autotuned.", "layouts");
        foreach (CandidateRow c in layout.Candidates.Concat(layout.Autotuned))
        {
            if (!(c.MedianMs > 0) || double.IsInfinity(c.MedianMs))
            {
                throw new ArgumentException($"Candidate {c.Id} of input {c.Index} layout {c.Layout} has median {c.MedianMs} ms; it must be positive and finite.", "layouts");
            }
        }
    }
}
