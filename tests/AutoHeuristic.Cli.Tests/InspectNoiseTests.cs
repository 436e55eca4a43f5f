using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests;

public class InspectNoiseTests
{
    [Test]
    public void InspectNoisePrintsTheRepetitionTableAndTheNoiseFloor()
    {
        var (code, output) = CliRunner.Run("inspect", "--experimental-noise", CliRunner.Fixture("toy_pad_a.txt"));
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("repetitions disagree").And.Contain("bootstrap label flip"));
        Assert.That(output, Does.Match(@"0\.0 % – 0\.5 %\s+\d+"));
        Assert.That(output, Does.Match(@"≥ 5\.0 %\s+\d+"));
        Assert.That(output, Does.Match(@"noise floor: .* of \d+ inputs"));
    }

    [Test]
    public void InspectWithoutNoiseHasNoNoiseTable()
    {
        var (code, output) = CliRunner.Run("inspect", CliRunner.Fixture("toy_pad_a.txt"));
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Not.Contain("noise floor"));
    }
}
