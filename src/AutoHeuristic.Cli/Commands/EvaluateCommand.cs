using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Threading;
using AutoHeuristic.Cli.Infrastructure;
using AutoHeuristic.Cli.Reports;
using AutoHeuristic.Learning.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AutoHeuristic.Cli.Commands;

/// <summary>
/// <c>evaluate --train LOG... LOG...</c>: trains on the <c>--train</c> logs exactly as <c>train</c>
/// does, then reports the selected model on each other log as its own set (never added to
/// training): how a heuristic learned on one run or machine holds up on another.
/// </summary>
public sealed class EvaluateCommand : Command<EvaluateCommand.Settings>
{
    /// <summary>One line for the help screen.</summary>
    public const string Description = "Train on some logs and evaluate the selected model on other logs (each its own set, never trained on).";

    private readonly IAnsiConsole _console;

    /// <summary>Creates the command.</summary>
    public EvaluateCommand(IAnsiConsole console) => _console = console;

    /// <summary>Arguments of <c>evaluate</c>.</summary>
    public sealed class Settings : TrainingSettings
    {
        /// <summary>The logs to evaluate on.</summary>
        [CommandArgument(0, "<LOG>")]
        [Description("Logs to evaluate on; each becomes a set named after its file.")]
        public string[] Logs { get; init; } = Array.Empty<string>();

        /// <summary>The logs to train on.</summary>
        [CommandOption("-t|--train <LOG>")]
        [Description("A log to train on (repeatable).")]
        public string[] Train { get; init; } = Array.Empty<string>();

        /// <summary>The JSON report.</summary>
        [CommandOption("--json <FILE>")]
        [Description("Write the selected model and its metrics per set as JSON (same layout as train --json).")]
        public string? Json { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (Train.Length == 0) return ValidationResult.Error("Give the logs to train on with --train LOG.");
            if (Logs.Length == 0) return ValidationResult.Error("Give at least one log to evaluate on.");
            return base.Validate();
        }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var extra = new List<(string Name, string Path, int? TrainingCopies)>();
        var names = new HashSet<string>(StringComparer.Ordinal) { "train", "val", "test" };
        foreach ((string name, string path) in settings.DataSets())
        {
            names.Add(name);
            extra.Add((name, path, null));
        }

        foreach (string path in settings.Logs)
        {
            // Set names follow the file name; repeated names get a counter so every log stays visible.
            string name = Path.GetFileNameWithoutExtension(path);
            string unique = name;
            for (int i = 2; !names.Add(unique); i++) unique = name + "#" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            extra.Add((unique, path, 0));
        }

        TrainingRun run = TrainingSession.Run(_console, settings.Train, extra, settings.ToOptions(), cancellationToken);
        TrainingReport.WriteProblems(_console, run.Result.Problems, verbose: false);
        foreach (HeuristicTrainingResult h in run.Result.Heuristics)
        {
            TrainingReport.Write(_console, h, perSetTables: false, ranking: settings.Ranking.HasValue);
        }

        // The engine evaluates only logs of the trained heuristic and hardware; say which were left out.
        foreach (var (name, path, _) in extra.Where(e => e.TrainingCopies == 0))
        {
            if (run.Result.Heuristics.Any(h => h.SetNames.Contains(name))) continue;
            _console.MarkupLine("[yellow]not evaluated:[/] " + Markup.Escape(
                $"'{path}' holds no usable rows of a trained heuristic on the same hardware (a model is only evaluated on logs of its own heuristic and hardware)."));
        }

        if (settings.Json is not null)
        {
            JsonReport.Write(settings.Json, run.Result, run.Seconds);
            _console.MarkupLine("Wrote [green]" + Markup.Escape(settings.Json) + "[/].");
        }

        if (run.Result.Heuristics.Count == 0) return CliErrors.UserError;
        return run.Result.Models.Count == run.Result.Heuristics.Count ? 0 : TrainCommand.NoModelExitCode;
    }
}
