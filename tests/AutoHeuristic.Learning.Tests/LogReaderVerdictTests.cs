using System;
using System.IO;
using System.Linq;
using System.Text;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Problems;
using AutoHeuristic.Logs;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>
/// Hostile and careless logs: every verdict is a located problem with its code and severity,
/// nothing is silently accepted, and nothing crashes or exhausts memory.
/// </summary>
public class LogReaderVerdictTests
{
    private static LearningProblem Only(ParsedLog log, string code) => log.Problems.Single(p => p.Code == code);

    private static (string Code, ProblemSeverity Severity, int Line, int Column) Where(LearningProblem p) => (p.Code, p.Severity, p.Line, p.Column);

    private static string TempFile(byte[] bytes)
    {
        string path = Path.Combine(Path.GetTempPath(), "ah-verdict-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static ParsedLog ReadBytes(byte[] bytes)
    {
        string path = TempFile(bytes);
        try
        {
            return LogFiles.Read(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_last_row_without_its_line_break_is_torn_even_when_its_cells_are_complete()
    {
        // "2.5" may be the first digits of "2.53": a crash or a full disk cut the row.
        ParsedLog log = LogReader.Parse("t.txt", TestLogs.Log("1,2,x,a,1.0", "1,2,x,b,2.0") + "3,2,x,a,2.5");
        Assert.That(Where(Only(log, ProblemCodes.TruncatedLastLine)), Is.EqualTo((ProblemCodes.TruncatedLastLine, ProblemSeverity.Warning, 5, 0)));
        Assert.That(log.RowCount, Is.EqualTo(2));
        Assert.That(log.SkippedRows, Is.EqualTo(1));
        Assert.That(log.Columns!.Feedback, Is.EqualTo(new[] { 1.0, 2.0 }));
        Assert.That(log.IsUsable, Is.True);
    }

    [Test]
    public void A_last_row_with_its_line_break_is_kept_and_a_trailing_blank_line_is_nothing()
    {
        ParsedLog log = LogReader.Parse("t.txt", TestLogs.Log("1,2,x,a,1.0", "1,2,x,b,2.0") + "\n");
        Assert.That((log.RowCount, log.SkippedRows), Is.EqualTo((2, 0)));
        Assert.That(log.Problems, Is.Empty);
    }

    [Test]
    public void Bytes_that_are_not_utf8_are_an_error_at_their_line_and_column()
    {
        // "café" in Latin-1: 0xE9 then the line break, at line 4 (the second data row), column 8.
        byte[] head = Encoding.UTF8.GetBytes(TestLogs.Log("1,2,x,a,1.0") + "1,2,caf");
        byte[] bytes = head.Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes(",b,2.0\n")).ToArray();
        ParsedLog log = ReadBytes(bytes);
        LearningProblem p = Only(log, ProblemCodes.InvalidEncoding);
        Assert.That(Where(p), Is.EqualTo((ProblemCodes.InvalidEncoding, ProblemSeverity.Error, 4, 8)));
        Assert.That(p.Message, Does.Contain("0xE9").And.Contain("byte offset " + head.Length));
        Assert.That(log.IsUsable, Is.False, "a log that is not UTF-8 is not trained on");
    }

    [Test]
    public void Distinct_values_are_never_merged_by_a_lenient_decoding()
    {
        // café and cafè in Latin-1 differ in one byte; a lenient decoder turns both into "caf\uFFFD".
        byte[] bytes = Encoding.UTF8.GetBytes(TestLogs.PadMetadata + "\n" + TestLogs.Header + "\n1,2,caf")
            .Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes(",a,1.0\n1,2,caf")).Concat(new byte[] { 0xE8 }).Concat(Encoding.UTF8.GetBytes(",a,2.0\n")).ToArray();
        ParsedLog log = ReadBytes(bytes);
        Assert.That(Where(Only(log, ProblemCodes.InvalidEncoding)), Is.EqualTo((ProblemCodes.InvalidEncoding, ProblemSeverity.Error, 3, 8)));
        Assert.That(log.RowCount, Is.EqualTo(0));
    }

    [Test]
    public void Valid_utf8_values_and_a_byte_order_mark_are_read()
    {
        byte[] bytes = new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(TestLogs.Log("1,2,café,a,1.0", "1,2,cafè,b,2.0", "1,2,\U0001F600,b,3.0"))).ToArray();
        ParsedLog log = ReadBytes(bytes);
        Assert.That(log.Problems.Select(p => p.Code), Is.EqualTo(new[] { ProblemCodes.EncodingNote }));
        Assert.That(log.Columns!.CategoryTexts[2], Is.EqualTo(new[] { "café", "cafè", "\U0001F600" }));
    }

    [TestCase(new byte[] { 0xFF, 0xFE }, "UTF-16")]
    [TestCase(new byte[] { 0xFE, 0xFF }, "UTF-16")]
    [TestCase(new byte[] { 0xFF, 0xFE, 0, 0 }, "UTF-32")]
    public void A_utf16_or_utf32_file_is_an_error_at_its_start(byte[] byteOrderMark, string name)
    {
        byte[] bytes = byteOrderMark.Concat(Encoding.Unicode.GetBytes(TestLogs.Log("1,2,x,a,1.0"))).ToArray();
        ParsedLog log = ReadBytes(bytes);
        LearningProblem p = log.Problems.Single();
        Assert.That(Where(p), Is.EqualTo((ProblemCodes.InvalidEncoding, ProblemSeverity.Error, 1, 1)));
        Assert.That(p.Message, Does.Contain(name));
        Assert.That(log.IsUsable, Is.False);
    }

    [TestCase('\uFFFD')]
    [TestCase('\0')]
    public void Replacement_and_nul_characters_are_the_same_error_in_text_given_as_a_string(char bad)
    {
        ParsedLog log = LogReader.Parse("t.txt", TestLogs.Log("1,2,x,a,1.0", "1,2,ca" + bad + ",b,2.0"));
        Assert.That(Where(Only(log, ProblemCodes.InvalidEncoding)), Is.EqualTo((ProblemCodes.InvalidEncoding, ProblemSeverity.Error, 4, 7)));
        Assert.That(log.IsUsable, Is.False);
    }

    [Test]
    public void Text_a_host_decoded_from_another_code_page_is_checked_as_bytes()
    {
        // Windows Roslyn decodes a Latin-1 log with the ANSI code page: the bytes are recovered and refused.
        string text = TestLogs.Log("1,2,x,a,1.0", "1,2,café,b,2.0");
        ParsedLog log = LogReader.Parse("t.txt", text, Encoding.Latin1);
        Assert.That(Where(log.Problems.Single()), Is.EqualTo((ProblemCodes.InvalidEncoding, ProblemSeverity.Error, 4, 8)));
        Assert.That(LogReader.Parse("t.txt", text, Encoding.Unicode).Problems.Single().Message, Does.Contain("UTF-16"));
        Assert.That(LogReader.Parse("t.txt", text, Encoding.UTF8).Problems, Is.Empty);
        Assert.That(LogReader.Parse("t.txt", TestLogs.Log("1,2,x,a,1.0", "1,2,y,b,2.0"), Encoding.Latin1).Problems, Is.Empty, "ASCII reads the same in any code page");
    }

    [Test]
    public void A_quoted_value_skips_the_row_at_the_quote()
    {
        ParsedLog log = LogReader.Parse("q.txt", TestLogs.Log("1,2,x,a,1.0", "1,2,\"x\",b,2.0", "1,2,x,\"b\",2.0", "1,2,x,b,3.0"));
        Assert.That(log.Problems.Select(Where), Is.EqualTo(new[]
        {
            (ProblemCodes.QuotedValue, ProblemSeverity.Warning, 4, 5),
            (ProblemCodes.QuotedValue, ProblemSeverity.Warning, 5, 7),
        }));
        Assert.That((log.RowCount, log.SkippedRows), Is.EqualTo((2, 2)));
        Assert.That(log.Columns!.CategoryTexts[2], Is.EqualTo(new[] { "x" }));
    }

    [Test]
    public void A_carriage_return_inside_a_row_skips_it()
    {
        ParsedLog log = LogReader.Parse("r.txt", TestLogs.Log("1,2,x,a,1.0", "1,2,x\ry,b,2.0", "1,2,x,b,3.0"));
        Assert.That(Where(log.Problems.Single()), Is.EqualTo((ProblemCodes.QuotedValue, ProblemSeverity.Warning, 4, 6)));
        Assert.That(log.SkippedRows, Is.EqualTo(1));
    }

    [Test]
    public void Nan_negative_and_minus_inf_feedback_skip_the_row_and_inf_stays_a_failed_run()
    {
        ParsedLog log = LogReader.Parse("f.txt", TestLogs.Log("1,2,x,a,1.0", "1,2,x,b,nan", "1,2,x,b,-1.5", "1,2,x,b,-inf", "1,2,x,b,inf", "1,2,x,b,0.0"));
        Assert.That(log.Problems.Select(Where), Is.EqualTo(new[]
        {
            (ProblemCodes.InvalidFeedback, ProblemSeverity.Warning, 4, 9),
            (ProblemCodes.InvalidFeedback, ProblemSeverity.Warning, 5, 9),
            (ProblemCodes.InvalidFeedback, ProblemSeverity.Warning, 6, 9),
        }));
        Assert.That(log.Problems[2].Message, Does.Contain("-inf"));
        Assert.That(log.Columns!.Feedback, Is.EqualTo(new[] { 1.0, double.PositiveInfinity, 0.0 }));
        Assert.That(log.SkippedRows, Is.EqualTo(3));
    }

    [Test]
    public void A_log_where_every_run_failed_is_an_error()
    {
        ParsedLog log = LogReader.Parse("f.txt", TestLogs.Log("1,2,x,a,inf", "1,2,x,b,inf", "2,2,x,a,inf"));
        Assert.That(Where(log.Problems.Single()), Is.EqualTo((ProblemCodes.AllRunsFailed, ProblemSeverity.Error, 3, 0)));
        Assert.That(log.IsUsable, Is.False);
    }

    [TestCase("[9.5, 0]", "device_capa")]
    [TestCase("[9, -1]", "device_capa")]
    [TestCase("[9, 1e10]", "device_capa")]
    public void A_capability_that_is_not_two_whole_numbers_is_an_error_naming_the_key(string capability, string key)
    {
        string meta = TestLogs.PadMetadata.Replace("[8, 0]", capability);
        ParsedLog log = LogReader.Parse("m.txt", meta + "\n" + TestLogs.Header + "\n1,2,x,a,1.0\n");
        LearningProblem p = log.Problems.Single();
        Assert.That(Where(p), Is.EqualTo((ProblemCodes.BadMetadata, ProblemSeverity.Error, 1, meta.IndexOf(capability, StringComparison.Ordinal) + 1)));
        Assert.That(p.Message, Does.Contain("\"" + key + "\""));
        Assert.That(log.IsUsable, Is.False);
    }

    [TestCase("1.5")]
    [TestCase("1e308")]
    [TestCase("-1")]
    [TestCase("9007199254740993")]
    public void A_shared_memory_that_is_not_a_whole_number_in_range_is_an_error(string value)
    {
        string meta = TestLogs.PadMetadata.Replace("166912", value);
        ParsedLog log = LogReader.Parse("m.txt", meta + "\n" + TestLogs.Header + "\n1,2,x,a,1.0\n");
        LearningProblem p = log.Problems.Single();
        Assert.That(Where(p), Is.EqualTo((ProblemCodes.BadMetadata, ProblemSeverity.Error, 1, meta.IndexOf(value, StringComparison.Ordinal) + 1)));
        Assert.That(p.Message, Does.Contain("\"shared_memory\""));
    }

    [Test]
    public void An_integer_feature_beyond_two_to_the_53_skips_the_row_and_two_to_the_53_is_kept()
    {
        ParsedLog log = LogReader.Parse("i.txt", TestLogs.Log("9007199254740992,2,x,a,1.0", "9007199254740993,2,x,b,2.0", "1,-9007199254740994,x,b,2.0", "1,9007199254740993.0,x,b,2.0"));
        Assert.That(log.Problems.Select(Where), Is.EqualTo(new[]
        {
            (ProblemCodes.InexactInteger, ProblemSeverity.Warning, 4, 1),
            (ProblemCodes.InexactInteger, ProblemSeverity.Warning, 5, 3),
        }));
        Assert.That(log.Columns!.Numbers[0], Is.EqualTo(new[] { 9007199254740992.0, 1.0 }), "a float token is a float: pandas reads it as one");
    }

    [Test]
    public void A_categorical_integer_beyond_two_to_the_53_skips_the_row_and_text_is_text()
    {
        ParsedLog log = LogReader.Parse("c.txt", TestLogs.Log("1,2,9007199254740993,a,1.0", "1,2,9007199254740992,b,2.0", "1,2,x9007199254740993,b,2.0"));
        Assert.That(log.Problems.Select(Where), Is.EqualTo(new[] { (ProblemCodes.InexactInteger, ProblemSeverity.Warning, 3, 5) }));
        Assert.That(log.Columns!.CategoryTexts[2], Is.EqualTo(new[] { "9007199254740992", "x9007199254740993" }));
    }

    [Test]
    public void A_number_with_many_decimals_in_any_cell_is_read_without_crashing()
    {
        ParsedLog log = LogReader.Parse("d.txt", TestLogs.Log("0.000000000000000000000001,2,x,a,0.000000000000000000000000000001", "1,2,x,b,2.0"));
        Assert.That(log.Problems, Is.Empty);
        Assert.That(log.Columns!.Numbers[0][0], Is.EqualTo(1e-24));
        Assert.That(log.Columns.Feedback[0], Is.EqualTo(1e-30));
    }

    [Test]
    public void A_line_of_a_mebibyte_or_more_stops_reading_with_an_error()
    {
        string text = TestLogs.Log("1,2,x,a,1.0") + new string('7', LogLineReader.MaxLineLength + 10) + "\n1,2,x,b,2.0\n";
        ParsedLog log = LogReader.Parse("l.txt", text);
        Assert.That(Where(Only(log, ProblemCodes.LineTooLong)), Is.EqualTo((ProblemCodes.LineTooLong, ProblemSeverity.Error, 4, LogLineReader.MaxLineLength)));
        Assert.That(log.RowCount, Is.EqualTo(1), "nothing after the long line is read");
        Assert.That(log.IsUsable, Is.False);
    }

    [Test]
    public void A_file_without_line_breaks_gives_an_error_not_an_out_of_memory()
    {
        ParsedLog log = ReadBytes(Enumerable.Repeat((byte)'7', (3 * LogLineReader.MaxLineLength) + 5).ToArray());
        Assert.That(Where(log.Problems.Single()), Is.EqualTo((ProblemCodes.LineTooLong, ProblemSeverity.Error, 1, LogLineReader.MaxLineLength)));
    }

    [Test]
    public void Reading_dev_zero_stops_at_its_first_byte()
    {
        if (!File.Exists("/dev/zero")) Assert.Ignore("no /dev/zero on this system");
        ParsedLog log = LogFiles.Read("/dev/zero");
        LearningProblem p = log.Problems.Single();
        Assert.That(Where(p), Is.EqualTo((ProblemCodes.InvalidEncoding, ProblemSeverity.Error, 1, 1)));
        Assert.That(p.Message, Does.Contain("NUL"));
    }

    [Test]
    public void A_repeated_header_column_is_ignored_with_a_warning_naming_it()
    {
        ParsedLog log = LogReader.Parse("h.txt", TestLogs.PadMetadata + "\nm,k,dtype,choice,feedback,choice\n1,2,x,a,1.0,b\n1,2,x,b,2.0,a\n");
        Assert.That(Where(log.Problems.Single()), Is.EqualTo((ProblemCodes.UnknownColumn, ProblemSeverity.Warning, 2, 27)));
        Assert.That(log.Problems.Single().Message, Does.Contain("appears twice"));
        Assert.That(log.Choices, Is.EqualTo(new[] { "a", "b" }), "the first choice column is the one read");
    }
}
