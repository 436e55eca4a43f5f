using System;
using System.Collections.Generic;
using System.IO;
using AutoHeuristic.Cuda.Collection;
using NUnit.Framework;

namespace AutoHeuristic.Cuda.Tests.Collection;

public class SamplingLogTests
{
    private string _path = null!;

    [SetUp]
    public void SetUp() => _path = Path.Combine(Path.GetTempPath(), "ah-sampling-" + Guid.NewGuid().ToString("N") + ".csv");

    [TearDown]
    public void TearDown() => File.Delete(_path);

    private static SampledInputRecord Record(int index, int round, string reason, double weight, int rounds) =>
        new(7, new PlannedInput(index, round, reason, weight), rounds, rounds * 2, 0.123456, new DateTime(2026, 12, 5, 10, 0, 1, 250, DateTimeKind.Utc));

    [Test]
    public void Records_round_trip_with_one_header()
    {
        SamplingLog.Append(_path, Record(3, 0, SampleReasons.Uniform, 100.0 / 3, 1));
        SamplingLog.Append(_path, Record(11, 1, SampleReasons.Unsure, 1, 3));
        string[] lines = File.ReadAllLines(_path);
        Assert.That(lines[0], Is.EqualTo(SamplingLog.Header));
        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines[1], Is.EqualTo("7,3,0,uniform,33.333333333333336,1,2,0.123456,2026-12-05T10:00:01.250Z"));

        IReadOnlyList<SampledInputRecord> read = SamplingLog.Read(_path);
        Assert.That(read, Is.EqualTo(new[] { Record(3, 0, SampleReasons.Uniform, 100.0 / 3, 1), Record(11, 1, SampleReasons.Unsure, 1, 3) }));
    }

    [Test]
    public void A_torn_last_line_is_skipped()
    {
        SamplingLog.Append(_path, Record(3, 0, SampleReasons.Sequence, 1, 3));
        File.AppendAllText(_path, "7,4,0,seq");
        Assert.That(SamplingLog.Read(_path), Has.Count.EqualTo(1));
    }

    [TestCase("7,3,0,uniform,1,3,6,0.1", "expected 9 cells")]
    [TestCase("7,-3,0,uniform,1,3,6,0.1,2026-12-05T10:00:01.250Z", "column 2 (index)")]
    [TestCase("7,3,0,uniform,NaN,3,6,0.1,2026-12-05T10:00:01.250Z", "column 5 (weight)")]
    [TestCase("7,3,0,uniform,1,3,6,0.1,yesterday", "column 9 (finished_utc)")]
    [TestCase("7,3,0,,1,3,6,0.1,2026-12-05T10:00:01.250Z", "column 4 (reason)")]
    public void A_bad_line_names_the_file_line_and_column(string line, string expected)
    {
        File.WriteAllText(_path, SamplingLog.Header + "\n" + line + "\n");
        var e = Assert.Throws<InvalidDataException>(() => SamplingLog.Read(_path))!;
        Assert.That(e.Message, Does.StartWith(_path + ", line 2"));
        Assert.That(e.Message, Does.Contain(expected));
    }

    [Test]
    public void A_file_without_the_header_is_refused()
    {
        File.WriteAllText(_path, "index,round\n1,2\n");
        var e = Assert.Throws<InvalidDataException>(() => SamplingLog.Read(_path))!;
        Assert.That(e.Message, Does.Contain("line 1"));
    }

    [Test]
    public void A_reason_with_a_comma_is_refused_before_writing()
    {
        Assert.Throws<ArgumentException>(() => SamplingLog.Append(_path, Record(1, 0, "a,b", 1, 1)));
        Assert.That(File.Exists(_path), Is.False);
    }
}
