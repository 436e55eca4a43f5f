using System.IO;
using AutoHeuristic.Cli.FanOut;
using AutoHeuristic.Tests.Shared;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests.FanOut;

public sealed class ShardLogFileTests
{
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
