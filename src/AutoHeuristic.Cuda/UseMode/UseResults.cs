using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using AutoHeuristic.Cuda.Blas;

namespace AutoHeuristic.Cuda.UseMode;

/// <summary>The three ways of picking a GEMM kernel that the live use-mode evaluation compares.</summary>
public enum UseStrategy
{
    /// <summary>Autotune every cuBLASLt candidate (the heuristic is not consulted).</summary>
    FullAutotuning,

    /// <summary>Use mode: autotune only the learned top-k; full autotuning when the heuristic is unsure or names no offered candidate.</summary>
    LearnedTopK,

    /// <summary>cuBLASLt's first heuristic pick, no autotuning.</summary>
    FirstPick,
}

/// <summary>What the learned heuristic answered for one layout.</summary>
public enum LearnedOutcome
{
    /// <summary>The heuristic ranked at least one offered candidate; only those were autotuned.</summary>
    Ranked,

    /// <summary>The heuristic was unsure (unsafe leaf, or no heuristic applies): full autotuning.</summary>
    Unsure,

    /// <summary>The heuristic's ranking named none of the candidates cuBLASLt offered: full autotuning.</summary>
    NoOfferedCandidate,
}

/// <summary>One strategy's selection for one layout.</summary>
/// <param name="KernelId">The selected candidate's stable id.</param>
/// <param name="Timed">Candidates the selection timed (0 when it autotuned nothing).</param>
/// <param name="SelectionMs">Wall time of the whole selection: cuBLASLt's heuristic query, the learned query, the autotuning.</param>
/// <param name="GemmMs">The selected kernel's GEMM time, re-measured with the three selections interleaved.</param>
public sealed record StrategyResult(string KernelId, int Timed, double SelectionMs, double GemmMs);

/// <summary>One evaluated layout (one input under one transpose layout).</summary>
/// <param name="Seed">Seed of the input sequence.</param>
/// <param name="Index">Input index in the sequence.</param>
/// <param name="Layout">Transpose layout (0..3, <see cref="Collection.MmInput.Layouts"/>).</param>
/// <param name="Problem">The GEMM.</param>
/// <param name="Candidates">cuBLASLt's candidates (what full autotuning times).</param>
/// <param name="Full">Full autotuning.</param>
/// <param name="Learned">Learned top-k (with its fallback).</param>
/// <param name="FirstPick">cuBLASLt's first pick.</param>
/// <param name="Outcome">What the learned heuristic answered.</param>
/// <param name="QueryMs">Time of the learned top-k query alone (inside <see cref="StrategyResult.SelectionMs"/> of <paramref name="Learned"/>).</param>
public sealed record UseLayoutResult(
    int Seed, int Index, int Layout, MatmulProblem Problem, int Candidates,
    StrategyResult Full, StrategyResult Learned, StrategyResult FirstPick, LearnedOutcome Outcome, double QueryMs)
{
    /// <summary>Header of the per-layout CSV (<see cref="ToCsvLine"/>).</summary>
    public const string CsvHeader =
        "seed,index,layout,m,k,n,dtype,using_tf32,candidates,learned_outcome,query_ms," +
        "full_id,full_timed,full_select_ms,full_gemm_ms," +
        "learned_id,learned_timed,learned_select_ms,learned_gemm_ms," +
        "first_id,first_timed,first_select_ms,first_gemm_ms";

    /// <summary>The result of one strategy.</summary>
    public StrategyResult Of(UseStrategy strategy) => strategy switch
    {
        UseStrategy.FullAutotuning => Full,
        UseStrategy.LearnedTopK => Learned,
        UseStrategy.FirstPick => FirstPick,
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown strategy."),
    };

    /// <summary>One CSV line (invariant culture, round-trip numbers, no trailing newline).</summary>
    public string ToCsvLine()
    {
        var sb = new StringBuilder();
        string tf32 = Problem.DType == GemmDType.Float32 ? (Problem.UseTf32 ? "True" : "False") : "not_float_32";
        sb.Append(string.Create(CultureInfo.InvariantCulture,
            $"{Seed},{Index},{Layout},{Problem.M},{Problem.K},{Problem.N},{Problem.DType.TorchName()},{tf32},{Candidates},{OutcomeText(Outcome)},{QueryMs:R}"));
        foreach (StrategyResult r in new[] { Full, Learned, FirstPick })
        {
            sb.Append(string.Create(CultureInfo.InvariantCulture, $",{r.KernelId},{r.Timed},{r.SelectionMs:R},{r.GemmMs:R}"));
        }

        return sb.ToString();
    }

    /// <summary>The outcome as written in the CSV: <c>ranked</c>, <c>unsure</c>, <c>no_offered_candidate</c>.</summary>
    public static string OutcomeText(LearnedOutcome outcome) => outcome switch
    {
        LearnedOutcome.Ranked => "ranked",
        LearnedOutcome.Unsure => "unsure",
        _ => "no_offered_candidate",
    };
}

/// <summary>Progress of a live evaluation.</summary>
/// <param name="Done">Inputs finished (evaluated or skipped).</param>
/// <param name="Total">Inputs wanted.</param>
/// <param name="Failed">Inputs skipped after a recoverable error.</param>
/// <param name="Elapsed">Time since the start.</param>
/// <param name="Last">A short description of the last input.</param>
public sealed record UseProgress(int Done, int Total, int Failed, TimeSpan Elapsed, string Last);

/// <summary>What a live evaluation measured.</summary>
/// <param name="Layouts">Every evaluated layout, in order.</param>
/// <param name="Inputs">Inputs evaluated (all four layouts).</param>
/// <param name="Failed">Inputs skipped after an error.</param>
/// <param name="Errors">One line per skipped input.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Device">The device description.</param>
public sealed record UseReport(IReadOnlyList<UseLayoutResult> Layouts, int Inputs, int Failed, IReadOnlyList<string> Errors, TimeSpan Elapsed, string Device)
{
    /// <summary>Inputs asked for.</summary>
    public int Requested { get; init; }

    /// <summary>Inputs started (fewer than <see cref="Requested"/> when the time budget ran out).</summary>
    public int Attempted { get; init; }

    /// <summary>Whether the time budget stopped the run before every requested input was started.</summary>
    public bool StoppedByBudget => Attempted < Requested;
}
