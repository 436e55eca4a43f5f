using System;
using System.IO;
using System.Linq;
using System.Text;
using AutoHeuristic.Learning.Logs;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>Merging reads its inputs as the log readers do: it never turns a torn row into a complete one, nor decodes text that is not UTF-8.</summary>
public class LogMergerReadingTests
{
    private string _dir = null!;

    [SetUp]
    public void CreateFolder() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "ah-merge-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Test]
    public void A_torn_last_row_of_an_input_is_not_copied_and_is_listed()
    {
        string a = Write("a.txt", Encoding.UTF8.GetBytes(TestLogs.Log("1,2,x,a,1.0") + "1,2,x,b,2.5"));
        string b = Write("b.txt", Encoding.UTF8.GetBytes(TestLogs.Log("3,2,x,a,1.0", "3,2,x,b,2.0")));
        string output = Path.Combine(_dir, "merged.txt");
        LogMergeResult result = LogMerger.Merge(new[] { a, b }, output);
        Assert.That(result.TotalRows, Is.EqualTo(3));
        Assert.That(result.TornRows.Single(), Is.EqualTo(new System.Collections.Generic.KeyValuePair<string, int>(a, 4)));
        Assert.That(File.ReadAllText(output), Is.EqualTo(TestLogs.Log("1,2,x,a,1.0", "3,2,x,a,1.0", "3,2,x,b,2.0")));
    }

    [Test]
    public void An_input_that_is_not_utf8_is_an_error_naming_its_place_and_nothing_is_written()
    {
        string a = Write("a.txt", Encoding.UTF8.GetBytes(TestLogs.Log("1,2,x,a,1.0")));
        byte[] bad = Encoding.UTF8.GetBytes(TestLogs.Log("3,2,x,a,1.0") + "3,2,caf").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes(",b,2.0\n")).ToArray();
        string b = Write("b.txt", bad);
        string output = Path.Combine(_dir, "merged.txt");
        var ex = Assert.Throws<LogMergeException>(() => LogMerger.Merge(new[] { a, b }, output));
        Assert.That(ex!.Message, Does.StartWith(b + "(4,8): ").And.Contain("0xE9"));
        Assert.That(ex.File, Is.EqualTo(b));
        Assert.That(File.Exists(output), Is.False);
    }
}
