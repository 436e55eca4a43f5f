using System;
using System.Collections.Generic;
using System.Linq;

namespace AutoHeuristic.Cuda.UseMode;

/// <summary>The aggregate of one strategy over the evaluated layouts.</summary>
/// <param name="Strategy">The strategy.</param>
/// <param name="GemmVsFullGmean">Geometric mean over layouts of (this strategy's GEMM time ÷ full autotuning's).</param>
/// <param name="GemmVsFullWorst">Largest such ratio.</param>
/// <param name="AtBestPercent">Layouts whose selected kernel is the fastest of the three re-measured selections (ties count), in %.</param>
/// <param name="SamePickAsFullPercent">Layouts where it selected the kernel full autotuning selected, in %.</param>
/// <param name="MeanTimed">Candidates timed per layout.</param>
/// <param name="SelectionSeconds">Total selection wall time.</param>
/// <param name="SelectionVsFull">Total selection time ÷ full autotuning's.</param>
/// <param name="Fallbacks">Layouts where the learned heuristic fell back to full autotuning (0 for the other strategies).</param>
public sealed record StrategySummary(
    UseStrategy Strategy, double GemmVsFullGmean, double GemmVsFullWorst, double AtBestPercent, double SamePickAsFullPercent,
    double MeanTimed, double SelectionSeconds, double SelectionVsFull, int Fallbacks);

/// <summary>The per-strategy table of a live use-mode evaluation, plus the learned heuristic's answers.</summary>
public sealed class UseSummary
{
    private UseSummary(IReadOnlyList<StrategySummary> strategies, int layouts, int unsure, int noOffered, double meanQueryMs)
    {
        Strategies = strategies;
        Layouts = layouts;
        Unsure = unsure;
        NoOfferedCandidate = noOffered;
        MeanQueryMs = meanQueryMs;
    }

    /// <summary>One row per strategy: full autotuning, learned top-k, first pick.</summary>
    public IReadOnlyList<StrategySummary> Strategies { get; }

    /// <summary>Layouts aggregated.</summary>
    public int Layouts { get; }

    /// <summary>Layouts where the learned heuristic was unsure.</summary>
    public int Unsure { get; }

    /// <summary>Layouts where the learned ranking named no candidate cuBLASLt offered.</summary>
    public int NoOfferedCandidate { get; }

    /// <summary>Mean time of the learned top-k query alone, in ms.</summary>
    public double MeanQueryMs { get; }

    /// <summary>The row of one strategy.</summary>
    public StrategySummary this[UseStrategy strategy] => Strategies.First(s => s.Strategy == strategy);

    /// <summary>Aggregates evaluated layouts.</summary>
    /// <exception cref="ArgumentException">No layout, or a GEMM time that is not positive and finite.</exception>
    public static UseSummary Compute(IReadOnlyList<UseLayoutResult> layouts)
    {
        if (layouts is null) throw new ArgumentNullException(nameof(layouts));
        if (layouts.Count == 0) throw new ArgumentException("No layout was evaluated.", nameof(layouts));
        foreach (UseLayoutResult l in layouts)
        {
            foreach (UseStrategy s in Enum.GetValues<UseStrategy>())
            {
                double ms = l.Of(s).GemmMs;
                if (!(ms > 0) || double.IsInfinity(ms))
                {
                    throw new ArgumentException($"Input {l.Index} layout {l.Layout}: {s} has GEMM time {ms}; it must be positive and finite.", nameof(layouts));
                }
            }
        }

        int n = layouts.Count;
        double fullSelection = layouts.Sum(l => l.Full.SelectionMs);
        int unsure = layouts.Count(l => l.Outcome == LearnedOutcome.Unsure);
        int noOffered = layouts.Count(l => l.Outcome == LearnedOutcome.NoOfferedCandidate);
        var rows = new List<StrategySummary>();
        foreach (UseStrategy s in Enum.GetValues<UseStrategy>())
        {
            double[] ratios = layouts.Select(l => l.Of(s).GemmMs / l.Full.GemmMs).ToArray();
            int atBest = layouts.Count(l => l.Of(s).GemmMs <= Fastest(l));
            int samePick = layouts.Count(l => string.Equals(l.Of(s).KernelId, l.Full.KernelId, StringComparison.Ordinal));
            double selection = layouts.Sum(l => l.Of(s).SelectionMs);
            rows.Add(new StrategySummary(
                s,
                Math.Exp(ratios.Average(Math.Log)),
                ratios.Max(),
                100.0 * atBest / n,
                100.0 * samePick / n,
                layouts.Average(l => (double)l.Of(s).Timed),
                selection / 1000,
                fullSelection > 0 ? selection / fullSelection : double.NaN,
                s == UseStrategy.LearnedTopK ? unsure + noOffered : 0));
        }

        return new UseSummary(rows, n, unsure, noOffered, layouts.Average(l => l.QueryMs));
    }

    private static double Fastest(UseLayoutResult l) => Math.Min(l.Full.GemmMs, Math.Min(l.Learned.GemmMs, l.FirstPick.GemmMs));
}
