using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using AutoHeuristic.Cli.Infrastructure;
using AutoHeuristic.Cli.UseMode;
using AutoHeuristic.Cuda.Blas;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Cuda.UseMode;
using AutoHeuristic.Features;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AutoHeuristic.Cli.Commands;

/// <summary>
/// <c>collect-evaluate mm --train LOG... --candidates CSV... --top-k K</c>: the mm heuristic in
/// use mode on held-out inputs. A ranking tree is trained on the training logs; then for every
/// layout of the held-out side files (written by <c>collect mm</c>) an
/// <see cref="AutoHeuristicSelectAlgorithm{TChoice}"/> in use mode narrows cuBLASLt's candidates to
/// the learned top-k (the trained model registered through <see cref="LearnedModelHeuristic"/>), and the measured timings are replayed: achieved GEMM time (best of the
/// narrowed set) and autotuning time (the measured cost of timing each kept candidate) against
/// full autotuning and against cuBLASLt's first pick.
/// </summary>
public sealed class CollectEvaluateCommand : Command<CollectEvaluateCommand.Settings>
{
    /// <summary>One line for the help screen.</summary>
    public const string Description = "Replay collected mm timings in use mode: learned top-k vs full autotuning vs cuBLASLt's first pick.";

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

    private sealed record Candidate(string Id, int Rank, double MedianMs, double MeasureMs);

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        InputFiles.Require(settings.Train, "training log");
        InputFiles.Require(settings.Candidates, "side file");

        // The held-out files are checked before the (slower) training.
        var layouts = ReadLayouts(settings.Candidates);
        if (layouts.Count == 0) throw new CliUserException("The side files hold no held-out layout (only their header).");
        AdaptiveNarrowing? adaptive = NarrowingSettings.Adaptive(settings.Narrowing, settings.LearnedCount, settings.LibraryCount, settings.FallbackCount, settings.NoAgreement);
        var clock = Stopwatch.StartNew();
        LearnedModel model = UseEvaluateCommand.TrainMm(settings.Train, settings.TopK, cancellationToken);
        double trainSeconds = clock.Elapsed.TotalSeconds;

        var heuristic = new LearnedModelHeuristic(model);
        LearnedHeuristicRegistry.Register(heuristic);
        var options = new AutoHeuristicOptions { HardwareInfoProvider = new FixedHardware(model.Hardware) };
        options.SetMode("mm", AutoHeuristicMode.Use);
        try
        {
            double fullCost = 0, learnedCost = 0, selectSeconds = 0;
            var slowFirst = new List<double>();
            var slowLearned = new List<double>();
            var slowTop1 = new List<double>();
            int unsure = 0, kept = 0, agreements = 0;
            foreach (var (problem, candidates) in layouts)
            {
                var ctx = new AHContext();
                MmInput.AddFeatures(ctx, problem);
                double best = candidates.Min(c => c.MedianMs);
                using var selector = new AutoHeuristicSelectAlgorithm<Candidate>(() => null, candidates, c => c.Id, MmInput.AutotuneInputs(problem), ctx, "mm", StandardOperations.Mm, null, options);
                var t = Stopwatch.StartNew();
                // The live use mode's narrowing rule (top-k: unsure or no offered candidate autotunes everything).
                bool agreed = false;
                IReadOnlyList<Candidate> top = adaptive is null
                    ? UseSelection.CandidatesToAutotune(selector, candidates, settings.TopK, out LearnedOutcome outcome, !settings.NoFirstPick)
                    : adaptive.CandidatesToAutotune(selector, candidates, out outcome, out agreed);
                selectSeconds += t.Elapsed.TotalSeconds;
                if (outcome != LearnedOutcome.Ranked) unsure++;
                if (agreed) agreements++;

                // A single candidate left is taken without timing, as live (MmUseEvaluator).
                bool timed = top.Count > 1;
                kept += timed ? top.Count : 0;
                fullCost += candidates.Count > 1 ? candidates.Sum(c => c.MeasureMs) : 0;
                learnedCost += timed ? top.Sum(c => c.MeasureMs) : 0;
                slowFirst.Add(candidates.First(c => c.Rank == 0).MedianMs / best);
                slowLearned.Add(top.Min(c => c.MedianMs) / best);
                Candidate? first = selector.GetChoiceCaller();
                slowTop1.Add((first ?? candidates.First(c => c.Rank == 0)).MedianMs / best);
            }

            int n = layouts.Count;
            var table = new Table().AddColumn("strategy").AddColumn(new TableColumn("GEMM time vs best (gmean)").RightAligned())
                .AddColumn(new TableColumn("worst").RightAligned()).AddColumn(new TableColumn("at best").RightAligned())
                .AddColumn(new TableColumn("candidates timed").RightAligned()).AddColumn(new TableColumn("autotuning s").RightAligned())
                .AddColumn(new TableColumn("autotuning vs full").RightAligned());
            table.AddRow("full autotuning (all cuBLASLt candidates)", "1.0000", "1.000", "100 %", Fmt(layouts.Sum(l => l.Candidates.Count > 1 ? l.Candidates.Count : 0) / (double)n, "F2"), Fmt(fullCost / 1000, "F2"), "100 %");
            table.AddRow("cuBLASLt first pick (no autotuning)", Fmt(GMean(slowFirst), "F4"), Fmt(slowFirst.Max(), "F3"), Pct(slowFirst), "0", "0", "0 %");
            string learnedName = adaptive is null ? $"learned top-{settings.TopK}{(settings.NoFirstPick ? "" : " + first pick")} + autotuning" : "adaptive (" + adaptive.Describe() + ")";
            table.AddRow(Markup.Escape(learnedName), Fmt(GMean(slowLearned), "F4"), Fmt(slowLearned.Max(), "F3"), Pct(slowLearned), Fmt(kept / (double)n, "F2"), Fmt(learnedCost / 1000, "F2"), Fmt(100 * learnedCost / fullCost, "F1") + " %");
            table.AddRow("learned top-1 (no autotuning; first pick when unsure)", Fmt(GMean(slowTop1), "F4"), Fmt(slowTop1.Max(), "F3"), Pct(slowTop1), "0", "0", "0 %");
            _console.Write(table);
            string agreement = adaptive is { TrustAgreement: true } ? string.Create(CultureInfo.InvariantCulture, $"learned top-1 = first pick (taken untimed) {agreements} ({100.0 * agreements / n:F1} %); ") : string.Empty;
            _console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{n} held-out layouts; unsure/no match {unsure} ({100.0 * unsure / n:F1} %); {agreement}heuristic query {selectSeconds / n * 1e6:F1} µs per selection; trained on {model.Summary.Inputs} inputs ({model.Summary.Rows} rows): {model.Summary.Leaves} leaves, depth {model.Summary.Depth}, {model.Choices.Count} choices, {trainSeconds:F1} s."));
            return 0;
        }
        finally
        {
            LearnedHeuristicRegistry.Unregister(heuristic);
        }
    }

    private static string Fmt(double v, string f) => v.ToString(f, CultureInfo.InvariantCulture);

    private static string Pct(List<double> slow) => Fmt(100.0 * slow.Count(s => s <= 1.0) / slow.Count, "F1") + " %";

    private static double GMean(List<double> xs) => Math.Exp(xs.Average(Math.Log));

    private static List<(MatmulProblem Problem, List<Candidate> Candidates)> ReadLayouts(IEnumerable<string> files)
    {
        var groups = new Dictionary<string, (MatmulProblem, List<Candidate>)>(StringComparer.Ordinal);
        var order = new List<string>();
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in files)
        {
            string[] lines = File.ReadAllLines(path);
            if (lines.Length == 0 || lines[0] != MmCollector.CandidatesHeader) throw new CliUserException($"'{path}' is not a side file of 'collect mm' (header differs).");
            for (int i = 1; i < lines.Length; i++)
            {
                string[] c = lines[i].Split(',');
                if (c.Length != 19) throw new CliUserException($"'{path}' line {i + 1}: expected 19 cells, found {c.Length}.");
                if (!GemmDTypes.TryFromTorchName(c[6], out GemmDType dtype))
                {
                    throw new CliUserException($"'{path}' line {i + 1}: unknown dtype '{c[6]}' in column 'dtype' (expected torch.float16, torch.bfloat16 or torch.float32).");
                }

                string key = path + "|" + c[0] + "|" + c[1] + "|" + c[2];
                string where = $"'{path}' line {i + 1}";
                if (!groups.TryGetValue(key, out var g))
                {
                    long L(int j) => SideFileNumbers.Whole(c[j], j, where);
                    var problem = new MatmulProblem(L(3), L(4), L(5), dtype, c[7] == "True", L(8), L(9), L(10), L(11), L(5));
                    g = (problem, new List<Candidate>());
                    groups[key] = g;
                    order.Add(key);
                    paths[key] = path;
                }

                g.Item2.Add(new Candidate(c[13], (int)SideFileNumbers.Whole(c[12], 12, where), SideFileNumbers.Time(c[15], 15, where), SideFileNumbers.Time(c[18], 18, where)));
            }
        }

        // Every replay compares with cuBLASLt's first pick (rank 0).
        foreach (string key in order)
        {
            if (!groups[key].Item2.Any(c => c.Rank == 0)) throw new CliUserException($"'{paths[key]}': a layout has no candidate of rank 0 (cuBLASLt's first pick); the side file is incomplete.");
        }

        // cuBLASLt's rank order, so the first candidate of a layout is its first pick (as offered live).
        return order.Select(k => (groups[k].Item1, groups[k].Item2.OrderBy(c => c.Rank).ToList())).ToList();
    }

    // The side file's numbers, each a clear error naming file, line and column when it is not one.
    private static class SideFileNumbers
    {
        public static long Whole(string cell, int column, string where) =>
            long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) && value >= 0 && value <= int.MaxValue
                ? value
                : throw new CliUserException($"{where} column {column + 1}: expected a whole number, found '{cell}'.");

        public static double Time(string cell, int column, string where) =>
            double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && value >= 0
                ? value
                : throw new CliUserException($"{where} column {column + 1}: expected a time in ms (a finite number ≥ 0), found '{cell}'.");
    }

    private sealed class FixedHardware(HardwareKey key) : IHardwareInfoProvider
    {
        public HardwareInfo GetHardwareInfo() => new("replayed", key.SharedMemory, key.Capability);
    }
}
