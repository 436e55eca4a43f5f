using System.Collections.Generic;
using System.Linq;
using AutoHeuristic.Cuda.Blas;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Cuda.UseMode;
using AutoHeuristic.Hardware;
using NUnit.Framework;

namespace AutoHeuristic.Cuda.Tests.UseMode;

/// <summary><see cref="MmUseReplay"/> asks the registered mm heuristic in use mode, on the training hardware, without a GPU.</summary>
public class MmUseReplayTests
{
    private static readonly MatmulProblem Problem = MatmulProblem.Create(256, 512, 1024, GemmDType.BFloat16, false, false, true);

    private static readonly CandidateLayout Layout = new(Problem, new[] { Row(0, "k0", 3.0), Row(1, "k1", 1.0), Row(2, "k2", 2.0), Row(3, "k3", 4.0) });

    private static CandidateRow Row(int rank, string id, double medianMs) => new(2, 0, 3, Problem, rank, id, 1, medianMs, null, null, 1.0);

    // Ranks its choices in table order with the given probabilities, or is unsure (null); H100 only.
    private sealed class Ranking(string[] choices, ChoiceProbability[]? answer) : ILearnedHeuristic
    {
        public string Name => MmUseEvaluator.Name;

        public IReadOnlyList<string> Choices => choices;

        public double ConfidenceThreshold => 0;

        public bool CheckPrecondition(AHMetadata metadata, AHContext context) => metadata.Hardware == HardwareKey.H100;

        public ChoiceProbability[]? GetBestChoices(AHContext context) => answer;
    }

    private static ReplayedLayout Decide(ILearnedHeuristic heuristic, HardwareKey hardware, int topK, bool firstPick, AdaptiveNarrowing? adaptive = null)
    {
        LearnedHeuristicRegistry.Register(heuristic);
        try
        {
            return new MmUseReplay(hardware, topK, firstPick, adaptive).Decide(Layout);
        }
        finally
        {
            LearnedHeuristicRegistry.Unregister(heuristic);
        }
    }

    private static readonly Ranking K2ThenK1 = new(new[] { "k2", "k1", "gone" }, new[] { new ChoiceProbability(0.6, 0), new ChoiceProbability(0.3, 1), new ChoiceProbability(0.1, 2) });

    [Test]
    public void A_ranking_narrows_to_its_top_k_plus_the_first_pick()
    {
        ReplayedLayout replayed = Decide(K2ThenK1, HardwareKey.H100, topK: 1, firstPick: true);

        Assert.That(replayed.Outcome, Is.EqualTo(LearnedOutcome.Ranked));
        Assert.That(replayed.Autotuned.Select(c => c.Id), Is.EqualTo(new[] { "k0", "k2" }));
        Assert.That(replayed.LearnedFirst!.Id, Is.EqualTo("k2"));
        Assert.That(replayed.Candidates, Is.SameAs(Layout.Candidates));
    }

    [Test]
    public void Without_the_first_pick_only_the_learned_top_k_is_autotuned()
    {
        ReplayedLayout replayed = Decide(K2ThenK1, HardwareKey.H100, topK: 2, firstPick: false);

        Assert.That(replayed.Autotuned.Select(c => c.Id), Is.EqualTo(new[] { "k1", "k2" }));
    }

    [Test]
    public void Unsure_or_on_other_hardware_everything_is_autotuned()
    {
        ReplayedLayout unsure = Decide(new Ranking(new[] { "k1" }, null), HardwareKey.H100, topK: 1, firstPick: true);
        ReplayedLayout elsewhere = Decide(K2ThenK1, HardwareKey.A100, topK: 1, firstPick: true);

        Assert.That((unsure.Outcome, unsure.Autotuned.Count, unsure.LearnedFirst), Is.EqualTo((LearnedOutcome.Unsure, 4, (CandidateRow?)null)));
        Assert.That((elsewhere.Outcome, elsewhere.Autotuned.Count, elsewhere.LearnedFirst), Is.EqualTo((LearnedOutcome.Unsure, 4, (CandidateRow?)null)));
    }

    [Test]
    public void The_adaptive_rule_keeps_the_learned_top_2_and_the_library_top_2_when_they_disagree()
    {
        ReplayedLayout replayed = Decide(K2ThenK1, HardwareKey.H100, topK: 3, firstPick: true, AdaptiveNarrowing.Default);

        // Learned k2, k1; cuBLASLt's k0, k1; kept in cuBLASLt's order.
        Assert.That((replayed.Outcome, replayed.Agreed), Is.EqualTo((LearnedOutcome.Ranked, false)));
        Assert.That(replayed.Autotuned.Select(c => c.Id), Is.EqualTo(new[] { "k0", "k1", "k2" }));
    }

    [Test]
    public void The_adaptive_rule_takes_an_agreed_first_pick_alone_and_falls_back_to_the_library_top_ones()
    {
        var agreeing = new Ranking(new[] { "k0", "k3" }, new[] { new ChoiceProbability(0.7, 0), new ChoiceProbability(0.3, 1) });

        ReplayedLayout agreed = Decide(agreeing, HardwareKey.H100, topK: 3, firstPick: true, AdaptiveNarrowing.Default);
        ReplayedLayout timedAnyway = Decide(agreeing, HardwareKey.H100, topK: 3, firstPick: true, AdaptiveNarrowing.Default with { TrustAgreement = false });
        ReplayedLayout unsure = Decide(new Ranking(new[] { "k1" }, null), HardwareKey.H100, topK: 3, firstPick: true, AdaptiveNarrowing.Default with { FallbackCount = 3 });

        Assert.That((agreed.Agreed, agreed.Autotuned.Select(c => c.Id)), Is.EqualTo((true, new[] { "k0" })));
        Assert.That((timedAnyway.Agreed, timedAnyway.Autotuned.Select(c => c.Id)), Is.EqualTo((false, new[] { "k0", "k1", "k3" })));
        Assert.That((unsure.Outcome, unsure.Agreed, unsure.Autotuned.Select(c => c.Id)), Is.EqualTo((LearnedOutcome.Unsure, false, new[] { "k0", "k1", "k2" })));
    }

    [Test]
    public void Bad_adaptive_counts_are_refused_when_the_replay_is_made()
    {
        Assert.That(() => new MmUseReplay(HardwareKey.H100, 3, true, AdaptiveNarrowing.Default with { LibraryCount = 0 }), Throws.InstanceOf<System.ArgumentOutOfRangeException>());
    }

    [Test]
    public void Run_sums_up_what_it_decided()
    {
        LearnedHeuristicRegistry.Register(K2ThenK1);
        try
        {
            ReplaySummary summary = new MmUseReplay(HardwareKey.H100, 1, true).Run(new[] { Layout });

            // Fastest k1 (1.0 ms); use mode times k0 and k2 (best 2.0); first pick k0 (3.0); learned top-1 k2 (2.0).
            Assert.That((summary.Layouts, summary.Fallbacks), Is.EqualTo((1, 0)));
            Assert.That(summary.LearnedTopK.GemmVsBestGmean, Is.EqualTo(2.0).Within(1e-12));
            Assert.That(summary.FirstPick.GemmVsBestGmean, Is.EqualTo(3.0).Within(1e-12));
            Assert.That(summary.LearnedTop1.GemmVsBestGmean, Is.EqualTo(2.0).Within(1e-12));
            Assert.That(summary.AutotuningShare, Is.EqualTo(0.5));
        }
        finally
        {
            LearnedHeuristicRegistry.Unregister(K2ThenK1);
        }
    }
}
