using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AutoHeuristic.Learning.Logs;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests;

public class MergeTests
{
    private const string Meta = "{\"shared_memory\": 232448, \"device_capa\": [9, 0], \"name\": \"pad_mm\", \"numerical_features\": [\"m\"], \"categorical_features\": []}";

    private static KeyValuePair<string, Func<TextReader>> Input(string name, string text) =>
        new(name, () => new StringReader(text));

    [Test]
    public void IdenticalHeadersConcatenateRowsInInputOrder()
    {
        var output = new StringWriter();
        LogMergeResult result = LogMerger.Merge(
            new[]
            {
                Input("gpu0.txt", Meta + "\nm,choice,feedback\n1,orig,0.5\n1,pad,0.25\n"),
                Input("gpu1.txt", Meta + "\r\nm,choice,feedback\r\n2,orig,0.75\r\n2,pad,1.0"),
            },
            output);

        // gpu1's last row has no line break: it was cut off while being written and is not copied
        // (a line break would make it look complete to every reader).
        Assert.That(output.ToString(), Is.EqualTo(Meta + "\nm,choice,feedback\n1,orig,0.5\n1,pad,0.25\n2,orig,0.75\n"));
        Assert.That(result.TotalRows, Is.EqualTo(3));
        Assert.That(result.RowsPerInput.Select(r => r.Value), Is.EqualTo(new long[] { 2, 1 }));
        Assert.That(result.TornRows, Is.EqualTo(new[] { new KeyValuePair<string, int>("gpu1.txt", 4) }));
    }

    [Test]
    public void DifferentMetadataIsAnErrorNamingBothFiles()
    {
        string other = Meta.Replace("232448", "166912");
        var ex = Assert.Throws<LogMergeException>(() => LogMerger.Merge(
            new[] { Input("gpu0.txt", Meta + "\nm,choice,feedback\n1,a,1.0\n"), Input("gpu1.txt", other + "\nm,choice,feedback\n1,a,1.0\n") },
            new StringWriter()));
        Assert.That(ex!.Message, Does.Contain("gpu0.txt").And.Contain("gpu1.txt").And.Contain("metadata"));
        Assert.That((ex.File, ex.OtherFile), Is.EqualTo(("gpu0.txt", "gpu1.txt")));
    }

    [Test]
    public void DifferentHeaderIsAnErrorNamingBothFilesAndNothingIsWritten()
    {
        var output = new StringWriter();
        var ex = Assert.Throws<LogMergeException>(() => LogMerger.Merge(
            new[] { Input("a.txt", Meta + "\nm,choice,feedback\n"), Input("b.txt", Meta + "\nk,choice,feedback\n") },
            output));
        Assert.That(ex!.Message, Does.Contain("a.txt").And.Contain("b.txt").And.Contain("CSV header"));
        Assert.That(output.ToString(), Is.Empty);
    }

    [Test]
    public void ALogWithoutItsHeaderIsAnErrorNamingIt()
    {
        var ex = Assert.Throws<LogMergeException>(() => LogMerger.Merge(
            new[] { Input("a.txt", Meta + "\nm,choice,feedback\n"), Input("short.txt", Meta + "\n") }, new StringWriter()));
        Assert.That(ex!.Message, Does.Contain("short.txt").And.Contain("only one line"));
    }

    [Test]
    public void MergeCommandWritesTheMergedFileAndCountsRows()
    {
        string dir = CliRunner.TempDir();
        string output = Path.Combine(dir, "merged.txt");
        var (code, text) = CliRunner.Run("merge", CliRunner.Fixture("toy_pad_a.txt"), CliRunner.Fixture("toy_pad_b.txt"), "--output", output);

        Assert.That(code, Is.EqualTo(0), text);
        string[] a = File.ReadAllLines(CliRunner.Fixture("toy_pad_a.txt"));
        string[] b = File.ReadAllLines(CliRunner.Fixture("toy_pad_b.txt"));
        string[] merged = File.ReadAllLines(output);
        Assert.That(merged, Is.EqualTo(a.Concat(b.Skip(2)).ToArray()));
        Assert.That(text, Does.Contain("960")); // 600 + 360 rows
    }

    [Test]
    public void MergeCommandReportsAMismatchAndFailsWithoutOutput()
    {
        string dir = CliRunner.TempDir();
        string output = Path.Combine(dir, "merged.txt");
        var (code, text) = CliRunner.Run("merge", CliRunner.Fixture("toy_pad_a.txt"), CliRunner.Fixture("toy_pad_a100.txt"), "-o", output);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(text, Does.Contain("toy_pad_a.txt").And.Contain("toy_pad_a100.txt"));
        Assert.That(File.Exists(output), Is.False);
        Assert.That(Directory.GetFiles(dir), Is.Empty);
    }

    [Test]
    public void MergeCommandRefusesToOverwriteAnInput()
    {
        string dir = CliRunner.TempDir();
        string input = Path.Combine(dir, "a.txt");
        File.Copy(CliRunner.Fixture("toy_pad_a.txt"), input);
        var (code, text) = CliRunner.Run("merge", input, CliRunner.Fixture("toy_pad_b.txt"), "-o", input);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(text, Does.Contain("also an input"));
    }

    [Test]
    public void MergeCommandNeedsAnOutput()
    {
        var (code, text) = CliRunner.Run("merge", CliRunner.Fixture("toy_pad_a.txt"));
        Assert.That(code, Is.Not.EqualTo(0));
        Assert.That(text, Does.Contain("--output"));
    }
}
