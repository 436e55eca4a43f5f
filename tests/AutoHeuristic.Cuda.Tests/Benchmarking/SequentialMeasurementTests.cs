using System;
using System.Collections.Generic;
using AutoHeuristic.Collection;
using AutoHeuristic.Cuda.Benchmarking;
using NUnit.Framework;

namespace AutoHeuristic.Cuda.Tests.Benchmarking;

public class SequentialMeasurementTests
{
    private static readonly BenchmarkOptions ThreeRounds = BenchmarkOptions.PadMmCollection with { RecordClock = false };

    private static IReadOnlyList<OptionTiming> Measure(FakeGpuTimer gpu, SequentialStopping? rule)
    {
        var bench = new GpuBenchmark(gpu);
        return bench.MeasureInterleaved(new Action[] { () => gpu.Work("a"), () => gpu.Work("b") }, ThreeRounds, null, rule is null ? null : rule.ShouldStop);
    }

    [Test]
    public void A_clear_winner_is_measured_one_round()
    {
        var gpu = new FakeGpuTimer { Duration = (name, _) => name == "a" ? 1.0 : 2.0 };
        IReadOnlyList<OptionTiming> timings = Measure(gpu, new SequentialStopping(noiseBound: 0.10));
        Assert.That(timings[0].RoundMediansMs, Has.Count.EqualTo(1));
        Assert.That(timings[1].RoundMediansMs, Has.Count.EqualTo(1));
        Assert.That(timings[0].RoundMediansMs[0], Is.EqualTo(1.0).Within(1e-9));
    }

    [Test]
    public void Close_choices_get_every_round()
    {
        var gpu = new FakeGpuTimer { Duration = (name, _) => name == "a" ? 1.0 : 1.05 };
        IReadOnlyList<OptionTiming> timings = Measure(gpu, new SequentialStopping(noiseBound: 0.10));
        Assert.That(timings[0].RoundMediansMs, Has.Count.EqualTo(3));
        Assert.That(timings[1].RoundMediansMs, Has.Count.EqualTo(3));
    }

    [Test]
    public void Min_rounds_are_always_measured()
    {
        var gpu = new FakeGpuTimer { Duration = (name, _) => name == "a" ? 1.0 : 2.0 };
        IReadOnlyList<OptionTiming> timings = Measure(gpu, new SequentialStopping(noiseBound: 0.10, minRounds: 2));
        Assert.That(timings[0].RoundMediansMs, Has.Count.EqualTo(2));
    }

    [Test]
    public void Without_a_rule_every_round_is_measured_even_for_a_clear_winner()
    {
        var gpu = new FakeGpuTimer { Duration = (name, _) => name == "a" ? 1.0 : 2.0 };
        IReadOnlyList<OptionTiming> timings = Measure(gpu, null);
        Assert.That(timings[0].RoundMediansMs, Has.Count.EqualTo(3));
    }

    [Test]
    public void Stopping_after_one_round_runs_a_third_of_the_timed_work()
    {
        var full = new FakeGpuTimer { Duration = (name, _) => name == "a" ? 1.0 : 2.0 };
        Measure(full, null);
        var early = new FakeGpuTimer { Duration = (name, _) => name == "a" ? 1.0 : 2.0 };
        IReadOnlyList<OptionTiming> timings = Measure(early, new SequentialStopping(noiseBound: 0.10));
        int reps = timings[0].RepsPerRound;
        // Both runs share the initializing, estimate and warm-up runs; the timed rounds differ by 2 rounds of reps.
        Assert.That(full.Calls["a"] - early.Calls["a"], Is.EqualTo(2 * reps));
    }
}
