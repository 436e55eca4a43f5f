using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AutoHeuristic.Cli.FanOut;
using AutoHeuristic.Tests.Shared;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests.FanOut;

public sealed class FanOutOrchestratorTests
{
    private static FanOutOrchestrator Orchestrator(IWorkerRunner runner, IFanOutObserver? observer = null) =>
        new(runner, observer ?? new RecordingObserver()) { RowPollInterval = TimeSpan.FromMilliseconds(10) };

    private static FanOutRequest Request(TempFolder temp, int samples, int shards, string[] devices, bool resume = false, string name = "merged.txt") =>
        new(ShardPlan.Create("pad_mm", samples, 1000, shards), temp.File(name), devices, resume);

    private static string[] ExpectedMerged(ShardPlan plan)
    {
        var lines = new System.Collections.Generic.List<string> { FakeCollector.Metadata(plan.Operation), FakeCollector.Header };
        foreach (ShardAssignment shard in plan.Shards()) lines.AddRange(FakeCollector.ExpectedRows(shard.Seed, shard.Samples));
        return lines.ToArray();
    }

    [Test]
    public async Task Each_gpu_runs_one_worker_at_a_time_and_the_logs_are_merged_in_shard_order()
    {
        using var temp = new TempFolder();
        var fake = new FakeCollector { PerInput = TimeSpan.FromMilliseconds(5) };
        var observer = new RecordingObserver();
        FanOutRequest request = Request(temp, samples: 20, shards: 4, devices: new[] { "0", "1" });

        FanOutResult result = await Orchestrator(fake, observer).RunAsync(request);

        Assert.That(result.Error, Is.Null);
        Assert.That(result.Succeeded);
        Assert.That(File.ReadAllLines(request.OutPath), Is.EqualTo(ExpectedMerged(request.Plan)));
        Assert.That(result.Merge!.RowsPerInput.Select(r => r.Value), Is.EqualTo(new long[] { 10, 10, 10, 10 }));
        Assert.That(fake.DeviceSharedAtOnce, Is.False);
        Assert.That(fake.MaxConcurrent, Is.EqualTo(2), "both GPUs should work at the same time");
        Assert.That(fake.Requests.Select(r => r.Device).Distinct().OrderBy(d => d), Is.EqualTo(new[] { "0", "1" }));
        Assert.That(fake.Requests.All(r => !r.Resume));
        Assert.That(observer.LastProgress.Values.Select(p => p.SamplesDone), Is.EquivalentTo(new[] { 5, 5, 5, 5 }));
        Assert.That(observer.LastRows.Values, Is.EquivalentTo(new long[] { 10, 10, 10, 10 }));
        var layout = new ShardLayout(request.OutPath);
        Assert.That(request.Plan.Shards().All(s => File.Exists(layout.DoneMarkerPath(s))));
        Assert.That(File.ReadAllText(layout.PlanPath), Is.EqualTo(request.Plan.ToJson() + "\n"));
    }

    [Test]
    public async Task The_merged_log_does_not_depend_on_how_many_gpus_ran_the_shards()
    {
        using var temp = new TempFolder();
        FanOutRequest oneGpu = Request(temp, 17, 3, new[] { "0" }, name: "one.txt");
        FanOutRequest threeGpus = Request(temp, 17, 3, new[] { "0", "1", "2" }, name: "three.txt");

        await Orchestrator(new FakeCollector()).RunAsync(oneGpu);
        await Orchestrator(new FakeCollector { PerInput = TimeSpan.FromMilliseconds(1) }).RunAsync(threeGpus);

        Assert.That(File.ReadAllText(threeGpus.OutPath), Is.EqualTo(File.ReadAllText(oneGpu.OutPath)));
    }

    [Test]
    public async Task A_crashed_worker_loses_nothing_and_resume_reruns_only_its_shard()
    {
        using var temp = new TempFolder();
        var fake = new FakeCollector();
        fake.CrashAfter[1] = 3;
        FanOutRequest request = Request(temp, 30, 3, new[] { "0", "1" });
        var layout = new ShardLayout(request.OutPath);

        FanOutResult crashed = await Orchestrator(fake).RunAsync(request);

        Assert.That(crashed.Succeeded, Is.False);
        Assert.That(crashed.Error, Does.Contain("1 of 3 shards are incomplete").And.Contain("shards 1").And.Contain("--resume"));
        Assert.That(File.Exists(request.OutPath), Is.False, "no merge while a shard is incomplete");
        ShardOutcome failed = crashed.Ran.Single(o => !o.Succeeded);
        Assert.That((failed.Shard.Index, failed.ExitCode), Is.EqualTo((1, 139)));
        foreach (ShardAssignment other in new[] { request.Plan.Shard(0), request.Plan.Shard(2) })
        {
            Assert.That(File.ReadAllLines(layout.ShardLogPath(other)).Skip(2), Is.EqualTo(FakeCollector.ExpectedRows(other.Seed, other.Samples)));
        }

        string crashedLog = File.ReadAllText(layout.ShardLogPath(request.Plan.Shard(1)));
        Assert.That(crashedLog.Split('\n').Length - 1, Is.EqualTo(2 + 3 * 2 + 1), "three whole inputs, one row and a fragment");

        var resumedRunner = new FakeCollector();
        FanOutResult resumed = await Orchestrator(resumedRunner).RunAsync(request with { Resume = true });

        Assert.That(resumed.Succeeded, resumed.Error);
        Assert.That(resumedRunner.Requests.Select(r => (r.Shard.Index, r.Resume)), Is.EqualTo(new[] { (1, true) }));
        Assert.That(resumed.SkippedAsDone.Select(s => s.Index), Is.EqualTo(new[] { 0, 2 }));
        Assert.That(File.ReadAllLines(request.OutPath), Is.EqualTo(ExpectedMerged(request.Plan)), "identical to a run that never crashed");
    }

    [Test]
    public async Task A_worker_that_throws_fails_alone()
    {
        using var temp = new TempFolder();
        var fake = new FakeCollector();
        fake.ThrowOnStart[0] = true;
        FanOutRequest request = Request(temp, 8, 2, new[] { "0", "1" });

        FanOutResult result = await Orchestrator(fake).RunAsync(request);

        Assert.That(result.Ran.Single(o => o.Shard.Index == 0).Error, Does.Contain("could not start"));
        Assert.That(result.Ran.Single(o => o.Shard.Index == 1).Succeeded);
        FanOutResult resumed = await Orchestrator(fake).RunAsync(request with { Resume = true });
        Assert.That(resumed.Succeeded, resumed.Error);
        Assert.That(File.ReadAllLines(request.OutPath), Is.EqualTo(ExpectedMerged(request.Plan)));
    }

    [Test]
    public async Task Cancelling_keeps_the_rows_and_resume_finishes_the_same_log()
    {
        using var temp = new TempFolder();
        using var cancel = new CancellationTokenSource();
        var fake = new FakeCollector { AfterInput = (r, n) => { if (r.Shard.Index == 0 && n == 4) cancel.Cancel(); } };
        FanOutRequest request = Request(temp, 20, 2, new[] { "0" });

        FanOutResult stopped = await Orchestrator(fake).RunAsync(request, cancel.Token);

        Assert.That(stopped.Succeeded, Is.False);
        Assert.That(stopped.Error, Does.Contain("cancelled"));
        Assert.That(fake.Requests, Has.Count.EqualTo(1), "no new shard starts after cancellation");
        Assert.That(ShardLogFile.CountDataRows(new ShardLayout(request.OutPath).ShardLogPath(request.Plan.Shard(0))), Is.EqualTo(8));

        FanOutResult resumed = await Orchestrator(new FakeCollector()).RunAsync(request with { Resume = true });
        Assert.That(resumed.Succeeded, resumed.Error);
        Assert.That(File.ReadAllLines(request.OutPath), Is.EqualTo(ExpectedMerged(request.Plan)));
    }

    [Test]
    public async Task Existing_work_is_never_overwritten_and_a_changed_plan_cannot_resume()
    {
        using var temp = new TempFolder();
        FanOutRequest request = Request(temp, 10, 2, new[] { "0" });
        await Orchestrator(new FakeCollector()).RunAsync(request);

        Assert.That(() => Orchestrator(new FakeCollector()).RunAsync(request), Throws.InstanceOf<FanOutException>().With.Message.Contains("Pass --resume"));
        FanOutRequest changed = request with { Plan = ShardPlan.Create("pad_mm", 12, 1000, 3), Resume = true };
        Assert.That(
            () => Orchestrator(new FakeCollector()).RunAsync(changed),
            Throws.InstanceOf<FanOutException>().With.Message.Contains("--samples 10 vs 12").And.Message.Contains("shards 2 vs 3"));

        File.WriteAllText(temp.File("taken.txt"), "x");
        Assert.That(
            () => Orchestrator(new FakeCollector()).RunAsync(request with { OutPath = temp.File("taken.txt") }),
            Throws.InstanceOf<FanOutException>().With.Message.Contains("already exists"));
    }

    [Test]
    public async Task Two_fan_outs_never_run_on_one_folder_at_once()
    {
        using var temp = new TempFolder();
        FanOutRequest request = Request(temp, 4, 2, new[] { "0" });
        await Orchestrator(new FakeCollector()).RunAsync(request);
        var layout = new ShardLayout(request.OutPath);

        using (new FileStream(layout.LockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            Assert.That(
                () => Orchestrator(new FakeCollector()).RunAsync(request with { Resume = true }),
                Throws.InstanceOf<FanOutException>().With.Message.Contains("Another fan-out is running"));
        }

        Assert.That((await Orchestrator(new FakeCollector()).RunAsync(request with { Resume = true })).Succeeded, "the lock goes with its holder");
    }

    [Test]
    public async Task Resuming_a_finished_collection_only_merges_again()
    {
        using var temp = new TempFolder();
        FanOutRequest request = Request(temp, 6, 2, new[] { "0", "1" });
        await Orchestrator(new FakeCollector()).RunAsync(request);
        File.Delete(request.OutPath);
        var again = new FakeCollector();

        FanOutResult result = await Orchestrator(again).RunAsync(request with { Resume = true });

        Assert.That(result.Succeeded);
        Assert.That(again.Requests, Is.Empty);
        Assert.That(File.ReadAllLines(request.OutPath), Is.EqualTo(ExpectedMerged(request.Plan)));
    }

    [Test]
    public async Task Side_files_of_every_shard_are_gathered_beside_the_merged_log()
    {
        using var temp = new TempFolder();
        FanOutRequest request = Request(temp, 6, 3, new[] { "0" });
        var layout = new ShardLayout(request.OutPath);
        var fake = new FakeCollector
        {
            AfterInput = (r, n) =>
            {
                if (n == 1 && r.Shard.Index != 1) File.AppendAllText(r.ShardLogPath + ".errors.txt", $"shard {r.Shard.Index} input 7: out of memory\n");
                string candidates = r.ShardLogPath + ".candidates.csv";
                File.AppendAllText(candidates, (File.Exists(candidates) ? "" : "seed,index,rank\n") + $"{r.Shard.Seed},{n - 1},0\n");
            },
        };

        FanOutResult result = await Orchestrator(fake).RunAsync(request);

        Assert.That(result.Succeeded, result.Error);
        SideFile errors = ShardLayout.SideFiles.Single(f => f.Suffix == ".errors.txt");
        SideFile candidates = ShardLayout.SideFiles.Single(f => f.Suffix == ".candidates.csv");
        Assert.That(layout.ShardSideFilePath(request.Plan.Shard(2), errors), Does.EndWith("shard-2-of-3.txt.errors.txt"));
        Assert.That(File.ReadAllText(layout.MergedSideFilePath(errors)), Is.EqualTo("shard 0 input 7: out of memory\nshard 2 input 7: out of memory\n"));
        Assert.That(File.ReadAllLines(layout.MergedSideFilePath(candidates)), Is.EqualTo(new[] { "seed,index,rank", "1000,0,0", "1000,1,0", "1001,0,0", "1001,1,0", "1002,0,0", "1002,1,0" }));
        Assert.That(File.ReadAllText(request.OutPath + ".candidates.csv"), Does.StartWith("seed,index,rank\n"));
    }

    [Test]
    public async Task Shards_with_different_metadata_are_not_merged()
    {
        using var temp = new TempFolder();
        var fake = new FakeCollector();
        fake.OtherMetadata.Add(1);
        FanOutRequest request = Request(temp, 6, 2, new[] { "0", "1" });

        FanOutResult result = await Orchestrator(fake).RunAsync(request);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Error, Does.Contain("cannot be merged").And.Contain("metadata (line 1)").And.Contain("shard-1-of-2.txt"));
        Assert.That(File.Exists(request.OutPath), Is.False);
    }
}
