using System.IO;
using AutoHeuristic.Cli.FanOut;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests.FanOut;

public sealed class ShardLogFileTests
{
    [Test]
    public void A_partial_last_line_is_cut_and_whole_files_are_left_alone()
    {
        using var temp = new TempFolder();
        string partial = temp.File("partial.txt"), whole = temp.File("whole.txt"), single = temp.File("single.txt");
        File.WriteAllText(partial, "meta\nhead\n1,a,1.0\n2,b,");
        File.WriteAllText(whole, "meta\nhead\n1,a,1.0\n");
        File.WriteAllText(single, "no line break at all");

        Assert.That(ShardLogFile.TrimPartialLastLine(partial), Is.EqualTo(4));
        Assert.That(File.ReadAllText(partial), Is.EqualTo("meta\nhead\n1,a,1.0\n"));
        Assert.That(ShardLogFile.TrimPartialLastLine(whole), Is.Zero);
        Assert.That(File.ReadAllText(whole), Is.EqualTo("meta\nhead\n1,a,1.0\n"));
        Assert.That(ShardLogFile.TrimPartialLastLine(single), Is.EqualTo(20));
        Assert.That(File.ReadAllText(single), Is.Empty);
        Assert.That(ShardLogFile.TrimPartialLastLine(temp.File("missing.txt")), Is.Zero);
    }

    [Test]
    public void Rows_are_counted_incrementally()
    {
        using var temp = new TempFolder();
        string path = temp.File("log.txt");
        File.WriteAllText(path, "meta\nhead\n");
        long offset = 0;

        Assert.That(ShardLogFile.CountNewLines(path, ref offset), Is.EqualTo(2));
        File.AppendAllText(path, "1\n2\n3");
        Assert.That(ShardLogFile.CountNewLines(path, ref offset), Is.EqualTo(2));
        Assert.That(ShardLogFile.CountDataRows(path), Is.EqualTo(2));
        Assert.That(ShardLogFile.CountDataRows(temp.File("missing.txt")), Is.Zero);
    }
}
