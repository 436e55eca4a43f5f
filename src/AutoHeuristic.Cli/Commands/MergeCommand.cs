using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using AutoHeuristic.Cli.Infrastructure;
using AutoHeuristic.Learning.Logs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AutoHeuristic.Cli.Commands;

/// <summary>
/// <c>merge LOG... --output FILE</c>: PyTorch's <c>merge_data.py</c>: the logs' first two lines
/// (metadata and CSV header) must be identical; the output holds them once, then every row.
/// </summary>
public sealed class MergeCommand : Command<MergeCommand.Settings>
{
    /// <summary>One line for the help screen.</summary>
    public const string Description = "Merge logs of one heuristic (e.g. one per GPU) into one; their metadata and headers must be identical.";

    private readonly IAnsiConsole _console;

    /// <summary>Creates the command.</summary>
    public MergeCommand(IAnsiConsole console) => _console = console;

    /// <summary>Arguments of <c>merge</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The logs to merge, in order.</summary>
        [CommandArgument(0, "<LOG>")]
        [Description("Logs to merge, in order (at least one).")]
        public string[] Logs { get; init; } = System.Array.Empty<string>();

        /// <summary>The merged log to write (replaced once the merge succeeded).</summary>
        [CommandOption("-o|--output <FILE>")]
        [Description("The merged log to write (replaced once the merge succeeded; a link is written through, a device written to).")]
        public string? Output { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Output)) return ValidationResult.Error("--output FILE is required.");
            return Logs.Length == 0 ? ValidationResult.Error("Give at least one log to merge.") : ValidationResult.Success();
        }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        InputFiles.Require(settings.Logs, "log");
        OutputFile output = new OutputFiles(settings.Logs).Add("--output", settings.Output)!;

        // Headers are compared before the first byte is written, so a mismatch leaves the output as it was.
        var sources = settings.Logs
            .Select(path => new KeyValuePair<string, Func<TextReader>>(path, () => new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true)))
            .ToList();
        LogMergeResult? result = null;
        output.Write(stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\n" };
            result = LogMerger.Merge(sources, writer);
        });

        var table = new Table().AddColumn("log").AddColumn(new TableColumn("rows").RightAligned());
        foreach (var entry in result!.RowsPerInput)
        {
            table.AddRow(Markup.Escape(entry.Key), entry.Value.ToString(CultureInfo.InvariantCulture));
        }

        table.AddRow("[bold]" + Markup.Escape(Path.GetFileName(settings.Output!)) + "[/]", "[bold]" + result.TotalRows.ToString(CultureInfo.InvariantCulture) + "[/]");
        _console.Write(table);
        _console.MarkupLine("Wrote [green]" + Markup.Escape(output.Path) + "[/].");
        return 0;
    }
}
