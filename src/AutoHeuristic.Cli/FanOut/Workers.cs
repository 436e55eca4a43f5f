using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AutoHeuristic.Cli.FanOut;

/// <summary>Everything one worker needs: its shard, its GPU and its files.</summary>
/// <param name="Plan">The whole plan (operation, N, S, K).</param>
/// <param name="Shard">The shard to collect.</param>
/// <param name="Device">The GPU, passed to the worker as <c>CUDA_VISIBLE_DEVICES</c>.</param>
/// <param name="ShardLogPath">The training log this worker alone writes.</param>
/// <param name="ConsoleLogPath">Where the worker's console output goes.</param>
/// <param name="Resume">Whether the worker must continue the rows already in <paramref name="ShardLogPath"/>.</param>
public sealed record WorkerRequest(ShardPlan Plan, ShardAssignment Shard, string Device, string ShardLogPath, string ConsoleLogPath, bool Resume);

/// <summary>A worker's own report of how many of its inputs are done.</summary>
public readonly record struct WorkerProgress(int SamplesDone, int SamplesTotal);

/// <summary>Runs one worker to completion. The orchestrator's only dependency on how workers are made.</summary>
public interface IWorkerRunner
{
    /// <summary>
    /// Runs the worker of <paramref name="request"/> and returns its exit code (0 = the shard is
    /// complete). Progress the worker reports goes to <paramref name="progress"/>. Cancellation
    /// stops the worker; rows it already wrote stay on disk.
    /// </summary>
    Task<int> RunAsync(WorkerRequest request, IProgress<WorkerProgress> progress, CancellationToken cancellationToken);
}

/// <summary>An executable and its arguments.</summary>
/// <param name="FileName">The program to start.</param>
/// <param name="Arguments">Its arguments, passed without shell interpretation.</param>
public sealed record WorkerCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>The command as one line, for logs and messages (arguments with spaces quoted).</summary>
    public override string ToString()
    {
        var parts = new List<string> { Quote(FileName) };
        foreach (string a in Arguments) parts.Add(Quote(a));
        return string.Join(" ", parts);
    }

    private static string Quote(string s) => s.Length > 0 && s.IndexOfAny(new[] { ' ', '\t', '"', '\'' }) < 0 ? s : "'" + s.Replace("'", "'\\''") + "'";
}

/// <summary>
/// The line protocol a worker may print on stdout so the orchestrator can show its progress:
/// <c>AH-PROGRESS done total</c>. Any other output is only copied to the worker's console log.
/// </summary>
public static class WorkerProgressLine
{
    /// <summary>The prefix of a progress line.</summary>
    public const string Prefix = "AH-PROGRESS ";

    /// <summary>The environment variable the orchestrator sets so the worker prints progress lines.</summary>
    public const string EnvironmentVariable = "AUTOHEURISTIC_PROGRESS_LINES";

    /// <summary>Formats a progress line.</summary>
    public static string Format(int done, int total) =>
        Prefix + done.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + total.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses a progress line; false for any other line.</summary>
    public static bool TryParse(string line, out WorkerProgress progress)
    {
        progress = default;
        if (!line.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        string[] parts = line.Substring(Prefix.Length).Trim().Split(' ');
        if (parts.Length != 2
            || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int done)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int total))
        {
            return false;
        }

        progress = new WorkerProgress(done, total);
        return true;
    }
}
