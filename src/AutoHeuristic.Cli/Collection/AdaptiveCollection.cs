using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Learning.Collection;
using AutoHeuristic.Learning.Training;

namespace AutoHeuristic.Cli.Collection;

/// <summary>Settings of an adaptive collection (<c>collect … --adaptive</c>).</summary>
/// <param name="PoolSize">Inputs 0..PoolSize-1 of the seed's sequence form the pool the rounds pick from.</param>
/// <param name="RoundSize">Inputs measured per round (the tree is retrained between rounds).</param>
/// <param name="UniformShare">Share of each round drawn uniformly from the pool (keeps the data representative).</param>
/// <param name="AllowedWrongFraction">Validation wrong budget of the tree that scores the pool (steers sampling only).</param>
public sealed record AdaptiveSettings(int PoolSize = 20000, int RoundSize = 200, double UniformShare = 0.2, double AllowedWrongFraction = 0.03)
{
    /// <summary>Checks the values, naming the bad one.</summary>
    public void Validate()
    {
        if (PoolSize < 1) throw new ArgumentOutOfRangeException(nameof(PoolSize), PoolSize, "--pool must be at least 1.");
        if (RoundSize < 1) throw new ArgumentOutOfRangeException(nameof(RoundSize), RoundSize, "--round-size must be at least 1.");
        if (!(UniformShare >= 0 && UniformShare <= 1)) throw new ArgumentOutOfRangeException(nameof(UniformShare), UniformShare, "--uniform-share must be between 0 and 1.");
        if (!(AllowedWrongFraction >= 0 && AllowedWrongFraction <= 1)) throw new ArgumentOutOfRangeException(nameof(AllowedWrongFraction), AllowedWrongFraction, "--adaptive-allowed-wrong must be between 0 and 1.");
    }
}

/// <summary>What one round of an adaptive collection did.</summary>
/// <param name="Round">Round number (0 first).</param>
/// <param name="Planned">Inputs picked.</param>
/// <param name="Summary">What the collector did with them.</param>
/// <param name="Plan">Why they were picked.</param>
public sealed record AdaptiveRound(int Round, int Planned, CollectSummary Summary, AdaptivePlan Plan);

/// <summary>
/// Active sampling around a collector: in rounds, train on the log collected so far, score a pool
/// of not-yet-measured inputs with the tree, and measure a uniform share plus the inputs it is least
/// sure of (<see cref="AdaptivePlanner"/>; the scoring tree validates on the uniformly drawn inputs
/// only, the picked ones train). Each input's round, reason and sampling weight go to the
/// sampling side file (<see cref="SamplingLog"/>), which a resumed run reads to continue with the
/// next round. The measuring is a delegate, so the loop runs (and is tested) without a GPU.
/// </summary>
public sealed class AdaptiveCollection
{
    private readonly CollectorOptions _options;
    private readonly AdaptiveSettings _settings;
    private readonly IReadOnlyList<string> _choices;
    private readonly Func<int, string> _featureCells;
    private readonly Func<CollectorOptions, CollectSummary> _measure;
    private readonly Dictionary<int, string> _cells = new();

    /// <summary>Creates the loop.</summary>
    /// <param name="options">The collection's options (samples = inputs to collect in all, seed, log, resume, time limit).</param>
    /// <param name="settings">Pool and round settings.</param>
    /// <param name="choices">The heuristic's choices.</param>
    /// <param name="featureCells">Input i's feature cells as a log row writes them, joined by commas.</param>
    /// <param name="measure">Measures the planned inputs of one round (a collector's <c>Run</c> with these options).</param>
    public AdaptiveCollection(CollectorOptions options, AdaptiveSettings settings, IReadOnlyList<string> choices, Func<int, string> featureCells, Func<CollectorOptions, CollectSummary> measure)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _choices = choices ?? throw new ArgumentNullException(nameof(choices));
        _featureCells = featureCells ?? throw new ArgumentNullException(nameof(featureCells));
        _measure = measure ?? throw new ArgumentNullException(nameof(measure));
        options.Validate();
        settings.Validate();
    }

    /// <summary>Runs rounds until <see cref="CollectorOptions.Samples"/> inputs are collected, the pool is used up or the time limit is reached.</summary>
    public CollectSummary Run(Action<AdaptiveRound>? onRound = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        string logPath = Path.GetFullPath(_options.OutPath);
        string samplingPath = _options.EffectiveSamplingLogPath;
        IReadOnlyList<SampledInputRecord> earlier = _options.Resume && File.Exists(samplingPath) ? SamplingLog.Read(samplingPath) : Array.Empty<SampledInputRecord>();
        var measured = new HashSet<int>(earlier.Select(r => r.Input.Index));
        int round = earlier.Count == 0 ? 0 : earlier.Max(r => r.Input.Round) + 1;
        int collected = earlier.Count, resumed = 0, failed = 0, collectedNow = 0;
        long rows = 0;
        var errors = new List<string>();
        string device = string.Empty;
        var planner = new AdaptivePlanner(_settings.UniformShare, _options.Seed, _settings.AllowedWrongFraction, new ParallelFits());

        while (collected < _options.Samples)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan? left = _options.MaxDuration - clock.Elapsed;
            if (left is TimeSpan l && l <= TimeSpan.Zero) break;
            var pool = new List<PoolInput>();
            for (int i = 0; i < _settings.PoolSize; i++)
            {
                if (!measured.Contains(i)) pool.Add(new PoolInput(i, Cells(i)));
            }

            if (pool.Count == 0) break;
            int count = Math.Min(_settings.RoundSize, _options.Samples - collected);
            (string? uniformLog, string? pickedLog) = collected > 0 && File.Exists(logPath) ? CollectedParts(logPath, samplingPath) : (null, null);
            AdaptivePlan plan = planner.Plan(uniformLog, pickedLog, _choices, pool, count, round, cancellationToken);
            var inputs = plan.Picks
                .Select(p => new PlannedInput(pool[p.Index].Index, round, p.Reason == SampleReason.Unsure ? SampleReasons.Unsure : SampleReasons.Uniform, p.Weight))
                .ToList();
            CollectSummary summary = _measure(_options with
            {
                Inputs = inputs,
                Samples = inputs.Count,
                Resume = _options.Resume || collected > 0,
                MaxDuration = left,
            });
            foreach (PlannedInput input in inputs) measured.Add(input.Index);
            collected += summary.Collected;
            collectedNow += summary.Collected;
            resumed += summary.Resumed;
            failed += summary.Failed;
            rows += summary.Rows;
            errors.AddRange(summary.Errors);
            device = summary.Device;
            onRound?.Invoke(new AdaptiveRound(round, inputs.Count, summary, plan));
            round++;
            if (summary.Collected + summary.Resumed + summary.Failed < inputs.Count) break; // stopped by the time limit
        }

        return new CollectSummary(collectedNow, resumed + earlier.Count, failed, rows, clock.Elapsed, errors, device);
    }

    private string Cells(int index)
    {
        if (!_cells.TryGetValue(index, out string? cells))
        {
            cells = _featureCells(index);
            _cells.Add(index, cells);
        }

        return cells;
    }

    // The log so far in two parts: uniformly drawn inputs (validated on) and inputs picked as unsure (training only).
    private static (string? Uniform, string? Picked) CollectedParts(string logPath, string samplingPath)
    {
        string log = ReadShared(logPath);
        if (!File.Exists(samplingPath)) return (log, null);
        SampledLogParts parts = SampledLogParts.Split(log, SamplingLog.Parse(ReadShared(samplingPath), samplingPath), logPath);
        return (parts.UniformInputs > 0 ? parts.UniformLog : null, parts.PickedInputs > 0 ? parts.PickedLog : null);
    }

    // The collector appends while nothing else writes; share the file anyway, as a reader of a live log should.
    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        return reader.ReadToEnd();
    }
}
