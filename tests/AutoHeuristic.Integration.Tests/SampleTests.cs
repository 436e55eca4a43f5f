using System.Collections.Generic;
using System.IO;
using NUnit.Framework;

namespace AutoHeuristic.Integration.Tests;

/// <summary>
/// The main job: `dotnet run --project samples/PadMm` trains the bundled log at build time through a
/// ProjectReference to the generator (whose Core and Learning DLLs must load in the compiler) and
/// prints the quality report and a decision table.
/// </summary>
[NonParallelizable]
public class SampleTests
{
    [Test]
    public void ThePadMmSampleTrainsAtBuildTimeAndPrintsItsDecisions()
    {
        string root = DotNet.RepositoryRoot();
        var run = DotNet.Run(root, new Dictionary<string, string?>(), "run", "--project", Path.Combine("samples", "PadMm"));
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(run.Output, Does.Contain("Learned 'pad_mm' (decision) for A100"), "the generator ran with its dependencies and trained");
        Assert.That(run.Output, Does.Contain("test: correct "));
        Assert.That(run.Output, Does.Contain(" pad ").Or.Contain(" orig "), "the tree decides some shapes");
        Assert.That(run.Output, Does.Not.Contain("CS8784").And.Not.Contain("CS8785"), "no generator load or run failure");
    }
}
