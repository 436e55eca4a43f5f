using System;
using System.Collections.Generic;
using AutoHeuristic.Features;
using AutoHeuristic.Hardware;
using AutoHeuristic.Tests.Support;
using NUnit.Framework;

namespace AutoHeuristic.Tests.Heuristics;

/// <summary>
/// The one decision policy: a tree shaped like generated code (a <see cref="LearnedTree"/> reading
/// features by name) decided through <see cref="DecisionPolicy"/>, the controller and
/// <see cref="AutoHeuristicDecision"/>. Mistakes answer unsure and are counted with their reason; nothing throws.
/// </summary>
public sealed class DecisionPolicyTests
{
    private static readonly string[] Choices = { "a", "b" };
    private static readonly ChoiceProbability[] LeafA = { new(0.9, 0), new(0.1, 1) };
    private static readonly ChoiceProbability[] LeafB = { new(0.8, 1), new(0.2, 0) };
    private static readonly ChoiceProbability[] LeafNaN = { new(double.NaN, 0) };

    private WarningCapture _warnings = null!;

    [SetUp]
    public void CaptureWarnings() => _warnings = new WarningCapture();

    [TearDown]
    public void RestoreWarnings() => _warnings.Dispose();

    // m <= 100: a; else dtype == "torch.float16": b; else twice_m <= 1000: NaN probability; else unsafe (null).
    private sealed class GeneratedShapeTree(string name, IReadOnlyList<AHOperation>? operations) : LearnedTree(name, new[] { "a", "b" }, 232448L, 9, 0, 0.0, operations)
    {
        private static readonly string[] s_dtypes = { "torch.bfloat16", "torch.float16" };

        public override ChoiceProbability[]? GetBestChoices(AHContext context)
        {
            if (Number(context, "m") <= 100) return LeafA;
            if (Category(context, "dtype", s_dtypes) == "torch.float16") return LeafB;
            return Number(context, "twice_m") <= 1000 ? LeafNaN : null;
        }
    }

    private static readonly AHOperation TwiceM = new("twice_m", d => FeatureValue.FromFloat(2 * d.GetNumber("m")));

    private static AHMetadata H100(string name) => new(HardwareKey.H100.SharedMemory, HardwareKey.H100.Capability, Choices, name);

    private static AHContext Context(long? m, string? dtype)
    {
        var context = new AHContext();
        if (m is long value) context.AddFeature("m", value);
        if (dtype is not null) context.AddFeature("dtype", dtype, isCategorical: true);
        return context;
    }

    [Test]
    public void A_tree_decides_through_the_policy_and_every_outcome_is_counted()
    {
        string name = Names.Unique("policy");
        ILearnedHeuristic[] trees = { new GeneratedShapeTree(name, new[] { TwiceM }) };
        AHMetadata metadata = H100(name);

        Assert.That(DecisionPolicy.GetDecision(trees, metadata, Context(50, "torch.float16")), Is.EqualTo("a"));
        Assert.That(DecisionPolicy.GetDecision(trees, metadata, Context(500, "torch.float16")), Is.EqualTo("b"));
        Assert.That(DecisionPolicy.TryGetDecision(trees, metadata, Context(450, "torch.bfloat16"), out string? nan), Is.EqualTo(DecisionOutcome.Unsure), "a NaN probability is not above the threshold");
        Assert.That(nan, Is.Null);
        Assert.That(DecisionPolicy.TryGetDecision(trees, metadata, Context(5000, "torch.bfloat16"), out _), Is.EqualTo(DecisionOutcome.Unsure), "unsafe leaf");
        Assert.That(DecisionPolicy.TryGetDecision(trees, new AHMetadata(HardwareKey.A100.SharedMemory, HardwareKey.A100.Capability, Choices, name), Context(50, "x"), out _),
            Is.EqualTo(DecisionOutcome.NoMatch), "another GPU");
        Assert.That(DecisionPolicy.TryGetDecision(trees, new AHMetadata(HardwareKey.H100.SharedMemory, HardwareKey.H100.Capability, new[] { "b" }, name), Context(50, "x"), out _),
            Is.EqualTo(DecisionOutcome.NotOffered));

        AutoHeuristicCounters counters = AutoHeuristicStatistics.For(name);
        Assert.That((counters.Decided, counters.Unsure, counters.NoMatch, counters.NotOffered), Is.EqualTo((2L, 2L, 1L, 1L)));
        Assert.That(counters.LastDecisionProblem, Is.Null);
        Assert.That(_warnings.Text, Does.Not.Contain("fall back:"), "doubt and other hardware are no mistakes (another GPU gets only the no-match warning)");
    }

    [Test]
    public void A_missing_feature_is_unsure_counted_and_raised_never_thrown()
    {
        string name = Names.Unique("missing");
        ILearnedHeuristic[] trees = { new GeneratedShapeTree(name, null) };
        var raised = new List<DecisionProblemEventArgs>();
        EventHandler<DecisionProblemEventArgs> handler = (_, e) => { if (e.Name == name) raised.Add(e); };
        AutoHeuristicStatistics.DecisionProblem += handler;
        try
        {
            Assert.That(DecisionPolicy.TryGetDecision(trees, H100(name), Context(null, "torch.float16"), out string? choice), Is.EqualTo(DecisionOutcome.MissingFeature));
            Assert.That(choice, Is.Null, "the walk went on with NaN and reached a leaf; its answer is discarded");
            Assert.That(DecisionPolicy.GetDecisionsRanked(trees, H100(name), Context(null, "torch.float16"), 2), Is.Null);
        }
        finally
        {
            AutoHeuristicStatistics.DecisionProblem -= handler;
        }

        AutoHeuristicCounters counters = AutoHeuristicStatistics.For(name);
        Assert.That(counters.MissingFeature, Is.EqualTo(2));
        Assert.That(counters.Decided + counters.Unsure, Is.Zero);
        Assert.That(counters.LastDecisionProblem, Is.EqualTo("the feature 'm' is not in the context (neither added nor an augmented feature)"));
        Assert.That(raised, Has.Count.EqualTo(2));
        Assert.That(raised[0].Outcome, Is.EqualTo(DecisionOutcome.MissingFeature));
        Assert.That(raised[0].Reason, Does.Contain("'m'"));
        Assert.That(_warnings.Text, Does.Contain("decisions of '" + name + "' fall back: the feature 'm' is not in the context"));
        Assert.That(_warnings.Lines, Has.Length.EqualTo(1), "one warning per process");
    }

    [Test]
    public void A_categorical_value_the_logs_never_had_is_unsure_with_the_value_named()
    {
        string name = Names.Unique("unseen");
        ILearnedHeuristic[] trees = { new GeneratedShapeTree(name, null) };

        Assert.That(DecisionPolicy.TryGetDecision(trees, H100(name), Context(500, "float16"), out string? choice), Is.EqualTo(DecisionOutcome.UnseenCategory));
        Assert.That(choice, Is.Null);
        Assert.That(DecisionPolicy.GetDecision(trees, H100(name), Context(50, "float16")), Is.EqualTo("a"), "a path that never tests the value decides");
        AutoHeuristicCounters counters = AutoHeuristicStatistics.For(name);
        Assert.That((counters.UnseenCategory, counters.Decided), Is.EqualTo((1L, 1L)));
        Assert.That(counters.LastDecisionProblem, Is.EqualTo("'float16' is not a value of the categorical feature 'dtype' in the training logs"));
    }

    [Test]
    public void Augmented_features_come_from_the_context_or_from_the_trees_operations()
    {
        string name = Names.Unique("augmented");
        ILearnedHeuristic[] trees = { new GeneratedShapeTree(name, new[] { TwiceM }) };
        AHContext computed = Context(450, "torch.bfloat16");
        AHContext applied = Context(450, "torch.bfloat16");
        applied.ApplyOperations(new[] { new AHOperation("twice_m", _ => FeatureValue.FromFloat(5000)) });

        Assert.That(DecisionPolicy.TryGetDecision(trees, H100(name), computed, out _), Is.EqualTo(DecisionOutcome.Unsure), "900 <= 1000: the NaN leaf");
        Assert.That(new GeneratedShapeTree(name, new[] { TwiceM }).GetBestChoices(applied), Is.Null, "the context's own value (5000) wins: unsafe leaf");
        Assert.That(AutoHeuristicStatistics.For(name).MissingFeature, Is.Zero);

        ILearnedHeuristic[] withoutOperations = { new GeneratedShapeTree(name, null) };
        Assert.That(DecisionPolicy.TryGetDecision(withoutOperations, H100(name), Context(450, "torch.bfloat16"), out _), Is.EqualTo(DecisionOutcome.MissingFeature));
    }

    [Test]
    public void An_operation_that_throws_fails_the_heuristic_not_the_host()
    {
        string name = Names.Unique("throws");
        var broken = new AHOperation("twice_m", _ => throw new DivideByZeroException("no m"));
        var needsK = new AHOperation("twice_m", d => FeatureValue.FromFloat(d.GetNumber("k")));

        Assert.That(DecisionPolicy.TryGetDecision(new ILearnedHeuristic[] { new GeneratedShapeTree(name, new[] { broken }) }, H100(name), Context(450, "torch.bfloat16"), out _),
            Is.EqualTo(DecisionOutcome.HeuristicFailed));
        Assert.That(AutoHeuristicStatistics.For(name).LastDecisionProblem, Is.EqualTo("the heuristic threw DivideByZeroException: no m"));

        Assert.That(DecisionPolicy.TryGetDecision(new ILearnedHeuristic[] { new GeneratedShapeTree(name, new[] { needsK }) }, H100(name), Context(450, "torch.bfloat16"), out _),
            Is.EqualTo(DecisionOutcome.MissingFeature));
        Assert.That(AutoHeuristicStatistics.For(name).LastDecisionProblem, Does.StartWith("The augmented feature 'twice_m' cannot be computed: The feature 'k' is not in the context"));
        Assert.That((AutoHeuristicStatistics.For(name).HeuristicFailed, AutoHeuristicStatistics.For(name).MissingFeature), Is.EqualTo((1L, 1L)));
    }

    [Test]
    public void The_decision_object_and_the_controller_fall_back_for_the_same_reasons()
    {
        string name = Names.Unique("fallback");
        using var registration = new Registration(new GeneratedShapeTree(name, new[] { TwiceM }));
        var options = new AutoHeuristicOptions { HardwareInfoProvider = FixedHardware.H100 }.SetMode(name, AutoHeuristicMode.Use);

        var missing = new AutoHeuristicDecision(() => "autotune", Choices, null, Context(null, "torch.float16"), name, options: options);
        Assert.That(missing.GetChoice(), Is.EqualTo("autotune"));
        Assert.That(missing.LastOutcome, Is.EqualTo(DecisionOutcome.MissingFeature));
        Assert.That(missing.GetTopKChoices(2), Is.Null);

        var unseen = new AutoHeuristicDecision(() => "autotune", Choices, null, Context(500, "float16"), name, options: options);
        Assert.That(unseen.GetChoice(), Is.EqualTo("autotune"));
        Assert.That(unseen.LastOutcome, Is.EqualTo(DecisionOutcome.UnseenCategory));

        var fine = new AutoHeuristicDecision(() => "autotune", Choices, null, Context(500, "torch.float16"), name, options: options);
        Assert.That(fine.GetChoice(), Is.EqualTo("b"));

        Assert.That(LearnedHeuristicController.TryGetDecision(H100(name), Context(null, null), out _), Is.EqualTo(DecisionOutcome.MissingFeature));
        AutoHeuristicCounters counters = AutoHeuristicStatistics.For(name);
        Assert.That((counters.MissingFeature, counters.UnseenCategory, counters.Decided), Is.EqualTo((3L, 1L, 1L)));
    }

    [Test]
    public void A_tree_dispatches_on_name_shared_memory_and_capability()
    {
        var tree = new GeneratedShapeTree("pad_mm", null);
        Assert.That(tree.Hardware, Is.EqualTo(HardwareKey.H100));
        Assert.That(tree.CheckPrecondition(new AHMetadata(232448, new DeviceCapability(9, 0), Choices, "pad_mm"), new AHContext()), Is.True);
        Assert.That(tree.CheckPrecondition(new AHMetadata(232448, new DeviceCapability(9, 0), Choices, "mm"), new AHContext()), Is.False);
        Assert.That(tree.CheckPrecondition(new AHMetadata(232448, new DeviceCapability(8, 0), Choices, "pad_mm"), new AHContext()), Is.False);
        Assert.That(tree.CheckPrecondition(new AHMetadata(232448, new DeviceCapability(9, 1), Choices, "pad_mm"), new AHContext()), Is.False);
        Assert.That(tree.CheckPrecondition(new AHMetadata(166912, new DeviceCapability(9, 0), Choices, "pad_mm"), new AHContext()), Is.False);
    }

    [Test]
    public void A_policy_decision_allocates_nothing()
    {
        string name = Names.Unique("alloc");
        ILearnedHeuristic[] trees = { new GeneratedShapeTree(name, new[] { TwiceM }) };
        AHMetadata metadata = H100(name);
        AHContext decided = Context(500, "torch.float16");
        AHContext computed = Context(450, "torch.bfloat16");
        for (int i = 0; i < 200; i++)
        {
            DecisionPolicy.GetDecision(trees, metadata, decided);
            DecisionPolicy.GetDecision(trees, metadata, computed);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            DecisionPolicy.GetDecision(trees, metadata, decided);
            DecisionPolicy.GetDecision(trees, metadata, computed);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
