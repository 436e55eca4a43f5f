using System;
using System.Collections.Generic;
using System.Linq;
using AutoHeuristic.Learning.Collection;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests.Collection;

public class AdaptiveSamplerTests
{
    [Test]
    public void Without_a_uniform_share_the_most_unsure_inputs_are_picked()
    {
        double[] uncertainty = { 0.1, 1.9, 0.0, 1.5, 0.4 };
        IReadOnlyList<SampledInput> picks = new AdaptiveSampler(uniformShare: 0, seed: 1).Select(uncertainty, 3);
        Assert.That(picks.Select(p => p.Index), Is.EqualTo(new[] { 1, 3, 4 }));
        Assert.That(picks.All(p => p.Reason == SampleReason.Unsure && p.Weight == 1), Is.True);
    }

    [Test]
    public void The_uniform_share_is_drawn_first_and_weighted_by_its_inverse_chance()
    {
        double[] uncertainty = Enumerable.Range(0, 100).Select(i => i / 100.0).ToArray();
        IReadOnlyList<SampledInput> picks = new AdaptiveSampler(uniformShare: 0.2, seed: 7).Select(uncertainty, 10);
        Assert.That(picks, Has.Count.EqualTo(10));
        Assert.That(picks.Count(p => p.Reason == SampleReason.Uniform), Is.EqualTo(2));
        Assert.That(picks.Where(p => p.Reason == SampleReason.Uniform).Select(p => p.Weight), Is.All.EqualTo(50.0)); // 100 inputs / 2 uniform picks
        Assert.That(picks.Select(p => p.Index).Distinct().Count(), Is.EqualTo(10), "no input is picked twice");
        // The 8 picks by uncertainty are the 8 highest scores not already drawn uniformly.
        var uniform = new HashSet<int>(picks.Where(p => p.Reason == SampleReason.Uniform).Select(p => p.Index));
        int[] expected = Enumerable.Range(0, 100).Reverse().Where(i => !uniform.Contains(i)).Take(8).ToArray();
        Assert.That(picks.Where(p => p.Reason == SampleReason.Unsure).Select(p => p.Index), Is.EqualTo(expected));
    }

    [Test]
    public void The_same_seed_gives_the_same_picks()
    {
        double[] uncertainty = Enumerable.Repeat(1.0, 50).ToArray(); // all equal: the order is the seed's
        int[] first = new AdaptiveSampler(0.2, seed: 3).Select(uncertainty, 10).Select(p => p.Index).ToArray();
        int[] again = new AdaptiveSampler(0.2, seed: 3).Select(uncertainty, 10).Select(p => p.Index).ToArray();
        int[] other = new AdaptiveSampler(0.2, seed: 4).Select(uncertainty, 10).Select(p => p.Index).ToArray();
        Assert.That(again, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
    }

    [Test]
    public void Asking_for_more_than_the_pool_picks_every_input_once()
    {
        IReadOnlyList<SampledInput> picks = new AdaptiveSampler(0.5, seed: 1).Select(new[] { 0.3, 0.2, 0.1 }, 10);
        Assert.That(picks.Select(p => p.Index).OrderBy(i => i), Is.EqualTo(new[] { 0, 1, 2 }));
    }

    [Test]
    public void Unsure_answers_score_above_every_decision()
    {
        Assert.That(AdaptiveSampler.Uncertainty(decided: false, probability: 0.99), Is.GreaterThan(AdaptiveSampler.Uncertainty(decided: true, probability: 0.0)));
        Assert.That(AdaptiveSampler.Uncertainty(decided: true, probability: 0.6), Is.EqualTo(0.4).Within(1e-12));
        Assert.That(AdaptiveSampler.Uncertainty(decided: true, probability: 1.0), Is.EqualTo(0));
        Assert.That(AdaptiveSampler.Uncertainty(decided: false, probability: double.NaN), Is.EqualTo(2));
    }

    [Test]
    public void Bad_settings_are_refused_naming_the_parameter()
    {
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveSampler(1.5, 1))!.ParamName, Is.EqualTo("uniformShare"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveSampler(0.2, 1).Select(new[] { 1.0 }, -1))!.ParamName, Is.EqualTo("count"));
    }
}
