using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using AutoHeuristic.Generator.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;

namespace AutoHeuristic.Generator.Tests;

/// <summary>
/// The generator gives the CLI reader's verdicts on hostile logs, as located diagnostics (file,
/// line, column), including on text that Roslyn decoded itself (UTF-16 by its byte order mark,
/// bytes that are not UTF-8 by a fallback).
/// </summary>
public class LogVerdictDiagnosticTests
{
    private const string Path = "/project/heuristics/toy.txt";

    private const string Metadata = "{\"shared_memory\": 166912, \"device_capa\": [8, 0], \"name\": \"toy\", \"numerical_features\": [\"m\"], \"categorical_features\": [\"d\"]}";

    private const string ToyClass = """
        namespace Sample;
        [global::AutoHeuristic.AutoHeuristic("toy")]
        public static partial class ToyHeuristic { }
        """;

    private static string Log(params string[] rows) => Metadata + "\nm,d,choice,feedback\n" + string.Join("\n", rows) + "\n";

    private static ImmutableArray<Diagnostic> Run(SourceText text)
    {
        var texts = new[] { ((AdditionalText)new SourceAdditionalText(Path, text), true) };
        return GeneratorHarness.Run(GeneratorHarness.Compile(ToyClass), texts).Diagnostics;
    }

    private static ImmutableArray<Diagnostic> Run(string text) => Run(SourceText.From(text, Encoding.UTF8));

    // (id, 1-based line, 1-based column) as the CLI prints them.
    private static (string Id, int Line, int Column) Where(Diagnostic d)
    {
        FileLinePositionSpan span = d.Location.GetLineSpan();
        Assert.That(span.Path, Is.EqualTo(Path));
        return (d.Id, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
    }

    [Test]
    public void A_torn_last_row_is_reported_on_its_whole_line()
    {
        ImmutableArray<Diagnostic> diagnostics = Run(Log("1,x,a,1.0", "1,x,b,2.0") + "2,x,a,2.5");
        Diagnostic torn = diagnostics.Single(d => d.Id == "AH1006");
        Assert.That(Where(torn), Is.EqualTo(("AH1006", 5, 1)));
        Assert.That(torn.Location.SourceSpan.Length, Is.EqualTo("2,x,a,2.5".Length));
    }

    [Test]
    public void A_quoted_value_and_an_invalid_feedback_are_reported_at_their_cells()
    {
        ImmutableArray<Diagnostic> diagnostics = Run(Log("1,x,a,1.0", "1,\"x\",b,2.0", "1,x,b,-inf", "1,x,b,2.0"));
        Assert.That(Where(diagnostics.Single(d => d.Id == "AH1016")), Is.EqualTo(("AH1016", 4, 3)));
        Assert.That(Where(diagnostics.Single(d => d.Id == "AH1017")), Is.EqualTo(("AH1017", 5, 7)));
    }

    [Test]
    public void A_capability_that_is_not_whole_is_reported_at_its_value()
    {
        string metadata = Metadata.Replace("[8, 0]", "[9.5, 0]");
        Diagnostic d = Run(metadata + "\nm,d,choice,feedback\n1,x,a,1.0\n").Single(x => x.Id == "AH1002");
        Assert.That(Where(d), Is.EqualTo(("AH1002", 1, metadata.IndexOf("[9.5", StringComparison.Ordinal) + 1)));
        Assert.That(d.GetMessage(), Does.Contain("\"device_capa\""));
    }

    [Test]
    public void A_log_roslyn_read_as_utf16_is_refused_as_the_cli_refuses_it()
    {
        SourceText utf16 = SourceText.From(Log("1,x,a,1.0", "1,x,b,2.0"), Encoding.Unicode);
        Diagnostic d = Run(utf16).Single(x => x.Id == "AH1014");
        Assert.That(Where(d), Is.EqualTo(("AH1014", 1, 1)));
        Assert.That(d.GetMessage(), Does.Contain("UTF-16"));
    }

    [Test]
    public void Bytes_roslyn_replaced_by_u_fffd_are_refused_at_their_place()
    {
        // On Linux and macOS Roslyn decodes bytes that are not UTF-8 to U+FFFD and says "UTF-8".
        Diagnostic d = Run(Log("1,x,a,1.0", "1,caf\uFFFD,b,2.0")).Single(x => x.Id == "AH1014");
        Assert.That(Where(d), Is.EqualTo(("AH1014", 4, 6)));
    }

    [Test]
    public void Bytes_roslyn_decoded_with_a_code_page_are_refused_at_their_place()
    {
        // On Windows Roslyn decodes them with the ANSI code page.
        Diagnostic d = Run(SourceText.From(Log("1,x,a,1.0", "1,caf\u00E9,b,2.0"), Encoding.Latin1)).Single(x => x.Id == "AH1014");
        Assert.That(Where(d), Is.EqualTo(("AH1014", 4, 6)));
        Assert.That(d.GetMessage(), Does.Contain("0xE9"));
    }

    [Test]
    public void Lines_are_counted_as_the_readers_count_them()
    {
        // U+2028 is a line break to Roslyn but data to the log readers: the line stays the reader's.
        ImmutableArray<Diagnostic> diagnostics = Run(Log("1,x\u2028y,a,1.0", "1,x,b,2.0", "1,\"x\",b,2.0"));
        Assert.That(Where(diagnostics.Single(d => d.Id == "AH1016")), Is.EqualTo(("AH1016", 5, 3)));
    }

    [Test]
    public void All_zero_feedback_learns_no_tree_and_says_why()
    {
        string[] rows = Enumerable.Range(0, 40).SelectMany(i => new[] { i + ",x,a,0.0", i + ",x,b,0.0" }).ToArray();
        ImmutableArray<Diagnostic> diagnostics = Run(Log(rows));
        Assert.That(Where(diagnostics.Single(d => d.Id == "AH1021")), Is.EqualTo(("AH1021", 3, 1)));
        Assert.That(diagnostics.Select(d => d.Id), Does.Contain("AH1022").And.No.Contain("AH3002"));
    }

    /// <summary>An AdditionalText with a given SourceText (and so a given encoding).</summary>
    private sealed class SourceAdditionalText : AdditionalText
    {
        private readonly SourceText _text;

        public SourceAdditionalText(string path, SourceText text)
        {
            Path = path;
            _text = text;
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
