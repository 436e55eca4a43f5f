using System;
using System.Linq;
using AutoHeuristic.Cuda.Blas;
using AutoHeuristic.Cuda.UseMode;
using NUnit.Framework;

namespace AutoHeuristic.Cuda.Tests.UseMode;

public class UseSummaryTests
{
    private static readonly MatmulProblem Problem = MatmulProblem.Create(1024, 512, 256, GemmDType.BFloat16, false, false, true);

    private static UseLayoutResult Layout(int index, StrategyResult full, StrategyResult learned, StrategyResult first, LearnedOutcome outcome = LearnedOutcome.Ranked, double queryMs = 0.05) =>
        new(7, index, 0, Problem, 8, full, learned, first, outcome, queryMs);

    [Test]
    public void Aggregates_gemm_ratios_picks_timing_and_fallbacks()
    {
        // Layout 0: learned finds full's kernel; first pick is 20 % slower.
        // Layout 1: learned falls back (unsure) and times everything; first pick is fastest when re-measured.
        // Layout 2: learned picks another kernel 10 % slower (outcome recorded as "no offered candidate" to count that fallback).
        var layouts = new[]
        {
            Layout(0, new("a", 8, 100, 1.0), new("a", 3, 40, 1.0), new("b", 0, 0.1, 1.2)),
            Layout(1, new("c", 8, 120, 2.0), new("c", 8, 121, 2.0), new("d", 0, 0.1, 1.9), LearnedOutcome.Unsure),
            Layout(2, new("e", 8, 80, 4.0), new("f", 3, 30, 4.4), new("e", 0, 0.2, 4.0), LearnedOutcome.NoOfferedCandidate, 0.2),
        };

        UseSummary s = UseSummary.Compute(layouts);

        Assert.That(s.Layouts, Is.EqualTo(3));
        Assert.That(s.Unsure, Is.EqualTo(1));
        Assert.That(s.NoOfferedCandidate, Is.EqualTo(1));
        Assert.That(s.MeanQueryMs, Is.EqualTo(0.1).Within(1e-12));

        StrategySummary full = s[UseStrategy.FullAutotuning];
        Assert.That(full.GemmVsFullGmean, Is.EqualTo(1.0));
        Assert.That(full.GemmVsFullWorst, Is.EqualTo(1.0));
        Assert.That(full.SamePickAsFullPercent, Is.EqualTo(100.0));
        Assert.That(full.AtBestPercent, Is.EqualTo(200.0 / 3).Within(1e-9), "layout 1: the first pick re-measured faster");
        Assert.That(full.MeanTimed, Is.EqualTo(8.0));
        Assert.That(full.SelectionSeconds, Is.EqualTo(0.3).Within(1e-12));
        Assert.That(full.SelectionVsFull, Is.EqualTo(1.0));
        Assert.That(full.Fallbacks, Is.Zero);

        StrategySummary learned = s[UseStrategy.LearnedTopK];
        Assert.That(learned.GemmVsFullGmean, Is.EqualTo(Math.Pow(1.1, 1.0 / 3)).Within(1e-12));
        Assert.That(learned.GemmVsFullWorst, Is.EqualTo(1.1).Within(1e-12));
        Assert.That(learned.SamePickAsFullPercent, Is.EqualTo(200.0 / 3).Within(1e-9));
        Assert.That(learned.AtBestPercent, Is.EqualTo(100.0 / 3).Within(1e-9));
        Assert.That(learned.MeanTimed, Is.EqualTo(14.0 / 3).Within(1e-12));
        Assert.That(learned.SelectionSeconds, Is.EqualTo(0.191).Within(1e-12));
        Assert.That(learned.SelectionVsFull, Is.EqualTo(191.0 / 300).Within(1e-12));
        Assert.That(learned.Fallbacks, Is.EqualTo(2));

        StrategySummary first = s[UseStrategy.FirstPick];
        Assert.That(first.GemmVsFullGmean, Is.EqualTo(Math.Pow(1.2 * 0.95 * 1.0, 1.0 / 3)).Within(1e-12));
        Assert.That(first.GemmVsFullWorst, Is.EqualTo(1.2).Within(1e-12));
        Assert.That(first.AtBestPercent, Is.EqualTo(200.0 / 3).Within(1e-9));
        Assert.That(first.SamePickAsFullPercent, Is.EqualTo(100.0 / 3).Within(1e-9));
        Assert.That(first.MeanTimed, Is.Zero);
        Assert.That(first.SelectionVsFull, Is.EqualTo(0.4 / 300).Within(1e-15));
        Assert.That(s.Strategies.Select(r => r.Strategy), Is.EqualTo(new[] { UseStrategy.FullAutotuning, UseStrategy.LearnedTopK, UseStrategy.FirstPick }));
    }

    [Test]
    public void Refuses_no_layouts_and_times_that_are_not_positive()
    {
        Assert.That(() => UseSummary.Compute(Array.Empty<UseLayoutResult>()), Throws.ArgumentException.With.Message.Contains("No layout"));
        var bad = Layout(4, new("a", 8, 100, 1.0), new("a", 3, 40, 0), new("b", 0, 0.1, 1.2));
        Assert.That(() => UseSummary.Compute(new[] { bad }), Throws.ArgumentException.With.Message.Contains("Input 4 layout 0: LearnedTopK has GEMM time 0"));
    }

    [Test]
    public void Csv_line_has_one_cell_per_header_column_in_invariant_format()
    {
        var fp32 = MatmulProblem.Create(3, 5, 7, GemmDType.Float32, true, true, false);
        var row = new UseLayoutResult(2, 9, 1, fp32, 6, new("x", 6, 12.5, 0.25), new("y", 3, 6.25, 0.5), new("x", 0, 0.125, 0.25), LearnedOutcome.NoOfferedCandidate, 0.0625);

        string line = row.ToCsvLine();

        Assert.That(line.Split(',').Length, Is.EqualTo(UseLayoutResult.CsvHeader.Split(',').Length));
        Assert.That(line, Is.EqualTo("2,9,1,3,5,7,torch.float32,True,6,no_offered_candidate,0.0625,x,6,12.5,0.25,y,3,6.25,0.5,x,0,0.125,0.25"));
    }

    [Test]
    public void Options_name_the_bad_value()
    {
        Assert.That(() => new MmUseOptions { Samples = 0 }.Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("--samples"));
        Assert.That(() => new MmUseOptions { TopK = 0 }.Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("--top-k"));
        Assert.That(() => new MmUseOptions { MaxGflop = -1 }.Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("--max-gflop"));
        Assert.That(() => new MmUseEvaluator(new MmUseOptions { TopK = -2 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new MmUseOptions { MaxSeconds = 0 }.Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("--max-seconds"));
    }
}
