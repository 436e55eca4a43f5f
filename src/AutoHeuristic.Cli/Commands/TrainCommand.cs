using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using AutoHeuristic.Cli.Infrastructure;
using AutoHeuristic.Cli.Reports;
using AutoHeuristic.Learning.CodeGen;
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

        /// <summary>Show informational problems too.</summary>
        [CommandOption("-v|--verbose")]
        [Description("Also list informational notes about the logs (BOM, CRLF, …).")]
        public bool Verbose { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (Logs.Length == 0) return ValidationResult.Error("Give at least one training log.");
            if (LeafChoices < 0) return ValidationResult.Error("--leaf-choices must be 0 or more.");

            // Checked before training: the --emit-cs file must compile, so these must be C# names.
            if (!string.IsNullOrEmpty(Namespace) && CSharpText.NamespaceProblem(Namespace!) is string namespaceProblem) return ValidationResult.Error("--namespace: " + namespaceProblem + ".");
            if (CSharpText.TypeNameProblem(ClassName) is string classProblem) return ValidationResult.Error("--class: " + classProblem + ".");
            return base.Validate();
        }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var extra = settings.DataSets().Select(d => (d.Name, d.Path, (int?)null)).ToList();
        TrainingRun run = TrainingSession.Run(_console, settings.Logs, extra, settings.ToOptions(), cancellationToken);
        TrainingResult result = run.Result;

        TrainingReport.WriteProblems(_console, result.Problems, settings.Verbose);
        foreach (HeuristicTrainingResult h in result.Heuristics)
        {
            TrainingReport.Write(_console, h, perSetTables: !settings.Brief, ranking: settings.Ranking.HasValue);
        }

        _console.MarkupLine(Markup.Escape($"total {Numbers.Seconds(run.Seconds)} s (reading and training)"));
        WriteOutputs(_console, settings, result, run.Seconds);
        if (result.Heuristics.Count == 0) return CliErrors.UserError;
        return result.Models.Count == result.Heuristics.Count ? 0 : NoModelExitCode;
    }

    /// <summary>Exit code when training ran but some heuristic got no eligible model.</summary>
    public const int NoModelExitCode = 2;

    internal static void WriteOutputs(IAnsiConsole console, Settings settings, TrainingResult result, double seconds)
    {
        if (settings.Json is not null)
        {
            JsonReport.Write(settings.Json, result, seconds);
            console.MarkupLine("Wrote [green]" + Markup.Escape(settings.Json) + "[/].");
        }

        IReadOnlyList<LearnedModel> models = result.Models;
        if (settings.SaveModel is not null)
        {
            if (models.Count == 0)
            {
                console.MarkupLine("[yellow]No model to write to " + Markup.Escape(settings.SaveModel) + ".[/]");
            }
            else
            {
                ModelFile.Save(settings.SaveModel, models);
                console.MarkupLine("Wrote [green]" + Markup.Escape(settings.SaveModel) + "[/] (" + Numbers.Int(models.Count) + (models.Count == 1 ? " model)." : " models)."));
            }
        }

        var options = new TreeRenderOptions { MaxChoicesPerLeaf = settings.LeafChoices };
        if (settings.Dot is not null) WritePerModel(console, settings.Dot, models, m => DotRenderer.Render(m, options));
        if (settings.Svg is not null) WritePerModel(console, settings.Svg, models, m => SvgRenderer.Render(m, options));
        if (settings.EmitCs is not null)
        {
            if (models.Count == 0)
            {
                console.MarkupLine("[yellow]No model to write to " + Markup.Escape(settings.EmitCs) + ".[/]");
                return;
            }

            WriteText(settings.EmitCs, LearnedModelCSharpEmitter.WriteStandaloneFile(models, settings.Namespace, settings.ClassName));
            console.MarkupLine("Wrote [green]" + Markup.Escape(settings.EmitCs) + "[/].");
        }
    }

    // One picture per model: the path as given for a single model, else suffixed with the
    // heuristic name and capability (pad_mm_8_0) so several models never overwrite each other.
    private static void WritePerModel(IAnsiConsole console, string path, IReadOnlyList<LearnedModel> models, Func<LearnedModel, string> render)
    {
        if (models.Count == 0)
        {
            console.MarkupLine("[yellow]No model to write to " + Markup.Escape(path) + ".[/]");
            return;
        }

        foreach (LearnedModel model in models)
        {
            string target = models.Count == 1 ? path : SuffixedPath(path, model);
            WriteText(target, render(model));
            console.MarkupLine("Wrote [green]" + Markup.Escape(target) + "[/].");
        }
    }

    internal static string SuffixedPath(string path, LearnedModel model)
    {
        string suffix = "_" + model.Name + "_" + Numbers.Int(model.Hardware.Capability.Major) + "_" + Numbers.Int(model.Hardware.Capability.Minor);
        string dir = Path.GetDirectoryName(path) ?? string.Empty;
        return Path.Combine(dir, Path.GetFileNameWithoutExtension(path) + suffix + Path.GetExtension(path));
    }

    private static void WriteText(string path, string text)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllText(path, text, new UTF8Encoding(false));
    }
}
