using System;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using AutoHeuristic.Cli.Commands;
using AutoHeuristic.Cli.Infrastructure;
using AutoHeuristic.Cli.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AutoHeuristic.Tools.Bench;

/// <summary>
/// The hidden <c>bench-worker</c> command: one timed training run in a fresh process, so that
/// each measurement's peak memory is its own. Writes <c>{"seconds", "cpu_seconds", "peak_mb", "report": &lt;train --json&gt;}</c>
/// to <c>--out</c>, plus <c>cpu_seconds</c>: CPU time of all threads over the same span.
/// </summary>
public sealed class BenchWorkerCommand : Command<BenchWorkerCommand.Settings>
{
    /// <summary>The command's name.</summary>
    public const string Name = "bench-worker";

    /// <summary>Arguments of <c>bench-worker</c>.</summary>
    public sealed class Settings : TrainingSettings
    {
        /// <summary>The training log.</summary>
        [CommandArgument(0, "<LOG>")]
        public string[] Logs { get; init; } = Array.Empty<string>();

        /// <summary>Where the measurement goes.</summary>
        [CommandOption("--out <FILE>")]
        [Description("The measurement file.")]
        public string Out { get; init; } = string.Empty;

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            Logs.Length == 0 || Out.Length == 0 ? ValidationResult.Error("bench-worker needs a log and --out.") : base.Validate();
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var quiet = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No });
        var extra = settings.DataSets().Select(d => (d.Name, d.Path, (int?)null)).ToList();
        OutputFile output = new OutputFiles(settings.Logs.Concat(extra.Select(e => e.Path))).Add("--out", settings.Out)!;
        TimeSpan cpuBefore = CpuTime();
        TrainingRun run = TrainingSession.Run(quiet, settings.Logs, extra, settings.ToOptions(), cancellationToken);
        double cpuSeconds = (CpuTime() - cpuBefore).TotalSeconds;
        double peak = PeakMemory.CurrentProcessMegabytes();

        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("seconds", run.Seconds);
            w.WriteNumber("cpu_seconds", cpuSeconds);
            w.WriteNumber("peak_mb", peak);
            w.WritePropertyName("report");
            w.WriteRawValue(JsonReport.ToJson(run.Result, run.Seconds));
            w.WriteEndObject();
        }

        output.WriteBytes(stream.ToArray());
        return 0;
    }

    private static TimeSpan CpuTime()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
