using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using AutoHeuristic.Cli.Infrastructure;
using AutoHeuristic.Cli.UseMode;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Cuda.Driver;
using AutoHeuristic.Cuda.Hardware;
using AutoHeuristic.Cuda.UseMode;
using AutoHeuristic.Learning.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AutoHeuristic.Cli.Commands;

/// <summary>
/// <c>use-evaluate mm --train LOG... --samples N --seed S [--max-gflop C] [--top-k K] [--out CSV]</c>:
/// the mm heuristic in use mode, live on the GPU. The ranking tree is trained in-process on the
/// logs (the settings of <c>collect-evaluate</c>), registered in <see cref="LearnedHeuristicRegistry"/>
/// and switched to use mode; then held-out inputs of the mm collector's distribution are selected
/// for real three ways (full autotuning, learned top-k with its fallback, cuBLASLt's first pick)
/// and the selected kernels are timed again together (<see cref="MmUseEvaluator"/>).
/// </summary>
public sealed class UseEvaluateCommand : Command<UseEvaluateCommand.Settings>
{
    /// <summary>One line for the help screen.</summary>
    public const string Description = "Live mm use mode on the GPU: learned top-k autotuning vs full autotuning vs cuBLASLt's first pick, selection time and achieved GEMM time.";

    private readonly IAnsiConsole _console;

    /// <summary>Creates the command.</summary>
    public UseEvaluateCommand(IAnsiConsole console) => _console = console;

    /// <summary>Arguments of <c>use-evaluate</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Only <c>mm</c> is supported.</summary>
        [CommandArgument(0, "<OPERATION>")]
        [Description("mm.")]
        public string Operation { get; init; } = "mm";

        /// <summary>Training logs.</summary>
        [CommandOption("--train <LOG>")]
        [Description("mm training logs (repeatable), e.g. samples/data/mm_h100_seed1.txt.")]
        public string[] Train { get; init; } = Array.Empty<string>();

        /// <summary>Inputs to evaluate.</summary>
        [CommandOption("-n|--samples <N>")]
        [Description("Held-out inputs to evaluate, four layouts each (default 20).")]
        public int Samples { get; init; } = 20;

        /// <summary>Seed of the held-out input sequence.</summary>
        [CommandOption("-s|--seed <S>")]
        [Description("Seed of the held-out input sequence (required): use one the training logs were not collected with.")]
        public int? Seed { get; init; }

        /// <summary>Optional FLOP cap.</summary>
        [CommandOption("--max-gflop <G>")]
        [Description("Redraw inputs above G GFLOP (2·m·n·k), as in collect mm; default none.")]
        public double? MaxGflop { get; init; }

        /// <summary>Ranking size.</summary>
        [CommandOption("--top-k <K>")]
        [Description("Candidates kept by the learned ranking (default 3).")]
        public int TopK { get; init; } = 3;

        /// <summary>Leave cuBLASLt's first pick out of the learned candidates.</summary>
        [CommandOption("--no-first-pick")]
        [Description("Do not add cuBLASLt's first pick to the learned top-k (by default it is always autotuned with them, as PyTorch always includes extern_mm).")]
        public bool NoFirstPick { get; init; }

        /// <summary>The narrowing rule (<see cref="NarrowingSettings"/>); adaptive uses <see cref="AdaptiveNarrowing.Default"/>.</summary>
        [CommandOption("--narrowing <RULE>")]
        [Description("top-k (default) or adaptive (AdaptiveNarrowing's searched settings: agreement → first pick untimed; learned top-2 + cuBLASLt's top-2; cuBLASLt's top-2 when unsure).")]
        public string Narrowing { get; init; } = NarrowingSettings.TopK;

        /// <summary>Per-layout CSV.</summary>
        [CommandOption("-o|--out <CSV>")]
        [Description("Write one CSV row per evaluated layout (rewritten; skipped inputs go to CSV.errors.txt).")]
        public string? Out { get; init; }

        /// <summary>Optional wall-time budget.</summary>
        [CommandOption("--max-seconds <S>")]
        [Description("Start no new input after S seconds of evaluation (a device job with a hard limit); default none.")]
        public double? MaxSeconds { get; init; }

        /// <summary>CUDA device ordinal.</summary>
        [CommandOption("--device <ORDINAL>")]
        [Description("CUDA device ordinal (default 0).")]
        public int Device { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (Operation != "mm") return ValidationResult.Error($"Unknown operation '{Operation}': only mm can be evaluated in use mode.");
            if (Train.Length == 0) return ValidationResult.Error("Give at least one --train LOG.");
            if (Seed is null) return ValidationResult.Error("--seed S is required: the held-out inputs must come from a seed the training logs were not collected with.");
            if (Samples < 1) return ValidationResult.Error("--samples must be at least 1.");
            if (TopK < 1) return ValidationResult.Error("--top-k must be at least 1.");
            if (MaxGflop is double g && !(g > 0 && double.IsFinite(g))) return ValidationResult.Error("--max-gflop must be positive and finite.");
            if (MaxSeconds is double t && !(t > 0 && double.IsFinite(t))) return ValidationResult.Error("--max-seconds must be positive and finite.");
            if (Device < 0) return ValidationResult.Error("--device must not be negative.");
            return NarrowingSettings.Validate(Narrowing, null, null, null, noAgreement: false);
        }

        /// <summary>The evaluator options these settings describe.</summary>
        public MmUseOptions ToOptions() => new()
        {
            Samples = Samples, Seed = Seed ?? 0, MaxGflop = MaxGflop, TopK = TopK, AlwaysIncludeFirstPick = !NoFirstPick, Adaptive = NarrowingSettings.Adaptive(Narrowing, null, null, null, noAgreement: false), CsvPath = Out, MaxSeconds = MaxSeconds,
            ErrorLogPath = Out is null ? null : Out + ".errors.txt",
        };
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        InputFiles.Require(settings.Train, "training log");

        // The evaluator rewrites the CSV and its error list as it goes; both paths are checked up front.
        var outputs = new OutputFiles(settings.Train);
        outputs.Add("--out", settings.Out);
        if (settings.Out is not null) outputs.Add("--out", settings.ToOptions().ErrorLogPath);
        if (settings.Out is string outPath && Path.GetDirectoryName(Path.GetFullPath(outPath)) is string dir && !Directory.Exists(dir))
        {
            throw new CliUserException($"The folder of --out '{outPath}' does not exist.");
        }

        if (!CudaAvailability.IsAvailable) throw new CliUserException("No usable CUDA device: " + CudaAvailability.Reason);

        var trainClock = Stopwatch.StartNew();
        LearnedModel model = MmUseTraining.Train(settings.Train, settings.TopK, cancellationToken);
        double trainSeconds = trainClock.Elapsed.TotalSeconds;

        using var session = new GpuSession(settings.Device);
        if (model.Hardware != session.Device.Key)
        {
            throw new CliUserException($"The training logs are from {model.Hardware} but device {settings.Device} is {session.Device.Key}; the learned heuristic's precondition would never hold here.");
        }

        var heuristic = new LearnedModelHeuristic(model);
        LearnedHeuristicRegistry.Register(heuristic);
        try
        {
            // The first registered heuristic whose precondition holds decides; it must be the one just trained.
            if (LearnedHeuristicRegistry.ForName(MmUseEvaluator.Name)[0] != heuristic)
            {
                throw new CliUserException("Another learned 'mm' heuristic is already registered in this process and would decide before the one just trained.");
            }

            var options = new AutoHeuristicOptions { HardwareInfoProvider = new CudaHardwareInfoProvider(session.Device) };
            options.SetMode(MmUseEvaluator.Name, AutoHeuristicMode.Use);
            var evaluator = new MmUseEvaluator(settings.ToOptions());
            _console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Trained on {model.Summary.Inputs} inputs ({model.Summary.Rows} rows) in {trainSeconds:F1} s: {model.Summary.Leaves} leaves, depth {model.Summary.Depth}, {model.Choices.Count} choices; evaluating {settings.Samples} inputs of seed {settings.Seed} on {session.Device}."));
            UseReport report = evaluator.Run(session, options, new ProgressLines(_console), cancellationToken);
            Print(report, settings);
            return report.Layouts.Count > 0 ? 0 : 1;
        }
        finally
        {
            LearnedHeuristicRegistry.Unregister(heuristic);
        }
    }

    private void Print(UseReport report, Settings settings)
    {
        foreach (string error in report.Errors) _console.WriteLine("skipped: " + error);
        if (report.StoppedByBudget)
        {
            _console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"--max-seconds {settings.MaxSeconds:R} reached: {report.Attempted} of {report.Requested} inputs started."));
        }

        if (settings.Out is string path) _console.MarkupLine("Wrote [green]" + Markup.Escape(path) + "[/] (" + report.Layouts.Count.ToString(CultureInfo.InvariantCulture) + " layouts).");
        if (report.Layouts.Count == 0)
        {
            _console.MarkupLine("[red]error:[/] no input could be evaluated.");
            return;
        }

        UseSummary summary = UseSummary.Compute(report.Layouts);
        AdaptiveNarrowing? adaptive = settings.ToOptions().Adaptive;
        string fallback = adaptive is null ? "full autotuning" : "cuBLASLt's top-" + adaptive.FallbackCount.ToString(CultureInfo.InvariantCulture);
        _console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Inputs} inputs ({summary.Layouts} layouts), {report.Failed} skipped, {report.Elapsed.TotalSeconds:F1} s; learned heuristic unsure {summary.Unsure}, named no offered candidate {summary.NoOfferedCandidate} ({100.0 * (summary.Unsure + summary.NoOfferedCandidate) / summary.Layouts:F1} % fell back to {fallback}); learned query {summary.MeanQueryMs * 1000:F1} µs per selection."));
        _console.Write(BuildTable(summary, settings.TopK, !settings.NoFirstPick, adaptive));
    }

    /// <summary>The result table: one row per strategy.</summary>
    public static Table BuildTable(UseSummary summary, int topK, bool firstPick = true, AdaptiveNarrowing? adaptive = null)
    {
        var table = new Table()
            .AddColumn("strategy")
            .AddColumn(new TableColumn("GEMM time vs full (gmean)").RightAligned())
            .AddColumn(new TableColumn("worst").RightAligned())
            .AddColumn(new TableColumn("at the best").RightAligned())
            .AddColumn(new TableColumn("same pick as full").RightAligned())
            .AddColumn(new TableColumn("candidates timed").RightAligned())
            .AddColumn(new TableColumn("selection s").RightAligned())
            .AddColumn(new TableColumn("selection vs full").RightAligned())
            .AddColumn(new TableColumn("fallbacks").RightAligned());
        foreach (StrategySummary s in summary.Strategies)
        {
            string name = s.Strategy switch
            {
                UseStrategy.FullAutotuning => "full autotuning (all cuBLASLt candidates)",
                UseStrategy.LearnedTopK when adaptive is not null => "adaptive (" + adaptive.Describe() + "), autotuned (use mode)",
                UseStrategy.LearnedTopK => $"learned top-{topK.ToString(CultureInfo.InvariantCulture)}{(firstPick ? " + first pick" : "")}, autotuned (use mode)",
                _ => "cuBLASLt first pick (no autotuning)",
            };
            table.AddRow(
                Markup.Escape(name), F(s.GemmVsFullGmean, "F4"), F(s.GemmVsFullWorst, "F3"), F(s.AtBestPercent, "F1") + " %", F(s.SamePickAsFullPercent, "F1") + " %",
                F(s.MeanTimed, "F2"), F(s.SelectionSeconds, "F2"), F(s.SelectionVsFull, "F3"),
                s.Strategy == UseStrategy.LearnedTopK ? s.Fallbacks.ToString(CultureInfo.InvariantCulture) : "-");
        }

        return table;
    }

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    // Plain lines (the GPU job writes to a pipe): every 10 % of the inputs, with the ETA.
    private sealed class ProgressLines(IAnsiConsole console) : IProgress<UseProgress>
    {
        private int _lastTenth = -1;

        public void Report(UseProgress p)
        {
            int tenth = p.Done * 10 / p.Total;
            if (tenth == _lastTenth && p.Done != p.Total) return;
            _lastTenth = tenth;
            double eta = p.Done > 0 ? (p.Total - p.Done) * p.Elapsed.TotalSeconds / p.Done : 0;
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{p.Done}/{p.Total} inputs, skipped {p.Failed}; {p.Elapsed.TotalSeconds:F0} s elapsed, ETA {eta:F0} s; last: {p.Last}"));
        }
    }
}
