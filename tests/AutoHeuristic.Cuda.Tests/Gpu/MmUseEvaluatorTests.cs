using System;
using System.Collections.Generic;
using System.Linq;
using AutoHeuristic.Cuda.Blas;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Cuda.Driver;
using AutoHeuristic.Cuda.Hardware;
using AutoHeuristic.Cuda.UseMode;
using AutoHeuristic.Hardware;
using NUnit.Framework;

namespace AutoHeuristic.Cuda.Tests.Gpu;

/// <summary>The live use-mode evaluation on a real GPU, with stand-in heuristics; skipped without a CUDA driver (CI).</summary>
[Category("Gpu")]
[NonParallelizable]
public class MmUseEvaluatorTests
{
    private const int Seed = 3;
    private const double Cap = 20;

    // Ranks its whole choice table in order, or answers unsure.
    private sealed class TableOrder(string[] choices, bool unsure) : ILearnedHeuristic
    {
        public string Name => MmUseEvaluator.Name;

        public IReadOnlyList<string> Choices => choices;

        public double ConfidenceThreshold => 0;

        public bool CheckPrecondition(AHMetadata metadata, AHContext context) => metadata.Name == Name;

        public ChoiceProbability[]? GetBestChoices(AHContext context) =>
            unsure ? null : choices.Select((_, i) => new ChoiceProbability(1.0 / (i + 2), i)).ToArray();
    }

    private static UseReport Evaluate(GpuSession session, ILearnedHeuristic heuristic, int topK)
    {
        var options = new AutoHeuristicOptions { HardwareInfoProvider = new CudaHardwareInfoProvider(session.Device) };
        options.SetMode(MmUseEvaluator.Name, AutoHeuristicMode.Use);
        LearnedHeuristicRegistry.Register(heuristic);
        try
        {
            return new MmUseEvaluator(new MmUseOptions { Samples = 1, Seed = Seed, MaxGflop = Cap, TopK = topK }).Run(session, options);
        }
        finally
        {
            LearnedHeuristicRegistry.Unregister(heuristic);
        }
    }

    [Test]
    public void Learned_top_k_narrows_autotuning_and_unsure_falls_back_to_all_candidates()
    {
        if (!CudaAvailability.IsAvailable) Assert.Ignore("No CUDA device: " + CudaAvailability.Reason);
        using var session = new GpuSession(0, 4L << 30);

        // The stand-in's choice table: every candidate cuBLASLt offers for input 0's four layouts.
        MmInput input = new MmSampler(Seed, session.Gates(Cap)).Sample(0);
        var ids = new List<string>();
        for (int layout = 0; layout < 4; layout++)
        {
            using MatmulPlan plan = session.Lt.Plan(input.Problem(layout));
            ids.AddRange(session.Lt.Candidates(plan, 16).Select(c => c.Id).Where(id => !ids.Contains(id)));
        }

        UseReport ranked = Evaluate(session, new TableOrder(ids.ToArray(), unsure: false), topK: 2);
        UseReport unsure = Evaluate(session, new TableOrder(ids.ToArray(), unsure: true), topK: 2);

        Assert.That(ranked.Layouts, Has.Count.EqualTo(4), string.Join("; ", ranked.Errors));
        foreach (UseLayoutResult l in ranked.Layouts)
        {
            Assert.That(l.Outcome, Is.EqualTo(LearnedOutcome.Ranked));
            Assert.That(l.Learned.Timed, Is.EqualTo(l.Candidates >= 2 ? 2 : 0));
            Assert.That(l.Full.Timed, Is.EqualTo(l.Candidates >= 2 ? l.Candidates : 0));
            Assert.That(l.FirstPick.Timed, Is.Zero);
            Assert.That(new[] { l.Full.GemmMs, l.Learned.GemmMs, l.FirstPick.GemmMs }, Has.All.GreaterThan(0));
            if (l.Candidates >= 2) Assert.That(l.Full.SelectionMs, Is.GreaterThan(l.FirstPick.SelectionMs), "autotuning takes longer than one cuBLASLt query");
        }

        Assert.That(unsure.Layouts, Has.Count.EqualTo(4), string.Join("; ", unsure.Errors));
        Assert.That(unsure.Layouts.Select(l => l.Outcome), Has.All.EqualTo(LearnedOutcome.Unsure));
        Assert.That(unsure.Layouts.Select(l => l.Learned.Timed), Is.EqualTo(unsure.Layouts.Select(l => l.Full.Timed)));
        UseSummary summary = UseSummary.Compute(unsure.Layouts);
        Assert.That(summary[UseStrategy.LearnedTopK].Fallbacks, Is.EqualTo(4));
    }
}
