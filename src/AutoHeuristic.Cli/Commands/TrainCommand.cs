using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using AutoHeuristic.Cli.Infrastructure;
using AutoHeuristic.Cli.Pictures;
using AutoHeuristic.Cli.Reports;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Learning.CodeGen;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Rendering;
using AutoHeuristic.Learning.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AutoHeuristic.Cli.Commands;

/// <summary>
/// <c>train LOG...</c>: PyTorch's <c>train_decision.py</c> (and better): trains the grid, selects a
/// model, prints the grid and per-set tables, and writes the JSON report, the tree as DOT / SVG
/// and the heuristic as C#.
/// </summary>
public sealed class TrainCommand : Command<TrainCommand.Settings>
{
    /// <summary>One line for the help screen.</summary>
    public const string Description = "Train a heuristic from logs: grid search, selection and evaluation as PyTorch's trainer, with reports, tree pictures and C#.";

    /// <summary>The extra data set that holds an adaptive collection's inputs picked as unsure (<c>--validate-on-uniform</c>).</summary>
    public const string AdaptivePicksSet = "adaptive_picks";

    private readonly IAnsiConsole _console;

    /// <summary>Creates the command.</summary>
    public TrainCommand(IAnsiConsole console) => _console = console;

    /// <summary>Arguments of <c>train</c>.</summary>
    public sealed class Settings : TrainingSettings
    {
        /// <summary>The training logs.</summary>
        [CommandArgument(0, "<LOG>")]
        [Description("Training logs; logs of one heuristic and hardware are trained together.")]
        public string[] Logs { get; init; } = Array.Empty<string>();

        /// <summary>The JSON report.</summary>
        [CommandOption("--json <FILE>")]
        [Description("Write the selected model, its metrics per set, the grid and the training seconds as JSON.")]
        public string? Json { get; init; }

        /// <summary>The DOT file.</summary>
        [CommandOption("--dot <FILE>")]
        [Description("Write the selected tree as graphviz DOT.")]
        public string? Dot { get; init; }

        /// <summary>The SVG file.</summary>
        [CommandOption("--svg <FILE>")]
        [Description("Write the selected tree as an SVG picture.")]
        public string? Svg { get; init; }

        /// <summary>The C# file.</summary>
        [CommandOption("--emit-cs <FILE>")]
        [Description("Write the learned heuristic as C# (the same code the source generator emits).")]
        public string? EmitCs { get; init; }

        /// <summary>The model file.</summary>
        [CommandOption("--save-model <FILE>")]
        [Description("Write the selected models (every heuristic and hardware of the run) as a JSON model file for evaluate --model.")]
        public string? SaveModel { get; init; }

        /// <summary>The per-input decisions CSV.</summary>
        [CommandOption("--decisions <CSV>")]
        [Description("Write one CSV row per input of every set (train, val, test, --data sets) with the selected model's decision, as evaluate --decisions.")]
        public string? Decisions { get; init; }

        /// <summary>The pictures folder.</summary>
        [CommandOption("--plots <DIR>")]
        [Description("Write pictures into this folder: each model's tree as PNG and SVG, and per set (train, val, test, --data sets) a PNG and SVG plot of the heuristic's time over the best time across inputs, with always-X baselines.")]
        public string? Plots { get; init; }

        /// <summary>Namespace of the emitted C#.</summary>
        [CommandOption("--namespace <NAMESPACE>")]
        [Description("Namespace of the --emit-cs class (default: none).")]
        public string? Namespace { get; init; }

        /// <summary>Class of the emitted C#.</summary>
        [CommandOption("--class <NAME>")]
        [Description("Class holding the --emit-cs heuristics (default: LearnedHeuristics).")]
        [DefaultValue("LearnedHeuristics")]
        public string ClassName { get; init; } = "LearnedHeuristics";

        /// <summary>Choices listed per leaf in pictures.</summary>
        [CommandOption("--leaf-choices <N>")]
        [Description("Choices listed per leaf in --dot / --svg (default 5).")]
        [DefaultValue(5)]
        public int LeafChoices { get; init; } = 5;

        /// <summary>Skip PyTorch's per-set tables.</summary>
        [CommandOption("--brief")]
        [Description("Print only the grid and the selected model, not PyTorch's per-set tables.")]
        public bool Brief { get; init; }

        /// <summary>Validate and test on the uniformly drawn inputs of an adaptive collection only.</summary>
        [CommandOption("--validate-on-uniform")]
        [Description("For a log collected with 'collect --adaptive': validate and test on its uniformly drawn inputs only (LOG.sampling.csv says which); the inputs picked as unsure train only (set 'adaptive_picks').")]
        public bool ValidateOnUniform { get; init; }

        /// <summary>Show informational problems too.</summary>
        [CommandOption("-v|--verbose")]
        [Description("Also list informational notes about the logs (BOM, CRLF, …).")]
        public bool Verbose { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (Logs.Length == 0) return ValidationResult.Error("Give at least one training log.");
            if (LeafChoices < 0) return ValidationResult.Error("--leaf-choices must be 0 or more.");
            if (ValidateOnUniform && Logs.Length != 1) return ValidationResult.Error("--validate-on-uniform takes exactly one log (the one its sampling side file describes).");

            // Checked before training: the --emit-cs file must compile, so these must be C# names.
            if (!string.IsNullOrEmpty(Namespace) && CSharpText.NamespaceProblem(Namespace!) is string namespaceProblem) return ValidationResult.Error("--namespace: " + namespaceProblem + ".");
            if (HeuristicClassWriter.ClassNameProblem(ClassName) is string classProblem) return ValidationResult.Error("--class: " + classProblem + ".");
            return base.Validate();
        }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var extra = settings.DataSets().Select(d => (d.Name, d.Path, (int?)null)).ToList();
        InputFiles.Require(settings.Logs, "log");
        InputFiles.Require(extra.Select(e => e.Path), "log");
        Outputs outputs = Outputs.Check(settings, settings.Logs.Concat(extra.Select(e => e.Path)));

        TrainingOptions options = settings.ToOptions() with { KeepDecisions = outputs.NeedsDecisions };
        TrainingRun run;
        if (settings.ValidateOnUniform)
        {
            // The parts are read under the log's own path, so reports and problems name the log as usual.
            SampledLogParts parts;
            try
            {
                parts = SampledLogParts.Read(settings.Logs[0]);
            }
            catch (InvalidDataException e)
            {
                throw new CliUserException(e.Message + " --validate-on-uniform needs the side file of an adaptive collection.");
            }

            _console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Validating and testing on the {parts.UniformInputs} uniformly drawn inputs; the {parts.PickedInputs} inputs picked as unsure train only (set '{AdaptivePicksSet}')."));
            var sets = extra.Select(e => new ExtraDataSet(e.Name, new[] { LogFiles.Read(e.Path) })).ToList();
            if (parts.PickedInputs > 0) sets.Add(new ExtraDataSet(AdaptivePicksSet, new[] { LogReader.Parse(settings.Logs[0], parts.PickedLog) }) { TrainingCopies = 1 });
            ParsedLog uniform = LogReader.Parse(settings.Logs[0], parts.UniformLog);
            run = TrainingSession.Run(_console, new[] { uniform }, sets, options, cancellationToken);
        }
        else
        {
            run = TrainingSession.Run(_console, settings.Logs, extra, options, cancellationToken);
        }

        TrainingResult result = run.Result;

        TrainingReport.WriteProblems(_console, result.Problems, settings.Verbose);
        foreach (HeuristicTrainingResult h in result.Heuristics)
        {
            TrainingReport.Write(_console, h, perSetTables: !settings.Brief, ranking: settings.Ranking.HasValue);
        }

        _console.MarkupLine(Markup.Escape($"total {Numbers.Seconds(run.Seconds)} s (reading and training)"));
        WriteOutputs(_console, settings, outputs, result, run.Seconds);
        if (result.Heuristics.Count == 0) return CliErrors.UserError;
        return result.Models.Count == result.Heuristics.Count ? 0 : NoModelExitCode;
    }

    /// <summary>Exit code when training ran but some heuristic got no eligible model.</summary>
    public const int NoModelExitCode = 2;

    /// <summary>The output files of <c>train</c>, checked together before training (<see cref="OutputFiles"/>).</summary>
    internal sealed record Outputs(OutputFiles Policy, OutputFile? Json, OutputFile? SaveModel, OutputFile? Dot, OutputFile? Svg, OutputFile? EmitCs, OutputFile? Decisions, string? PlotsFolder)
    {
        /// <summary>Whether training must keep every input's decision.</summary>
        public bool NeedsDecisions => Decisions is not null || PlotsFolder is not null;

        /// <summary>Checks every output option of <paramref name="settings"/> against the inputs and each other.</summary>
        public static Outputs Check(Settings settings, IEnumerable<string> inputs)
        {
            var policy = new OutputFiles(inputs);
            return new Outputs(
                policy,
                policy.Add("--json", settings.Json),
                policy.Add("--save-model", settings.SaveModel),
                policy.Add("--dot", settings.Dot),
                policy.Add("--svg", settings.Svg),
                policy.Add("--emit-cs", settings.EmitCs),
                policy.Add("--decisions", settings.Decisions),
                PlotFiles.CheckFolder(settings.Plots));
        }
    }

    internal static void WriteOutputs(IAnsiConsole console, Settings settings, Outputs outputs, TrainingResult result, double seconds)
    {
        IReadOnlyList<LearnedModel> models = result.Models;

        // The per-model picture names are known only now; all of them are checked before the first file is written.
        var options = new TreeRenderOptions { MaxChoicesPerLeaf = settings.LeafChoices };
        var pictures = new List<(OutputFile File, LearnedModel Model, Func<LearnedModel, string> Render)>();
        foreach ((OutputFile? basis, Func<LearnedModel, string> render) in new (OutputFile?, Func<LearnedModel, string>)[]
                 {
                     (outputs.Dot, m => DotRenderer.Render(m, options)),
                     (outputs.Svg, m => SvgRenderer.Render(m, options)),
                 })
        {
            if (basis is null || models.Count == 0) continue;
            foreach (LearnedModel model in models)
            {
                pictures.Add((models.Count == 1 ? basis : outputs.Policy.AddDerived(basis, ModelSuffix(model)), model, render));
            }
        }

        if (outputs.Json is not null)
        {
            outputs.Json.WriteText(JsonReport.ToJson(result, seconds));
            Wrote(console, outputs.Json);
        }

        if (outputs.SaveModel is not null)
        {
            if (models.Count == 0)
            {
                NoModel(console, outputs.SaveModel);
            }
            else
            {
                outputs.SaveModel.WriteText(ModelFile.Write(models));
                console.MarkupLine("Wrote [green]" + Markup.Escape(outputs.SaveModel.Path) + "[/] (" + Numbers.Int(models.Count) + (models.Count == 1 ? " model)." : " models)."));
            }
        }

        if (models.Count == 0)
        {
            if (outputs.Dot is not null) NoModel(console, outputs.Dot);
            if (outputs.Svg is not null) NoModel(console, outputs.Svg);
        }

        foreach (var (file, model, render) in pictures)
        {
            file.WriteText(render(model));
            Wrote(console, file);
        }

        if (outputs.Decisions is not null)
        {
            var listings = result.Heuristics.SelectMany(h => h.Decisions.Values).ToList();
            if (listings.Count == 0)
            {
                NoModel(console, outputs.Decisions);
            }
            else
            {
                outputs.Decisions.WriteText(DecisionsCsv.Write(listings));
                Wrote(console, outputs.Decisions);
            }
        }

        if (outputs.PlotsFolder is not null)
        {
            if (models.Count == 0) console.MarkupLine("[yellow]No model to draw into " + Markup.Escape(outputs.PlotsFolder) + ".[/]");
            foreach (OutputFile file in PlotFiles.Write(outputs.Policy, outputs.PlotsFolder, result, options)) Wrote(console, file);
        }

        if (outputs.EmitCs is not null)
        {
            if (models.Count == 0)
            {
                NoModel(console, outputs.EmitCs);
                return;
            }

            outputs.EmitCs.WriteText(LearnedModelCSharpEmitter.WriteStandaloneFile(models, settings.Namespace, settings.ClassName));
            Wrote(console, outputs.EmitCs);
        }
    }

    private static void Wrote(IAnsiConsole console, OutputFile file) => console.MarkupLine("Wrote [green]" + Markup.Escape(file.Path) + "[/].");

    private static void NoModel(IAnsiConsole console, OutputFile file) => console.MarkupLine("[yellow]No model to write to " + Markup.Escape(file.Path) + ".[/]");

    // With several models, each picture's file name gets the heuristic and capability (pad_mm_8_0),
    // so they never overwrite each other; OutputFiles sanitises it.
    internal static string ModelSuffix(LearnedModel model) =>
        model.Name + "_" + Numbers.Int(model.Hardware.Capability.Major) + "_" + Numbers.Int(model.Hardware.Capability.Minor);
}
