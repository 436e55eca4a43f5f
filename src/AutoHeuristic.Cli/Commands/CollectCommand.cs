using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using AutoHeuristic.Cli.Collection;
using AutoHeuristic.Cli.FanOut;
using AutoHeuristic.Cli.Infrastructure;
using AutoHeuristic.Collection;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Cuda.Driver;
using AutoHeuristic.Learning.Collection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AutoHeuristic.Cli.Commands;

/// <summary>
/// <c>collect pad_mm|mm --samples N --seed S --out FILE</c>: measures N inputs of PyTorch's input
/// distribution for one heuristic on the GPU and appends PyTorch-format training rows; shows a
/// progress bar with ETA; an input that fails (CUDA error, out of memory) is logged and skipped;
/// rows already written stay, and <c>--resume</c> continues them.
/// </summary>
public sealed class CollectCommand : Command<CollectCommand.Settings>
{
    /// <summary>One line for the help screen.</summary>
    public const string Description = "Collect training data on the GPU: pad_mm (pad or not) or mm (cuBLASLt kernel ranking).";

    /// <summary>The variable that asks for machine-readable <c>AH-PROGRESS done total</c> lines (set by the multi-GPU fan-out).</summary>
    public const string ProgressLinesVariable = "AUTOHEURISTIC_PROGRESS_LINES";

    private readonly IAnsiConsole _console;

    /// <summary>Creates the command.</summary>
    public CollectCommand(IAnsiConsole console) => _console = console;

    /// <summary>Arguments of <c>collect</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The collector.</summary>
        [CommandArgument(0, "<OPERATION>")]
        [Description("pad_mm or mm.")]
        public string Operation { get; init; } = string.Empty;

        /// <summary>Inputs to collect.</summary>
        [CommandOption("-n|--samples <N>")]
        [Description("Inputs to collect (default 100).")]
        public int Samples { get; init; } = 100;

        /// <summary>Seed of the input sequence.</summary>
        [CommandOption("-s|--seed <S>")]
        [Description("Seed of the input sequence (default 0); input i of a seed is always the same input.")]
        public int Seed { get; init; }

        /// <summary>The log to write.</summary>
        [CommandOption("-o|--out <FILE>")]
        [Description("The training log to write (appended with --resume).")]
        public string? Out { get; init; }

        /// <summary>Continue an existing log.</summary>
        [CommandOption("--resume")]
        [Description("Continue --out: inputs already in it are skipped.")]
        public bool Resume { get; init; }

        /// <summary>Rows per (input, choice).</summary>
        [CommandOption("--reps <R>")]
        [Description("Measurement rounds, logged as one row each per choice (PyTorch's --num-reps, default 3).")]
        public int Repetitions { get; init; } = 3;

        /// <summary>Optional FLOP cap.</summary>
        [CommandOption("--max-gflop <G>")]
        [Description("Redraw inputs above G GFLOP (2·m·n·k); bounds device time, changes the distribution. Default: none.")]
        public double? MaxGflop { get; init; }

        /// <summary>CUDA device ordinal.</summary>
        [CommandOption("--device <ORDINAL>")]
        [Description("CUDA device ordinal (default 0).")]
        public int Device { get; init; }

        /// <summary>Fan out over these GPUs (multi-GPU collection, FanOut/).</summary>
        [CommandOption("--devices <LIST>")]
        [Description("Fan out over GPUs: 'all' or a list such as 0,1; one worker process per GPU, logs merged into --out (docs/multi-gpu.md).")]
        public string? Devices { get; init; }

        /// <summary>Shard count of a fan-out.</summary>
        [CommandOption("--shards <K>")]
        [Description("With --devices: split into K shards, shard k using seed S+k (default: one per GPU).")]
        public int? Shards { get; init; }

        /// <summary>Sequential measurement.</summary>
        [CommandOption("--stop-when-settled")]
        [Description("pad_mm: stop measuring an input after the round where its winner is clear beyond the noise (--noise-bound or --noise-from); close inputs get all --reps rounds. Rows per choice then vary from --min-rounds to --reps (docs/collection-efficiency.md).")]
        public bool StopWhenSettled { get; init; }

        /// <summary>Relative gap above which the leader is settled.</summary>
        [CommandOption("--noise-bound <X>")]
        [Description("With --stop-when-settled: the relative gap (e.g. 0.08 for 8 %) above which the faster choice counts as settled.")]
        public double? NoiseBound { get; init; }

        /// <summary>A log of the same GPU to take the noise bound from.</summary>
        [CommandOption("--noise-from <LOG>")]
        [Description("With --stop-when-settled: take the noise bound from the repetition spread of LOG, a log collected with all rounds on the same GPU (its --noise-quantile).")]
        public string? NoiseFrom { get; init; }

        /// <summary>Quantile of the repetition spread used as the bound.</summary>
        [CommandOption("--noise-quantile <Q>")]
        [Description("With --noise-from: the quantile of the spread (max − min) / median of repeated times that becomes the bound (default 0.99).")]
        public double NoiseQuantile { get; init; } = 0.99;

        /// <summary>Rounds always measured.</summary>
        [CommandOption("--min-rounds <R>")]
        [Description("With --stop-when-settled: rounds always measured (default 1).")]
        public int MinRounds { get; init; } = 1;

        /// <summary>Time limit.</summary>
        [CommandOption("--max-minutes <M>")]
        [Description("Stop starting new inputs after M minutes of wall time (the input in flight finishes; --resume continues).")]
        public double? MaxMinutes { get; init; }

        /// <summary>Active sampling.</summary>
        [CommandOption("--adaptive")]
        [Description("pad_mm: collect in rounds; between rounds train on the log so far and measure the pool inputs the tree is least sure of plus a uniform share (docs/collection-efficiency.md).")]
        public bool Adaptive { get; init; }

        /// <summary>Pool size of an adaptive collection.</summary>
        [CommandOption("--pool <N>")]
        [Description("With --adaptive: inputs 0..N-1 of the seed form the pool (default 20000).")]
        public int Pool { get; init; } = 20000;

        /// <summary>Round size of an adaptive collection.</summary>
        [CommandOption("--round-size <N>")]
        [Description("With --adaptive: inputs per round (default 200).")]
        public int RoundSize { get; init; } = 200;

        /// <summary>Uniform share of an adaptive round.</summary>
        [CommandOption("--uniform-share <S>")]
        [Description("With --adaptive: share of each round drawn uniformly from the pool (default 0.2).")]
        public double UniformShare { get; init; } = 0.2;

        /// <summary>Validation budget of the tree that steers sampling.</summary>
        [CommandOption("--adaptive-allowed-wrong <F>")]
        [Description("With --adaptive: validation wrong share allowed for the tree that scores the pool (default 0.03; steers sampling only).")]
        public double AdaptiveAllowedWrong { get; init; } = 0.03;

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (Devices is null && Shards is not null) return ValidationResult.Error("--shards needs --devices.");
            if (Devices is not null && Device != 0) return ValidationResult.Error("--device and --devices exclude each other: --devices pins each worker to its GPU.");
            if (Operation is not ("pad_mm" or "mm")) return ValidationResult.Error($"Unknown operation '{Operation}': use pad_mm or mm.");
            if (string.IsNullOrWhiteSpace(Out)) return ValidationResult.Error("--out FILE is required.");
            if (Samples < 1) return ValidationResult.Error("--samples must be at least 1.");
            if (Repetitions < 1) return ValidationResult.Error("--reps must be at least 1.");
            if (MaxGflop is double g && !(g > 0 && double.IsFinite(g))) return ValidationResult.Error("--max-gflop must be positive and finite.");
            if (MaxMinutes is double m && !(m > 0 && double.IsFinite(m))) return ValidationResult.Error("--max-minutes must be positive and finite.");
            if ((StopWhenSettled || Adaptive) && Operation != "pad_mm") return ValidationResult.Error("--stop-when-settled and --adaptive support pad_mm only (mm ranks many candidates; see docs/collection-efficiency.md).");
            if (!StopWhenSettled && (NoiseBound is not null || NoiseFrom is not null)) return ValidationResult.Error("--noise-bound and --noise-from need --stop-when-settled.");
            if (StopWhenSettled && (NoiseBound is null) == (NoiseFrom is null)) return ValidationResult.Error("--stop-when-settled needs exactly one of --noise-bound X or --noise-from LOG.");
            if (NoiseBound is double b && !(b >= 0 && double.IsFinite(b))) return ValidationResult.Error("--noise-bound must be a finite number ≥ 0 (e.g. 0.08 for 8 %).");
            if (!(NoiseQuantile > 0 && NoiseQuantile <= 1)) return ValidationResult.Error("--noise-quantile must be in (0, 1].");
            if (MinRounds < 1 || MinRounds > Repetitions) return ValidationResult.Error("--min-rounds must be between 1 and --reps.");
            if (Pool < 1) return ValidationResult.Error("--pool must be at least 1.");
            if (RoundSize < 1) return ValidationResult.Error("--round-size must be at least 1.");
            if (!(UniformShare >= 0 && UniformShare <= 1)) return ValidationResult.Error("--uniform-share must be between 0 and 1.");
            if (!(AdaptiveAllowedWrong >= 0 && AdaptiveAllowedWrong <= 1)) return ValidationResult.Error("--adaptive-allowed-wrong must be between 0 and 1.");
            return ValidationResult.Success();
        }

        /// <summary>The collector options these settings describe (reads --noise-from).</summary>
        public CollectorOptions ToOptions() => new()
        {
            Samples = Samples, Seed = Seed, OutPath = Out!, Resume = Resume, Repetitions = Repetitions, MaxGflop = MaxGflop, Device = Device,
            Stopping = StopWhenSettled ? new SequentialStopping(NoiseBound ?? NoiseBoundFromLog(NoiseFrom!, NoiseQuantile), MinRounds, Repetitions) : null,
            MaxDuration = MaxMinutes is double m ? TimeSpan.FromMinutes(m) : null,
        };

        /// <summary>The adaptive settings these settings describe.</summary>
        public AdaptiveSettings ToAdaptiveSettings() => new(Pool, RoundSize, UniformShare, AdaptiveAllowedWrong);

        /// <summary>The noise bound from a log's repetition spread (its <paramref name="quantile"/>).</summary>
        public static double NoiseBoundFromLog(string path, double quantile)
        {
            InputFiles.Require(new[] { path }, "--noise-from log");
            LoggedInputs log;
            try
            {
                log = LoggedInputs.Parse(File.ReadAllText(path), path);
            }
            catch (InvalidDataException e)
            {
                throw new CliUserException("--noise-from: " + e.Message);
            }

            List<double> spreads = log.RepetitionSpreads();
            if (spreads.Count == 0)
                throw new CliUserException($"'{path}' has no (input, choice) measured twice or more: the noise bound needs a log with several rounds per input (e.g. --reps 3).");
            return SequentialStopping.NoiseBoundFromSpreads(spreads, quantile);
        }
    }

    /// <summary>The collector for an operation name.</summary>
    public static CollectorBase CreateCollector(string operation, CollectorOptions options) => operation switch
    {
        "pad_mm" => new PadMmCollector(options),
        "mm" => new MmCollector(options),
        _ => throw new CliUserException($"Unknown operation '{operation}': use pad_mm or mm."),
    };

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // The log is appended to as inputs are measured (so --resume can continue it); the path is checked up front.
        new OutputFiles(Array.Empty<string>()).Add("--out", settings.Out);
        if (settings.Devices is not null)
        {
            var fanOut = new FanOutCollectOptions(settings.Operation, settings.Samples, settings.Seed, settings.Out!, settings.Devices, settings.Shards, settings.Resume, WorkerArguments(settings));
            return FanOutCollect.Run(_console, fanOut, cancellationToken);
        }

        CollectorOptions options = settings.ToOptions(); // reads --noise-from: a bad log is named before the GPU is touched
        if (!CudaAvailability.IsAvailable) throw new CliUserException("No usable CUDA device: " + CudaAvailability.Reason);
        if (options.OutputConflict() is string conflict) throw new CliUserException(conflict);

        if (options.Stopping is SequentialStopping rule)
        {
            _console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Sequential measurement: an input stops after round r ≥ {rule.MinRounds} once its choices' medians differ by more than {rule.NoiseBound:P2}; at most {rule.MaxRounds} rounds."));
        }

        if (settings.Adaptive) return RunAdaptive(settings, options, cancellationToken);

        CollectorBase collector = CreateCollector(settings.Operation, options);
        CollectSummary summary;
        bool lines = Environment.GetEnvironmentVariable(ProgressLinesVariable) == "1";
        if (lines || !_console.Profile.Capabilities.Interactive)
        {
            var progress = new PlainProgress(_console, lines);
            summary = collector.Run(progress, cancellationToken);
        }
        else
        {
            summary = null!;
            _console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    ProgressTask task = ctx.AddTask(settings.Operation, maxValue: options.Samples);
                    var progress = new SynchronousProgress(p =>
                    {
                        task.Value = p.Done;
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"{settings.Operation} {p.Done}/{p.Total} (failed {p.Failed}) {Markup.Escape(Shorten(p.Last))}");
                    });
                    summary = collector.Run(progress, cancellationToken);
                });
        }

        WriteSummary(summary, options);
        return 0;
    }

    private int RunAdaptive(Settings settings, CollectorOptions options, CancellationToken cancellationToken)
    {
        using var session = new GpuSession(options.Device);
        var features = new PadMmCollector(options);
        features.PrepareSampler(session);
        var loop = new AdaptiveCollection(
            options, settings.ToAdaptiveSettings(), PadMmInput.Choices,
            index => string.Join(",", features.FeatureTexts(index)),
            roundOptions => new PadMmCollector(roundOptions).Run(session, null, cancellationToken));
        CollectSummary summary = loop.Run(
            round => _console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round.Round}: {round.Summary.Collected} of {round.Planned} inputs measured ({round.Plan.Picks.Count(p => p.Reason == SampleReason.Unsure)} picked as unsure, tree {(round.Plan.HadModel ? $"unsure on {round.Plan.UnsureInPool} pool inputs" : "not yet")}), {round.Summary.Elapsed.TotalSeconds:F1} s")),
            cancellationToken);
        WriteSummary(summary, options);
        return 0;
    }

    private void WriteSummary(CollectSummary summary, CollectorOptions options)
    {
        var table = new Table().AddColumn("collected").AddColumn("resumed").AddColumn("failed").AddColumn("rows").AddColumn("wall").AddColumn("inputs/min");
        table.AddRow(
            summary.Collected.ToString(CultureInfo.InvariantCulture), summary.Resumed.ToString(CultureInfo.InvariantCulture),
            summary.Failed.ToString(CultureInfo.InvariantCulture), summary.Rows.ToString(CultureInfo.InvariantCulture),
            summary.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s", summary.InputsPerMinute.ToString("F1", CultureInfo.InvariantCulture));
        _console.Write(table);
        _console.WriteLine(summary.Device);
        foreach (string error in summary.Errors) _console.WriteLine("skipped: " + error);
        _console.MarkupLine("Wrote [green]" + Markup.Escape(options.OutPath) + "[/] and its sampling side file [green]" + Markup.Escape(options.EffectiveSamplingLogPath) + "[/].");
    }

    // The options every fan-out worker repeats; --samples, --seed, --out and --resume are per shard.
    // An adaptive fan-out samples per worker, each from its own seed's pool (disjoint inputs).
    private static string[] WorkerArguments(Settings s)
    {
        static string Text(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        var args = new List<string> { "--reps", s.Repetitions.ToString(CultureInfo.InvariantCulture) };
        if (s.MaxGflop is double g) args.AddRange(new[] { "--max-gflop", Text(g) });
        if (s.MaxMinutes is double m) args.AddRange(new[] { "--max-minutes", Text(m) });
        if (s.StopWhenSettled)
        {
            args.Add("--stop-when-settled");
            if (s.NoiseBound is double b) args.AddRange(new[] { "--noise-bound", Text(b) });
            if (s.NoiseFrom is string from) args.AddRange(new[] { "--noise-from", Path.GetFullPath(from), "--noise-quantile", Text(s.NoiseQuantile) });
            args.AddRange(new[] { "--min-rounds", s.MinRounds.ToString(CultureInfo.InvariantCulture) });
        }

        if (s.Adaptive)
        {
            args.AddRange(new[]
            {
                "--adaptive", "--pool", s.Pool.ToString(CultureInfo.InvariantCulture), "--round-size", s.RoundSize.ToString(CultureInfo.InvariantCulture),
                "--uniform-share", Text(s.UniformShare), "--adaptive-allowed-wrong", Text(s.AdaptiveAllowedWrong),
            });
        }

        return args.ToArray();
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s.Substring(0, 57) + "...";

    // Progress<T> posts to the thread pool; the bar must be updated in order, on the collecting thread.
    private sealed class SynchronousProgress(Action<CollectProgress> report) : IProgress<CollectProgress>
    {
        public void Report(CollectProgress value) => report(value);
    }

    // Without a terminal (a pipe, a GPU job): a line every 5 % or, for the fan-out, every input.
    private sealed class PlainProgress(IAnsiConsole console, bool machineLines) : IProgress<CollectProgress>
    {
        private int _lastPercent = -1;

        public void Report(CollectProgress p)
        {
            if (machineLines)
            {
                Console.Out.WriteLine("AH-PROGRESS " + p.Done.ToString(CultureInfo.InvariantCulture) + " " + p.Total.ToString(CultureInfo.InvariantCulture));
                Console.Out.Flush();
                return;
            }

            int percent = p.Done * 100 / p.Total;
            if (percent / 5 == _lastPercent / 5 && p.Done != p.Total) return;
            _lastPercent = percent;
            double rate = p.Elapsed.TotalSeconds > 0 ? p.Done / p.Elapsed.TotalSeconds : 0;
            double eta = rate > 0 ? (p.Total - p.Done) / rate : 0;
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{p.Done}/{p.Total} ({percent}%) collected {p.Collected}, resumed {p.Resumed}, failed {p.Failed}; {p.Elapsed.TotalSeconds:F0} s elapsed, ETA {eta:F0} s; last: {p.Last}"));
        }
    }
}
