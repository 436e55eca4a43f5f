using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace AutoHeuristic.Cuda.Benchmarking;

/// <summary>How <see cref="GpuBenchmark"/> measures. Defaults follow the anchors in ../shared/docs/gpu-benchmarking.md §6.3.</summary>
public sealed record BenchmarkOptions
{
    /// <summary>Milliseconds of warm-up runs per option after the first (initializing) run.</summary>
    public double WarmupMs { get; init; } = 25;

    /// <summary>Flushed, timed runs used to estimate an option's time (stops early once the budget of one round is spent).</summary>
    public int EstimateRuns { get; init; } = 5;

    /// <summary>Measured milliseconds wanted per option and round; sets the repetition count.</summary>
    public double TargetMsPerRound { get; init; } = 100;

    /// <summary>Fewest repetitions per option and round (unless one run exceeds <see cref="MaxMsPerRound"/>).</summary>
    public int MinReps { get; init; } = 10;

    /// <summary>Most repetitions per option and round.</summary>
    public int MaxReps { get; init; } = 1000;

    /// <summary>Hard budget per option and round: huge work gets fewer than <see cref="MinReps"/> (at least 1).</summary>
    public double MaxMsPerRound { get; init; } = 500;

    /// <summary>Rounds always measured (options interleaved, shuffled per round).</summary>
    public int MinRounds { get; init; } = 3;

    /// <summary>Rounds at most; more than <see cref="MinRounds"/> only while the noise is above <see cref="MaxRelativeNoise"/>.</summary>
    public int MaxRounds { get; init; } = 3;

    /// <summary>Early stop: every option's per-round medians have a relative stdev below this.</summary>
    public double MaxRelativeNoise { get; init; } = 0.005;

    /// <summary>Flush L2 before each timed run (cold); false measures hot.</summary>
    public bool FlushL2 { get; init; } = true;

    /// <summary>Work estimated below this many milliseconds is timed as a graph of unrolled copies.</summary>
    public double GraphThresholdMs { get; init; } = 0.02;

    /// <summary>Length a graph replay aims for, in milliseconds.</summary>
    public double GraphTargetMs { get; init; } = 1.0;

    /// <summary>Record the SM clock around each option's block.</summary>
    public bool RecordClock { get; init; } = true;

    /// <summary>Seed of the per-round shuffle.</summary>
    public int Seed { get; init; } = 12345;

    /// <summary>
    /// Settings for pad_mm collection: triton do_bench's time budgets (25 ms of warm-up, 100 ms of
    /// measured runs, here spread over 3 interleaved rounds of 33 ms) so short GEMMs are timed in
    /// the same clock state as do_bench times them, with the hard 60 ms per-round cap that gives
    /// long GEMMs one repetition per round (their relative noise is tiny; the rounds still give
    /// PyTorch's 3 rows per choice).
    /// </summary>
    public static BenchmarkOptions PadMmCollection { get; } = new()
    {
        WarmupMs = 25, EstimateRuns = 2, TargetMsPerRound = 100.0 / 3, MinReps = 3, MaxReps = 1000, MaxMsPerRound = 60, MinRounds = 3, MaxRounds = 3,
    };

    /// <summary>Settings for collecting training data quickly (the mm collector's many candidates): short warm-up and rounds, few repetitions, 3 rounds.</summary>
    public static BenchmarkOptions Collection { get; } = new()
    {
        WarmupMs = 5, EstimateRuns = 2, TargetMsPerRound = 4, MinReps = 3, MaxReps = 50, MaxMsPerRound = 60, MinRounds = 3, MaxRounds = 3,
    };
}

/// <summary>
/// What the caller knows about one option before it is measured. When <see cref="Initialized"/>
/// is true (the same kernels already ran in this process, so no module loading or library
/// initialization is left) and <see cref="LowerBoundMs"/> is at least
/// <see cref="BenchmarkOptions.MaxMsPerRound"/>, the harness skips the initializing run and the
/// estimate: such work gets one repetition per round and no warm-up whatever its exact time.
/// </summary>
/// <param name="LowerBoundMs">A proven lower bound on one run's time (e.g. FLOPs ÷ the device's peak), in ms.</param>
/// <param name="Initialized">Whether every kernel of the work has already run in this process.</param>
public sealed record WorkHint(double LowerBoundMs, bool Initialized);

/// <summary>Counts of how one interleaved measurement was planned.</summary>
/// <param name="Options">Options measured.</param>
/// <param name="SkippedFirstRun">Options whose initializing run and estimate were skipped (initialized long work).</param>
/// <param name="EstimatedFromFirstRun">Options whose timed initializing run was long enough to serve as the estimate.</param>
public sealed record MeasurementPlan(int Options, int SkippedFirstRun, int EstimatedFromFirstRun);

/// <summary>The measurement of one option.</summary>
public sealed record OptionTiming(
    double MedianMs, double MinMs, double P20Ms, double P80Ms, int Samples, double RelativeStdev,
    IReadOnlyList<double> RoundMediansMs, double? SmClockMHz, int RepsPerRound, bool Graph, double EstimateMs)
{
    /// <summary>Median × SM clock: the clock-independent cost in thousands of cycles (null without a clock).</summary>
    public double? KiloCycles => SmClockMHz is double mhz ? MedianMs * mhz : null;
}

/// <summary>
/// Times the options of one decision the way the best GPU harnesses agree on: events around the
/// work only; the L2 flushed before every timed run, outside the timed window (which also hides
/// host launch latency); a first initializing run and a warm-up; adaptive repetitions; all
/// options interleaved in shuffled order in every round (the SM clock drifts ±8 % between rounds
/// under the power cap); median per option; the SM clock recorded per block; tiny work timed as
/// a graph of unrolled copies.
/// </summary>
public sealed class GpuBenchmark
{
    private readonly IGpuTimer _timer;

    /// <summary>Creates a harness over a timer backend.</summary>
    public GpuBenchmark(IGpuTimer timer) => _timer = timer ?? throw new ArgumentNullException(nameof(timer));

    /// <summary>How the last <see cref="MeasureInterleaved(IReadOnlyList{Action}, BenchmarkOptions, IReadOnlyList{WorkHint})"/> call spent its runs (for throughput reports).</summary>
    public MeasurementPlan? LastPlan { get; private set; }

    /// <summary>Measures one piece of work.</summary>
    public OptionTiming Measure(Action work, BenchmarkOptions options) => MeasureInterleaved(new[] { work }, options)[0];

    /// <summary>Measures the options of one decision interleaved; results are in the order given.</summary>
    public IReadOnlyList<OptionTiming> MeasureInterleaved(IReadOnlyList<Action> works, BenchmarkOptions options) => MeasureInterleaved(works, options, null);

    /// <summary>
    /// Measures the options of one decision interleaved, with optional per-option hints (same
    /// order as <paramref name="works"/>; null entries or a null list mean no hint). A hint lets
    /// long work already initialized in this process skip its initializing run (see <see cref="WorkHint"/>).
    /// </summary>
    public IReadOnlyList<OptionTiming> MeasureInterleaved(IReadOnlyList<Action> works, BenchmarkOptions options, IReadOnlyList<WorkHint?>? hints) =>
        MeasureInterleaved(works, options, hints, null);

    /// <summary>
    /// Measures as <see cref="MeasureInterleaved(IReadOnlyList{Action}, BenchmarkOptions, IReadOnlyList{WorkHint})"/>,
    /// asking <paramref name="settled"/> after every round whether measuring can stop: it gets each
    /// option's round medians so far (same order as <paramref name="works"/>) and returns true to stop
    /// (sequential measurement, <c>AutoHeuristic.Collection.SequentialStopping</c>). The options'
    /// <see cref="BenchmarkOptions.MaxRounds"/> still bounds the rounds.
    /// </summary>
    public IReadOnlyList<OptionTiming> MeasureInterleaved(IReadOnlyList<Action> works, BenchmarkOptions options, IReadOnlyList<WorkHint?>? hints, Func<IReadOnlyList<IReadOnlyList<double>>, bool>? settled)
    {
        if (works.Count == 0) throw new ArgumentException("Nothing to measure.", nameof(works));
        if (hints is not null && hints.Count != works.Count) throw new ArgumentException($"{hints.Count} hints for {works.Count} options.", nameof(hints));
        if (options.MinRounds < 1 || options.MaxRounds < options.MinRounds) throw new ArgumentException("Rounds need 1 ≤ MinRounds ≤ MaxRounds.", nameof(options));
        int n = works.Count;
        var estimate = new double[n];
        var units = new Action[n];
        var copies = new int[n];
        var graphs = new List<IReplayable>();
        int skippedFirstRun = 0, estimatedFromFirstRun = 0;
        try
        {
            for (int i = 0; i < n; i++)
            {
                units[i] = works[i];
                copies[i] = 1;
                WorkHint? hint = hints?[i];
                if (SkipsFirstRun(hint, options))
                {
                    // Nothing one-time is left to absorb, and a lower bound on the run time already
                    // fixes the plan: one repetition per round, no warm-up, no graph.
                    estimate[i] = hint.LowerBoundMs;
                    skippedFirstRun++;
                    continue;
                }

                // First run: module loading, library heuristics and lazy allocations stay out of the
                // numbers. It is timed (flushed, events around it) because for long work it is the
                // estimate: a run over the hard per-round budget gets one repetition per round and no
                // warm-up whatever the exact figure, so further estimate runs would be wasted.
                double firstMs = TimedRun(works[i], options, 0xA5A5A5A5u);
                estimate[i] = firstMs >= options.MaxMsPerRound ? firstMs : Estimate(works[i], options);
                if (firstMs >= options.MaxMsPerRound) estimatedFromFirstRun++;
                if (estimate[i] < options.GraphThresholdMs)
                {
                    int c = (int)Math.Clamp(Math.Ceiling(options.GraphTargetMs / Math.Max(estimate[i], 1e-4)), 2, 1000);
                    IReplayable? g = _timer.Capture(works[i], c);
                    if (g is not null)
                    {
                        graphs.Add(g);
                        units[i] = g.Replay;
                        copies[i] = c;
                        g.Replay();
                        _timer.Synchronize();
                    }
                }

                int warm = (int)Math.Floor(options.WarmupMs / Math.Max(estimate[i] * copies[i], 1e-6)) - options.EstimateRuns;
                warm = Math.Min(warm, 1000);
                for (int w = 0; w < warm; w++) units[i]();
                _timer.Synchronize();
            }

            var reps = new int[n];
            for (int i = 0; i < n; i++) reps[i] = Repetitions(estimate[i] * copies[i], options);

            var samples = new List<double>[n];
            var roundMedians = new List<double>[n];
            var clocks = new List<double>[n];
            for (int i = 0; i < n; i++)
            {
                samples[i] = new List<double>();
                roundMedians[i] = new List<double>();
                clocks[i] = new List<double>();
            }

            var rng = new Random(options.Seed);
            uint flushValue = 1;
            for (int round = 0; round < options.MaxRounds; round++)
            {
                int[] order = Enumerable.Range(0, n).ToArray();
                rng.Shuffle(order);
                int slot = 0, stamp = 0;
                var slotsOf = new (int First, int Count, int StampStart)[n];
                foreach (int i in order)
                {
                    int stampStart = stamp;
                    if (options.RecordClock) _timer.StampClock(stamp++);
                    slotsOf[i] = (slot, reps[i], stampStart);
                    for (int r = 0; r < reps[i]; r++)
                    {
                        if (options.FlushL2) _timer.Flush(flushValue++);
                        _timer.RecordStart(slot);
                        units[i]();
                        _timer.RecordStop(slot);
                        slot++;
                    }

                    if (options.RecordClock) _timer.StampClock(stamp++);
                }

                _timer.Synchronize();
                for (int i = 0; i < n; i++)
                {
                    var (first, count, stampStart) = slotsOf[i];
                    var roundSamples = new List<double>(count);
                    for (int s = first; s < first + count; s++) roundSamples.Add(_timer.ElapsedMilliseconds(s) / copies[i]);
                    samples[i].AddRange(roundSamples);
                    roundMedians[i].Add(Statistics.Median(roundSamples));
                    if (options.RecordClock && _timer.ClockMHz(stampStart, stampStart + 1) is double mhz) clocks[i].Add(mhz);
                }

                if (settled is not null && round + 1 < options.MaxRounds && settled(roundMedians)) break;
                if (round + 1 >= options.MinRounds && roundMedians.All(m => m.Count >= 2 && Statistics.RelativeStdev(m) < options.MaxRelativeNoise)) break;
            }

            var result = new OptionTiming[n];
            for (int i = 0; i < n; i++)
            {
                var s = samples[i];
                result[i] = new OptionTiming(
                    Statistics.Median(s), s.Min(), Statistics.Quantile(s, 0.2), Statistics.Quantile(s, 0.8), s.Count,
                    Statistics.RelativeStdev(s), roundMedians[i].ToArray(), clocks[i].Count > 0 ? clocks[i].Average() : null,
                    reps[i], copies[i] > 1, estimate[i]);
            }

            LastPlan = new MeasurementPlan(n, skippedFirstRun, estimatedFromFirstRun);
            return result;
        }
        finally
        {
            foreach (var g in graphs) g.Dispose();
        }
    }

    /// <summary>Repetitions per round for an estimated run time: target ÷ estimate, clamped to [MinReps, MaxReps], then cut to the hard per-round budget (at least 1).</summary>
    public static int Repetitions(double estimateMs, BenchmarkOptions options)
    {
        double est = Math.Max(estimateMs, 1e-6);
        int reps = (int)Math.Clamp(Math.Floor(options.TargetMsPerRound / est), options.MinReps, options.MaxReps);
        int budget = (int)Math.Max(1, Math.Floor(options.MaxMsPerRound / est));
        return Math.Min(reps, budget);
    }

    /// <summary>
    /// Whether a hinted option skips its initializing run and estimate: its kernels already ran
    /// in this process and its lower bound alone fixes the plan (over the hard per-round budget,
    /// so one repetition per round; over the warm-up budget, so no warm-up).
    /// </summary>
    public static bool SkipsFirstRun([NotNullWhen(true)] WorkHint? hint, BenchmarkOptions options) =>
        hint is { Initialized: true } && hint.LowerBoundMs >= options.MaxMsPerRound && hint.LowerBoundMs >= options.WarmupMs;

    private double TimedRun(Action work, BenchmarkOptions options, uint flushValue)
    {
        if (options.FlushL2) _timer.Flush(flushValue);
        _timer.RecordStart(0);
        work();
        _timer.RecordStop(0);
        _timer.Synchronize();
        return _timer.ElapsedMilliseconds(0);
    }

    private double Estimate(Action work, BenchmarkOptions options)
    {
        double best = double.PositiveInfinity;
        double spent = 0;
        for (int r = 0; r < Math.Max(1, options.EstimateRuns); r++)
        {
            double ms = TimedRun(work, options, 0x5A5A5A5Au + (uint)r);
            best = Math.Min(best, ms);
            spent += ms;
            if (spent > options.TargetMsPerRound) break;
        }

        return best;
    }
}
