using System.Text;
using System.Threading;
using AutoHeuristic.Analyzers.Logs;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;

namespace AutoHeuristic.Analyzers.Tests.Logs;

/// <summary>
/// The analyzers read logs with the generator's and the CLI's verdicts (Core's LogScanner): only
/// rows that are measurements contribute choices, and a log the generator refuses contributes none.
/// </summary>
public class TrainingLogReaderTests
{
    private const string Metadata = "{\"shared_memory\": 166912, \"device_capa\": [8, 0], \"name\": \"toy\", \"numerical_features\": [\"m\"], \"categorical_features\": [\"d\"]}";

    private static string Log(params string[] rows) => Metadata + "\nm,d,choice,feedback\n" + string.Join("\n", rows) + "\n";

    private static TrainingLog Read(string text, Encoding? encoding = null) =>
        TrainingLogReader.Read("/p/toy.txt", SourceText.From(text, encoding ?? Encoding.UTF8), CancellationToken.None);

    [Test]
    public void Reads_metadata_header_features_and_distinct_choices()
    {
        TrainingLog log = Read(Log("1,x,b,1.0", "1,x,a,2.0", "2,x,b,inf"));
        Assert.That(log.Metadata!.Name, Is.EqualTo("toy"));
        Assert.That(log.HeaderFeatures, Is.EqualTo(new[] { "m", "d" }));
        Assert.That(log.Choices, Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void Rows_that_are_not_measurements_contribute_no_choice()
    {
        // A quoted choice, an invalid feedback, a bad number, an inexact integer, a wrong cell count and a torn last row.
        TrainingLog log = Read(Log("1,x,a,1.0", "1,x,\"q\",2.0", "1,x,neg,-1.0", "1,x,nan,nan", "z,x,word,1.0", "9007199254740993,x,big,1.0", "1,x,few") + "1,x,torn,2.0");
        Assert.That(log.Choices, Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public void A_log_the_generator_refuses_contributes_no_choices()
    {
        Assert.That(Read(Log("1,x,a,inf", "1,x,b,inf")).Choices, Is.Empty, "every run failed");
        Assert.That(Read(Log("1,x,a,1.0", "1,caf\uFFFD,b,1.0")).Choices, Is.Empty, "not UTF-8 (Roslyn's U+FFFD)");
        TrainingLog badHeader = Read(Metadata + "\nm,choice,feedback\n1,a,1.0\n");
        Assert.That((badHeader.Metadata!.Name, badHeader.HeaderFeatures.Count, badHeader.Choices.Count), Is.EqualTo(("toy", 0, 0)));
    }

    [Test]
    public void Text_that_was_not_utf8_is_ignored_entirely()
    {
        Assert.That(Read(Log("1,x,a,1.0"), Encoding.Unicode).Metadata, Is.Null);
        Assert.That(Read(Log("1,caf\u00E9,a,1.0"), Encoding.Latin1).Metadata, Is.Null);
    }

    [Test]
    public void Metadata_is_read_strictly()
    {
        Assert.That(Read(Metadata.Replace("[8, 0]", "[9.5, 0]") + "\nm,d,choice,feedback\n1,x,a,1.0\n").Metadata, Is.Null);
    }

    [Test]
    public void A_line_break_of_roslyn_that_is_data_to_the_readers_stays_inside_the_row()
    {
        TrainingLog log = Read(Log("1,x\u2028y,a,1.0", "1,x,b,2.0"));
        Assert.That(log.Choices, Is.EqualTo(new[] { "a", "b" }));
    }
}
