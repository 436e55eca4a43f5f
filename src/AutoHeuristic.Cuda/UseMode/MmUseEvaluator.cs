using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using AutoHeuristic.Cuda.Benchmarking;
using AutoHeuristic.Cuda.Blas;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Cuda.Hardware;
using AutoHeuristic.Features;

namespace AutoHeuristic.Cuda.UseMode;

/// <summary>Options of a live mm use-mode evaluation.</summary>
public sealed record MmUseOptions
{
    /// <summary>Inputs to evaluate (indices 0..Samples-1 of the seed's sequence, four layouts each).</summary>
    public int Samples { get; init; } = 20;

    /// <summary>Seed of the input sequence; choose one the training logs were not collected with.</summary>
    public int Seed { get; init; }

    /// <summary>Optional cap on 2·m·n·k in GFLOP, as in <c>collect mm --max-gflop</c>.</summary>
    public double? MaxGflop { get; init; }

    /// <summary>Candidates the learned ranking keeps.</summary>
    public int TopK { get; init; } = 3;

    /// <summary>
    /// Keep cuBLASLt's first pick among the learned candidates (PyTorch always includes its
    /// <c>extern_mm</c> default in mm rankings); on by default.
    /// </summary>
    public bool AlwaysIncludeFirstPick { get; init; } = true;

    /// <summary>
    /// The per-input narrowing rule instead of the learned top-k (<see cref="UseSelection"/>); null
    /// (the default) keeps the top-k rule. <see cref="TopK"/> still sets the trained ranking's k.
    /// </summary>
    public AdaptiveNarrowing? Adaptive { get; init; }

    /// <summary>Candidates requested from cuBLASLt per layout (as the mm collector).</summary>
    public int RequestedCandidates { get; init; } = 16;

    /// <summary>Harness settings for autotuning and for the re-measurement (the mm collector's preset).</summary>
    public BenchmarkOptions Benchmark { get; init; } = BenchmarkOptions.Collection;

    /// <summary>Per-layout CSV, rewritten at the start and appended after each input; null writes none.</summary>
    public string? CsvPath { get; init; }

    /// <summary>
    /// Optional wall-time budget in seconds: no new input starts once it is spent (the report says
    /// so), which lets a device job with a hard time limit size itself.
    /// </summary>
    public double? MaxSeconds { get; init; }

    /// <summary>Where to append one line per skipped input; null keeps the lines in the report only.</summary>
    public string? ErrorLogPath { get; init; }

    /// <summary>Checks the values, naming the bad one.</summary>
    public void Validate()
    {
        if (Samples < 1) throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "--samples must be at least 1.");
        if (TopK < 1) throw new ArgumentOutOfRangeException(nameof(TopK), TopK, "--top-k must be at least 1.");
        if (RequestedCandidates < 1) throw new ArgumentOutOfRangeException(nameof(RequestedCandidates), RequestedCandidates, "at least one candidate must be requested.");
        if (MaxGflop is double cap && !(cap > 0)) throw new ArgumentOutOfRangeException(nameof(MaxGflop), cap, "--max-gflop must be positive.");
        if (MaxSeconds is double budget && !(budget > 0)) throw new ArgumentOutOfRangeException(nameof(MaxSeconds), budget, "--max-seconds must be positive.");
        Adaptive?.Validate();
    }
}

/// <summary>
/// The mm heuristic in use mode, for real, on the GPU. For each input of the mm collector's
/// distribution (held-out seed) and each transpose layout, three selections run through
/// <see cref="AutoHeuristicSelectAlgorithm{TChoice}"/> and <see cref="Autotuner.AutotuneSelectAlgorithm{TChoice}"/>:
/// full autotuning of every cuBLASLt candidate, the learned top-k (use mode; full autotuning when
/// unsure), and cuBLASLt's first pick. Each selection's wall time is measured around the whole
/// selection; then the three selected kernels are timed again in one interleaved measurement, so
/// their GEMM times are compared in the same clock state.
/// </summary>
/// <remarks>
/// Every candidate kernel runs once, untimed, before the selections of a layout, so no strategy
/// pays cuBLASLt's one-time kernel loading for another; the order of the two autotuning
/// strategies alternates by layout.
/// </remarks>
public sealed class MmUseEvaluator
{
    /// <summary>The heuristic name.</summary>
    public const string Name = "mm";

    private readonly MmUseOptions _options;

    /// <summary>Creates the evaluator.</summary>
    public MmUseEvaluator(MmUseOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
    }

    /// <summary>
    /// Runs the evaluation. <paramref name="useOptions"/> must have use mode on for <c>mm</c> (the
    /// learned heuristic registered in <see cref="LearnedHeuristicRegistry"/>); its hardware provider
    /// defaults to the session's device.
    /// </summary>
    public UseReport Run(GpuSession session, AutoHeuristicOptions useOptions, IProgress<UseProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (session is null) throw new ArgumentNullException(nameof(session));
        if (useOptions is null) throw new ArgumentNullException(nameof(useOptions));
        if (!useOptions.IsUsing(Name)) throw new ArgumentException("Use mode is not on for 'mm' in the options given; the learned strategy would not consult the heuristic.", nameof(useOptions));
        useOptions.HardwareInfoProvider ??= new CudaHardwareInfoProvider(session.Device);
        // Full autotuning: the same selector in no mode, so the heuristic is never asked.
        var fullOptions = new AutoHeuristicOptions { HardwareInfoProvider = useOptions.HardwareInfoProvider };

        var clock = Stopwatch.StartNew();
        var sampler = new MmSampler(_options.Seed, session.Gates(_options.MaxGflop));
        if (_options.CsvPath is string csv) File.WriteAllText(csv, UseLayoutResult.CsvHeader + "\n");
        var layouts = new List<UseLayoutResult>();
        var errors = new List<string>();
        int evaluated = 0, failed = 0, attempted = 0;
        for (int i = 0; i < _options.Samples; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_options.MaxSeconds is double budget && clock.Elapsed.TotalSeconds >= budget) break;
            attempted++;
            MmInput input = sampler.Sample(i);
            string last = string.Create(CultureInfo.InvariantCulture, $"{input.M}x{input.K}x{input.N} {input.DType}");
            try
            {
                var results = new List<UseLayoutResult>(4);
                for (int layout = 0; layout < MmInput.Layouts.Count; layout++)
                {
                    session.Arena.Reset();
                    results.Add(EvaluateLayout(session, input, i, layout, useOptions, fullOptions));
                }

                layouts.AddRange(results);
                evaluated++;
                if (_options.CsvPath is string path) File.AppendAllLines(path, results.Select(r => r.ToCsvLine()));
            }
            catch (Exception e) when (CollectorBase.IsRecoverable(e))
            {
                failed++;
                last = "skipped: " + e.Message;
                string line = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:O}\tuse-evaluate mm\tseed={_options.Seed}\tindex={i}\t{input}\t{e.GetType().Name}: {e.Message}");
                errors.Add(line);
                if (_options.ErrorLogPath is string errorPath) File.AppendAllText(errorPath, line + "\n");
                // A sticky error makes this throw: the context is unusable, stop here.
                session.Timer.Synchronize();
            }

            progress?.Report(new UseProgress(i + 1, _options.Samples, failed, clock.Elapsed, last));
        }

        return new UseReport(layouts, evaluated, failed, errors, clock.Elapsed, session.Device.ToString()) { Requested = _options.Samples, Attempted = attempted };
    }

    private UseLayoutResult EvaluateLayout(GpuSession session, MmInput input, int index, int layout, AutoHeuristicOptions useOptions, AutoHeuristicOptions fullOptions)
    {
        MatmulProblem p = input.Problem(layout);
        int es = p.DType.Size();
        ulong mat1 = session.Arena.Take(p.Mat1Elements * es);
        ulong mat2 = session.Arena.Take(p.Mat2Elements * es);
        ulong output = session.Arena.Take(p.M * p.N * es);
        ulong dataSeed = (ulong)SampleRandom.Mix(_options.Seed, index);
        session.FillRandom(mat1, p.Mat1Elements, p.DType, dataSeed);
        session.FillRandom(mat2, p.Mat2Elements, p.DType, dataSeed ^ 0x5555);

        using MatmulPlan plan = session.Lt.Plan(p);
        IReadOnlyList<MatmulCandidate> offered = session.Lt.Candidates(plan, _options.RequestedCandidates);
        if (offered.Count == 0) throw new NoCandidateException(p.ToString());
        foreach (MatmulCandidate c in offered) session.Lt.Run(plan, c, mat1, mat2, output, session.Stream);
        session.Timer.Synchronize();

        Action Work(MatmulCandidate c) => () => session.Lt.Run(plan, c, mat1, mat2, output, session.Stream);
        IReadOnlyList<AutotuneInput> inputs = MmInput.AutotuneInputs(p);

        Selection Autotuned(AutoHeuristicOptions options)
        {
            var wall = Stopwatch.StartNew();
            IReadOnlyList<MatmulCandidate> candidates = session.Lt.Candidates(plan, _options.RequestedCandidates);
            if (candidates.Count == 0) throw new NoCandidateException(p.ToString());
            var context = new AHContext();
            MmInput.AddFeatures(context, p);
            using var selector = new AutoHeuristicSelectAlgorithm<MatmulCandidate>(
                () => null, candidates, c => c.Id, inputs, context, Name, StandardOperations.Mm, precondition: null, options);
            var query = Stopwatch.StartNew();
            IReadOnlyList<MatmulCandidate> tune = UseSelection.Narrow(selector, candidates, _options.TopK, _options.AlwaysIncludeFirstPick, _options.Adaptive, out LearnedOutcome outcome, out _);
            double queryMs = query.Elapsed.TotalMilliseconds;
            MatmulCandidate chosen;
            int timed;
            if (tune.Count == 1)
            {
                // One candidate left: nothing to compare, so nothing is timed (as Inductor's select_algorithm).
                chosen = tune[0];
                timed = 0;
            }
            else
            {
                IReadOnlyList<OptionTiming> timings = session.Benchmark.MeasureInterleaved(tune.Select(Work).ToArray(), _options.Benchmark);
                var position = new Dictionary<MatmulCandidate, int>(ReferenceEqualityComparer.Instance);
                for (int c = 0; c < tune.Count; c++) position[tune[c]] = c;
                chosen = Autotuner.AutotuneSelectAlgorithm(Name, tune, inputs, c => timings[position[c]].MedianMs);
                timed = tune.Count;
            }

            return new Selection(chosen, timed, wall.Elapsed.TotalMilliseconds, outcome, queryMs);
        }

        // The two autotuning strategies alternate which goes first (clock state, caches).
        Selection full, learned;
        if (layout % 2 == 0)
        {
            full = Autotuned(fullOptions);
            learned = Autotuned(useOptions);
        }
        else
        {
            learned = Autotuned(useOptions);
            full = Autotuned(fullOptions);
        }

        var firstWall = Stopwatch.StartNew();
        IReadOnlyList<MatmulCandidate> top = session.Lt.Candidates(plan, 1);
        if (top.Count == 0) throw new NoCandidateException(p.ToString());
        MatmulCandidate first = top[0];
        double firstMs = firstWall.Elapsed.TotalMilliseconds;

        // Re-measure the distinct selected kernels together, interleaved, with the same preset.
        var distinct = new List<MatmulCandidate>();
        foreach (MatmulCandidate k in new[] { full.Kernel, learned.Kernel, first })
        {
            if (!distinct.Any(d => d.Id == k.Id)) distinct.Add(k);
        }

        IReadOnlyList<OptionTiming> remeasured = session.Benchmark.MeasureInterleaved(distinct.Select(Work).ToArray(), _options.Benchmark);
        double GemmMs(MatmulCandidate k) => remeasured[distinct.FindIndex(d => d.Id == k.Id)].MedianMs;

        return new UseLayoutResult(
            _options.Seed, index, layout, p, offered.Count,
            new StrategyResult(full.Kernel.Id, full.Timed, full.Ms, GemmMs(full.Kernel)),
            new StrategyResult(learned.Kernel.Id, learned.Timed, learned.Ms, GemmMs(learned.Kernel)),
            new StrategyResult(first.Id, 0, firstMs, GemmMs(first)),
            learned.Outcome, learned.QueryMs);
    }

    // One autotuning selection: the kernel, how many candidates were timed, its wall time, and the learned query's answer and time.
    private readonly record struct Selection(MatmulCandidate Kernel, int Timed, double Ms, LearnedOutcome Outcome, double QueryMs);
}
