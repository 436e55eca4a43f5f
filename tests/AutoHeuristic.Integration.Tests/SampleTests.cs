using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AutoHeuristic.Tests.Shared;
using NUnit.Framework;

namespace AutoHeuristic.Integration.Tests;

/// <summary>
/// The main job: `dotnet run --project samples/PadMm` trains the bundled log at build time through a
/// ProjectReference to the generator (whose Core and Learning DLLs must load in the compiler) and
/// prints, per tree, in words how often it is right, wrong or hands back to benchmarking and the time
/// it saves, then a decision table.
/// </summary>
[NonParallelizable]
public class SampleTests
{
    [Test]
    public void ThePadMmSampleTrainsAtBuildTimeAndPrintsItsDecisions()
    {
        string root = TestRepository.Root;
        var run = DotNet.Run(root, new Dictionary<string, string?>(), "run", "--project", Path.Combine("samples", "PadMm"));
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(run.Output, Does.Contain("Tree for the A100 (19,398 rows"), "the generator ran with its dependencies and trained the bundled A100 log");
        Assert.That(run.Output, Does.Contain("Tree for the H100 (12,000 rows"), "and the H100 log listed in the project");
        Assert.That(run.Output, Does.Match(@"On [0-9,]+ held-out inputs: right [0-9,]+ \([0-9.]+ %\), wrong [0-9,]+ \([0-9.]+ %\), benchmark instead [0-9,]+ \([0-9.]+ %\)\."));
        Assert.That(run.Output, Does.Match(@"Time saved: -?[0-9.]+ % against always orig, -?[0-9.]+ % against always pad\."), "numbers from the model summary");
        Assert.That(run.Output, Does.Not.Contain("over_default").And.Not.Contain("autotune"), "words, not PyTorch's column names; pad_mm has no default");

        // The decision table: one row per shape, a word per GPU; shapes without padding are not asked.
        string[] rows = Regex.Matches(run.Output, @"^ *\d+ +\d+ +\d+  torch\.\w+ +(.+?) *$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToArray();
        Assert.That(rows, Has.Length.EqualTo(10), run.Output);
        Assert.That(rows[0], Is.EqualTo("no padding needed  no padding needed"), "1024³ needs no padding");
        string[] words = rows.SelectMany(r => Regex.Split(r.Replace("no padding needed", "no-padding-needed"), " +")).ToArray();
        Assert.That(words, Is.All.AnyOf("orig", "pad", "benchmark", "no-padding-needed"));
        Assert.That(words, Does.Contain("pad").Or.Contain("orig"), "the trees decide some shapes");
        Assert.That(run.Output, Does.Not.Contain("CS8784").And.Not.Contain("CS8785"), "no generator load or run failure");
    }
}
