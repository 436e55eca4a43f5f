using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using AutoHeuristic.Cli.Infrastructure;
using AutoHeuristic.Cli.Reports;
using AutoHeuristic.Explaining;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Rendering;
using AutoHeuristic.Learning.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AutoHeuristic.Cli.Commands;

/// <summary>
/// <c>explain MODEL|LOG --input "m=4096,…"</c> or <c>--row N</c>: why a heuristic answers what it
/// answers for one input: each test on the path in words with the input's value, the leaf's
/// training inputs and the answer. With a log instead of a model file, the log is trained on
/// first, exactly as <c>train</c> does.
/// </summary>
public sealed class ExplainCommand : Command<ExplainCommand.Settings>
{
    /// <summary>One line for the help screen.</summary>
    public const string Description = "Explain one input's decision: the path through the tree in words, the leaf and the answer.";

    private readonly IAnsiConsole _console;

    /// <summary>Creates the command.</summary>
    public ExplainCommand(IAnsiConsole console) => _console = console;

    /// <summary>Arguments of <c>explain</c>.</summary>
    public sealed class Settings : TrainingSettings
    {
        /// <summary>A model file or a training log.</summary>
        [CommandArgument(0, "<MODEL_OR_LOG>")]
        [Description("A model file (train --save-model) or a log to train on first.")]
        public string Source { get; init; } = string.Empty;

        /// <summary>The input's features.</summary>
        [CommandOption("-i|--input <FEATURES>")]
        [Description("The input's logged features: \"name=value,name=value\" (e.g. \"m=4096,k=4095,n=4096,dtype=torch.float16\"); augmented features are computed from them.")]
        public string? Input { get; init; }

        /// <summary>A data row of a log.</summary>
        [CommandOption("-r|--row <N>")]
        [Description("Explain data row N (1 = the first row after the header) of --log, or of the training log.")]
        public int? Row { get; init; }

        /// <summary>The log --row reads.</summary>
        [CommandOption("-l|--log <LOG>")]
        [Description("The log whose --row is explained (default: the training log when one is given).")]
        public string? Log { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Source)) return ValidationResult.Error("Give a model file or a log.");
            if ((Input is null) == (Row is null)) return ValidationResult.Error("Give the input with --input \"name=value,…\" or a log row with --row N (one of them).");
            if (Row is < 1) return ValidationResult.Error("--row counts data rows from 1.");
            if (Log is not null && Row is null) return ValidationResult.Error("--log goes with --row N.");
            return base.Validate();
        }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        InputFiles.Require(settings.Source, "model file or log");
        if (settings.Log is not null) InputFiles.Require(settings.Log, "log");

        bool isModel = LooksLikeModelFile(settings.Source);
        // A training log is also where --row counts; a model file has no rows.
        if (isModel && settings.Row is not null && settings.Log is null) throw new CliUserException("--row N needs the log it counts in: add --log LOG.");
        ParsedLog? rowLog = settings.Row is null ? null : LogFiles.Read(settings.Log ?? settings.Source);
        IReadOnlyList<LearnedModel> models = isModel ? ModelFiles.Load(settings.Source) : Train(settings, cancellationToken);
        LearnedModel model = Pick(models, settings.Name, rowLog);

        ExplainInput input = rowLog is null ? ExplainInput.FromText(settings.Input!) : ExplainInput.FromRow(rowLog, settings.Row!.Value);
        HeuristicPreset preset = settings.ToOptions().Preset ?? HeuristicPreset.ForName(model.Name);
        input.Augment(preset.Operations);

        Explanation explanation;
        try
        {
            explanation = ModelExplainer.Explain(model, input);
        }
        catch (Exception e) when (e is KeyNotFoundException or NotSupportedException)
        {
            throw new CliUserException(e.Message + (e is KeyNotFoundException ? " Give it with --input." : string.Empty));
        }

        var sb = new StringBuilder();
        if (rowLog is not null) sb.Append("row ").Append(Numbers.Int(settings.Row!.Value)).Append(" (line ").Append(Numbers.Int(input.Line)).Append(") of ").Append(rowLog.FileName).Append('\n');
        sb.Append("input: ").Append(input.Describe(input.Logged)).Append('\n');
        if (input.Augmented.Count > 0) sb.Append("computed: ").Append(input.Describe(input.Augmented)).Append('\n');
        sb.Append(explanation);
        _console.Write(new Text(sb.ToString()));
        return 0;
    }

    // A model file is JSON whose format field names it; a log's first line is metadata JSON too, so the field decides.
    private static bool LooksLikeModelFile(string path)
    {
        var buffer = new char[4096];
        using var reader = new StreamReader(path);
        int read = reader.ReadBlock(buffer, 0, buffer.Length);
        return new string(buffer, 0, read).Contains("\"" + ModelFile.FormatName + "\"", StringComparison.Ordinal);
    }

    private IReadOnlyList<LearnedModel> Train(Settings settings, CancellationToken cancellationToken)
    {
        TrainingRun run = TrainingSession.Run(_console, new[] { settings.Source }, new List<(string, string, int?)>(), settings.ToOptions(), cancellationToken);
        TrainingReport.WriteProblems(_console, run.Result.Problems, verbose: false);
        if (run.Result.Models.Count == 0) throw new CliUserException($"No model was learned from '{settings.Source}' (see the problems above).");
        return run.Result.Models;
    }

    // The model of --name (and, with a row, of the row's log's hardware); one model needs no choosing.
    private static LearnedModel Pick(IReadOnlyList<LearnedModel> models, string? name, ParsedLog? rowLog)
    {
        IEnumerable<LearnedModel> candidates = models;
        if (name is not null) candidates = candidates.Where(m => m.Name == name);
        if (rowLog?.Metadata is { } metadata) candidates = candidates.Where(m => m.Name == metadata.Name && m.Hardware == metadata.Hardware);
        List<LearnedModel> found = candidates.ToList();
        if (found.Count == 1) return found[0];
        string available = string.Join(", ", models.Select(m => $"'{m.Name}' on {m.Hardware}"));
        if (found.Count == 0) throw new CliUserException($"No model fits (--name {name ?? "not given"}{(rowLog is null ? string.Empty : ", the row's heuristic and hardware")}); the models: {available}.");
        throw new CliUserException($"Several models fit; choose one with --name (the models: {available}).");
    }
}
