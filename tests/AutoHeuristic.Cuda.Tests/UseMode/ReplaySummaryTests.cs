using System;
using AutoHeuristic.Cuda.Blas;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Cuda.UseMode;
using NUnit.Framework;

namespace AutoHeuristic.Cuda.Tests.UseMode;

/// <summary><see cref="ReplaySummary"/> on three hand-made layouts whose every number is known.</summary>
public class ReplaySummaryTests
{
    private static readonly MatmulProblem Problem = MatmulProblem.Create(64, 64, 64, GemmDType.Float16, false, false, false);

    private static CandidateRow C(int rank, double medianMs, double costMs) => new(1, 0, 0, Problem, rank, "k" + rank, 1, medianMs, null, null, costMs);

    // A: the fastest is rank 1; use mode autotunes ranks 1 and 2 (finds the fastest); the learned top-1 is rank 2 (4× slower);
    //    the first pick is 2× slower.
    // B: unsure: everything autotuned; no learned top-1, so the first pick (the fastest here).
    // C: the ranking names no offered candidate: its one candidate kept, so nothing is timed (as live).
    private static ReplayedLayout[] Layouts()
    {
        CandidateRow[] a = { C(0, 2.0, 1.0), C(1, 1.0, 2.0), C(2, 4.0, 3.0) };
        CandidateRow[] b = { C(0, 1.0, 1.0), C(1, 3.0, 1.0) };
        CandidateRow[] c = { C(0, 0.5, 0.5) };
        return new[]
        {
            new ReplayedLayout(a, new[] { a[1], a[2] }, a[2], LearnedOutcome.Ranked, 0.1),
            new ReplayedLayout(b, b, null, LearnedOutcome.Unsure, 0.3),
            new ReplayedLayout(c, c, null, LearnedOutcome.NoOfferedCandidate, 0.2),
        };
    }

    [Test]
    public void Every_strategy_is_measured_against_the_fastest_candidate()
    {
        ReplaySummary s = ReplaySummary.Compute(Layouts());

        // Timed: full 3 + 2 + 0 candidates (costs 6 + 2 + 0 ms), use mode 2 + 2 + 0 (5 + 2 + 0 ms); C's single candidate costs nothing.
        Assert.That(s.FullAutotuning, Is.EqualTo(new ReplayStrategy(1.0, 1.0, 100.0, 5.0 / 3, 8.0)));
        Assert.That(s.LearnedTopK, Is.EqualTo(new ReplayStrategy(1.0, 1.0, 100.0, 4.0 / 3, 7.0)));

        // The first pick: ratios 2, 1, 1; the learned top-1: 4, 1, 1.
        Assert.That(s.FirstPick.GemmVsBestGmean, Is.EqualTo(Math.Cbrt(2)).Within(1e-12));
        Assert.That((s.FirstPick.GemmVsBestWorst, s.FirstPick.AtBestPercent, s.FirstPick.MeanTimed, s.FirstPick.AutotuningMs), Is.EqualTo((2.0, 200.0 / 3, 0.0, 0.0)));
        Assert.That(s.LearnedTop1.GemmVsBestGmean, Is.EqualTo(Math.Cbrt(4)).Within(1e-12));
        Assert.That((s.LearnedTop1.GemmVsBestWorst, s.LearnedTop1.AtBestPercent, s.LearnedTop1.MeanTimed, s.LearnedTop1.AutotuningMs), Is.EqualTo((4.0, 200.0 / 3, 0.0, 0.0)));
    }

    [Test]
    public void Counts_fallbacks_the_autotuning_share_and_the_query_time()
    {
        ReplaySummary s = ReplaySummary.Compute(Layouts());

        Assert.That((s.Layouts, s.Fallbacks), Is.EqualTo((3, 2)));
        Assert.That(s.FallbackPercent, Is.EqualTo(200.0 / 3).Within(1e-12));
        Assert.That(s.AutotuningShare, Is.EqualTo(7.0 / 8.0).Within(1e-15));
        Assert.That(s.ShareOfFullAutotuning(s.FullAutotuning), Is.EqualTo(1.0));
        Assert.That(s.ShareOfFullAutotuning(s.FirstPick), Is.EqualTo(0.0));
        Assert.That(s.MeanQueryMs, Is.EqualTo(0.2).Within(1e-15));
        Assert.That((s.Agreements, s.AgreementPercent), Is.EqualTo((0, 0.0)));
    }

    [Test]
    public void An_agreement_takes_the_first_pick_untimed_and_is_counted()
    {
        // D: the adaptive rule kept only the first pick (the learned top-1 agreed with it); it is 2× slower than rank 1.
        CandidateRow[] d = { C(0, 2.0, 1.5), C(1, 1.0, 2.5) };
        ReplayedLayout agreed = new(d, new[] { d[0] }, d[0], LearnedOutcome.Ranked, 0.1, Agreed: true);

        ReplaySummary s = ReplaySummary.Compute(new[] { agreed, Layouts()[0] });

        Assert.That((s.Agreements, s.AgreementPercent, s.Fallbacks), Is.EqualTo((1, 50.0, 0)));
        Assert.That((s.LearnedTopK.MeanTimed, s.LearnedTopK.AutotuningMs), Is.EqualTo((1.0, 5.0)));
        Assert.That((s.FullAutotuning.MeanTimed, s.FullAutotuning.AutotuningMs), Is.EqualTo((2.5, 10.0)));
        Assert.That(s.LearnedTopK.GemmVsBestGmean, Is.EqualTo(Math.Sqrt(2)).Within(1e-12));
        Assert.That(s.AutotuningShare, Is.EqualTo(0.5));
    }

    [Test]
    public void Without_any_timing_the_share_is_undefined()
    {
        ReplaySummary s = ReplaySummary.Compute(new[] { Layouts()[2] });

        Assert.That((s.FullAutotuning.MeanTimed, s.FullAutotuning.AutotuningMs), Is.EqualTo((0.0, 0.0)));
        Assert.That(s.AutotuningShare, Is.NaN);
    }

    [Test]
    public void Nothing_to_sum_or_an_unusable_time_is_refused()
    {
        CandidateRow[] zero = { C(0, 0.0, 1.0) };
        Assert.That(() => ReplaySummary.Compute(Array.Empty<ReplayedLayout>()), Throws.ArgumentException.With.Message.Contains("No layout"));
        Assert.That(() => ReplaySummary.Compute(new[] { new ReplayedLayout(zero, zero, null, LearnedOutcome.Unsure, 0) }), Throws.ArgumentException.With.Message.Contains("median 0 ms"));
        Assert.That(() => ReplaySummary.Compute(new[] { new ReplayedLayout(Layouts()[0].Candidates, Array.Empty<CandidateRow>(), null, LearnedOutcome.Ranked, 0) }), Throws.ArgumentException.With.Message.Contains("nothing autotuned"));
    }
}
