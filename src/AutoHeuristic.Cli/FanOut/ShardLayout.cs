using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace AutoHeuristic.Cli.FanOut;

/// <summary>
/// Where a fanned-out collection keeps its files. For <c>--out data/pad_mm.txt</c> everything
/// per shard lives in <c>data/pad_mm.txt.shards/</c>:
/// <list type="bullet">
/// <item><c>plan.json</c>: the <see cref="ShardPlan"/> (checked on <c>--resume</c>);</item>
/// <item><c>fanout.lock</c>: locked while a fan-out runs here;</item>
/// <item><c>shard-k-of-K.txt</c>: shard k's training log, written only by its own worker;</item>
/// <item><c>shard-k-of-K.log</c>: the worker's console output;</item>
/// <item><c>shard-k-of-K.txt.errors.txt</c>, <c>shard-k-of-K.txt.candidates.csv</c>: the collector's side files, if any (<see cref="SideFiles"/>);</item>
/// <item><c>shard-k-of-K.done</c>: written once the worker exited successfully.</item>
/// </list>
/// The merged log is written to the <c>--out</c> path itself. The names carry K so that logs of
/// plans with different shard counts can never be mixed up.
/// </summary>
public sealed class ShardLayout
{
    /// <summary>Creates the layout for the merged log at <paramref name="mergedLogPath"/>.</summary>
    public ShardLayout(string mergedLogPath)
    {
        if (string.IsNullOrWhiteSpace(mergedLogPath)) throw new ArgumentException("--out is empty.", nameof(mergedLogPath));
        MergedLogPath = Path.GetFullPath(mergedLogPath);
        Directory = MergedLogPath + ".shards";
    }

    /// <summary>The merged log (the <c>--out</c> path).</summary>
    public string MergedLogPath { get; }

    /// <summary>The folder holding the plan and the per-shard files.</summary>
    public string Directory { get; }

    /// <summary>The stored plan.</summary>
    public string PlanPath => Path.Combine(Directory, "plan.json");

    /// <summary>Held exclusively while a fan-out runs on this folder, so two runs never drive one shard.</summary>
    public string LockPath => Path.Combine(Directory, "fanout.lock");

    /// <summary>Shard <paramref name="shard"/>'s training log.</summary>
    public string ShardLogPath(ShardAssignment shard) => Path.Combine(Directory, Stem(shard) + ".txt");

    /// <summary>Shard <paramref name="shard"/>'s console output.</summary>
    public string ConsoleLogPath(ShardAssignment shard) => Path.Combine(Directory, Stem(shard) + ".log");

    /// <summary>
    /// Files a collector writes beside its <c>--out</c>, gathered beside the merged log after the
    /// merge: the skipped inputs (<c>.errors.txt</c>, plain lines) and mm's cuBLASLt candidate
    /// table (<c>.candidates.csv</c>, one header line).
    /// </summary>
    public static IReadOnlyList<SideFile> SideFiles { get; } = new[]
    {
        new SideFile(".errors.txt", HasHeader: false),
        new SideFile(".candidates.csv", HasHeader: true),
    };

    /// <summary>Shard <paramref name="shard"/>'s copy of a side file.</summary>
    public string ShardSideFilePath(ShardAssignment shard, SideFile file) => ShardLogPath(shard) + file.Suffix;

    /// <summary>The gathered side file beside the merged log.</summary>
    public string MergedSideFilePath(SideFile file) => MergedLogPath + file.Suffix;

    /// <summary>The marker written when shard <paramref name="shard"/> finished.</summary>
    public string DoneMarkerPath(ShardAssignment shard) => Path.Combine(Directory, Stem(shard) + ".done");

    private static string Stem(ShardAssignment shard) =>
        "shard-" + shard.Index.ToString(CultureInfo.InvariantCulture) + "-of-" + shard.Count.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A file a collector writes next to its log, named by a suffix of the log's path.</summary>
/// <param name="Suffix">Appended to the log's path, e.g. <c>.errors.txt</c>.</param>
/// <param name="HasHeader">Whether its first line is a header, kept once when shards are gathered.</param>
public sealed record SideFile(string Suffix, bool HasHeader);
