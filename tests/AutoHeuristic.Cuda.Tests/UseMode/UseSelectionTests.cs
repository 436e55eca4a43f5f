using System;
using System.Collections.Generic;
using AutoHeuristic.Cuda.UseMode;
using NUnit.Framework;
using static AutoHeuristic.Cuda.Tests.UseMode.StandInSelector;

namespace AutoHeuristic.Cuda.Tests.UseMode;

/// <summary>The use-mode narrowing through the real select-algorithm path, with a registered stand-in heuristic.</summary>
public class UseSelectionTests
{
    private static IReadOnlyList<Kernel> Narrow(ILearnedHeuristic? heuristic, string name, bool use, int topK, out LearnedOutcome outcome, bool alwaysIncludeFirst = false)
    {
        LearnedOutcome answered = default;
        IReadOnlyList<Kernel> kept = StandInSelector.With(heuristic, name, use, selector => UseSelection.CandidatesToAutotune(selector, Offered, topK, out answered, alwaysIncludeFirst));
        outcome = answered;
        return kept;
    }

    [Test]
    public void A_ranking_keeps_its_top_k_offered_candidates_in_the_offered_order()
    {
        const string name = "mm_use_selection_ranked";
        var h = new Ranking(name, new[] { "gone", "k3", "k1", "k2" }, new[] { new ChoiceProbability(0.5, 0), new ChoiceProbability(0.3, 1), new ChoiceProbability(0.1, 2), new ChoiceProbability(0.1, 3) });

        IReadOnlyList<Kernel> kept = Narrow(h, name, use: true, topK: 2, out LearnedOutcome outcome);

        Assert.That(outcome, Is.EqualTo(LearnedOutcome.Ranked));
        Assert.That(kept, Is.EqualTo(new[] { Offered[1], Offered[3] }), "the unoffered 'gone' is skipped; k3 and k1 are kept in the offered order");
    }

    [Test]
    public void The_first_pick_joins_a_ranking_that_left_it_out_in_the_offered_order()
    {
        const string name = "mm_use_selection_first_pick";
        var h = new Ranking(name, new[] { "k3", "k1", "k0" }, new[] { new ChoiceProbability(0.6, 0), new ChoiceProbability(0.3, 1), new ChoiceProbability(0.1, 2) });

        IReadOnlyList<Kernel> withFirst = Narrow(h, name, use: true, topK: 2, out LearnedOutcome outcome, alwaysIncludeFirst: true);
        IReadOnlyList<Kernel> without = Narrow(h, name, use: true, topK: 2, out _, alwaysIncludeFirst: false);
        IReadOnlyList<Kernel> alreadyThere = Narrow(h, name, use: true, topK: 3, out _, alwaysIncludeFirst: true);

        Assert.That(outcome, Is.EqualTo(LearnedOutcome.Ranked));
        Assert.That(withFirst, Is.EqualTo(new[] { Offered[0], Offered[1], Offered[3] }));
        Assert.That(without, Is.EqualTo(new[] { Offered[1], Offered[3] }));
        Assert.That(alreadyThere, Is.EqualTo(new[] { Offered[0], Offered[1], Offered[3] }), "k0 is ranked third: kept once");
    }

    [Test]
    public void The_first_pick_does_not_stop_the_fallback_when_no_offered_candidate_is_ranked()
    {
        var foreign = new Ranking("mm_use_selection_foreign_first", new[] { "x" }, new[] { new ChoiceProbability(1.0, 0) });

        IReadOnlyList<Kernel> all = Narrow(foreign, foreign.Name, use: true, topK: 3, out LearnedOutcome outcome, alwaysIncludeFirst: true);

        Assert.That(outcome, Is.EqualTo(LearnedOutcome.NoOfferedCandidate));
        Assert.That(all, Is.SameAs(Offered));
    }

    [Test]
    public void Unsure_and_unoffered_rankings_fall_back_to_every_candidate()
    {
        var unsure = new Ranking("mm_use_selection_unsure", new[] { "k0" }, null);
        var foreign = new Ranking("mm_use_selection_foreign", new[] { "x", "y" }, new[] { new ChoiceProbability(0.9, 0), new ChoiceProbability(0.1, 1) });

        IReadOnlyList<Kernel> a = Narrow(unsure, unsure.Name, use: true, topK: 3, out LearnedOutcome outcomeA);
        IReadOnlyList<Kernel> b = Narrow(foreign, foreign.Name, use: true, topK: 3, out LearnedOutcome outcomeB);

        Assert.That(outcomeA, Is.EqualTo(LearnedOutcome.Unsure));
        Assert.That(a, Is.SameAs(Offered));
        Assert.That(outcomeB, Is.EqualTo(LearnedOutcome.NoOfferedCandidate));
        Assert.That(b, Is.SameAs(Offered));
    }

    [Test]
    public void Without_use_mode_the_heuristic_is_not_asked()
    {
        const string name = "mm_use_selection_off";
        var h = new Ranking(name, new[] { "k2" }, new[] { new ChoiceProbability(1.0, 0) });

        IReadOnlyList<Kernel> all = Narrow(h, name, use: false, topK: 1, out LearnedOutcome outcome);

        Assert.That(all, Is.SameAs(Offered));
        Assert.That(outcome, Is.EqualTo(LearnedOutcome.Unsure));
    }

    [Test]
    public void Top_k_below_one_is_refused()
    {
        Assert.That(() => Narrow(null, "mm_use_selection_k0", use: true, topK: 0, out _), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
