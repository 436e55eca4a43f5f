using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using AutoHeuristic.Cli.Commands;
using AutoHeuristic.Cli.Infrastructure;
using AutoHeuristic.Cuda.Collection;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests.Collection;

public class SampledLogPartsTests
{
    private const string Head = "{\"shared_memory\": 232448, \"device_capa\": [9, 0], \"name\": \"toy_pad\", \"numerical_features\": [\"m\", \"k\"], \"categorical_features\": [\"dtype\"]}\nm,k,dtype,choice,feedback\n";

    private static SampledInputRecord Record(int index, string reason, int rows) =>
        new(1, new PlannedInput(index, 0, reason, 1), rows / 2, rows, 0.1, new DateTime(2026, 12, 5, 10, 0, 0, DateTimeKind.Utc));

    private static string Rows(int m, int rounds)
    {
        var sb = new StringBuilder();
        for (int r = 0; r < rounds; r++) sb.Append($"{m},64,torch.float16,orig,1.{r}\n{m},64,torch.float16,pad,2.{r}\n");
        return sb.ToString();
    }

    [Test]
    public void Rows_are_cut_by_the_side_file_into_uniform_and_picked_inputs()
    {
        string log = Head + Rows(1, 3) + Rows(2, 1) + Rows(3, 2);
        var records = new[] { Record(0, SampleReasons.Uniform, 6), Record(5, SampleReasons.Unsure, 2), Record(9, SampleReasons.Sequence, 4) };
        SampledLogParts parts = SampledLogParts.Split(log, records, "log.txt");
        Assert.That(parts.UniformLog, Is.EqualTo(Head + Rows(1, 3) + Rows(3, 2)));
        Assert.That(parts.PickedLog, Is.EqualTo(Head + Rows(2, 1)));
        Assert.That((parts.UniformInputs, parts.PickedInputs), Is.EqualTo((2, 1)));
    }

    [Test]
    public void A_torn_last_row_is_dropped()
    {
        string log = Head + Rows(1, 1) + "2,64,torch.fl";
        SampledLogParts parts = SampledLogParts.Split(log, new[] { Record(0, SampleReasons.Uniform, 2) }, "log.txt");
        Assert.That(parts.UniformLog, Is.EqualTo(Head + Rows(1, 1)));
    }

    [TestCase(8, "lists more")]
    [TestCase(4, "accounts for 4")]
    public void A_side_file_that_does_not_describe_the_rows_is_named(int rows, string expected)
    {
        string log = Head + Rows(1, 3);
        var e = Assert.Throws<InvalidDataException>(() => SampledLogParts.Split(log, new[] { Record(0, SampleReasons.Uniform, rows) }, "log.txt"))!;
        Assert.That(e.Message, Does.Contain("'log.txt' has 6 rows").And.Contain(expected));
    }

    // The toy fixture's inputs, grouped, with a side file that marks every third one as picked by uncertainty.
    private static (string Path, int Inputs, int Picked) AdaptiveToyLog()
    {
        string path = Path.Combine(CliRunner.TempDir(), "adaptive.txt");
        string[] lines = File.ReadAllLines(CliRunner.Fixture("toy_pad_a.txt"));
        var groups = lines.Skip(2).GroupBy(l => string.Join(",", l.Split(',').Take(3))).ToList();
        File.WriteAllText(path, string.Join("\n", lines.Take(2)) + "\n" + string.Concat(groups.SelectMany(g => g).Select(l => l + "\n")));
        for (int i = 0; i < groups.Count; i++)
            SamplingLog.Append(path + SamplingLog.Suffix, Record(i, i % 3 == 2 ? SampleReasons.Unsure : SampleReasons.Uniform, groups[i].Count()));
        return (path, groups.Count, Enumerable.Range(0, groups.Count).Count(i => i % 3 == 2));
    }

    [Test]
    public void Train_validates_and_tests_on_the_uniform_inputs_only()
    {
        var (path, inputs, picked) = AdaptiveToyLog();

        var (code, output) = CliRunner.RunUnwrapped("train", path, "--validate-on-uniform", "--brief", "--allowed-wrong", "1");

        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain($"Validating and testing on the {inputs - picked} uniformly drawn inputs; the {picked} inputs picked as unsure train only (set '{TrainCommand.AdaptivePicksSet}')."));
        Assert.That(output, Does.Contain($"inputs {inputs - picked},"));
        Assert.That(output, Does.Contain($"{TrainCommand.AdaptivePicksSet} {picked}"));
    }

    [Test]
    public void Problems_name_the_log_itself()
    {
        var (path, _, _) = AdaptiveToyLog();

        // PyTorch's 1 % budget leaves this toy log without a model: the problem must name the log the user gave.
        var (code, output) = CliRunner.RunUnwrapped("train", path, "--validate-on-uniform", "--brief");
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain(path + ": error AH3002"));
    }

    [Test]
    public void Train_without_a_side_file_says_so()
    {
        string dir = CliRunner.TempDir();
        string path = Path.Combine(dir, "plain.txt");
        File.Copy(CliRunner.Fixture("toy_pad_a.txt"), path);
        var (code, output) = CliRunner.RunUnwrapped("train", path, "--validate-on-uniform");
        Assert.That(code, Is.EqualTo(CliErrors.UserError), output);
        Assert.That(output, Does.Contain("has no sampling side file"));
    }
}
