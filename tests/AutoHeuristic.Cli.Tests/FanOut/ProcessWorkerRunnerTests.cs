using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AutoHeuristic.Cli.FanOut;
using AutoHeuristic.Tests.Shared;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests.FanOut;

/// <summary>Real child processes: a small POSIX shell script plays the worker.</summary>
public sealed class ProcessWorkerRunnerTests
{
    // Writes metadata, header and one row per sample to --out, reporting progress on stdout and
    // chatter on stderr; records the GPU it was given; exits with $FAKE_EXIT when it is set.
    private const string Script = """
        out=$1; samples=$2; seed=$3
        printf '%s\n' '{"name": "fake"}' 'gpu,seed,i,choice,feedback' > "$out"
        i=0
        while [ $i -lt $samples ]; do
          printf '%s,%s,%s,a,1.0\n' "$CUDA_VISIBLE_DEVICES" "$seed" "$i" >> "$out"
          i=$((i+1))
          [ "$AUTOHEURISTIC_PROGRESS_LINES" = 1 ] && echo "AH-PROGRESS $i $samples"
        done
        echo "worker on gpu $CUDA_VISIBLE_DEVICES done" >&2
        exit ${FAKE_EXIT:-0}
        """;

    private static void RequireShell()
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/bin/sh")) Assert.Ignore("needs /bin/sh");
    }

    private static ProcessWorkerRunner ShellRunner(string exitCode = "0") =>
        new(r => new WorkerCommand("/bin/sh", new[]
        {
            "-c", "FAKE_EXIT=" + exitCode + "; " + Script, "fake-worker", r.ShardLogPath, r.Shard.Samples.ToString(System.Globalization.CultureInfo.InvariantCulture),
            r.Shard.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));

    private sealed class Progress : IProgress<WorkerProgress>
    {
        public ConcurrentQueue<WorkerProgress> Reports { get; } = new();

        public void Report(WorkerProgress value) => Reports.Enqueue(value);
    }

    [Test]
    public async Task The_worker_sees_only_its_gpu_and_its_output_lands_in_its_console_log()
    {
        RequireShell();
        using var temp = new TempFolder();
        var plan = ShardPlan.Create("pad_mm", 6, 10, 2);
        var request = new WorkerRequest(plan, plan.Shard(1), "GPU-abc", temp.File("shard.txt"), temp.File("shard.log"), Resume: false);
        var progress = new Progress();

        int exit = await ShellRunner().RunAsync(request, progress, CancellationToken.None);

        Assert.That(exit, Is.Zero);
        Assert.That(File.ReadAllLines(request.ShardLogPath).Skip(2), Is.EqualTo(new[] { "GPU-abc,11,0,a,1.0", "GPU-abc,11,1,a,1.0", "GPU-abc,11,2,a,1.0" }));
        Assert.That(progress.Reports.Last(), Is.EqualTo(new WorkerProgress(3, 3)));
        string console = File.ReadAllText(request.ConsoleLogPath);
        Assert.That(console, Does.Match(@"\n# pid \d+\n"));
        Assert.That(console, Does.Contain("CUDA_VISIBLE_DEVICES=GPU-abc").And.Contain("worker on gpu GPU-abc done").And.Contain("# exit code 0"));
        Assert.That(console.Split('\n').Where(l => l.StartsWith("AH-PROGRESS", StringComparison.Ordinal)), Is.Empty, "progress lines drive the display, not the log");
    }

    [Test]
    public async Task A_failing_worker_returns_its_exit_code()
    {
        RequireShell();
        using var temp = new TempFolder();
        var plan = ShardPlan.Create("pad_mm", 2, 1, 1);
        var request = new WorkerRequest(plan, plan.Shard(0), "0", temp.File("s.txt"), temp.File("s.log"), Resume: false);

        int exit = await ShellRunner("3").RunAsync(request, new Progress(), CancellationToken.None);

        Assert.That(exit, Is.EqualTo(3));
        Assert.That(File.ReadAllText(request.ConsoleLogPath), Does.Contain("# exit code 3"));
    }

    [Test]
    public async Task A_missing_program_is_reported_not_thrown_through()
    {
        using var temp = new TempFolder();
        var plan = ShardPlan.Create("pad_mm", 2, 1, 1);
        var request = new WorkerRequest(plan, plan.Shard(0), "0", temp.File("s.txt"), temp.File("s.log"), Resume: false);
        var runner = new ProcessWorkerRunner(_ => new WorkerCommand(temp.File("no-such-program"), Array.Empty<string>()));

        Assert.That(
            async () => await runner.RunAsync(request, new Progress(), CancellationToken.None),
            Throws.InvalidOperationException.With.Message.Contains("shard 0/1").And.Message.Contains("no-such-program"));
    }

    [Test]
    public async Task Cancellation_kills_the_worker()
    {
        RequireShell();
        using var temp = new TempFolder();
        var plan = ShardPlan.Create("pad_mm", 2, 1, 1);
        var request = new WorkerRequest(plan, plan.Shard(0), "0", temp.File("s.txt"), temp.File("s.log"), Resume: false);
        var runner = new ProcessWorkerRunner(_ => new WorkerCommand("/bin/sh", new[] { "-c", "echo started; exec sleep 60" }));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        Assert.That(async () => await runner.RunAsync(request, new Progress(), cancel.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)));
        Assert.That(File.ReadAllText(request.ConsoleLogPath), Does.Contain("cancelled"));
    }

    [Test]
    public async Task Two_gpus_of_shell_workers_fan_out_and_merge()
    {
        RequireShell();
        using var temp = new TempFolder();
        var request = new FanOutRequest(ShardPlan.Create("pad_mm", 7, 5, 2), temp.File("all.txt"), new[] { "0", "1" }, Resume: false);

        FanOutResult result = await new FanOutOrchestrator(ShellRunner(), new RecordingObserver()).RunAsync(request);

        Assert.That(result.Succeeded, result.Error);
        string[] rows = File.ReadAllLines(request.OutPath).Skip(2).ToArray();
        Assert.That(rows.Select(r => r.Split(',')[1]), Is.EqualTo(new[] { "5", "5", "5", "5", "6", "6", "6" }), "shard 0 (seed 5, 4 samples), then shard 1 (seed 6, 3)");
        Assert.That(rows.Select(r => r.Split(',')[0]).Distinct().Count(), Is.EqualTo(2), "each shard ran on its own GPU");
    }
}
