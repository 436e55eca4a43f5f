using System;
using System.Collections.Generic;
using AutoHeuristic.Cuda.UseMode;
using NUnit.Framework;
using static AutoHeuristic.Cuda.Tests.UseMode.StandInSelector;

namespace AutoHeuristic.Cuda.Tests.UseMode;

/// <summary>The per-input narrowing rule on hand-made candidate lists (library order a, b, c, d, e) and through the real select-algorithm path.</summary>
public class AdaptiveNarrowingTests
{
    private static readonly string[] All = { "a", "b", "c", "d", "e" };

    [Test]
    public void Agreement_with_the_first_pick_keeps_it_alone_so_nothing_is_timed()
    {
        IReadOnlyList<string> kept = AdaptiveNarrowing.Default.Narrow(All, new[] { "a", "d" }, out LearnedOutcome outcome, out bool agreed);

        Assert.That(kept, Is.EqualTo(new[] { "a" }));
        Assert.That(outcome, Is.EqualTo(LearnedOutcome.Ranked));
        Assert.That(agreed, Is.True);
    }

    [Test]
    public void Without_trusting_agreement_the_learned_and_library_candidates_are_timed()
    {
        var rule = AdaptiveNarrowing.Default with { TrustAgreement = false };

        IReadOnlyList<string> kept = rule.Narrow(All, new[] { "a", "d" }, out _, out bool agreed);

        Assert.That(kept, Is.EqualTo(new[] { "a", "b", "d" }), "learned a, d and library a, b, in library order");
        Assert.That(agreed, Is.False);
    }

    [Test]
    public void A_disagreeing_ranking_adds_its_top_ones_to_the_library_top_ones_in_library_order()
    {
        var rule = new AdaptiveNarrowing { LearnedCount = 2, LibraryCount = 2 };

        IReadOnlyList<string> kept = rule.Narrow(All, new[] { "e", "c", "b" }, out LearnedOutcome outcome, out bool agreed);

        Assert.That(kept, Is.EqualTo(new[] { "a", "b", "c", "e" }), "the third learned candidate (b) is in by the library's top-2 only");
        Assert.That(outcome, Is.EqualTo(LearnedOutcome.Ranked));
        Assert.That(agreed, Is.False);
    }

    [Test]
    public void Learned_count_zero_keeps_only_the_library_top_ones()
    {
        var rule = new AdaptiveNarrowing { LearnedCount = 0, LibraryCount = 3 };

        Assert.That(rule.Narrow(All, new[] { "e" }, out _, out _), Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public void Unsure_and_unoffered_rankings_fall_back_to_the_library_top_ones_not_to_everything()
    {
        var rule = new AdaptiveNarrowing { FallbackCount = 3 };

        IReadOnlyList<string> unsure = rule.Narrow(All, null, out LearnedOutcome unsureOutcome, out bool unsureAgreed);
        IReadOnlyList<string> none = rule.Narrow(All, Array.Empty<string>(), out LearnedOutcome noneOutcome, out _);

        Assert.That(unsure, Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(unsureOutcome, Is.EqualTo(LearnedOutcome.Unsure));
        Assert.That(unsureAgreed, Is.False);
        Assert.That(none, Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(noneOutcome, Is.EqualTo(LearnedOutcome.NoOfferedCandidate));
    }

    [Test]
    public void Counts_larger_than_the_offer_keep_every_candidate_once()
    {
        var rule = new AdaptiveNarrowing { LearnedCount = 9, LibraryCount = 9, FallbackCount = 9 };
        string[] two = { "x", "y" };

        Assert.That(rule.Narrow(two, null, out _, out _), Is.EqualTo(two));
        Assert.That(rule.Narrow(two, new[] { "y", "x" }, out _, out _), Is.EqualTo(two));
    }

    [Test]
    public void Bad_counts_are_refused_by_name()
    {
        var noLibrary = new AdaptiveNarrowing { LibraryCount = 0 };
        var negativeLearned = new AdaptiveNarrowing { LearnedCount = -1 };
        var noFallback = new AdaptiveNarrowing { FallbackCount = 0 };

        Assert.That(() => noLibrary.Narrow(All, null, out _, out _), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("LibraryCount"));
        Assert.That(negativeLearned.Validate, Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("LearnedCount"));
        Assert.That(noFallback.Validate, Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("FallbackCount"));
    }

    [Test]
    public void The_description_names_every_setting()
    {
        Assert.That(AdaptiveNarrowing.Default.Describe(), Is.EqualTo("agreement → first pick; learned top-2 + library top-2; unsure → library top-2"));
        Assert.That(new AdaptiveNarrowing { TrustAgreement = false, LearnedCount = 0, LibraryCount = 3, FallbackCount = 4 }.Describe(), Is.EqualTo("library top-3; unsure → library top-4"));
    }

    private static IReadOnlyList<Kernel> Select(AdaptiveNarrowing rule, string name, string[] ranking, out bool agreed)
    {
        bool tookFirstPick = false;
        IReadOnlyList<Kernel> kept = StandInSelector.With(new Ranking(name, ranking, InTableOrder(ranking.Length)), name, use: true, selector => rule.CandidatesToAutotune(selector, Offered, out _, out tookFirstPick));
        agreed = tookFirstPick;
        return kept;
    }

    [Test]
    public void Through_the_selector_the_learned_top_1_is_its_best_not_its_first_in_offered_order()
    {
        var rule = new AdaptiveNarrowing { LearnedCount = 1, LibraryCount = 1 };

        // Best first k3 then k1: the top-1 is k3 although k1 comes first among the offered candidates.
        IReadOnlyList<Kernel> kept = Select(rule, "mm_adaptive_top1", new[] { "gone", "k3", "k1" }, out bool agreed);

        Assert.That(kept, Is.EqualTo(new[] { Offered[0], Offered[3] }));
        Assert.That(agreed, Is.False);
    }

    [Test]
    public void Through_the_selector_agreement_and_the_learned_top_2_follow_the_ranking()
    {
        IReadOnlyList<Kernel> agreeing = Select(AdaptiveNarrowing.Default, "mm_adaptive_agree", new[] { "k0", "k2" }, out bool agreed);
        IReadOnlyList<Kernel> disagreeing = Select(AdaptiveNarrowing.Default with { LibraryCount = 1 }, "mm_adaptive_disagree", new[] { "k3", "k2", "k1" }, out bool notAgreed);

        Assert.That(agreeing, Is.EqualTo(new[] { Offered[0] }));
        Assert.That(agreed, Is.True);
        Assert.That(disagreeing, Is.EqualTo(new[] { Offered[0], Offered[2], Offered[3] }), "learned top-2 k3, k2 and the first pick k0; k1 ranked third is left out");
        Assert.That(notAgreed, Is.False);
    }
}
