using System.IO;
using System.Linq;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Problems;
using AutoHeuristic.Tests.Shared;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

public class LogReaderTests
{
    [Test]
    public void Reads_metadata_header_and_rows()
    {
        ParsedLog log = LogReader.Parse("t.txt", TestLogs.Log("64,32,torch.float16,a,1.5", "64,32,torch.float16,b,2.25"));
        Assert.That(log.IsUsable, Is.True);
        Assert.That(log.Metadata!.Name, Is.EqualTo("toy"));
        Assert.That(log.RowCount, Is.EqualTo(2));
        Assert.That(log.SkippedRows, Is.EqualTo(0));
        Assert.That(log.Choices, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(log.Problems, Is.Empty);
        Assert.That(log.Columns!.Feedback, Is.EqualTo(new[] { 1.5, 2.25 }));
        Assert.That(log.Columns.Numbers[0], Is.EqualTo(new[] { 64.0, 64.0 }));
    }

    [Test]
    public void Choice_codes_follow_first_appearance_whatever_order_each_input_lists_them_in()
    {
        // The reader guesses the next choice from the order seen so far; a changed order, a new
        // choice and a repeated choice must still get the right codes.
        ParsedLog log = LogReader.Parse("t.txt", TestLogs.Log(
            "1,2,x,a,1.0", "1,2,x,b,2.0", "1,2,x,c,3.0",
            "2,2,x,a,1.5", "2,2,x,c,3.5", "2,2,x,b,2.5",
            "3,2,x,b,4.0", "3,2,x,b,4.5", "3,2,x,d,5.0", "3,2,x,a,6.0", "3,2,x,bb,7.0"));
        Assert.That(log.Columns!.ChoiceNames, Is.EqualTo(new[] { "a", "b", "c", "d", "bb" }));
        Assert.That(log.Columns.ChoiceCodes, Is.EqualTo(new[] { 0, 1, 2, 0, 2, 1, 1, 1, 3, 0, 4 }));
    }

    [Test]
    public void Rows_with_too_many_or_too_few_cells_are_skipped_with_their_line()
    {
        ParsedLog log = LogReader.Parse("t.txt", TestLogs.Log("1,2,x,a,1.0", "1,2,x,a,1.0,", "1,2,x,a", ",,,,", "1,2,x,b,2.0"));
        Assert.That(log.RowCount, Is.EqualTo(2));
        Assert.That(log.SkippedRows, Is.EqualTo(3));
        Assert.That(log.Problems.Where(p => p.Code == ProblemCodes.WrongColumnCount).Select(p => p.Line), Is.EqualTo(new[] { 4, 5 }));
        Assert.That(log.Problems.Where(p => p.Code == ProblemCodes.EmptyValue).Select(p => p.Line), Is.EqualTo(new[] { 6 }));
    }

    [Test]
    public void Accepts_any_metadata_key_order_and_ignores_unknown_keys()
    {
        const string meta = "{\"numerical_features\": [\"m\", \"k\"], \"categorical_features\": [\"dtype\"], \"choices\": [\"a\", \"b\"], \"shared_memory\": 166912, \"device_capa\": [8, 0], \"name\": \"toy\"}";
        ParsedLog log = LogReader.Parse("t.txt", meta + "\n" + TestLogs.Header + "\n1,2,x,a,1.0\n");
        Assert.That(log.IsUsable, Is.True);
        Assert.That(log.Metadata!.Hardware, Is.EqualTo(Hardware.HardwareKey.A100));
    }

    [Test]
    public void Accepts_a_byte_order_mark_and_crlf_with_an_info_note()
    {
        string text = "\uFEFF" + TestLogs.Log("1,2,x,a,1.0", "1,2,x,b,2.0").Replace("\n", "\r\n");
        ParsedLog log = LogReader.Parse("t.txt", text);
        Assert.That(log.RowCount, Is.EqualTo(2));
        Assert.That(log.Columns!.ChoiceNames, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(log.Problems.Select(p => p.Code), Is.All.EqualTo(ProblemCodes.EncodingNote));
        Assert.That(log.Problems.Select(p => p.Severity), Is.All.EqualTo(ProblemSeverity.Info));
        Assert.That(log.Problems, Has.Count.EqualTo(2));
    }

    [Test]
    public void Reads_a_file_with_a_byte_order_mark_from_disk()
    {
        string path = Path.Combine(Path.GetTempPath(), "ah-learning-bom-" + System.Guid.NewGuid().ToString("N") + ".txt");
        try
        {
            File.WriteAllText(path, TestLogs.Log("1,2,x,a,1.0"), new System.Text.UTF8Encoding(true));
            ParsedLog log = LogFiles.Read(path);
            Assert.That(log.IsUsable, Is.True);
            Assert.That(log.Problems.Single().Code, Is.EqualTo(ProblemCodes.EncodingNote));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Empty_file_is_an_error_at_line_1()
    {
        ParsedLog log = LogReader.Parse("empty.txt", string.Empty);
        LearningProblem p = log.Problems.Single();
        Assert.That((p.Code, p.Severity, p.File, p.Line), Is.EqualTo((ProblemCodes.EmptyLog, ProblemSeverity.Error, "empty.txt", 1)));
        Assert.That(log.IsUsable, Is.False);
    }

    [Test]
    public void Missing_header_is_an_error_at_line_2()
    {
        ParsedLog log = LogReader.Parse("h.txt", TestLogs.PadMetadata + "\n");
        LearningProblem p = log.Problems.Single();
        Assert.That((p.Code, p.Line), Is.EqualTo((ProblemCodes.BadHeader, 2)));
    }

    [Test]
    public void A_data_row_in_place_of_the_header_names_the_missing_columns()
    {
        ParsedLog log = LogReader.Parse("h.txt", TestLogs.PadMetadata + "\n1,2,x,a,1.0\n");
        LearningProblem p = log.Problems.First(x => x.Code == ProblemCodes.BadHeader);
        Assert.That(p.Line, Is.EqualTo(2));
        Assert.That(p.Message, Does.Contain("missing: m, k, dtype, choice, feedback"));
        Assert.That(log.IsUsable, Is.False);
    }

    [Test]
    public void Bad_metadata_json_is_an_error_with_a_column()
    {
        ParsedLog log = LogReader.Parse("m.txt", "{\"shared_memory\": 1,\n" + TestLogs.Header + "\n");
        LearningProblem p = log.Problems.Single();
        Assert.That((p.Code, p.Line), Is.EqualTo((ProblemCodes.BadMetadata, 1)));
        Assert.That(p.Column, Is.GreaterThan(0));
    }

    [Test]
    public void Wrong_column_count_skips_the_row_and_counts_it()
    {
        ParsedLog log = LogReader.Parse("w.txt", TestLogs.Log("1,2,x,a,1.0", "1,2,a,1.0", "1,2,x,a,1.0,9", "1,2,x,b,2.0"));
        Assert.That(log.RowCount, Is.EqualTo(2));
        Assert.That(log.SkippedRows, Is.EqualTo(2));
        Assert.That(log.Problems.Select(p => (p.Code, p.Line)), Is.EqualTo(new[] { (ProblemCodes.WrongColumnCount, 4), (ProblemCodes.WrongColumnCount, 5) }));
    }

    [Test]
    public void Non_number_in_a_numerical_feature_skips_the_row_with_its_column()
    {
        ParsedLog log = LogReader.Parse("n.txt", TestLogs.Log("1,2,x,a,1.0", "1,abc,x,b,2.0"));
        LearningProblem p = log.Problems.Single();
        Assert.That((p.Code, p.Line, p.Column), Is.EqualTo((ProblemCodes.NotANumber, 4, 3)));
        Assert.That(p.Message, Does.Contain("'k'").And.Contain("'abc'"));
        Assert.That(log.SkippedRows, Is.EqualTo(1));
    }

    [Test]
    public void Non_number_feedback_skips_the_row_but_inf_is_kept()
    {
        ParsedLog log = LogReader.Parse("f.txt", TestLogs.Log("1,2,x,a,inf", "1,2,x,c,1.5", "1,2,x,b,slow"));
        Assert.That(log.RowCount, Is.EqualTo(2));
        Assert.That(log.Columns!.Feedback[0], Is.EqualTo(double.PositiveInfinity));
        Assert.That(log.Problems.Single().Code, Is.EqualTo(ProblemCodes.NotANumber));
    }

    [Test]
    public void Truncated_last_line_is_reported_as_such()
    {
        string text = TestLogs.Log("1,2,x,a,1.0", "1,2,x,b,2.0") + "1,2,x";
        ParsedLog log = LogReader.Parse("t.txt", text);
        LearningProblem p = log.Problems.Single();
        Assert.That((p.Code, p.Line, p.Severity), Is.EqualTo((ProblemCodes.TruncatedLastLine, 5, ProblemSeverity.Warning)));
        Assert.That(log.RowCount, Is.EqualTo(2));
    }

    [Test]
    public void Empty_values_skip_the_row()
    {
        ParsedLog log = LogReader.Parse("e.txt", TestLogs.Log("1,2,,a,1.0", "1,2,x,b,2.0"));
        Assert.That(log.Problems.Single().Code, Is.EqualTo(ProblemCodes.EmptyValue));
        Assert.That(log.RowCount, Is.EqualTo(1));
    }

    [Test]
    public void Header_only_log_has_no_data_rows_error()
    {
        ParsedLog log = LogReader.Parse("e.txt", TestLogs.Log());
        Assert.That(log.Problems.Single().Code, Is.EqualTo(ProblemCodes.NoDataRows));
        Assert.That(log.IsUsable, Is.False);
    }

    [Test]
    public void Problems_of_one_kind_are_capped_and_summarised()
    {
        string[] rows = Enumerable.Range(0, 30).Select(_ => "1,2").ToArray();
        ParsedLog log = LogReader.Parse("c.txt", TestLogs.Log(rows));
        Assert.That(log.SkippedRows, Is.EqualTo(30));
        Assert.That(log.Problems.Count(p => p.Code == ProblemCodes.WrongColumnCount), Is.EqualTo(LogReader.MaxProblemsPerKind + 1));
        Assert.That(log.Problems.Last().Message, Does.Contain("10 more"));
    }

    [Test]
    public void Unreadable_file_is_a_problem_not_an_exception()
    {
        ParsedLog log = LogFiles.Read("/nonexistent/dir/log.txt");
        Assert.That(log.Problems.Single().Code, Is.EqualTo(ProblemCodes.Unreadable));
    }

    [Test]
    public void Problems_print_like_msbuild()
    {
        var p = new LearningProblem(ProblemCodes.WrongColumnCount, ProblemSeverity.Warning, "bad", "x.txt", 4, 2);
        Assert.That(p.ToString(), Is.EqualTo("x.txt(4,2): warning AH1004: bad"));
    }

    [Test]
    public void Logs_of_one_heuristic_merge_when_they_agree()
    {
        var problems = new System.Collections.Generic.List<LearningProblem>();
        ParsedLog a = LogReader.Parse("a.txt", TestLogs.Log("1,2,x,a,1.0"));
        ParsedLog b = LogReader.Parse("b.txt", TestLogs.Log("3,4,x,a,1.0"));
        var groups = LogGroups.Combine(new[] { a, b }, problems);
        Assert.That(problems, Is.Empty);
        Assert.That(groups.Single().Logs, Is.EqualTo(new[] { a, b }));
        Assert.That(groups.Single().RowCount, Is.EqualTo(2));
    }

    [Test]
    public void Logs_that_disagree_give_an_error_naming_both_files()
    {
        var problems = new System.Collections.Generic.List<LearningProblem>();
        ParsedLog a = LogReader.Parse("a.txt", TestLogs.Log("1,2,x,a,1.0"));
        ParsedLog b = LogReader.Parse("b.txt", TestLogs.PadMetadata + "\nk,m,dtype,choice,feedback\n1,2,x,a,1.0\n");
        var groups = LogGroups.Combine(new[] { a, b }, problems);
        Assert.That(groups.Single().Logs, Is.EqualTo(new[] { a }));
        LearningProblem p = problems.Single();
        Assert.That(p.Code, Is.EqualTo(ProblemCodes.LogsDisagree));
        Assert.That(p.Message, Does.Contain("a.txt").And.Contain("b.txt"));
    }

    [Test]
    [Category(TestRepository.SharedDataCategory)]
    public void Reads_pytorch_pad_mm_log_fast_when_present()
    {
        string data = TestRepository.PyTorchData();
        string text = PyTorchData.Unzip(data, "pad_mm_a100_data.zip", "pad_mm_a100_data.txt");
        ParsedLog log = LogReader.Parse("pad_mm_a100_data.txt", text);
        Assert.That(log.RowCount, Is.EqualTo(58183));
        Assert.That(log.SkippedRows, Is.EqualTo(0));
        Assert.That(log.Metadata!.Name, Is.EqualTo("pad_mm"));
        Assert.That(log.Choices, Is.EquivalentTo(new[] { "orig", "pad" }));
    }
}
