using System;
using System.Collections.Generic;
using AutoHeuristic.Cli.UseMode;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.Model;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests.UseMode;

public class LearnedModelHeuristicTests
{
    private sealed class Fixed(HardwareKey key) : IHardwareInfoProvider
    {
        public HardwareInfo GetHardwareInfo() => new("test GPU", key.SharedMemory, key.Capability);
    }

    private static readonly TrainingSummary Summary = new(10, 5, "gini", 3, 1, 2, 3, new Dictionary<string, SetMetrics>());

    private static Leaf LeafOf(int id, bool unsafeLeaf, params (double P, int Choice)[] best) =>
        new(id, Array.ConvertAll(best, b => new LeafChoice(b.P, b.Choice)), new double[] { 1, 1, 1 }, unsafeLeaf);

    // m <= 100: leaf 0 (b 0.6, a 0.4); else dtype == bf16: leaf 2 (unsafe); else leaf 1 (c 0.5, b 0.5).
    private static LearnedModel Model(ModelKind kind, double threshold = 0.0, string name = "mm") => new(
        name, HardwareKey.H100, kind, new[] { "a", "b", "c" }, threshold,
        new NumericSplit("m", 100, LeafOf(0, false, (0.6, 1), (0.4, 0)),
            new CategoricalSplit("mat1_dtype", "torch.bfloat16", LeafOf(1, false, (0.5, 2), (0.5, 1)), LeafOf(2, true, (1.0, 0)))),
        new[] { new FeatureInfo("m", false, false), new FeatureInfo("mat1_dtype", true, false) }, Summary)
    { RankingK = 2 };

    private static AHContext Context(long m, string dtype)
    {
        var c = new AHContext();
        c.AddFeature("m", m);
        c.AddFeature("mat1_dtype", dtype, isCategorical: true);
        return c;
    }

    [Test]
    public void Walks_the_tree_like_the_generated_code()
    {
        var h = new LearnedModelHeuristic(Model(ModelKind.Ranking, threshold: 0.9));

        Assert.That(h.Name, Is.EqualTo("mm"));
        Assert.That(h.Choices, Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(h.ConfidenceThreshold, Is.EqualTo(0.9), "rankings keep the threshold (it is not folded)");
        Assert.That(h.GetBestChoices(Context(100, "torch.float16")), Is.EqualTo(new[] { new ChoiceProbability(0.6, 1), new ChoiceProbability(0.4, 0) }));
        Assert.That(h.GetBestChoices(Context(101, "torch.float16")), Is.EqualTo(new[] { new ChoiceProbability(0.5, 2), new ChoiceProbability(0.5, 1) }));
        Assert.That(h.GetBestChoices(Context(101, "torch.bfloat16")), Is.Null, "an unsafe leaf is unsure");
        Assert.That(h.GetBestChoices(Context(5, "torch.float16")), Is.SameAs(h.GetBestChoices(Context(6, "torch.float32"))), "one array per leaf, no allocation per query");
    }

    [Test]
    public void Decision_models_fold_the_threshold_into_the_leaves()
    {
        var h = new LearnedModelHeuristic(Model(ModelKind.Decision, threshold: 0.55));

        Assert.That(h.ConfidenceThreshold, Is.Zero);
        Assert.That(h.GetBestChoices(Context(1, "torch.float16")), Is.Not.Null, "0.6 > 0.55");
        Assert.That(h.GetBestChoices(Context(101, "torch.float16")), Is.Null, "0.5 <= 0.55 answers unsure");
    }

    [Test]
    public void Precondition_is_the_name_and_the_training_hardware()
    {
        var h = new LearnedModelHeuristic(Model(ModelKind.Ranking));
        var choices = new[] { "a" };

        Assert.That(h.CheckPrecondition(new AHMetadata(HardwareKey.H100.SharedMemory, HardwareKey.H100.Capability, choices, "mm"), Context(1, "x")), Is.True);
        Assert.That(h.CheckPrecondition(new AHMetadata(HardwareKey.A100.SharedMemory, HardwareKey.A100.Capability, choices, "mm"), Context(1, "x")), Is.False);
        Assert.That(h.CheckPrecondition(new AHMetadata(HardwareKey.H100.SharedMemory, HardwareKey.H100.Capability, choices, "pad_mm"), Context(1, "x")), Is.False);
    }

    [Test]
    public void Regression_models_are_refused()
    {
        Assert.That(() => new LearnedModelHeuristic(Model(ModelKind.Regression)), Throws.ArgumentException.With.Message.Contains("regression"));
    }

    [Test]
    public void Registered_it_narrows_a_select_algorithm_in_use_mode()
    {
        const string name = "mm_adapter_select";
        var h = new LearnedModelHeuristic(Model(ModelKind.Ranking, name: name));
        var options = new AutoHeuristicOptions { HardwareInfoProvider = new Fixed(HardwareKey.H100) };
        options.SetMode(name, AutoHeuristicMode.Use);
        string[] offered = { "c", "b", "z", "a" };
        LearnedHeuristicRegistry.Register(h);
        try
        {
            using var small = new AutoHeuristicSelectAlgorithm<string>(() => null, offered, s => s, Array.Empty<AutotuneInput>(), Context(50, "torch.float16"), name, null, null, options);
            using var unsafeLeaf = new AutoHeuristicSelectAlgorithm<string>(() => null, offered, s => s, Array.Empty<AutotuneInput>(), Context(500, "torch.bfloat16"), name, null, null, options);

            Assert.That(small.GetTopKChoicesCaller(2), Is.EqualTo(new[] { "b", "a" }), "top-2 (b, a) in the offered order");
            Assert.That(small.GetTopKChoicesCaller(1), Is.EqualTo(new[] { "b" }));
            Assert.That(unsafeLeaf.GetTopKChoicesCaller(2), Is.Null);
        }
        finally
        {
            LearnedHeuristicRegistry.Unregister(h);
        }
    }
}
