using System;
using System.Collections.Generic;
using System.IO;
using AutoHeuristic.Collection;
using AutoHeuristic.Cuda.Benchmarking;

namespace AutoHeuristic.Cuda.Collection;

/// <summary>
/// Options of one collector process. Input <c>i</c> of a seed is always the same input, so a
/// run with <see cref="Resume"/> regenerates the sequence and skips the inputs whose rows are
/// already in <see cref="OutPath"/>; a fan-out over K GPUs runs K processes with seeds S..S+K-1.
/// </summary>
public sealed record CollectorOptions
{
    /// <summary>Inputs to collect (indices 0..Samples-1 of the seed's sequence).</summary>
    public int Samples { get; init; } = 100;

    /// <summary>Seed of the input sequence.</summary>
    public int Seed { get; init; }

    /// <summary>The training log to append to.</summary>
    public string OutPath { get; init; } = "autoheuristic_data.txt";

    /// <summary>Continue an existing log: inputs already in it are skipped. Without it an existing non-empty log is an error.</summary>
    public bool Resume { get; init; }

    /// <summary>Measurement rows per (input, choice): PyTorch's <c>--num-reps</c> (3). Each is one interleaved round.</summary>
    public int Repetitions { get; init; } = 3;

    /// <summary>Optional cap on 2·m·n·k in GFLOP (bounds device time; null keeps PyTorch's distribution).</summary>
    public double? MaxGflop { get; init; }

    /// <summary>CUDA device ordinal.</summary>
    public int Device { get; init; }

    /// <summary>Harness settings; null means <see cref="BenchmarkOptions.Collection"/> with <see cref="Repetitions"/> rounds.</summary>
    public BenchmarkOptions? Benchmark { get; init; }

    /// <summary>Where to append one line per skipped input (CUDA error, out of memory); null means <c>OutPath + ".errors.txt"</c>.</summary>
    public string? ErrorLogPath { get; init; }

    /// <summary>
    /// Sequential measurement: after each round, stop measuring an input once its winner is clear
    /// beyond the noise (<see cref="SequentialStopping"/>); its rows then hold 1 to
    /// <see cref="Repetitions"/> rounds. Null measures every input <see cref="Repetitions"/> rounds, as PyTorch does.
    /// </summary>
    public SequentialStopping? Stopping { get; init; }

    /// <summary>
    /// The inputs to measure, in this order, with why each was picked (adaptive sampling). Null
    /// measures indices 0..<see cref="Samples"/>-1 of the seed's sequence.
    /// </summary>
    public IReadOnlyList<PlannedInput>? Inputs { get; init; }

    /// <summary>Stop starting new inputs after this much wall time (the input in flight finishes). Null: no limit.</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>
    /// Where to append one line per measured input (<see cref="SamplingLog"/>: index, round, reason,
    /// weight, rounds, rows, seconds, finish time); null means <c>OutPath + ".sampling.csv"</c>.
    /// </summary>
    public string? SamplingLogPath { get; init; }

    /// <summary>The sampling side file in effect.</summary>
    public string EffectiveSamplingLogPath => SamplingLogPath ?? Path.GetFullPath(OutPath) + SamplingLog.Suffix;

    /// <summary>The inputs this run measures, in order (see <see cref="Inputs"/>).</summary>
    public IReadOnlyList<PlannedInput> PlannedInputs()
    {
        if (Inputs is not null) return Inputs;
        var list = new PlannedInput[Samples];
        for (int i = 0; i < Samples; i++) list[i] = PlannedInput.InSequence(i);
        return list;
    }

    /// <summary>The harness settings in effect for a collector whose own preset is <see cref="BenchmarkOptions.Collection"/>.</summary>
    public BenchmarkOptions EffectiveBenchmark => EffectiveBenchmarkOr(BenchmarkOptions.Collection);

    /// <summary>The harness settings in effect: <see cref="Benchmark"/>, else the collector's preset, with <see cref="Repetitions"/> rounds.</summary>
    public BenchmarkOptions EffectiveBenchmarkOr(BenchmarkOptions collectorPreset) =>
        (Benchmark ?? collectorPreset) with { MinRounds = Repetitions, MaxRounds = Repetitions };

    /// <summary>Checks the values, naming the bad one.</summary>
    public void Validate()
    {
        if (Samples < 1) throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "--samples must be at least 1.");
        if (Repetitions < 1) throw new ArgumentOutOfRangeException(nameof(Repetitions), Repetitions, "--reps must be at least 1.");
        if (MaxGflop is double cap && !(cap > 0)) throw new ArgumentOutOfRangeException(nameof(MaxGflop), cap, "--max-gflop must be positive.");
        if (string.IsNullOrWhiteSpace(OutPath)) throw new ArgumentException("--out is required.", nameof(OutPath));
        if (Stopping is not null && Stopping.MaxRounds > Repetitions)
            throw new ArgumentOutOfRangeException(nameof(Stopping), Stopping.MaxRounds, "Sequential stopping cannot measure more rounds than --reps.");
        if (MaxDuration is TimeSpan d && d <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MaxDuration), d, "--max-minutes must be positive.");
        if (Inputs is not null)
        {
            foreach (PlannedInput input in Inputs)
            {
                if (input.Index < 0) throw new ArgumentOutOfRangeException(nameof(Inputs), input.Index, "Input indices must be ≥ 0.");
            }
        }
    }

    /// <summary>
    /// Why a run may not write to <see cref="OutPath"/>: the log already holds data and
    /// <see cref="Resume"/> is off. Null when the run may start.
    /// </summary>
    public string? OutputConflict()
    {
        string path = Path.GetFullPath(OutPath);
        return !Resume && File.Exists(path) && new FileInfo(path).Length > 0
            ? $"The log '{path}' already has data; pass --resume to continue it or choose another --out."
            : null;
    }
}

/// <summary>Progress of a collection.</summary>
/// <param name="Done">Inputs finished (collected now, skipped as already on disk, or failed).</param>
/// <param name="Total">Inputs wanted.</param>
/// <param name="Collected">Inputs measured and written in this run.</param>
/// <param name="Resumed">Inputs found already on disk.</param>
/// <param name="Failed">Inputs skipped because of a CUDA error or out-of-memory.</param>
/// <param name="Elapsed">Time since the start.</param>
/// <param name="Last">A short description of the last input.</param>
public sealed record CollectProgress(int Done, int Total, int Collected, int Resumed, int Failed, TimeSpan Elapsed, string Last);

/// <summary>What a collection did.</summary>
/// <param name="Collected">Inputs measured and written.</param>
/// <param name="Resumed">Inputs already on disk.</param>
/// <param name="Failed">Inputs skipped after an error.</param>
/// <param name="Rows">Rows written.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Errors">One line per failed input.</param>
/// <param name="Device">The device description.</param>
public sealed record CollectSummary(int Collected, int Resumed, int Failed, long Rows, TimeSpan Elapsed, IReadOnlyList<string> Errors, string Device)
{
    /// <summary>Collected inputs per minute of wall time.</summary>
    public double InputsPerMinute => Elapsed.TotalMinutes > 0 ? Collected / Elapsed.TotalMinutes : 0;
}
