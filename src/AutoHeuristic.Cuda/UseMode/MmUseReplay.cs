using System;
using System.Collections.Generic;
using System.Diagnostics;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Features;
using AutoHeuristic.Hardware;

namespace AutoHeuristic.Cuda.UseMode;

/// <summary>What use mode decided for one replayed layout.</summary>
/// <param name="Candidates">cuBLASLt's candidates in rank order (what full autotuning times); the first is its first pick.</param>
/// <param name="Autotuned">The candidates use mode keeps: the learned top-k (with the first pick unless left out), or all of them on a fallback; with <see cref="AdaptiveNarrowing"/>, its choice. A single kept candidate is taken without timing.</param>
/// <param name="LearnedFirst">The learned top-1 among the offered candidates; null when the heuristic is unsure or names none of them.</param>
/// <param name="Outcome">What the learned heuristic answered.</param>
/// <param name="QueryMs">Time of the learned top-k query, in ms (the only measured number; it varies run to run).</param>
/// <param name="Agreed">The adaptive rule took cuBLASLt's first pick untimed because the learned top-1 agreed with it.</param>
public sealed record ReplayedLayout(
    IReadOnlyList<CandidateRow> Candidates, IReadOnlyList<CandidateRow> Autotuned, CandidateRow? LearnedFirst, LearnedOutcome Outcome, double QueryMs, bool Agreed = false);

/// <summary>
/// mm in use mode on the timings a collection already measured, without a GPU: for each layout of
/// the side files (<see cref="CandidatesFile"/>), an <see cref="AutoHeuristicSelectAlgorithm{TChoice}"/>
/// named <c>mm</c> in use mode, on the hardware the heuristic was trained for, narrows the
/// candidates with the live rule: the learned top-k (<see cref="UseSelection.CandidatesToAutotune"/>)
/// or, when given, an <see cref="AdaptiveNarrowing"/> (as <see cref="MmUseOptions.Adaptive"/>). The learned
/// heuristic is whichever is registered for <c>mm</c> in <see cref="LearnedHeuristicRegistry"/>.
/// <see cref="ReplaySummary"/> turns the decisions into GEMM time and autotuning cost.
/// </summary>
public sealed class MmUseReplay
{
    private readonly AutoHeuristicOptions _options;

    /// <summary>A replay on <paramref name="hardware"/> keeping the learned top <paramref name="topK"/>, or narrowing with <paramref name="adaptive"/>.</summary>
    /// <param name="hardware">The hardware the selections report (the training logs').</param>
    /// <param name="topK">Candidates kept by the learned ranking (the top-k rule).</param>
    /// <param name="alwaysIncludeFirstPick">Keep cuBLASLt's first pick among the learned candidates (the top-k rule).</param>
    /// <param name="adaptive">The per-input rule instead of the top-k one; null keeps the top-k rule.</param>
    public MmUseReplay(HardwareKey hardware, int topK, bool alwaysIncludeFirstPick, AdaptiveNarrowing? adaptive = null)
    {
        if (topK < 1) throw new ArgumentOutOfRangeException(nameof(topK), topK, "top-k must be at least 1.");
        adaptive?.Validate();
        TopK = topK;
        AlwaysIncludeFirstPick = alwaysIncludeFirstPick;
        Adaptive = adaptive;
        _options = new AutoHeuristicOptions { HardwareInfoProvider = new FixedHardware(hardware) };
        _options.SetMode(MmUseEvaluator.Name, AutoHeuristicMode.Use);
    }

    /// <summary>Candidates kept by the learned ranking.</summary>
    public int TopK { get; }

    /// <summary>Whether cuBLASLt's first pick joins the learned candidates.</summary>
    public bool AlwaysIncludeFirstPick { get; }

    /// <summary>The per-input narrowing rule, or null for the learned top-k.</summary>
    public AdaptiveNarrowing? Adaptive { get; }

    /// <summary>Decides every layout and sums the decisions up.</summary>
    public ReplaySummary Run(IReadOnlyList<CandidateLayout> layouts)
    {
        if (layouts is null) throw new ArgumentNullException(nameof(layouts));
        var replayed = new List<ReplayedLayout>(layouts.Count);
        foreach (CandidateLayout layout in layouts) replayed.Add(Decide(layout));
        return ReplaySummary.Compute(replayed);
    }

    /// <summary>What use mode decides for one layout.</summary>
    public ReplayedLayout Decide(CandidateLayout layout)
    {
        if (layout is null) throw new ArgumentNullException(nameof(layout));
        var context = new AHContext();
        MmInput.AddFeatures(context, layout.Problem);
        using var selector = new AutoHeuristicSelectAlgorithm<CandidateRow>(
            () => null, layout.Candidates, c => c.Id, MmInput.AutotuneInputs(layout.Problem), context, MmUseEvaluator.Name, StandardOperations.Mm, null, _options);
        var clock = Stopwatch.StartNew();
        IReadOnlyList<CandidateRow> autotuned = UseSelection.Narrow(selector, layout.Candidates, TopK, AlwaysIncludeFirstPick, Adaptive, out LearnedOutcome outcome, out bool agreed);
        double queryMs = clock.Elapsed.TotalMilliseconds;
        return new ReplayedLayout(layout.Candidates, autotuned, selector.GetChoiceCaller(), outcome, queryMs, agreed);
    }

    // The hardware the training logs were collected on, whatever this machine is.
    private sealed class FixedHardware(HardwareKey key) : IHardwareInfoProvider
    {
        public HardwareInfo GetHardwareInfo() => new("replayed", key.SharedMemory, key.Capability);
    }
}
