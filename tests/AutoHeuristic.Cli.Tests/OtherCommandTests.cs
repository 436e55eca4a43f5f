using System.IO;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests;

public class OtherCommandTests
{
    [Test]
    public void InspectShowsRowsInputsChoicesFeaturesHardwareAndProblems()
    {
        var (code, output) = CliRunner.Run("inspect", CliRunner.Fixture("toy_bad.txt"));
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("toy_pad").And.Contain("shared memory 232448, capability (9, 0)"));
        Assert.That(output, Does.Match(@"rows\s+│ 4 \(3 skipped\)"));
        Assert.That(output, Does.Match(@"inputs\s+│ 2 "));
        Assert.That(output, Does.Contain("m, k").And.Contain("dtype"));
        Assert.That(output, Does.Contain("toy_bad.txt(5): warning AH1004"));
        Assert.That(output, Does.Contain("toy_bad.txt(6,1): warning AH1005"));
        Assert.That(output, Does.Contain("toy_bad.txt(9): warning AH1006"));
    }

    [Test]
    public void InspectOfACleanLogSaysSo()
    {
        var (code, output) = CliRunner.Run("inspect", CliRunner.Fixture("toy_pad_a.txt"));
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Match(@"rows\s+│ 600 "));
        Assert.That(output, Does.Match(@"orig\s+300"));
        Assert.That(output, Does.Match(@"dtype\s+categorical\s+2\s+torch\.(b?float16), torch\.(b?float16)"));
        Assert.That(output, Does.Match(@"\bm\s+numerical\s+\d+\s+\d+ … \d+"));
        Assert.That(output, Does.Contain("no problems found"));
    }

    [Test]
    public void InspectOfAnEmptyFileIsAnError()
    {
        string empty = Path.Combine(CliRunner.TempDir(), "empty.txt");
        File.WriteAllText(empty, string.Empty);
        var (code, output) = CliRunner.Run("inspect", empty);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("AH1001"));
    }

    [Test]
    public void EvaluateReportsTheModelOnEachOtherLog()
    {
        var (code, output) = CliRunner.Run("evaluate", "--train", CliRunner.Fixture("toy_pad_a.txt"), CliRunner.Fixture("toy_pad_b.txt"));
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Match(@"metric\s+│\s+train\s+│\s+val\s+│\s+test\s+│\s+toy_pad_b"));
    }

    [Test]
    public void EvaluateSaysWhichLogsItCouldNotEvaluate()
    {
        var (code, output) = CliRunner.Run("evaluate", "--train", CliRunner.Fixture("toy_pad_a.txt"), CliRunner.Fixture("toy_pad_a100.txt"));
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("not evaluated").And.Contain("toy_pad_a100.txt"));
    }

    [Test]
    public void EvaluateNeedsTrainingLogs()
    {
        var (code, output) = CliRunner.Run("evaluate", CliRunner.Fixture("toy_pad_b.txt"));
        Assert.That(code, Is.Not.EqualTo(0));
        Assert.That(output, Does.Contain("--train"));
    }

    [Test]
    public void HelpListsEveryCommand()
    {
        var (_, output) = CliRunner.Run("--help");
        foreach (string command in new[] { "train", "evaluate", "inspect", "merge", "collect" }) Assert.That(output, Does.Contain(command));
        Assert.That(output, Does.Not.Contain("bench"), "bench needs the repository: tools/AutoHeuristic.Bench");
    }

    [Test]
    public void ACancelledTrainingStopsWithExitCode130()
    {
        var console = new Spectre.Console.Testing.TestConsole();
        using var cancel = new System.Threading.CancellationTokenSource();
        cancel.Cancel();
        int code = Program.Run(new[] { "train", CliRunner.Fixture("toy_pad_a.txt") }, console, cancel.Token);
        Assert.That(code, Is.EqualTo(130), console.Output);
        Assert.That(console.Output, Does.Contain("cancelled"));
    }

    [Test]
    public void NormalizeArgumentsJoinsOnlyTheTwoValueDataForm()
    {
        Assert.That(Program.NormalizeArguments(new[] { "train", "a", "--data", "x", "p", "--data", "y=q", "--json", "j" }),
            Is.EqualTo(new[] { "train", "a", "--data", "x=p", "--data", "y=q", "--json", "j" }));
    }
}
