using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AutoHeuristic.Cuda.Driver;
using Spectre.Console;

namespace AutoHeuristic.Cli.FanOut;

/// <summary>The options of a fanned-out <c>autoheuristic collect</c>.</summary>
/// <param name="Operation">The collector (<c>pad_mm</c>, <c>mm</c>).</param>
/// <param name="Samples">Total inputs over all GPUs.</param>
/// <param name="Seed">Base seed; shard k uses seed + k.</param>
/// <param name="OutPath">The merged log.</param>
/// <param name="Devices"><c>all</c> or a list such as <c>0,1</c>.</param>
/// <param name="Shards">Shard count; null means one per device.</param>
/// <param name="Resume">Continue what is on disk.</param>
/// <param name="WorkerArguments">Further collect options passed unchanged to every worker (e.g. repetitions).</param>
public sealed record FanOutCollectOptions(
    string Operation,
    int Samples,
    int Seed,
    string OutPath,
    string Devices,
    int? Shards,
    bool Resume,
    IReadOnlyList<string> WorkerArguments);

/// <summary>
/// <c>autoheuristic collect … --devices …</c>: resolves the GPUs, runs the fan-out with a progress
/// display, prints a per-shard summary and the throughput, and returns the exit code.
/// </summary>
public static class FanOutCollect
{
    /// <summary>
    /// Runs the fanned-out collection with the real GPUs (<c>--devices all</c> asks the CUDA driver,
    /// then <c>nvidia-smi -L</c>) and worker processes; returns the exit code.
    /// </summary>
    /// <param name="console">Where progress and the summary go.</param>
    /// <param name="options">The command's options.</param>
    /// <param name="cancellationToken">Stops the workers, like Ctrl+C and SIGTERM do.</param>
    /// <param name="runner">Runs workers; defaults to this executable's own <c>collect</c> command.</param>
    public static int Run(IAnsiConsole console, FanOutCollectOptions options, CancellationToken cancellationToken, IWorkerRunner? runner = null)
    {
        var devices = new SystemDeviceEnumerator(driverDeviceCount: () => CudaAvailability.IsAvailable ? CudaAvailability.DeviceCount() : null);

        // Ctrl+C or a scheduler's SIGTERM stops the workers through the orchestrator (they are
        // killed, their rows stay, the summary says to --resume) instead of orphaning them.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancelKey = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancelKey;
        using PosixSignalRegistration onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });
        try
        {
            return RunAsync(console, options, devices, runner, stop.Token).GetAwaiter().GetResult();
        }
        finally
        {
            Console.CancelKeyPress -= onCancelKey;
        }
    }

    /// <summary>Runs the fanned-out collection and returns the process exit code (0 = merged log written).</summary>
    /// <param name="console">Where progress and the summary go.</param>
    /// <param name="options">The command's options.</param>
    /// <param name="devices">Finds the GPUs for <c>--devices all</c>; defaults to <see cref="SystemDeviceEnumerator"/>.</param>
    /// <param name="runner">Runs workers; defaults to this executable's own <c>collect</c> command, one process per shard.</param>
    /// <param name="cancellationToken">Stops the workers; their rows stay on disk for <c>--resume</c>.</param>
    public static async Task<int> RunAsync(
        IAnsiConsole console,
        FanOutCollectOptions options,
        IDeviceEnumerator? devices = null,
        IWorkerRunner? runner = null,
        CancellationToken cancellationToken = default)
    {
        FanOutRequest request;
        try
        {
            IReadOnlyList<string> deviceIds = DeviceSelection.Resolve(options.Devices, devices ?? new SystemDeviceEnumerator());
            ShardPlan plan = ShardPlan.Create(options.Operation, options.Samples, options.Seed, options.Shards ?? deviceIds.Count);
            request = new FanOutRequest(plan, options.OutPath, deviceIds, options.Resume);
        }
        catch (ArgumentException e)
        {
            ConsoleLines.Write(console, "error", e.Message);
            return 2;
        }

        runner ??= new ProcessWorkerRunner(r => SelfCollectCommand(r, options.WorkerArguments));
        FanOutResult result;
        try
        {
            // Live bars need a terminal that redraws; batch logs (Slurm, CI, pipes) get one line per event.
            if (console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi)
            {
                var display = new SpectreFanOutDisplay(console);
                var orchestrator = new FanOutOrchestrator(runner, display);
                result = await display.RunAsync(() => orchestrator.RunAsync(request, cancellationToken)).ConfigureAwait(false);
            }
            else
            {
                var orchestrator = new FanOutOrchestrator(runner, new PlainFanOutLog(console));
                result = await orchestrator.RunAsync(request, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is FanOutException or FormatException or IOException or UnauthorizedAccessException)
        {
            ConsoleLines.Write(console, "error", e.Message);
            return 2;
        }

        WriteSummary(console, request, result);
        return result.Succeeded ? 0 : 1;
    }

    /// <summary>
    /// The worker command: this same executable's <c>collect</c> for one shard, i.e. exactly what
    /// a Slurm or Kubernetes array task runs (docs/multi-gpu.md).
    /// </summary>
    public static WorkerCommand SelfCollectCommand(WorkerRequest request, IReadOnlyList<string> workerArguments)
    {
        var arguments = new List<string>();
        string fileName = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot tell which executable to start workers with.");

        // Under `dotnet autoheuristic.dll` the process is the host; the tool's DLL comes first.
        string hostName = Path.GetFileNameWithoutExtension(fileName);
        string? entry = Assembly.GetEntryAssembly()?.Location;
        if (string.Equals(hostName, "dotnet", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(entry)) arguments.Add(entry!);

        arguments.AddRange(WorkerArguments(request, workerArguments));
        return new WorkerCommand(fileName, arguments);
    }

    /// <summary>The <c>collect</c> arguments of one shard (without the executable).</summary>
    public static IReadOnlyList<string> WorkerArguments(WorkerRequest request, IReadOnlyList<string> workerArguments)
    {
        var arguments = new List<string>
        {
            "collect",
            request.Plan.Operation,
            "--samples",
            request.Shard.Samples.ToString(CultureInfo.InvariantCulture),
            "--seed",
            request.Shard.Seed.ToString(CultureInfo.InvariantCulture),
            "--out",
            request.ShardLogPath,
        };
        if (request.Resume) arguments.Add("--resume");
        arguments.AddRange(workerArguments);
        return arguments;
    }

    private static void WriteSummary(IAnsiConsole console, FanOutRequest request, FanOutResult result)
    {
        var table = new Table().AddColumns("shard", "GPU", "samples", "seed", "rows", "seconds", "status");
        var byShard = new Dictionary<int, ShardOutcome>();
        foreach (ShardOutcome outcome in result.Ran) byShard[outcome.Shard.Index] = outcome;
        foreach (ShardAssignment shard in request.Plan.Shards())
        {
            string samples = shard.Samples.ToString(CultureInfo.InvariantCulture);
            string seed = shard.Seed.ToString(CultureInfo.InvariantCulture);
            if (byShard.TryGetValue(shard.Index, out ShardOutcome? o))
            {
                table.AddRow(
                    shard.Index.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(o.Device),
                    samples,
                    seed,
                    o.Rows.ToString(CultureInfo.InvariantCulture),
                    o.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture),
                    o.Succeeded ? "[green]done[/]" : "[red]" + Markup.Escape(o.Error ?? "failed") + "[/]");
            }
            else
            {
                bool done = result.SkippedAsDone.Contains(shard);
                table.AddRow(shard.Index.ToString(CultureInfo.InvariantCulture), "-", samples, seed,
                    ShardLogFile.CountDataRows(result.Layout.ShardLogPath(shard)).ToString(CultureInfo.InvariantCulture), "-",
                    done ? "done earlier" : "[yellow]not run[/]");
            }
        }

        console.Write(table);
        string seconds = result.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
        string perMinute = result.InputsPerMinute.ToString("F1", CultureInfo.InvariantCulture);
        ConsoleLines.Write(console, $"throughput: {perMinute} inputs/min ({seconds} s wall, {request.Devices.Count} GPU(s): {string.Join(",", request.Devices)})");
        if (result.Merge is not null)
        {
            ConsoleLines.Write(
                console,
                $"merged {result.Merge.TotalRows} rows from {result.Merge.RowsPerInput.Count} shard logs into {result.Layout.MergedLogPath} (metadata and header identical in every shard)");
        }

        if (result.Error is not null) ConsoleLines.Write(console, "incomplete", result.Error);
    }
}

/// <summary>
/// Status lines written whole, never wrapped at the console width, so batch logs stay one line
/// per fact and grep-able; on an ANSI terminal a label is coloured red.
/// </summary>
internal static class ConsoleLines
{
    // Workers report from several threads at once, and a console's writer need not be thread-safe.
    private static readonly object Gate = new();

    /// <summary>Writes <paramref name="text"/> as one line.</summary>
    public static void Write(IAnsiConsole console, string text)
    {
        lock (Gate)
        {
            console.Profile.Out.Writer.WriteLine(text);
            console.Profile.Out.Writer.Flush();
        }
    }

    /// <summary>Writes <c>label: text</c> as one line, the label red on an ANSI terminal.</summary>
    public static void Write(IAnsiConsole console, string label, string text) =>
        Write(console, console.Profile.Capabilities.Ansi ? "\u001b[31m" + label + ":\u001b[0m " + text : label + ": " + text);
}
