using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using AutoHeuristic.Cli.Infrastructure;
using AutoHeuristic.Cli.UseMode;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Cuda.UseMode;
using AutoHeuristic.Learning.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AutoHeuristic.Cli.Commands;

/// <summary>
/// <c>collect-evaluate mm --train LOG... --candidates CSV... --top-k K</c>: the mm heuristic in
/// use mode on held-out inputs. The side files (<see cref="CandidatesFile"/>, written by
/// <c>collect mm</c>) are read, a ranking tree is trained on the training logs and registered
/// through <see cref="LearnedModelHeuristic"/>, and <see cref="MmUseReplay"/> replays every layout
/// with the chosen narrowing rule (the learned top-k, or <c>--narrowing adaptive</c>:
/// <see cref="AdaptiveNarrowing"/>, built by <see cref="NarrowingSettings"/>): achieved GEMM time
/// (best of the narrowed set) and autotuning time (the measured cost of timing each kept candidate;
/// a single kept candidate is taken untimed) against full autotuning and against cuBLASLt's first
/// pick (<see cref="ReplaySummary"/>). This command only reads, calls and prints.
/// </summary>
public sealed class CollectEvaluateCommand : Command<CollectEvaluateCommand.Settings>
{
    /// <summary>One line for the help screen.</summary>
    public const string Description = "Replay collected mm timings in use mode: learned top-k (or adaptive narrowing) vs full autotuning vs cuBLASLt's first pick.";

    private readonly IAnsiConsole _console;

    /// <summary>Creates the command.</summary>
    public CollectEvaluateCommand(IAnsiConsole console) => _console = console;

    /// <summary>Arguments of <c>collect-evaluate</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Only <c>mm</c> is supported.</summary>
        [CommandArgument(0, "<OPERATION>")]
        [Description("mm.")]
        public string Operation { get; init; } = "mm";

        /// <summary>Training logs.</summary>
        [CommandOption("--train <LOG>")]
        [Description("mm training logs (repeatable).")]
        public string[] Train { get; init; } = Array.Empty<string>();

        /// <summary>Held-out side files.</summary>
        [CommandOption("--candidates <CSV>")]
        [Description("Side files (OUT.candidates.csv) of held-out collections (repeatable).")]
        public string[] Candidates { get; init; } = Array.Empty<string>();

        /// <summary>Ranking size.</summary>
        [CommandOption("--top-k <K>")]
        [Description("Candidates kept by the learned ranking (default 3).")]
        public int TopK { get; init; } = 3;

        /// <summary>Leave cuBLASLt's first pick out of the learned candidates.</summary>
        [CommandOption("--no-first-pick")]
        [Description("Do not add cuBLASLt's first pick to the learned top-k (by default it is always autotuned with them, as in use-evaluate).")]
        public bool NoFirstPick { get; init; }

        /// <summary>The narrowing rule and its counts (<see cref="NarrowingSettings"/>).</summary>
        [CommandOption("--narrowing <RULE>")]
        [Description("top-k (default: the learned top-k + first pick, every candidate when unsure) or adaptive (AdaptiveNarrowing: agreement → first pick untimed; learned + cuBLASLt's top ones; cuBLASLt's top ones when unsure).")]
        public string Narrowing { get; init; } = NarrowingSettings.TopK;

        /// <summary>Adaptive: learned candidates kept.</summary>
        [CommandOption("--learned-count <N>")]
        [Description("adaptive: learned candidates autotuned when the ranking disagrees with cuBLASLt (default 2).")]
        public int? LearnedCount { get; init; }

        /// <summary>Adaptive: cuBLASLt's first candidates kept beside the learned ones.</summary>
        [CommandOption("--library-count <M>")]
        [Description("adaptive: cuBLASLt's first M candidates autotuned beside the learned ones (default 2).")]
        public int? LibraryCount { get; init; }

        /// <summary>Adaptive: cuBLASLt's first candidates kept when unsure.</summary>
        [CommandOption("--fallback-count <F>")]
        [Description("adaptive: cuBLASLt's first F candidates autotuned when the ranking is unsure or names no offered candidate (default 2).")]
        public int? FallbackCount { get; init; }

        /// <summary>Adaptive: time the candidates even when the learned top-1 is cuBLASLt's first pick.</summary>
        [CommandOption("--no-agreement")]
        [Description("adaptive: do not take cuBLASLt's first pick untimed when the learned top-1 agrees with it.")]
        public bool NoAgreement { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (Operation != "mm") return ValidationResult.Error("Only mm can be evaluated in use mode.");
            if (Train.Length == 0 || Candidates.Length == 0) return ValidationResult.Error("Give --train LOG and --candidates CSV.");
            if (TopK < 1) return ValidationResult.Error("--top-k must be at least 1.");
            return NarrowingSettings.Validate(Narrowing, LearnedCount, LibraryCount, FallbackCount, NoAgreement);
        }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        InputFiles.Require(settings.Train, "training log");
        InputFiles.Require(settings.Candidates, "side file");

        // The held-out files are checked before the (slower) training.
        IReadOnlyList<CandidateLayout> layouts;
        try
        {
            layouts = CandidatesFile.ReadLayouts(settings.Candidates);
        }
        catch (CandidatesFileException e)
        {
            throw new CliUserException(e.Message);
        }

        if (layouts.Count == 0) throw new CliUserException("The side files hold no held-out layout (only their header).");
        AdaptiveNarrowing? adaptive = NarrowingSettings.Adaptive(settings.Narrowing, settings.LearnedCount, settings.LibraryCount, settings.FallbackCount, settings.NoAgreement);
        var clock = Stopwatch.StartNew();
        LearnedModel model = MmUseTraining.Train(settings.Train, settings.TopK, cancellationToken);
        double trainSeconds = clock.Elapsed.TotalSeconds;

        var heuristic = new LearnedModelHeuristic(model);
        LearnedHeuristicRegistry.Register(heuristic);
        try
        {
            ReplaySummary summary = new MmUseReplay(model.Hardware, settings.TopK, !settings.NoFirstPick, adaptive).Run(layouts);
            _console.Write(BuildTable(summary, settings.TopK, !settings.NoFirstPick, adaptive));
            string agreement = adaptive is { TrustAgreement: true } ? string.Create(CultureInfo.InvariantCulture, $"learned top-1 = first pick (taken untimed) {summary.Agreements} ({summary.AgreementPercent:F1} %); ") : string.Empty;
            _console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{summary.Layouts} held-out layouts; unsure/no match {summary.Fallbacks} ({summary.FallbackPercent:F1} %); {agreement}heuristic query {summary.MeanQueryMs * 1000:F1} µs per selection; trained on {model.Summary.Inputs} inputs ({model.Summary.Rows} rows): {model.Summary.Leaves} leaves, depth {model.Summary.Depth}, {model.Choices.Count} choices, {trainSeconds:F1} s."));
            return 0;
        }
        finally
        {
            LearnedHeuristicRegistry.Unregister(heuristic);
        }
    }

    /// <summary>The result table: one row per way of picking a kernel; the use-mode row is named after the narrowing rule (<paramref name="adaptive"/>, or the learned top-<paramref name="topK"/> when null).</summary>
    public static Table BuildTable(ReplaySummary summary, int topK, bool firstPick = true, AdaptiveNarrowing? adaptive = null)
    {
        if (summary is null) throw new ArgumentNullException(nameof(summary));
        var table = new Table().AddColumn("strategy").AddColumn(new TableColumn("GEMM time vs best (gmean)").RightAligned())
            .AddColumn(new TableColumn("worst").RightAligned()).AddColumn(new TableColumn("at best").RightAligned())
            .AddColumn(new TableColumn("candidates timed").RightAligned()).AddColumn(new TableColumn("autotuning s").RightAligned())
            .AddColumn(new TableColumn("autotuning vs full").RightAligned());
        void Row(string name, ReplayStrategy s) => table.AddRow(
            Markup.Escape(name), Fmt(s.GemmVsBestGmean, "F4"), Fmt(s.GemmVsBestWorst, "F3"), Fmt(s.AtBestPercent, "F1") + " %", Fmt(s.MeanTimed, "F2"), Fmt(s.AutotuningMs / 1000, "F2"), Share(summary.ShareOfFullAutotuning(s)));
        Row("full autotuning (all cuBLASLt candidates)", summary.FullAutotuning);
        Row("cuBLASLt first pick (no autotuning)", summary.FirstPick);
        Row(adaptive is null ? $"learned top-{topK.ToString(CultureInfo.InvariantCulture)}{(firstPick ? " + first pick" : "")} + autotuning" : "adaptive (" + adaptive.Describe() + ")", summary.LearnedTopK);
        Row("learned top-1 (no autotuning; first pick when unsure)", summary.LearnedTop1);
        return table;
    }

    private static string Fmt(double v, string f) => v.ToString(f, CultureInfo.InvariantCulture);

    // Full autotuning costs nothing only when every layout had a single candidate: no share then.
    private static string Share(double share) => double.IsNaN(share) ? "–" : Fmt(100 * share, "F1") + " %";
}
