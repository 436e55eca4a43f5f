using System;
using System.Linq;
using System.Threading;
using AutoHeuristic.Features;
using AutoHeuristic.Learning.Data;
using AutoHeuristic.Learning.Logs;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

public class DatasetTests
{
    private static InputTable Build(string text, bool filter = false, params AHOperation[] ops) =>
        InputTableBuilder.Build("t", new[] { LogReader.Parse("t.txt", text) }, ops, filter, null, CancellationToken.None);

    [Test]
    public void Groups_by_features_and_choice_with_median_winner_and_speedup()
    {
        InputTable t = Build(TestLogs.Log(
            "64,32,torch.float16,b,3.0", "64,32,torch.float16,a,1.0", "64,32,torch.float16,b,1.0", "64,32,torch.float16,b,2.0",
            "64,32,torch.float16,a,2.0"));
        Assert.That(t.Count, Is.EqualTo(1));
        Assert.That(t.Choices, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(t.Time(0, 0), Is.EqualTo(1.5)); // median of 1, 2
        Assert.That(t.Time(0, 1), Is.EqualTo(2.0)); // median of 3, 1, 2
        Assert.That(t.Winner[0], Is.EqualTo(0));
        Assert.That(t.Speedup[0], Is.EqualTo(2.0 / 1.5));
    }

    [Test]
    public void Rows_of_one_input_group_together_whether_consecutive_or_interleaved()
    {
        InputTable t = Build(TestLogs.Log(
            "1,2,x,a,1.0", "1,2,x,a,3.0", "3,2,x,a,5.0", "1,2,x,b,4.0", "3,2,x,b,1.0", "3,2,y,b,1.0", "3,2,y,a,2.0", "1,2,x,a,8.0"));
        Assert.That(t.Count, Is.EqualTo(3));
        Assert.That(t.Columns.Single(c => c.Name == "m").Numbers, Is.EqualTo(new[] { 1.0, 3.0, 3.0 }));
        Assert.That(t.Time(0, 0), Is.EqualTo(3.0)); // median of 1, 3, 8
        Assert.That(t.Time(0, 1), Is.EqualTo(4.0));
        Assert.That(t.Time(1, 0), Is.EqualTo(5.0));
        Assert.That(t.Time(2, 0), Is.EqualTo(2.0));
        Assert.That(t.Winner, Is.EqualTo(new[] { 0, 1, 1 }));
    }

    [Test]
    public void Any_inf_measurement_makes_the_median_inf()
    {
        InputTable t = Build(TestLogs.Log("1,2,x,a,1.0", "1,2,x,a,inf", "1,2,x,b,3.0"));
        Assert.That(t.Time(0, 0), Is.EqualTo(double.PositiveInfinity));
        Assert.That(t.Choices[t.Winner[0]], Is.EqualTo("b"));
        Assert.That(t.Speedup[0], Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void Inputs_with_one_choice_are_dropped_and_inputs_are_in_pandas_groupby_order()
    {
        InputTable t = Build(TestLogs.Log(
            "9,1,x,a,1.0", "9,1,x,b,2.0",
            "2,5,y,a,1.0", "2,5,y,b,2.0",
            "2,5,x,a,1.0", "2,5,x,b,2.0",
            "3,3,x,a,1.0"));
        Assert.That(t.Count, Is.EqualTo(3));
        FeatureColumn m = t.Columns.Single(c => c.Name == "m");
        FeatureColumn dtype = t.Columns.Single(c => c.Name == "dtype");
        Assert.That(m.Numbers, Is.EqualTo(new[] { 2.0, 2.0, 9.0 }));
        Assert.That(dtype.Codes!.Select(c => dtype.Categories![c]), Is.EqualTo(new[] { "x", "y", "x" }));
    }

    [Test]
    public void Filter_keeps_three_or_more_quiet_measurements()
    {
        string text = TestLogs.Log(
            "1,2,x,a,1.0", "1,2,x,a,1.0", "1,2,x,a,1.01", // quiet
            "1,2,x,b,2.0", "1,2,x,b,2.0",                 // only two
            "1,2,x,c,1.0", "1,2,x,c,3.0", "1,2,x,c,2.0",  // noisy
            "1,2,x,d,4.0", "1,2,x,d,4.0", "1,2,x,d,4.0");
        InputTable unfiltered = Build(text);
        InputTable filtered = Build(text, filter: true);
        Assert.That(Enumerable.Range(0, 4).Count(c => !double.IsNaN(unfiltered.Time(0, c))), Is.EqualTo(4));
        Assert.That(Enumerable.Range(0, 4).Where(c => !double.IsNaN(filtered.Time(0, c))).Select(c => filtered.Choices[c]), Is.EqualTo(new[] { "a", "d" }));
    }

    [Test]
    public void Augmented_features_come_from_the_operations()
    {
        var product = new AHOperation("m*k", s => FeatureValue.FromInteger((long)(s.GetNumber("m") * s.GetNumber("k"))));
        var half = new AHOperation("is_half", s => FeatureValue.FromBool(s.GetText("dtype") == "torch.float16"), isCategorical: true);
        InputTable t = Build(TestLogs.Log("3,4,torch.float16,a,1.0", "3,4,torch.float16,b,2.0"), false, product, half);
        Assert.That(t.Columns.Single(c => c.Name == "m*k").Numbers, Is.EqualTo(new[] { 12.0 }));
        FeatureColumn h = t.Columns.Single(c => c.Name == "is_half");
        Assert.That((h.IsCategorical, h.IsAugmented, h.Categories![h.Codes![0]]), Is.EqualTo((true, true, "True")));
    }

    [Test]
    public void Several_logs_merge_into_one_table()
    {
        ParsedLog a = LogReader.Parse("a.txt", TestLogs.Log("1,2,x,a,1.0", "1,2,x,b,2.5"));
        ParsedLog b = LogReader.Parse("b.txt", TestLogs.Log("1,2,x,a,3.0", "5,2,x,a,1.0", "5,2,x,b,0.5"));
        InputTable t = InputTableBuilder.Build("t", new[] { a, b }, Array.Empty<AHOperation>(), false, null, CancellationToken.None);
        Assert.That(t.Count, Is.EqualTo(2));
        Assert.That(t.Time(0, 0), Is.EqualTo(2.0)); // median of 1 and 3 across files
        Assert.That(t.Rows, Is.EqualTo(5));
    }

    [Test]
    public void Extra_training_copies_can_repeat_each_row_in_place_as_pandas_index_repeat()
    {
        var extra = new SampleSet("extra");
        extra.Add(null!, 7, 1, 0.99, true);
        extra.Add(null!, 8, 2, 1.0, false);
        var train = new SampleSet("train");
        train.AddEachRepeated(extra, 3);
        Assert.That(train.Inputs, Is.EqualTo(new[] { 7, 7, 7, 8, 8, 8 }));
        Assert.That(train.Weights, Is.EqualTo(new[] { 0.99, 0.99, 0.99, 1.0, 1.0, 1.0 }));
        Assert.That(train.IsWinnerRow, Is.EqualTo(new[] { true, true, true, false, false, false }));
    }
}
