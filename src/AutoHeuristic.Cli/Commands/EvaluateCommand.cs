using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using AutoHeuristic.Cli.Infrastructure;
using AutoHeuristic.Cli.Reports;
using AutoHeuristic.Learning;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Training;
using Spectre.Console;
using Spectre.Console.Cli;

// --experimental-filter evaluates as a model trained with the filter needs.
#pragma warning disable AHEXP001

namespace AutoHeuristic.Cli.Commands;

/// <summary>
/// <c>evaluate --train LOG... LOG...</c>: trains on the <c>--train</c> logs exactly as <c>train</c>
/// does, then reports the selected model on each other log as its own set (never added to
/// training): how a heuristic learned on one run or machine holds up on another.
/// <c>evaluate --model FILE LOG...</c> does the same with the models of a saved model file.
/// </summary>
public sealed class EvaluateCommand : Command<EvaluateCommand.Settings>
{
    /// <summary>One line for the help screen.</summary>
    public const string Description = "Train on some logs (or load a saved model) and evaluate the model on other logs (each its own set, never trained on).";

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

        /// <summary>A saved model file to evaluate instead of training.</summary>
        [CommandOption("-m|--model <FILE>")]
        [Description("Evaluate the models of this file (written by train --save-model) instead of training; each log is evaluated with the model of its heuristic and hardware.")]
        public string? Model { get; init; }

        /// <summary>The JSON report.</summary>
        [CommandOption("--json <FILE>")]
        [Description("Write the selected model and its metrics per set as JSON (same layout as train --json).")]
        public string? Json { get; init; }

        /// <summary>The per-input decisions CSV.</summary>
        [CommandOption("--decisions <CSV>")]
        [Description("Write one CSV row per evaluated input: its features, the decision (empty when unsure), probability, leaf, the best measured choice, the default, the regret and every choice's median time.")]
        public string? Decisions { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (Model is not null)
            {
                if (Train.Length > 0) return ValidationResult.Error("Give either --train LOG (train, then evaluate) or --model FILE (evaluate a saved model), not both.");
                if (Data.Length > 0 || Ranking is not null) return ValidationResult.Error("--data and --ranking are training options; with --model the model file decides, and every log is its own set.");
            }
            else if (Train.Length == 0)
            {
                return ValidationResult.Error("Give the logs to train on with --train LOG, or a saved model with --model FILE.");
            }

            if (Logs.Length == 0) return ValidationResult.Error("Give at least one log to evaluate on.");
            return base.Validate();
        }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // Every input is checked, then every output, before any reading or training.
        IReadOnlyList<(string Name, string Path)> dataSets = settings.DataSets();
        InputFiles.Require(settings.Train, "log");
        InputFiles.Require(dataSets.Select(d => d.Path), "log");
        if (settings.Model is not null) InputFiles.Require(settings.Model, "model file");
        InputFiles.Require(settings.Logs, "log");
        var inputs = settings.Train.Concat(dataSets.Select(d => d.Path)).Concat(settings.Logs).Append(settings.Model ?? string.Empty);
        var outputs = new OutputFiles(inputs);
        OutputFile? json = outputs.Add("--json", settings.Json);
        OutputFile? decisions = outputs.Add("--decisions", settings.Decisions);

        if (settings.Model is not null) return EvaluateSavedModel(settings, settings.Model, json, decisions, cancellationToken);
        var extra = new List<(string Name, string Path, int? TrainingCopies)>();
        var names = new HashSet<string>(StringComparer.Ordinal) { "train", "val", "test" };
        foreach ((string name, string path) in dataSets)
        {
            names.Add(name);
            extra.Add((name, path, null));
        }

        foreach (string path in settings.Logs)
        {
            extra.Add((UniqueSetName(names, path), path, 0));
        }

        TrainingRun run = TrainingSession.Run(_console, settings.Train, extra, settings.ToOptions() with { KeepDecisions = decisions is not null }, cancellationToken);
        TrainingReport.WriteProblems(_console, run.Result.Problems, verbose: false);
        foreach (HeuristicTrainingResult h in run.Result.Heuristics)
        {
            TrainingReport.Write(_console, h, perSetTables: false, ranking: settings.Ranking.HasValue);
        }

        // The engine evaluates only logs of the trained heuristic and hardware; say which were left out,
        // and which had rows of the right kind but not one usable input (an error: nothing was evaluated on them).
        bool emptyLog = false;
        foreach (var (name, path, _) in extra.Where(e => e.TrainingCopies == 0))
        {
            List<HeuristicTrainingResult> with = run.Result.Heuristics.Where(h => h.SetNames.Contains(name)).ToList();
            if (with.Count == 0)
            {
                _console.MarkupLine("[yellow]not evaluated:[/] " + Markup.Escape(
                    $"'{path}' holds no usable rows of a trained heuristic on the same hardware (a model is only evaluated on logs of its own heuristic and hardware)."));
            }
            else if (with.All(h => h.Dataset.SetSizes.TryGetValue(name, out int inputs) && inputs == 0))
            {
                emptyLog = true;
                _console.MarkupLine("[red]error:[/] " + Markup.Escape($"'{path}' was not evaluated: {NoUsableInput(settings)}."));
            }
        }

        if (json is not null)
        {
            json.WriteText(JsonReport.ToJson(run.Result, run.Seconds));
            _console.MarkupLine("Wrote [green]" + Markup.Escape(json.Path) + "[/].");
        }

        if (decisions is not null)
        {
            // Only the evaluated logs: the training sets are the trainer's business (train --plots shows them).
            var evaluatedNames = new HashSet<string>(extra.Where(e => e.TrainingCopies == 0).Select(e => e.Name), StringComparer.Ordinal);
            WriteDecisions(decisions, run.Result.Heuristics.SelectMany(h => h.Decisions.Values).Where(d => evaluatedNames.Contains(d.SetName)).ToList());
        }

        if (run.Result.Heuristics.Count == 0 || emptyLog) return CliErrors.UserError;
        return run.Result.Models.Count == run.Result.Heuristics.Count ? 0 : TrainCommand.NoModelExitCode;
    }

    // Why a log with rows of the right heuristic and hardware was still not evaluated.
    private static string NoUsableInput(Settings settings) =>
        "it has no usable input (no input with measured times for at least two choices" + (settings.Filter ? "; --experimental-filter also dropped the noisy measurements)" : ")");

    // A set counts as evaluated when its model scored at least one input on it.
    private static bool IsEvaluated(EvaluatedSet set) => set.IsEvaluated && set.Inputs > 0;

    // Set names follow the file name; repeated names get a counter so every log stays visible.
    // Reserves the returned name in taken.
    private static string UniqueSetName(HashSet<string> taken, string path)
    {
        string name = Path.GetFileNameWithoutExtension(path);
        string unique = name;
        for (int i = 2; !taken.Add(unique); i++) unique = name + "#" + i.ToString(CultureInfo.InvariantCulture);
        return unique;
    }

    // evaluate --model: no training; the saved models go through the engine's evaluator and the
    // report is laid out as after training, the saved model standing as the only grid point.
    private void WriteDecisions(OutputFile file, IReadOnlyList<DecisionListing> listings)
    {
        if (listings.Count == 0)
        {
            _console.MarkupLine("[yellow]No decisions to write to " + Markup.Escape(file.Path) + "[/] (no input was evaluated with a decision or ranking model).");
            return;
        }

        file.WriteText(DecisionsCsv.Write(listings));
        _console.MarkupLine("Wrote [green]" + Markup.Escape(file.Path) + "[/] (" + Numbers.Int(listings.Sum(l => l.Inputs.Count)) + " inputs).");
    }

    private int EvaluateSavedModel(Settings settings, string modelPath, OutputFile? json, OutputFile? decisions, CancellationToken cancellationToken)
    {
        IReadOnlyList<LearnedModel> models = ModelFiles.Load(modelPath);

        var stopwatch = Stopwatch.StartNew();
        var names = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyList<ParsedLog> parsed = LogFiles.ReadMany(settings.Logs);
        var sets = new List<ExtraDataSet>();
        for (int i = 0; i < settings.Logs.Length; i++)
        {
            sets.Add(new ExtraDataSet(UniqueSetName(names, settings.Logs[i]), new[] { parsed[i] }));
        }

        var evaluationOptions = settings.Experiments().ApplyTo(new ModelEvaluationOptions
        {
            IncludeDecisions = decisions is not null,
            Preset = settings.ToOptions().Preset,
        });
        ModelEvaluationResult evaluation = ModelEvaluator.Evaluate(models, sets, evaluationOptions, cancellationToken);
        stopwatch.Stop();
        TimeSpan elapsed = stopwatch.Elapsed;

        var heuristics = new List<HeuristicTrainingResult>();
        foreach (LearnedModel model in models)
        {
            List<EvaluatedSet> evaluated = evaluation.Sets.Where(e => IsEvaluated(e) && ReferenceEquals(e.Model, model)).ToList();
            if (evaluated.Count == 0) continue;
            TrainingSummary summary = model.Summary;
            var point = new GridPoint(summary.Criterion == "gini" ? SplitCriterion.Gini : SplitCriterion.Entropy, summary.MaxDepth, summary.MinSamplesLeaf);
            var metrics = evaluated.ToDictionary(e => e.SetName, e => e.Metrics!, StringComparer.Ordinal);
            var grid = new GridResult(point, model.ConfidenceThreshold, summary.Leaves, summary.Depth, metrics, Eligible: true);
            var dataset = new DatasetSummary(evaluated.Sum(e => e.Rows), evaluated.Sum(e => e.SkippedRows), evaluated.Sum(e => e.Inputs), model.Choices.Count,
                evaluated.ToDictionary(e => e.SetName, e => e.Inputs, StringComparer.Ordinal));
            // The preset carries the learner, so a regression model's report names its criterion (squared_error).
            HeuristicPreset preset = HeuristicPreset.ForName(model.Name) with
            {
                Learner = model.Kind == ModelKind.Regression ? LearnerKind.Regression : LearnerKind.DecisionTree,
            };
            heuristics.Add(new HeuristicTrainingResult(model.Name, model.Hardware, model, new[] { grid }, 0, dataset, elapsed, preset));
        }

        TrainingReport.WriteProblems(_console, evaluation.Problems, verbose: false);
        _console.MarkupLine(Markup.Escape($"model file {modelPath}: {models.Count.ToString(CultureInfo.InvariantCulture)} model(s)"));
        foreach (HeuristicTrainingResult h in heuristics)
        {
            TrainingReport.Write(_console, h, perSetTables: false, ranking: h.Model!.Kind == ModelKind.Ranking, timeLabel: "evaluation time");
        }

        var notEvaluated = new List<(string Set, string File, string Reason)>();
        bool emptyLog = false;
        foreach (EvaluatedSet e in evaluation.Sets.Where(e => !IsEvaluated(e)))
        {
            string file = string.Join(", ", e.Files);
            if (e.IsEvaluated || e.HasNoUsableInput)
            {
                // Rows of the model's heuristic and hardware, but not one input to score: an error, not a skip.
                emptyLog = true;
                string reason = NoUsableInput(settings);
                notEvaluated.Add((e.SetName, file, reason));
                _console.MarkupLine("[red]error:[/] " + Markup.Escape($"'{file}' was not evaluated: {reason}."));
                continue;
            }

            notEvaluated.Add((e.SetName, file, e.NotEvaluatedReason!));
            _console.MarkupLine("[yellow]not evaluated:[/] " + Markup.Escape($"'{file}': {e.NotEvaluatedReason}"));
        }

        if (json is not null)
        {
            json.WriteText(JsonReport.ToJson(new TrainingResult(heuristics, evaluation.Problems), elapsed.TotalSeconds, notEvaluated));
            _console.MarkupLine("Wrote [green]" + Markup.Escape(json.Path) + "[/].");
        }

        if (decisions is not null) WriteDecisions(decisions, evaluation.Sets.Where(e => e.Decisions is not null).Select(e => e.Decisions!).ToList());

        return heuristics.Count == 0 || emptyLog ? CliErrors.UserError : 0;
    }
}
