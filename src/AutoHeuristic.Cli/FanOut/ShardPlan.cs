using System;
using System.Collections.Generic;
using System.Globalization;
using AutoHeuristic.Logs;

namespace AutoHeuristic.Cli.FanOut;

/// <summary>One shard of a fanned-out collection: which samples it draws and from which seed.</summary>
/// <param name="Index">0-based shard index.</param>
/// <param name="Count">Number of shards in the plan.</param>
/// <param name="Samples">Inputs this shard collects.</param>
/// <param name="Seed">Seed of this shard's sample sequence.</param>
public sealed record ShardAssignment(int Index, int Count, int Samples, int Seed)
{
    /// <summary>A short label such as <c>shard 1/4</c>.</summary>
    public string Label => "shard " + Index.ToString(CultureInfo.InvariantCulture) + "/" + Count.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// How a collection of <see cref="Samples"/> inputs with seed <see cref="Seed"/> is split into
/// <see cref="ShardCount"/> independent shards. The scheme is fixed and simple enough to
/// recompute in a shell script (a Slurm array task or a Kubernetes indexed job does exactly that):
/// shard <c>k</c> of <c>K</c> uses seed <c>S + k</c> and collects <c>N / K</c> inputs, plus one
/// more when <c>k &lt; N mod K</c>. Shard 0 of a one-shard plan is therefore the same run as a
/// plain <c>collect --seed S</c>, and the inputs depend only on (operation, N, S, K), never on
/// how many GPUs ran the shards or in which order they finished.
/// </summary>
/// <param name="Operation">The collector name (<c>pad_mm</c>, <c>mm</c>, ...).</param>
/// <param name="Samples">Total inputs N over all shards.</param>
/// <param name="Seed">Base seed S.</param>
/// <param name="ShardCount">Number of shards K.</param>
public sealed record ShardPlan(string Operation, int Samples, int Seed, int ShardCount)
{
    /// <summary>Creates a plan, refusing values that break the scheme with a message naming the bad one.</summary>
    public static ShardPlan Create(string operation, int samples, int seed, int shardCount)
    {
        if (string.IsNullOrEmpty(operation) || !IsPlainName(operation))
        {
            throw new ArgumentException($"The operation name '{operation}' must be letters, digits and '_' only.", nameof(operation));
        }

        if (samples < 1) throw new ArgumentOutOfRangeException(nameof(samples), samples, "--samples must be at least 1.");
        if (shardCount < 1) throw new ArgumentOutOfRangeException(nameof(shardCount), shardCount, "The shard count must be at least 1.");
        if (shardCount > samples)
        {
            throw new ArgumentOutOfRangeException(nameof(shardCount), shardCount,
                $"{shardCount} shards for {samples} samples would leave shards empty; use at most {samples} shards.");
        }

        // Seeds S..S+K-1 must all be representable; wrapping around would silently reuse seeds.
        if ((long)seed + shardCount - 1 > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(seed), seed,
                $"--seed {seed} with {shardCount} shards needs seeds up to {(long)seed + shardCount - 1}, above {int.MaxValue}.");
        }

        return new ShardPlan(operation, samples, seed, shardCount);
    }

    /// <summary>The assignment of shard <paramref name="index"/>.</summary>
    public ShardAssignment Shard(int index)
    {
        if (index < 0 || index >= ShardCount) throw new ArgumentOutOfRangeException(nameof(index), index, $"The plan has shards 0..{ShardCount - 1}.");
        int baseCount = Samples / ShardCount;
        int extra = index < Samples % ShardCount ? 1 : 0;
        return new ShardAssignment(index, ShardCount, baseCount + extra, Seed + index);
    }

    /// <summary>All shards in index order.</summary>
    public IReadOnlyList<ShardAssignment> Shards()
    {
        var shards = new ShardAssignment[ShardCount];
        for (int i = 0; i < ShardCount; i++) shards[i] = Shard(i);
        return shards;
    }

    /// <summary>The plan as the one-line JSON stored beside the shard logs (keys in a fixed order).</summary>
    public string ToJson() =>
        "{\"operation\": \"" + Operation + "\", \"samples\": " + Samples.ToString(CultureInfo.InvariantCulture)
        + ", \"seed\": " + Seed.ToString(CultureInfo.InvariantCulture)
        + ", \"shards\": " + ShardCount.ToString(CultureInfo.InvariantCulture)
        + ", \"scheme\": \"seed=S+k; samples=N/K+(k<N%K)\"}";

    /// <summary>Reads a plan written by <see cref="ToJson"/>; <paramref name="where"/> names the file in errors.</summary>
    public static ShardPlan Parse(string json, string where)
    {
        object? parsed;
        try
        {
            parsed = JsonText.Parse(json);
        }
        catch (JsonTextException e)
        {
            throw new FormatException($"{where}: the fan-out plan is not valid JSON ({e.Message}).", e);
        }

        if (parsed is not Dictionary<string, object?> fields) throw new FormatException($"{where}: the fan-out plan is not a JSON object.");
        string operation = fields.TryGetValue("operation", out object? op) && op is string text ? text : throw Bad("operation", where);
        return Create(operation, ReadInt(fields, "samples", where), ReadInt(fields, "seed", where), ReadInt(fields, "shards", where));
    }

    /// <summary>
    /// Lists, field by field, how <paramref name="other"/> differs from this plan (empty when equal),
    /// so a refused resume can say exactly which option changed.
    /// </summary>
    public IReadOnlyList<string> Differences(ShardPlan other)
    {
        var diffs = new List<string>();
        if (!string.Equals(Operation, other.Operation, StringComparison.Ordinal)) diffs.Add($"operation {Operation} vs {other.Operation}");
        if (Samples != other.Samples) diffs.Add($"--samples {Samples} vs {other.Samples}");
        if (Seed != other.Seed) diffs.Add($"--seed {Seed} vs {other.Seed}");
        if (ShardCount != other.ShardCount) diffs.Add($"shards {ShardCount} vs {other.ShardCount}");
        return diffs;
    }

    private static bool IsPlainName(string name)
    {
        foreach (char c in name)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_')) return false;
        }

        return true;
    }

    private static int ReadInt(Dictionary<string, object?> fields, string key, string where) =>
        fields.TryGetValue(key, out object? value) && value is double number && number == Math.Floor(number) && number >= int.MinValue && number <= int.MaxValue
            ? (int)number
            : throw Bad(key, where);

    private static FormatException Bad(string key, string where) =>
        new($"{where}: the fan-out plan has no valid \"{key}\" field.");
}
