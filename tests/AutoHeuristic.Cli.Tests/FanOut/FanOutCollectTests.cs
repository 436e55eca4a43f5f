using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AutoHeuristic.Cli.FanOut;
using AutoHeuristic.Tests.Shared;
using NUnit.Framework;
using Spectre.Console;

namespace AutoHeuristic.Cli.Tests.FanOut;

public sealed class FanOutCollectTests
{
    private static (IAnsiConsole Console, StringWriter Text) Console(bool interactive)
    {
        var text = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = 160;
        return (console, text);
    }

    private static FanOutCollectOptions Options(string outPath, string devices = "0,1", int? shards = null, bool resume = false) =>
        new("pad_mm", 12, 3, outPath, devices, shards, resume, new[] { "--reps", "3" });

    [Test]
    public void Workers_run_the_plain_collect_command_of_their_shard()
    {
        var plan = ShardPlan.Create("mm", 10, 40, 4);
        var request = new WorkerRequest(plan, plan.Shard(3), "1", "/data/mm.txt.shards/shard-3-of-4.txt", "/x.log", Resume: true);

        Assert.That(
            FanOutCollect.WorkerArguments(request, new[] { "--reps", "5" }),
            Is.EqualTo(new[] { "collect", "mm", "--samples", "2", "--seed", "43", "--out", "/data/mm.txt.shards/shard-3-of-4.txt", "--resume", "--reps", "5" }));
        WorkerCommand self = FanOutCollect.SelfCollectCommand(request with { Resume = false }, Array.Empty<string>());
        Assert.That(self.Arguments.SkipWhile(a => a != "collect"), Is.EqualTo(new[] { "collect", "mm", "--samples", "2", "--seed", "43", "--out", "/data/mm.txt.shards/shard-3-of-4.txt" }));
    }

    [Test]
    public async Task A_batch_run_prints_one_line_per_event_and_a_summary()
    {
        using var temp = new TempFolder();
        var (console, text) = Console(interactive: false);
        var fake = new FakeCollector();

        int exit = await FanOutCollect.RunAsync(console, Options(temp.File("out.txt")), runner: fake);

        string output = text.ToString();
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("shard 0/2 started on GPU").And.Contain("shard 1/2 done on GPU").And.Contain("12 rows"));
        Assert.That(output, Does.Contain("merged 24 rows from 2 shard logs into " + temp.File("out.txt")));
        Assert.That(output, Does.Contain("inputs/min"));
        Assert.That(fake.Requests.Select(r => r.Shard.Seed).OrderBy(s => s), Is.EqualTo(new[] { 3, 4 }));
    }

    [Test]
    public async Task A_terminal_gets_live_progress_bars()
    {
        using var temp = new TempFolder();
        var (console, text) = Console(interactive: true);

        int exit = await FanOutCollect.RunAsync(console, Options(temp.File("out.txt"), devices: "all", shards: 3), devices: new OneGpu(), runner: new FakeCollector());

        Assert.That(exit, Is.Zero, text.ToString());
        Assert.That(text.ToString(), Does.Contain("shard 2/3 (GPU 7)").And.Contain("done"));
    }

    [Test]
    public async Task Failures_and_bad_options_give_non_zero_exit_codes_with_the_reason()
    {
        using var temp = new TempFolder();
        var (console, text) = Console(interactive: false);
        var crashing = new FakeCollector();
        crashing.CrashAfter[0] = 1;

        Assert.That(await FanOutCollect.RunAsync(console, Options(temp.File("a.txt"), devices: "0,0"), runner: new FakeCollector()), Is.EqualTo(2));
        Assert.That(text.ToString(), Does.Contain("names device 0 twice"));
        Assert.That(await FanOutCollect.RunAsync(console, Options(temp.File("b.txt")), runner: crashing), Is.EqualTo(1));
        Assert.That(text.ToString(), Does.Contain("exited with code 139").And.Contain("Rerun with --resume"));
        Assert.That(await FanOutCollect.RunAsync(console, Options(temp.File("b.txt")), runner: new FakeCollector()), Is.EqualTo(2));
        Assert.That(text.ToString(), Does.Contain("Pass --resume"));
        Assert.That(await FanOutCollect.RunAsync(console, Options(temp.File("b.txt"), resume: true), runner: new FakeCollector()), Is.Zero);
    }

    [Test]
    public async Task A_cancelled_run_says_which_shards_to_resume()
    {
        using var temp = new TempFolder();
        var (console, text) = Console(interactive: false);
        using var stop = new System.Threading.CancellationTokenSource();
        var fake = new FakeCollector { AfterInput = (r, n) => { if (n == 2) stop.Cancel(); } };

        int exit = await FanOutCollect.RunAsync(console, Options(temp.File("c.txt")), runner: fake, cancellationToken: stop.Token);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(text.ToString(), Does.Contain("the collection was cancelled").And.Contain("Rerun with --resume"));
        Assert.That(File.Exists(temp.File("c.txt")), Is.False);
    }

    private sealed class OneGpu : IDeviceEnumerator
    {
        public System.Collections.Generic.IReadOnlyList<string> Enumerate(System.Collections.Generic.IList<string> tried) => new[] { "7" };
    }
}
