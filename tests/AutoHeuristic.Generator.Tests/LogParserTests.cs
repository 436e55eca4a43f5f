using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using AutoHeuristic.Generator.Model;
using AutoHeuristic.Generator.Parsing;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Problems;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;

namespace AutoHeuristic.Generator.Tests;

/// <summary>
/// The generator reads a UTF-8 log from its <see cref="SourceText"/> in blocks instead of one copy
/// of the whole text; what it finds, and where, is what the reader finds in the string.
/// </summary>
public class LogParserTests
{
    private const string Metadata = "{\"shared_memory\": 166912, \"device_capa\": [8, 0], \"name\": \"toy\", \"numerical_features\": [\"m\", \"k\"], \"categorical_features\": []}";

    // Far more than one block of the line reader; bad rows at the start, in the middle and near the end.
    private static string BigLog()
    {
        var sb = new StringBuilder(Metadata).Append("\nm,k,choice,feedback\n");
        for (int i = 0; i < 20000; i++)
        {
            if (i is 3 or 9001 or 19990) sb.Append(i.ToString(CultureInfo.InvariantCulture)).Append(",x,a,1.0\n");
            else sb.Append(CultureInfo.InvariantCulture, $"{i},{i % 7},a,1.0\n{i},{i % 7},b,{1.0 + (i % 3)}\n");
        }

        return sb.ToString();
    }

    public static IEnumerable<TestCaseData> Texts()
    {
        string text = BigLog();
        yield return Case("string", SourceText.From(text));
        yield return Case("utf8_string", SourceText.From(text, Encoding.UTF8));
        // From a stream of this size Roslyn builds a chunked text (LargeText).
        yield return Case("utf8_stream", SourceText.From(new MemoryStream(new UTF8Encoding(false).GetBytes(text)), Encoding.UTF8));
    }

    // Named by kind: the text itself would make a 600 kB test name.
    private static TestCaseData Case(string kind, SourceText text) => new TestCaseData(kind, text).SetArgDisplayNames(kind);

    [TestCaseSource(nameof(Texts))]
    public void A_log_read_from_its_source_text_equals_the_log_read_from_the_string(string kind, SourceText text)
    {
        string content = text.ToString();
        ParsedLog expected = LogReader.Parse("/p/toy.txt", content);

        ParsedLogSpec parsed = LogParser.Parse("/p/toy.txt", text, CancellationToken.None);

        Assert.That(parsed.Log.RowCount, Is.EqualTo(expected.RowCount).And.EqualTo(2 * (20000 - 3)), kind);
        Assert.That(parsed.Log.SkippedRows, Is.EqualTo(3), kind);
        Assert.That(parsed.Log.Problems.Select(p => (p.Code, p.Line, p.Column)), Is.EqualTo(expected.Problems.Select(p => (p.Code, p.Line, p.Column))), kind);
    }

    [TestCaseSource(nameof(Texts))]
    public void Each_bad_row_is_located_at_its_line_and_cell(string kind, SourceText text)
    {
        ParsedLogSpec parsed = LogParser.Parse("/p/toy.txt", text, CancellationToken.None);

        // Data row i is line 3 + (rows before it); the bad rows' k cell "x" starts after "i,".
        int[] expectedLines = { 3 + 2 * 3, 3 + 2 * 9001 - 1, 3 + 2 * 19990 - 2 };
        var located = parsed.Diagnostics.Where(d => d.Location is not null && d.Location.LineSpan.Start.Line > 0).ToList();
        Assert.That(located.Select(d => d.Location!.LineSpan.Start.Line + 1), Is.EqualTo(expectedLines), kind);
        foreach (DiagnosticInfo d in located)
        {
            int line = d.Location!.LineSpan.Start.Line;
            string lineText = text.ToString().Split('\n')[line];
            Assert.That(text.ToString(d.Location.Span), Is.EqualTo(lineText.Substring(d.Location.LineSpan.Start.Character)), kind);
            Assert.That(lineText.Substring(d.Location.LineSpan.Start.Character), Does.StartWith("x,a,1.0"), kind);
        }
    }

    [Test]
    public void A_utf8_log_is_never_copied_into_one_string()
    {
        var text = new NoWholeCopyText(BigLog());

        ParsedLogSpec parsed = LogParser.Parse("/p/toy.txt", text, CancellationToken.None);

        Assert.That(parsed.Log.RowCount, Is.EqualTo(2 * (20000 - 3)));
        Assert.That(parsed.Diagnostics.Count(d => d.Location is not null && d.Location.LineSpan.Start.Line > 0), Is.EqualTo(3));
        Assert.That(text.LongestCopy, Is.LessThan(text.Length / 4), "the longest piece of the text copied at once");
    }

    [Test]
    public void A_log_decoded_with_another_encoding_is_still_refused_where_its_bytes_stop_being_utf8()
    {
        // Latin-1 bytes that are no UTF-8 (é as 0xE9), decoded by the host as Latin-1.
        byte[] bytes = Encoding.Latin1.GetBytes(Metadata + "\nm,k,choice,feedback\n1,2,caf\u00e9,1.0\n");
        SourceText text = SourceText.From(new MemoryStream(bytes), Encoding.Latin1);

        ParsedLogSpec parsed = LogParser.Parse("/p/latin1.txt", text, CancellationToken.None);

        LearningProblem problem = parsed.Log.Problems.Single(p => p.Code == ProblemCodes.InvalidEncoding);
        Assert.That((problem.Line, problem.Column), Is.EqualTo((3, 8)));
    }

    /// <summary>A UTF-8 text that refuses to be turned into one string and records the longest piece copied.</summary>
    private sealed class NoWholeCopyText : SourceText
    {
        private readonly string _text;

        public NoWholeCopyText(string text) => _text = text;

        public int LongestCopy { get; private set; }

        public override Encoding Encoding => Encoding.UTF8;

        public override int Length => _text.Length;

        public override char this[int position] => _text[position];

        public override void CopyTo(int sourceIndex, char[] destination, int destinationIndex, int count)
        {
            LongestCopy = System.Math.Max(LongestCopy, count);
            _text.CopyTo(sourceIndex, destination, destinationIndex, count);
        }

        public override string ToString(TextSpan span)
        {
            if (span.Length > Length / 4) throw new AssertionException("the whole text was asked for as one string");
            LongestCopy = System.Math.Max(LongestCopy, span.Length);
            return _text.Substring(span.Start, span.Length);
        }
    }
}
