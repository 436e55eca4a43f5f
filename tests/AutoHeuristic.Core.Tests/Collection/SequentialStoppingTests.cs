using System;
using System.Collections.Generic;
using AutoHeuristic.Collection;
using NUnit.Framework;

namespace AutoHeuristic.Core.Tests.Collection;

public class SequentialStoppingTests
{
    private static IReadOnlyList<IReadOnlyList<double>> Times(params double[][] byChoice) => byChoice;

    [Test]
    public void A_clear_gap_after_one_round_stops()
    {
        var rule = new SequentialStopping(noiseBound: 0.05);
        // 1.00 vs 1.10: gap 10 % > 5 %.
        Assert.That(rule.ShouldStop(Times(new[] { 1.00 }, new[] { 1.10 })), Is.True);
    }

    [Test]
    public void A_gap_within_the_noise_bound_keeps_measuring_until_the_last_round()
    {
        var rule = new SequentialStopping(noiseBound: 0.05);
        // 1.00 vs 1.02: gap 2 % ≤ 5 %: another round, until 3 rounds are measured.
        Assert.That(rule.ShouldStop(Times(new[] { 1.00 }, new[] { 1.02 })), Is.False);
        Assert.That(rule.ShouldStop(Times(new[] { 1.00, 1.01 }, new[] { 1.02, 1.00 })), Is.False);
        Assert.That(rule.ShouldStop(Times(new[] { 1.00, 1.01, 1.00 }, new[] { 1.02, 1.00, 1.01 })), Is.True);
    }

    [Test]
    public void The_fewest_rounds_are_always_measured()
    {
        var rule = new SequentialStopping(noiseBound: 0.05, minRounds: 2);
        Assert.That(rule.ShouldStop(Times(new[] { 1.0 }, new[] { 3.0 })), Is.False);
        Assert.That(rule.ShouldStop(Times(new[] { 1.0, 1.0 }, new[] { 3.0, 3.0 })), Is.True);
    }

    [Test]
    public void The_rounds_counted_are_those_of_the_least_measured_choice()
    {
        var rule = new SequentialStopping(noiseBound: 0.05);
        // Choice b has no time yet: round 1 is not complete, so no gap is judged.
        Assert.That(rule.ShouldStop(Times(new[] { 1.0 }, Array.Empty<double>())), Is.False);
    }

    [Test]
    public void A_failed_run_settles_the_input()
    {
        var rule = new SequentialStopping(noiseBound: 0.05);
        Assert.That(SequentialStopping.RelativeGap(Times(new[] { 1.0 }, new[] { double.PositiveInfinity }), 1), Is.EqualTo(double.PositiveInfinity));
        Assert.That(rule.ShouldStop(Times(new[] { 1.0 }, new[] { double.PositiveInfinity })), Is.True);
        Assert.That(SequentialStopping.Leader(Times(new[] { double.PositiveInfinity }, new[] { 2.0 }), 1), Is.EqualTo(1));
    }

    [Test]
    public void Gap_and_leader_use_the_running_median()
    {
        // a: 1.0, 5.0, 1.2 → median 1.2; b: 1.1, 1.1, 1.1 → 1.1. After 2 rounds a's median is 3.0.
        var times = Times(new[] { 1.0, 5.0, 1.2 }, new[] { 1.1, 1.1, 1.1 });
        Assert.That(SequentialStopping.Leader(times, 1), Is.EqualTo(0));
        Assert.That(SequentialStopping.Leader(times, 2), Is.EqualTo(1));
        Assert.That(SequentialStopping.Leader(times, 3), Is.EqualTo(1));
        Assert.That(SequentialStopping.RelativeGap(times, 3), Is.EqualTo(1.2 / 1.1 - 1).Within(1e-12));
        Assert.That(SequentialStopping.RelativeGap(times, 2), Is.EqualTo(3.0 / 1.1 - 1).Within(1e-12));
    }

    [Test]
    public void A_tie_has_gap_zero_and_the_first_choice_leads()
    {
        var times = Times(new[] { 2.0 }, new[] { 2.0 });
        Assert.That(SequentialStopping.RelativeGap(times, 1), Is.EqualTo(0));
        Assert.That(SequentialStopping.Leader(times, 1), Is.EqualTo(0));
    }

    [Test]
    public void The_noise_bound_is_a_nearest_rank_quantile_of_the_spreads()
    {
        // Spreads 1 % … 10 %: the 90 % quantile is the 9th smallest, 9 %; NaN and +inf are ignored.
        var spreads = new List<double> { double.NaN, double.PositiveInfinity };
        for (int i = 10; i >= 1; i--) spreads.Add(i / 100.0);
        Assert.That(SequentialStopping.NoiseBoundFromSpreads(spreads, 0.9), Is.EqualTo(0.09).Within(1e-12));
        Assert.That(SequentialStopping.NoiseBoundFromSpreads(spreads, 1.0), Is.EqualTo(0.10).Within(1e-12));
        Assert.That(SequentialStopping.NoiseBoundFromSpreads(spreads, 0.5, factor: 2), Is.EqualTo(0.10).Within(1e-12));
        Assert.Throws<ArgumentException>(() => SequentialStopping.NoiseBoundFromSpreads(new[] { double.NaN }, 0.9));
    }

    [Test]
    public void The_relative_spread_is_range_over_median()
    {
        Assert.That(SequentialStopping.RelativeSpread(new[] { 1.0, 1.1, 0.9 }), Is.EqualTo(0.2).Within(1e-12));
        Assert.That(SequentialStopping.RelativeSpread(new[] { 1.0, double.PositiveInfinity }), Is.NaN);
        Assert.That(SequentialStopping.RelativeSpread(new[] { 0.0, 0.0 }), Is.NaN);
    }

    [Test]
    public void Bad_settings_are_refused_naming_the_parameter()
    {
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => new SequentialStopping(double.NaN))!.ParamName, Is.EqualTo("noiseBound"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => new SequentialStopping(0.05, minRounds: 0))!.ParamName, Is.EqualTo("minRounds"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => new SequentialStopping(0.05, minRounds: 3, maxRounds: 2))!.ParamName, Is.EqualTo("maxRounds"));
    }
}
