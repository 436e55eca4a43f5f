using System;
using System.Linq;
using AutoHeuristic.Cli.FanOut;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests.FanOut;

public sealed class ShardPlanTests
{
    [TestCase(10, 1)]
    [TestCase(10, 3)]
    [TestCase(1000, 8)]
    [TestCase(7, 7)]
    public void Shards_cover_every_sample_once_and_differ_by_at_most_one(int samples, int shards)
    {
        var plan = ShardPlan.Create("pad_mm", samples, 100, shards);
        var all = plan.Shards();

        Assert.That(all.Sum(s => s.Samples), Is.EqualTo(samples));
        Assert.That(all.Max(s => s.Samples) - all.Min(s => s.Samples), Is.LessThanOrEqualTo(1));
        Assert.That(all.Select(s => s.Index), Is.EqualTo(Enumerable.Range(0, shards)));
        Assert.That(all.All(s => s.Count == shards));
    }

    [Test]
    public void Shard_k_uses_seed_plus_k_and_takes_the_remainder_first()
    {
        var shards = ShardPlan.Create("mm", 10, 42, 4).Shards();

        Assert.That(shards.Select(s => s.Seed), Is.EqualTo(new[] { 42, 43, 44, 45 }));
        Assert.That(shards.Select(s => s.Samples), Is.EqualTo(new[] { 3, 3, 2, 2 }));
    }

    [Test]
    public void The_shell_arithmetic_of_the_array_job_recipe_gives_the_same_shards()
    {
        // docs/multi-gpu.md has array tasks compute their shard with POSIX shell arithmetic.
        if (OperatingSystem.IsWindows() || !System.IO.File.Exists("/bin/sh")) Assert.Ignore("needs /bin/sh");
        const string script = "for N in 1 7 10 2000; do for K in 1 3 4 7; do [ $K -le $N ] || continue; k=0; "
            + "while [ $k -lt $K ]; do echo \"$N $K $k $(( N / K + (k < N % K ? 1 : 0) )) $(( 42 + k ))\"; k=$((k+1)); done; done; done";
        var start = new System.Diagnostics.ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var shell = System.Diagnostics.Process.Start(start)!;
        string[] lines = shell.StandardOutput.ReadToEnd().Trim().Split('\n');
        shell.WaitForExit();

        Assert.That(lines, Has.Length.GreaterThan(20));
        foreach (string line in lines)
        {
            int[] v = line.Split(' ').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            ShardAssignment shard = ShardPlan.Create("pad_mm", v[0], 42, v[1]).Shard(v[2]);
            Assert.That((shard.Samples, shard.Seed), Is.EqualTo((v[3], v[4])), line);
        }
    }

    [Test]
    public void A_one_shard_plan_is_the_plain_single_gpu_run()
    {
        ShardAssignment only = ShardPlan.Create("pad_mm", 500, 7, 1).Shard(0);

        Assert.That((only.Samples, only.Seed), Is.EqualTo((500, 7)));
    }

    [Test]
    public void Bad_plans_are_refused_with_the_option_named()
    {
        Assert.That(() => ShardPlan.Create("pad_mm", 0, 1, 1), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("--samples"));
        Assert.That(() => ShardPlan.Create("pad_mm", 3, 1, 4), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("at most 3 shards"));
        Assert.That(() => ShardPlan.Create("pad_mm", 10, int.MaxValue, 2), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("--seed"));
        Assert.That(() => ShardPlan.Create("pad mm", 10, 1, 2), Throws.ArgumentException.With.Message.Contains("pad mm"));
        Assert.That(() => ShardPlan.Create("pad_mm", 10, 1, 2).Shard(2), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void The_plan_file_round_trips_and_differences_name_the_changed_options()
    {
        var plan = ShardPlan.Create("pad_mm", 2000, -5, 8);

        ShardPlan read = ShardPlan.Parse(plan.ToJson(), "plan.json");

        Assert.That(read, Is.EqualTo(plan));
        Assert.That(plan.ToJson(), Is.EqualTo("{\"operation\": \"pad_mm\", \"samples\": 2000, \"seed\": -5, \"shards\": 8, \"scheme\": \"seed=S+k; samples=N/K+(k<N%K)\"}"));
        Assert.That(plan.Differences(ShardPlan.Create("pad_mm", 2000, 1, 4)), Is.EqualTo(new[] { "--seed -5 vs 1", "shards 8 vs 4" }));
        Assert.That(() => ShardPlan.Parse("{\"operation\": \"pad_mm\"}", "x/plan.json"), Throws.InstanceOf<FormatException>().With.Message.Contains("x/plan.json").And.Message.Contains("samples"));
        Assert.That(() => ShardPlan.Parse("{\"operation\": \"pad_mm\", \"samples\": 2.5, \"seed\": 0, \"shards\": 1}", "x/plan.json"), Throws.InstanceOf<FormatException>().With.Message.Contains("samples"));
        Assert.That(() => ShardPlan.Parse("{\"operation\": ", "x/plan.json"), Throws.InstanceOf<FormatException>().With.Message.Contains("x/plan.json").And.Message.Contains("not valid JSON"));
    }
}
