using System;
using System.Collections.Generic;
using System.Linq;
using AutoHeuristic.Cuda.Benchmarking;
using NUnit.Framework;

namespace AutoHeuristic.Cuda.Tests.Benchmarking;

public class GpuBenchmarkTests
{
    private static BenchmarkOptions Options => new()
    {
        WarmupMs = 10, EstimateRuns = 3, TargetMsPerRound = 5, MinReps = 2, MaxReps = 100, MaxMsPerRound = 50, MinRounds = 3, MaxRounds = 3,
        GraphThresholdMs = 0.02, RecordClock = true,
    };

    [Test]
    public void Warm_up_runs_once_to_initialize_then_fills_the_warm_up_budget()
    {
        var gpu = new FakeGpuTimer();
        var timing = new GpuBenchmark(gpu).Measure(() => gpu.Work("a"), Options);

        // 1 initializing run + 3 estimate runs + (10 ms / 1 ms − 3) warm-up runs + 3 rounds × 5 reps.
        Assert.That(gpu.Calls["a"], Is.EqualTo(1 + 3 + 7 + 3 * 5));
        Assert.That(timing.RepsPerRound, Is.EqualTo(5));
        Assert.That(timing.Samples, Is.EqualTo(15));
        Assert.That(timing.MedianMs, Is.EqualTo(1.0).Within(1e-9));
        Assert.That(gpu.Trace.Take(5), Is.EqualTo(new[] { "flush", "start", "work:a", "stop", "sync" }),
            "the initializing run is flushed, timed on its own and synchronized before anything else runs");
    }

    [Test]
    public void Long_work_takes_its_estimate_from_the_timed_initializing_run()
    {
        // 120 ms ≥ the 50 ms hard budget: one rep per round and no warm-up whatever the exact time,
        // so no separate estimate runs: 1 initializing run + 3 rounds × 1 rep.
        var gpu = new FakeGpuTimer { Duration = (_, call) => call == 1 ? 125.0 : 120.0 };
        var bench = new GpuBenchmark(gpu);
        var timing = bench.Measure(() => gpu.Work("a"), Options);
        Assert.That(gpu.Calls["a"], Is.EqualTo(1 + 3));
        Assert.That(timing.EstimateMs, Is.EqualTo(125.0).Within(1e-9));
        Assert.That(timing.RepsPerRound, Is.EqualTo(1));
        Assert.That(timing.MedianMs, Is.EqualTo(120.0).Within(1e-9), "the initializing run is never a sample");
        Assert.That(bench.LastPlan, Is.EqualTo(new MeasurementPlan(1, 0, 1)));
    }

    [Test]
    public void Work_under_the_hard_budget_still_gets_separate_estimate_runs()
    {
        // 20 ms: 1 initializing run + 1 estimate run (its 20 ms exceed the 5 ms target) + 3 rounds × 2 reps.
        var gpu = new FakeGpuTimer { Duration = (_, _) => 20.0 };
        var bench = new GpuBenchmark(gpu);
        var timing = bench.Measure(() => gpu.Work("a"), Options);
        Assert.That(gpu.Calls["a"], Is.EqualTo(1 + 1 + 3 * 2));
        Assert.That(timing.RepsPerRound, Is.EqualTo(2));
        Assert.That(bench.LastPlan, Is.EqualTo(new MeasurementPlan(1, 0, 0)));
    }

    [Test]
    public void Initialized_long_work_skips_the_initializing_run()
    {
        var gpu = new FakeGpuTimer { Duration = (name, _) => name == "a" ? 90.0 : 100.0 };
        var bench = new GpuBenchmark(gpu);
        var hints = new WorkHint?[] { new(60.0, Initialized: true), new(60.0, Initialized: false) };
        var result = bench.MeasureInterleaved(new Action[] { () => gpu.Work("a"), () => gpu.Work("b") }, Options, hints);

        Assert.That(gpu.Calls["a"], Is.EqualTo(3), "a: 3 rounds × 1 rep, nothing else");
        Assert.That(gpu.Calls["b"], Is.EqualTo(1 + 3), "b's kernels are new: its initializing run stays");
        int firstStamp = gpu.Trace.IndexOf("stamp");
        Assert.That(gpu.Trace.Take(firstStamp), Has.None.EqualTo("work:a"), "a runs only inside the measured rounds");
        Assert.That(result[0].RepsPerRound, Is.EqualTo(1));
        Assert.That(result[0].EstimateMs, Is.EqualTo(60.0), "the lower bound stands in for the estimate");
        Assert.That(result.Select(r => r.MedianMs), Is.EqualTo(new[] { 90.0, 100.0 }).Within(1e-9));
        Assert.That(bench.LastPlan, Is.EqualTo(new MeasurementPlan(2, 1, 1)));
    }

    [TestCase(60.0, true, 5.0, true)] // initialized, bound at the hard budget
    [TestCase(59.9, true, 5.0, false)] // bound under the budget: the rep count needs a real estimate
    [TestCase(500.0, false, 5.0, false)] // kernels not yet run: module loading must stay out of round 0
    [TestCase(80.0, true, 100.0, false)] // the warm-up budget exceeds the bound: warm-up runs would be owed
    public void Skipping_the_initializing_run_needs_initialized_kernels_and_a_bound_that_fixes_the_plan(double boundMs, bool initialized, double warmupMs, bool skips)
    {
        var options = Options with { MaxMsPerRound = 60, WarmupMs = warmupMs };
        Assert.That(GpuBenchmark.SkipsFirstRun(new WorkHint(boundMs, initialized), options), Is.EqualTo(skips));
        Assert.That(GpuBenchmark.SkipsFirstRun(null, options), Is.False);
        if (skips) Assert.That(GpuBenchmark.Repetitions(boundMs, options), Is.EqualTo(1));
    }

    [TestCase(0.18, 185)] // a 4096³ bf16 GEMM: do_bench's 100 ms of reps, a third per round
    [TestCase(12.0, 3)] // 33 ms ÷ 12 ms = 2 → MinReps
    [TestCase(25.0, 2)] // MinReps cut to the 60 ms hard budget
    [TestCase(100.0, 1)] // long GEMMs: one run per round
    public void PadMm_collection_preset_follows_do_bench_time_budgets_with_a_hard_cap(double estimateMs, int reps)
    {
        BenchmarkOptions preset = BenchmarkOptions.PadMmCollection;
        Assert.That(preset.WarmupMs, Is.EqualTo(25), "do_bench's warm-up budget");
        Assert.That(preset.TargetMsPerRound * preset.MinRounds, Is.EqualTo(100).Within(1e-9), "do_bench's 100 ms of measured runs over the rounds");
        Assert.That(preset.MinRounds, Is.EqualTo(3), "PyTorch's 3 rows per choice");
        Assert.That(GpuBenchmark.Repetitions(estimateMs, preset), Is.EqualTo(reps));
    }

    [Test]
    public void PadMm_collection_preset_runs_long_work_three_times_once_its_kernel_is_known()
    {
        var gpu = new FakeGpuTimer { Duration = (_, _) => 150.0 };
        new GpuBenchmark(gpu).MeasureInterleaved(new Action[] { () => gpu.Work("a") }, BenchmarkOptions.PadMmCollection, new WorkHint?[] { new(70.0, true) });
        Assert.That(gpu.Calls["a"], Is.EqualTo(3));

        var fresh = new FakeGpuTimer { Duration = (_, _) => 150.0 };
        new GpuBenchmark(fresh).Measure(() => fresh.Work("a"), BenchmarkOptions.PadMmCollection);
        Assert.That(fresh.Calls["a"], Is.EqualTo(1 + 3), "a new kernel adds only its timed initializing run");
    }

    [Test]
    public void Hints_must_match_the_options()
    {
        var bench = new GpuBenchmark(new FakeGpuTimer());
        var error = Assert.Throws<ArgumentException>(() => bench.MeasureInterleaved(new Action[] { () => { }, () => { } }, Options, new WorkHint?[] { null }));
        Assert.That(error!.Message, Does.Contain("1 hints for 2 options"));
    }

    [Test]
    public void Every_timed_run_is_preceded_by_a_flush_outside_the_timed_window()
    {
        var gpu = new FakeGpuTimer();
        new GpuBenchmark(gpu).MeasureInterleaved(new Action[] { () => gpu.Work("a"), () => gpu.Work("b") }, Options);
        List<string> t = gpu.Trace;
        for (int i = 0; i < t.Count; i++)
        {
            if (t[i] != "start") continue;
            Assert.That(t[i - 1], Is.EqualTo("flush"), $"operation {i - 1} before a start");
            Assert.That(t[i + 1], Does.StartWith("work:"));
            Assert.That(t[i + 2], Is.EqualTo("stop"), "only the work lies between the events");
        }

        Assert.That(t.Count(x => x == "start"), Is.EqualTo(t.Count(x => x == "flush")));
    }

    [Test]
    public void Hot_mode_never_flushes()
    {
        var gpu = new FakeGpuTimer();
        new GpuBenchmark(gpu).Measure(() => gpu.Work("a"), Options with { FlushL2 = false });
        Assert.That(gpu.Trace, Has.None.EqualTo("flush"));
    }

    [TestCase(0.001, 100)] // tiny work: clamped to MaxReps
    [TestCase(1.0, 5)] // 5 ms target / 1 ms
    [TestCase(4.0, 2)] // below MinReps → MinReps
    [TestCase(30.0, 1)] // one run is over half the hard budget → 1 rep (below MinReps)
    [TestCase(200.0, 1)] // never zero
    public void Repetitions_follow_the_target_clamped_and_cut_to_the_hard_budget(double estimateMs, int expected) =>
        Assert.That(GpuBenchmark.Repetitions(estimateMs, Options), Is.EqualTo(expected));

    [Test]
    public void Options_are_interleaved_in_shuffled_order_every_round()
    {
        var gpu = new FakeGpuTimer { Duration = (name, _) => name == "a" ? 1.0 : name == "b" ? 2.0 : 3.0 };
        var options = Options with { MinRounds = 6, MaxRounds = 6, TargetMsPerRound = 2, MinReps = 1 };
        var result = new GpuBenchmark(gpu).MeasureInterleaved(new Action[] { () => gpu.Work("a"), () => gpu.Work("b"), () => gpu.Work("c") }, options);

        // Round blocks: between two syncs of the measuring phase, each option appears exactly once as a block.
        var orders = new List<string>();
        var current = new List<string>();
        bool measuring = false;
        foreach (string op in gpu.Trace)
        {
            if (op == "stamp") measuring = true;
            if (!measuring) continue;
            if (op == "sync")
            {
                orders.Add(string.Concat(current.Distinct()));
                current.Clear();
            }
            else if (op.StartsWith("work:", StringComparison.Ordinal))
            {
                current.Add(op.Substring(5));
            }
        }

        Assert.That(orders, Has.Count.EqualTo(6));
        Assert.That(orders, Has.All.Length.EqualTo(3), "each round measures every option once, as one block");
        Assert.That(orders.Distinct().Count(), Is.GreaterThan(1), "the order is shuffled between rounds");
        Assert.That(result.Select(r => r.MedianMs), Is.EqualTo(new[] { 1.0, 2.0, 3.0 }).Within(1e-9));
        Assert.That(result, Has.All.Matches<OptionTiming>(r => r.RoundMediansMs.Count == 6));
    }

    [Test]
    public void Interleaving_keeps_the_ratio_when_the_clock_drifts_between_rounds()
    {
        // Work slows by 10 % per round (power cap); b is always 1.2 × a within a round.
        var gpu = new FakeGpuTimer();
        int round = 0;
        gpu.Duration = (name, _) => (name == "a" ? 1.0 : 1.2) * (1 + 0.1 * round);
        var options = Options with { MinRounds = 1, MaxRounds = 1 };
        var bench = new GpuBenchmark(gpu);
        var perRound = new List<double>();
        for (round = 0; round < 4; round++)
        {
            var r = bench.MeasureInterleaved(new Action[] { () => gpu.Work("a"), () => gpu.Work("b") }, options);
            perRound.Add(r[1].MedianMs / r[0].MedianMs);
        }

        Assert.That(perRound, Has.All.EqualTo(1.2).Within(1e-9));
    }

    [Test]
    public void Stops_early_once_the_round_medians_agree()
    {
        var gpu = new FakeGpuTimer();
        var r = new GpuBenchmark(gpu).Measure(() => gpu.Work("a"), Options with { MinRounds = 2, MaxRounds = 10, MaxRelativeNoise = 0.01 });
        Assert.That(r.RoundMediansMs, Has.Count.EqualTo(2));
    }

    [Test]
    public void Keeps_measuring_while_the_round_medians_disagree()
    {
        var gpu = new FakeGpuTimer();
        var noise = new Random(3);
        gpu.Duration = (_, _) => 1.0 + noise.NextDouble() * 0.2;
        var r = new GpuBenchmark(gpu).Measure(() => gpu.Work("a"), Options with { MinRounds = 2, MaxRounds = 10, MaxRelativeNoise = 0.001, TargetMsPerRound = 10, MinReps = 10 });
        Assert.That(r.RoundMediansMs, Has.Count.EqualTo(10));
    }

    [Test]
    public void Tiny_work_is_timed_as_a_graph_of_unrolled_copies_and_reported_per_copy()
    {
        var gpu = new FakeGpuTimer { Duration = (_, _) => 0.005, FlushMs = 0.1 };
        var r = new GpuBenchmark(gpu).Measure(() => gpu.Work("tiny"), Options with { GraphTargetMs = 1 });
        Assert.That(gpu.Captures, Is.EqualTo(1));
        Assert.That(gpu.Trace, Does.Contain("capture:200"));
        Assert.That(r.Graph, Is.True);
        Assert.That(r.MedianMs, Is.EqualTo(0.005).Within(1e-9));
    }

    [Test]
    public void Without_graph_support_tiny_work_is_timed_directly()
    {
        var gpu = new FakeGpuTimer { Duration = (_, _) => 0.005, SupportsGraphs = false };
        var r = new GpuBenchmark(gpu).Measure(() => gpu.Work("tiny"), Options);
        Assert.That(r.Graph, Is.False);
        Assert.That(r.MedianMs, Is.EqualTo(0.005).Within(1e-9));
    }

    [Test]
    public void Records_the_SM_clock_of_each_block()
    {
        var gpu = new FakeGpuTimer { ClockMHzAt = t => t < 20 ? 1980 : 1400 };
        var r = new GpuBenchmark(gpu).Measure(() => gpu.Work("a"), Options);
        Assert.That(r.SmClockMHz, Is.Not.Null.And.InRange(1400.0, 1980.0));
        Assert.That(r.KiloCycles, Is.EqualTo(r.MedianMs * r.SmClockMHz).Within(1e-9));
    }

    [Test]
    public void Rejects_empty_work_and_bad_rounds()
    {
        var bench = new GpuBenchmark(new FakeGpuTimer());
        Assert.Throws<ArgumentException>(() => bench.MeasureInterleaved(Array.Empty<Action>(), Options));
        Assert.Throws<ArgumentException>(() => bench.Measure(() => { }, Options with { MinRounds = 3, MaxRounds = 2 }));
    }
}
