using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AutoHeuristic.Cli.FanOut;

namespace AutoHeuristic.Cli.Tests.FanOut;

/// <summary>
/// An in-process stand-in for a GPU collector with the contract of the real one: a deterministic
/// input sequence per seed, two rows per input (one per choice), metadata and header written
/// when the log is created, and resume that skips the inputs already complete in the log.
/// Feedback is derived from the input too, so whole logs are reproducible.
/// </summary>
internal sealed class FakeCollector : IWorkerRunner
{
    public const string Header = "m,k,n,choice,feedback";

    private readonly ConcurrentDictionary<string, int> _busyDevices = new();
    private int _running;

    /// <summary>Shard index → number of inputs after which that shard's worker "crashes" (once).</summary>
    public ConcurrentDictionary<int, int> CrashAfter { get; } = new();

    /// <summary>Shards whose worker throws instead of exiting (once).</summary>
    public ConcurrentDictionary<int, bool> ThrowOnStart { get; } = new();

    /// <summary>Shards that write a different metadata line.</summary>
    public HashSet<int> OtherMetadata { get; } = new();

    /// <summary>Delay per input, so workers overlap in time.</summary>
    public TimeSpan PerInput { get; set; } = TimeSpan.Zero;

    /// <summary>Every request seen, in start order.</summary>
    public ConcurrentQueue<WorkerRequest> Requests { get; } = new();

    /// <summary>The most workers that ran at the same time.</summary>
    public int MaxConcurrent { get; private set; }

    /// <summary>True if two workers ever ran on one device at once.</summary>
    public bool DeviceSharedAtOnce { get; private set; }

    /// <summary>Called once a worker has written <c>n</c> inputs (for cancellation tests).</summary>
    public Action<WorkerRequest, int>? AfterInput { get; set; }

    public static string Metadata(string name) =>
        "{\"shared_memory\": 232448, \"device_capa\": [9, 0], \"name\": \"" + name + "\", \"numerical_features\": [\"m\", \"k\", \"n\"], \"categorical_features\": []}";

    public async Task<int> RunAsync(WorkerRequest request, IProgress<WorkerProgress> progress, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        if (!_busyDevices.TryAdd(request.Device, 1)) DeviceSharedAtOnce = true;
        int now = Interlocked.Increment(ref _running);
        lock (_busyDevices) MaxConcurrent = Math.Max(MaxConcurrent, now);
        try
        {
            if (ThrowOnStart.TryRemove(request.Shard.Index, out _)) throw new InvalidOperationException("fake worker could not start");
            return await CollectAsync(request, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            _busyDevices.TryRemove(request.Device, out _);
        }
    }

    /// <summary>The rows a shard must hold when complete, for comparisons.</summary>
    public static IEnumerable<string> ExpectedRows(int seed, int samples)
    {
        var random = new Random(seed);
        for (int i = 0; i < samples; i++)
        {
            foreach (string row in RowsOf(random)) yield return row;
        }
    }

    private async Task<int> CollectAsync(WorkerRequest request, IProgress<WorkerProgress> progress, CancellationToken cancellationToken)
    {
        string path = request.ShardLogPath;
        int done = 0;
        if (File.Exists(path))
        {
            if (!request.Resume) throw new InvalidOperationException("the log exists but --resume was not passed");
            string[] lines = File.ReadAllLines(path);
            done = Math.Max(0, lines.Length - 2) / 2;

            // A crash can leave an input with only its first row; drop it like a real collector would.
            if (lines.Length > 2 && (lines.Length - 2) % 2 != 0)
            {
                File.WriteAllLines(path, lines[..^1]);
            }
        }
        else
        {
            string metadata = Metadata(OtherMetadata.Contains(request.Shard.Index) ? "other" : request.Plan.Operation);
            File.WriteAllText(path, metadata + "\n" + Header + "\n");
        }

        var random = new Random(request.Shard.Seed);
        for (int i = 0; i < done; i++) RowsOf(random); // the deterministic sequence: skip what is on disk
        for (int i = done; i < request.Shard.Samples; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string[] rows = RowsOf(random);
            if (CrashAfter.TryGetValue(request.Shard.Index, out int crashAt) && i == crashAt)
            {
                CrashAfter.TryRemove(request.Shard.Index, out _);
                File.AppendAllText(path, rows[0] + "\n" + rows[1].Substring(0, 5)); // killed mid-line
                return 139;
            }

            File.AppendAllText(path, rows[0] + "\n" + rows[1] + "\n");
            progress.Report(new WorkerProgress(i + 1, request.Shard.Samples));
            AfterInput?.Invoke(request, i + 1);
            if (PerInput > TimeSpan.Zero) await Task.Delay(PerInput, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    private static string[] RowsOf(Random random)
    {
        int m = random.Next(1, 9000), k = random.Next(1, 9000), n = random.Next(1, 9000);
        string features = string.Join(",", m.ToString(CultureInfo.InvariantCulture), k.ToString(CultureInfo.InvariantCulture), n.ToString(CultureInfo.InvariantCulture));
        double orig = Math.Round(m * (double)k * n / 1e9, 6), pad = Math.Round(orig * 0.9 + 0.001, 6);
        return new[]
        {
            features + ",orig," + orig.ToString("R", CultureInfo.InvariantCulture),
            features + ",pad," + pad.ToString("R", CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>Records observer calls; thread-safe.</summary>
internal sealed class RecordingObserver : IFanOutObserver
{
    public ConcurrentQueue<string> Events { get; } = new();

    public ConcurrentQueue<ShardOutcome> Finished { get; } = new();

    public ConcurrentDictionary<int, WorkerProgress> LastProgress { get; } = new();

    public ConcurrentDictionary<int, long> LastRows { get; } = new();

    public void Planned(FanOutRequest request, ShardLayout layout, IReadOnlyList<ShardAssignment> pending, IReadOnlyList<ShardAssignment> alreadyDone) =>
        Events.Enqueue($"planned {pending.Count} pending {alreadyDone.Count} done");

    public void WorkerStarted(ShardAssignment shard, string device) => Events.Enqueue($"start {shard.Index} on {device}");

    public void WorkerProgressed(ShardAssignment shard, WorkerProgress progress) => LastProgress[shard.Index] = progress;

    public void RowsWritten(ShardAssignment shard, long rows) => LastRows[shard.Index] = rows;

    public void WorkerFinished(ShardOutcome outcome)
    {
        Finished.Enqueue(outcome);
        Events.Enqueue($"finish {outcome.Shard.Index} {(outcome.Succeeded ? "ok" : "failed")}");
    }
}
