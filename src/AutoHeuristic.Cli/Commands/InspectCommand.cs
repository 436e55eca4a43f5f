using System;
using System.ComponentModel;
using System.Globalization;
using System.Linq;
using System.Threading;
using AutoHeuristic.Cli.Infrastructure;
using AutoHeuristic.Cli.Reports;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Noise;
using AutoHeuristic.Learning.Problems;
using Spectre.Console;
using Spectre.Console.Cli;

// --experimental-noise shows the experimental measurement-noise analysis.
#pragma warning disable AHEXP001

namespace AutoHeuristic.Cli.Commands;

/// <summary><c>inspect LOG...</c>: what a log holds (rows, inputs, choices, features, hardware) and every problem found in it.</summary>
public sealed class InspectCommand : Command<InspectCommand.Settings>
{
    /// <summary>One line for the help screen.</summary>
    public const string Description = "Show what logs hold: heuristic, hardware, rows, inputs, choices, features, and every problem found.";

    private readonly IAnsiConsole _console;

    /// <summary>Creates the command.</summary>
    public InspectCommand(IAnsiConsole console) => _console = console;

    /// <summary>Arguments of <c>inspect</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The logs.</summary>
        [CommandArgument(0, "<LOG>")]
        [Description("Logs to inspect.")]
        public string[] Logs { get; init; } = Array.Empty<string>();

        /// <summary>How many choices to list.</summary>
        [CommandOption("--choices <N>")]
        [Description("List at most N choices (default 20).")]
        [DefaultValue(20)]
        public int MaxChoices { get; init; } = 20;

        /// <summary>How many problems to list per log.</summary>
        [CommandOption("--problems <N>")]
        [Description("List at most N problems per log (default 50).")]
        [DefaultValue(50)]
        public int MaxProblems { get; init; } = 50;

        /// <summary>Experimental: also print the repetition-noise analysis (<see cref="MeasurementNoise"/>).</summary>
        [CommandOption("--experimental-noise")]
        [Description("Experimental: also show how noisy the labels are: repetition winners against the median label, by gap between the best two choices, and the noise floor of wrong answers.")]
        public bool Noise { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            Logs.Length == 0 ? ValidationResult.Error("Give at least one log to inspect.")
            : MaxChoices < 0 || MaxProblems < 0 ? ValidationResult.Error("--choices and --problems must be 0 or more.")
            : ValidationResult.Success();
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        InputFiles.Require(settings.Logs, "log");
        bool anyError = false;
        foreach (string path in settings.Logs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ParsedLog log = LogFiles.Read(path);
            anyError |= log.Problems.Any(p => p.Severity == ProblemSeverity.Error) || !log.IsUsable;
            Write(log, settings);
            if (settings.Noise && log.IsUsable) WriteNoise(MeasurementNoise.Analyze(new[] { log }, cancellationToken: cancellationToken));
        }

        return anyError ? CliErrors.UserError : 0;
    }

    private void Write(ParsedLog log, Settings settings)
    {
        _console.Write(new Rule("[bold]" + Markup.Escape(log.FileName) + "[/]").LeftJustified());
        var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("").AddColumn("");
        if (log.Metadata is { } meta)
        {
            table.AddRow("heuristic", Markup.Escape(meta.Name));
            table.AddRow("hardware", Markup.Escape(meta.Hardware.ToString()));
            table.AddRow("numerical features", Markup.Escape(Join(meta.NumericalFeatures)));
            table.AddRow("categorical features", Markup.Escape(Join(meta.CategoricalFeatures)));
        }
        else
        {
            table.AddRow("metadata", "[red]unreadable[/]");
        }

        table.AddRow("header", Markup.Escape(log.Header.Count == 0 ? "(missing)" : string.Join(",", log.Header)));
        table.AddRow("rows", Numbers.Int(log.RowCount) + (log.SkippedRows > 0 ? " [yellow](" + Numbers.Int(log.SkippedRows) + " skipped)[/]" : string.Empty));
        table.AddRow("inputs", Numbers.Int(LogStatistics.InputCount(log)));
        table.AddRow("choices", Numbers.Int(log.Choices.Count));
        _console.Write(table);

        var features = LogStatistics.Features(log);
        if (features.Count > 0)
        {
            var table2 = new Table().Border(TableBorder.Simple).AddColumn("feature").AddColumn("kind")
                .AddColumn(new TableColumn("distinct").RightAligned()).AddColumn("values");
            foreach (var f in features)
            {
                string values = f.IsCategorical
                    ? string.Join(", ", f.Categories.Take(6)) + (f.Categories.Count > 6 ? ", …" : string.Empty)
                    : Numbers.Metric(f.Min) + " … " + Numbers.Metric(f.Max);
                table2.AddRow(Markup.Escape(f.Name), f.IsCategorical ? "categorical" : "numerical", Numbers.Int(f.Distinct), Markup.Escape(values));
            }

            _console.Write(table2);
        }

        if (log.Choices.Count > 0 && settings.MaxChoices > 0)
        {
            var choices = new Table().Border(TableBorder.Simple).AddColumn("choice").AddColumn(new TableColumn("rows").RightAligned());
            var counts = LogStatistics.RowsPerChoice(log);
            foreach (string choice in log.Choices.Take(settings.MaxChoices))
            {
                choices.AddRow(Markup.Escape(choice), Numbers.Int(counts.TryGetValue(choice, out int n) ? n : 0));
            }

            if (log.Choices.Count > settings.MaxChoices)
            {
                choices.AddRow(Markup.Escape($"… {log.Choices.Count - settings.MaxChoices} more"), string.Empty);
            }

            _console.Write(choices);
        }

        if (log.Problems.Count == 0)
        {
            _console.MarkupLine("[green]no problems found[/]");
            return;
        }

        _console.MarkupLine(Markup.Escape($"{log.Problems.Count} problem(s):"));
        TrainingReport.WriteProblems(_console, log.Problems.Take(settings.MaxProblems).ToList(), verbose: true);
        if (log.Problems.Count > settings.MaxProblems)
        {
            _console.MarkupLine(Markup.Escape($"… {log.Problems.Count - settings.MaxProblems} more"));
        }
    }

    private void WriteNoise(MeasurementNoiseReport report)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn("gap (2nd best / best − 1)").AddColumn(new TableColumn("inputs").RightAligned())
            .AddColumn(new TableColumn("repetition ≠ label").RightAligned()).AddColumn(new TableColumn("repetitions disagree").RightAligned())
            .AddColumn(new TableColumn("bootstrap label flip").RightAligned());
        foreach (NoiseBucket b in report.Buckets)
        {
            string range = double.IsPositiveInfinity(b.UpperGap) ? "≥ " + Percent(b.LowerGap) : Percent(b.LowerGap) + " – " + Percent(b.UpperGap);
            table.AddRow(range, Numbers.Int(b.Inputs), Percent(b.RepetitionAgainstLabelRate), Percent(b.RepetitionPairDisagreementRate), Percent(b.MeanLabelFlipProbability));
        }

        _console.Write(table);
        _console.MarkupLine(Markup.Escape(string.Format(CultureInfo.InvariantCulture,
            "noise floor: a model that knows the true gaps and is unsure on the closest 0 / 10 / 20 % of inputs still mislabels about {0:0.#} / {1:0.#} / {2:0.#} of {3} inputs",
            report.ExpectedNoiseWrong(0), report.ExpectedNoiseWrong(0.1), report.ExpectedNoiseWrong(0.2), report.Inputs.Count)));
    }

    private static string Percent(double fraction) => double.IsNaN(fraction) ? "–" : (100 * fraction).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Join(System.Collections.Generic.IReadOnlyList<string> items) => items.Count == 0 ? "(none)" : string.Join(", ", items);
}
