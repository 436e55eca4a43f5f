using System;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Threading;
using AutoHeuristic.Cli.FanOut;
using AutoHeuristic.Cli.Infrastructure;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Cuda.Driver;
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
            return ValidationResult.Success();
        }

        /// <summary>The collector options these settings describe.</summary>
        public CollectorOptions ToOptions() => new()
        {
            Samples = Samples, Seed = Seed, OutPath = Out!, Resume = Resume, Repetitions = Repetitions, MaxGflop = MaxGflop, Device = Device,
        };
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

        if (!CudaAvailability.IsAvailable) throw new CliUserException("No usable CUDA device: " + CudaAvailability.Reason);
        CollectorOptions options = settings.ToOptions();
        if (options.OutputConflict() is string conflict) throw new CliUserException(conflict);

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

        var table = new Table().AddColumn("collected").AddColumn("resumed").AddColumn("failed").AddColumn("rows").AddColumn("wall").AddColumn("inputs/min");
        table.AddRow(
            summary.Collected.ToString(CultureInfo.InvariantCulture), summary.Resumed.ToString(CultureInfo.InvariantCulture),
            summary.Failed.ToString(CultureInfo.InvariantCulture), summary.Rows.ToString(CultureInfo.InvariantCulture),
            summary.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s", summary.InputsPerMinute.ToString("F1", CultureInfo.InvariantCulture));
        _console.Write(table);
        _console.WriteLine(summary.Device);
        foreach (string error in summary.Errors) _console.WriteLine("skipped: " + error);
        _console.MarkupLine("Wrote [green]" + Markup.Escape(options.OutPath) + "[/].");
        return 0;
    }

    // The options every fan-out worker repeats; --samples, --seed, --out and --resume are per shard.
    private static string[] WorkerArguments(Settings s) => s.MaxGflop is double g
        ? new[] { "--reps", s.Repetitions.ToString(CultureInfo.InvariantCulture), "--max-gflop", g.ToString("R", CultureInfo.InvariantCulture) }
        : new[] { "--reps", s.Repetitions.ToString(CultureInfo.InvariantCulture) };

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
