using System;
using System.Collections.Generic;
using System.IO;
using AutoHeuristic.Features;
using AutoHeuristic.Hardware;
using AutoHeuristic.Tests.Shared;
using AutoHeuristic.Tests.Support;
using NUnit.Framework;

namespace AutoHeuristic.Tests.Decision;

public sealed class AutoHeuristicDecisionTests
{
    private static readonly string[] Abc = { "a", "b", "c" };

    private static AHContext SmallContext()
    {
        var context = new AHContext();
        context.AddFeature("fa", 5);
        return context;
    }

    private static AutoHeuristicOptions Options(string name, AutoHeuristicMode mode, string? logPath = null, IHardwareInfoProvider? hardware = null) =>
        new AutoHeuristicOptions { LogPath = logPath, HardwareInfoProvider = hardware ?? FixedHardware.H100 }.SetMode(name, mode);

    [Test]
    public void Collect_mode_times_every_choice_in_the_constructor_and_writes_pytorch_lines()
    {
        using var temp = new TempFolder();
        string name = Names.Unique("collect");
        string log = temp.File("log.txt");
        var timed = new List<string>();
        var decision = new AutoHeuristicDecision(
            () => "fallback", Abc, choice => { timed.Add(choice); return Array.IndexOf(Abc, choice) + 1.0; },
            SmallContext(), name, options: Options(name, AutoHeuristicMode.Collect, log));

        Assert.That(timed, Is.EqualTo(Abc), "each choice timed once, in order, by the constructor");
        Assert.That(File.ReadAllLines(log), Is.EqualTo(new[]
        {
            "{\"shared_memory\": 232448, \"device_capa\": [9, 0], \"name\": \"" + name + "\", \"numerical_features\": [\"fa\"], \"categorical_features\": []}",
            "fa,choice,feedback",
            "5,a,1.0",
            "5,b,2.0",
            "5,c,3.0",
        }));
        Assert.That(decision.GetCollectedFeedback("b"), Is.EqualTo(2.0));
        Assert.That(decision.GetCollectedFeedback("zzz"), Is.Null);
        Assert.That(decision.GetChoice(), Is.EqualTo("fallback"), "collect-only mode always falls back");
        Assert.That(AutoHeuristicStatistics.For(name).RowsCollected, Is.EqualTo(3));
    }

    [Test]
    public void Off_mode_collects_nothing_and_falls_back()
    {
        using var temp = new TempFolder();
        string name = Names.Unique("off");
        int calls = 0;
        var decision = new AutoHeuristicDecision(() => "fb", Abc, _ => { calls++; return 1; }, SmallContext(), name,
            options: Options(name, AutoHeuristicMode.Off, temp.File("log.txt")));
        Assert.That(calls, Is.Zero);
        Assert.That(File.Exists(temp.File("log.txt")), Is.False);
        Assert.That(decision.GetChoice(), Is.EqualTo("fb"));
        Assert.That(decision.LastOutcome, Is.EqualTo(DecisionOutcome.NotUsed));
        Assert.That(decision.GetTopKChoices(2), Is.Null);
    }

    [Test]
    public void False_precondition_disables_collection_and_use()
    {
        using var temp = new TempFolder();
        string name = Names.Unique("precondition");
        var heuristic = new StubHeuristic(name, HardwareKey.H100, "a", "b", "c") { Answer = new[] { new ChoiceProbability(0.9, 1) } };
        using var _ = new Registration(heuristic);
        int calls = 0;
        var decision = new AutoHeuristicDecision(() => "fb", Abc, _ => { calls++; return 1; }, SmallContext(), name,
            precondition: (metadata, context) => context.GetNumber("fa") > 10,
            options: Options(name, AutoHeuristicMode.CollectAndUse, temp.File("log.txt")));

        Assert.That(calls, Is.Zero);
        Assert.That(File.Exists(temp.File("log.txt")), Is.False);
        Assert.That(decision.LogPath, Is.Null);
        Assert.That(decision.GetChoice(), Is.EqualTo("fb"));
        Assert.That(decision.GetTopKChoices(2), Is.Null);
        Assert.That(heuristic.Calls, Is.Zero, "the heuristic is not asked");
        Assert.That(decision.LastOutcome, Is.EqualTo(DecisionOutcome.PreconditionFalse));
        Assert.That(AutoHeuristicStatistics.For(name).PreconditionFalse, Is.EqualTo(2));
    }

    [Test]
    public void Use_mode_returns_the_learned_choice_and_counts_it()
    {
        string name = Names.Unique("use");
        var heuristic = new StubHeuristic(name, HardwareKey.H100, "c", "b", "a")
        {
            ConfidenceThreshold = 0.5,
            Answer = new[] { new ChoiceProbability(0.8, 0), new ChoiceProbability(0.2, 2) },
        };
        using var _ = new Registration(heuristic);
        var decision = new AutoHeuristicDecision(() => "fb", Abc, null, SmallContext(), name, options: Options(name, AutoHeuristicMode.Use));
        Assert.That(decision.GetChoice(), Is.EqualTo("c"), "the heuristic's index maps through its own choice table");
        Assert.That(decision.LastOutcome, Is.EqualTo(DecisionOutcome.Decided));
        Assert.That(AutoHeuristicStatistics.For(name).Decided, Is.EqualTo(1));
    }

    [Test]
    public void Unsure_when_probability_is_not_above_the_threshold_or_the_leaf_is_unsafe()
    {
        string name = Names.Unique("unsure");
        var heuristic = new StubHeuristic(name, HardwareKey.H100, "a", "b") { ConfidenceThreshold = 0.7, Answer = new[] { new ChoiceProbability(0.7, 0) } };
        using var _ = new Registration(heuristic);
        var decision = new AutoHeuristicDecision(() => "fb", new[] { "a", "b" }, null, SmallContext(), name, options: Options(name, AutoHeuristicMode.Use));
        Assert.That(decision.GetChoice(), Is.EqualTo("fb"), "equal to the threshold is unsure (PyTorch: must be greater)");
        heuristic.Answer = null;
        Assert.That(decision.GetChoice(), Is.EqualTo("fb"), "unsafe leaf");
        heuristic.Answer = Array.Empty<ChoiceProbability>();
        Assert.That(decision.GetChoice(), Is.EqualTo("fb"), "empty leaf");
        Assert.That(decision.LastOutcome, Is.EqualTo(DecisionOutcome.Unsure));
        Assert.That(AutoHeuristicStatistics.For(name).Unsure, Is.EqualTo(3));
        heuristic.Answer = new[] { new ChoiceProbability(0.71, 1) };
        Assert.That(decision.GetChoice(), Is.EqualTo("b"));
    }

    [Test]
    public void Falls_back_when_the_learned_choice_is_not_offered()
    {
        string name = Names.Unique("notoffered");
        var heuristic = new StubHeuristic(name, HardwareKey.H100, "a", "gone") { Answer = new[] { new ChoiceProbability(1.0, 1) } };
        using var _ = new Registration(heuristic);
        var decision = new AutoHeuristicDecision(() => "fb", new[] { "a", "b" }, null, SmallContext(), name, options: Options(name, AutoHeuristicMode.Use));
        Assert.That(decision.GetChoice(), Is.EqualTo("fb"));
        Assert.That(decision.LastOutcome, Is.EqualTo(DecisionOutcome.NotOffered));
        heuristic.Answer = new[] { new ChoiceProbability(1.0, 7) };
        Assert.That(decision.GetChoice(), Is.EqualTo("fb"), "an index outside the heuristic's table");
        Assert.That(AutoHeuristicStatistics.For(name).NotOffered, Is.EqualTo(2));
    }

    [Test]
    public void Falls_back_when_no_heuristic_matches_this_hardware()
    {
        string name = Names.Unique("nomatch");
        var heuristic = new StubHeuristic(name, HardwareKey.A100, "a", "b") { Answer = new[] { new ChoiceProbability(1.0, 0) } };
        using var _ = new Registration(heuristic);
        var onH100 = new AutoHeuristicDecision(() => "fb", new[] { "a", "b" }, null, SmallContext(), name, options: Options(name, AutoHeuristicMode.Use));
        Assert.That(onH100.GetChoice(), Is.EqualTo("fb"));
        Assert.That(onH100.LastOutcome, Is.EqualTo(DecisionOutcome.NoMatch));
        var noGpu = new AutoHeuristicDecision(() => "fb", new[] { "a", "b" }, null, SmallContext(), name,
            options: Options(name, AutoHeuristicMode.Use, hardware: NoGpuHardwareInfoProvider.Instance));
        Assert.That(noGpu.Metadata.SharedMemory, Is.Zero);
        Assert.That(noGpu.Metadata.DeviceCapability, Is.EqualTo(new DeviceCapability(0, 0)));
        Assert.That(noGpu.GetChoice(), Is.EqualTo("fb"));
        var onA100 = new AutoHeuristicDecision(() => "fb", new[] { "a", "b" }, null, SmallContext(), name,
            options: Options(name, AutoHeuristicMode.Use, hardware: FixedHardware.A100));
        Assert.That(onA100.GetChoice(), Is.EqualTo("a"));
        Assert.That(AutoHeuristicStatistics.For(name).NoMatch, Is.EqualTo(2));
        Assert.That(AutoHeuristicStatistics.For(name).Decided, Is.EqualTo(1));
    }

    [Test]
    public void First_matching_heuristic_decides_even_when_unsure()
    {
        string name = Names.Unique("first");
        var unsure = new StubHeuristic(name, HardwareKey.H100, "a", "b") { Answer = null };
        var sure = new StubHeuristic(name, HardwareKey.H100, "a", "b") { Answer = new[] { new ChoiceProbability(1.0, 1) } };
        using var _ = new Registration(unsure, sure);
        var decision = new AutoHeuristicDecision(() => "fb", new[] { "a", "b" }, null, SmallContext(), name, options: Options(name, AutoHeuristicMode.Use));
        Assert.That(decision.GetChoice(), Is.EqualTo("fb"));
        Assert.That(sure.Calls, Is.Zero);
    }

    [Test]
    public void Top_k_filters_to_offered_choices_truncates_and_appends_always_included()
    {
        string name = Names.Unique("topk");
        var heuristic = new StubHeuristic(name, HardwareKey.H100, "extern_mm", "t1", "t2", "t3", "t4", "gone")
        {
            ConfidenceThreshold = 0.99, // ranking ignores the threshold, as in PyTorch
            Answer = new[]
            {
                new ChoiceProbability(0.4, 5), new ChoiceProbability(0.3, 3), new ChoiceProbability(0.2, 1),
                new ChoiceProbability(0.05, 2), new ChoiceProbability(0.05, 4),
            },
        };
        using var _ = new Registration(heuristic);
        string[] offered = { "extern_mm", "t1", "t2", "t3", "t4" };
        var decision = new AutoHeuristicDecision(() => "fb", offered, null, SmallContext(), name, options: Options(name, AutoHeuristicMode.Use));
        Assert.That(decision.GetTopKChoices(2), Is.EqualTo(new[] { "t3", "t1" }));
        Assert.That(decision.GetTopKChoices(2, new[] { "extern_mm", "t1" }), Is.EqualTo(new[] { "t3", "t1", "extern_mm" }));
        Assert.That(decision.GetTopKChoices(10), Is.EqualTo(new[] { "t3", "t1", "t2", "t4" }));
        Assert.That(decision.GetTopKChoices(0), Is.Empty);
        heuristic.Answer = null;
        Assert.That(decision.GetTopKChoices(2, new[] { "extern_mm" }), Is.Null, "unsure ranking");
        Assert.Throws<ArgumentOutOfRangeException>(() => decision.GetTopKChoices(-1));
    }

    [Test]
    public void Augmented_features_are_available_to_the_heuristic_and_not_logged()
    {
        using var temp = new TempFolder();
        string name = Names.Unique("augment");
        var heuristic = new ReadingHeuristic(name);
        using var _ = new Registration(heuristic);
        var ops = new[] { new AHOperation("fa_squared", d => FeatureValue.FromInteger((long)(d.GetNumber("fa") * d.GetNumber("fa")))) };
        var decision = new AutoHeuristicDecision(() => "fb", new[] { "small", "big" }, _ => 1.0, SmallContext(), name, ops,
            options: Options(name, AutoHeuristicMode.CollectAndUse, temp.File("log.txt")));
        Assert.That(decision.GetChoice(), Is.EqualTo("big"));
        Assert.That(File.ReadAllLines(temp.File("log.txt"))[1], Is.EqualTo("fa,choice,feedback"));
    }

    [Test]
    public void Regression_heuristic_decides_on_the_score_ratio()
    {
        string name = Names.Unique("regression");
        var scores = new Dictionary<string, double> { ["orig"] = 1.0, ["pad"] = 2.0 };
        var heuristic = new StubRegression(name, HardwareKey.H100, scores) { ConfidenceThreshold = 1.7 };
        using var _ = new Registration(heuristic);
        var decision = new AutoHeuristicDecision(() => "autotune", new[] { "orig", "pad" }, null, SmallContext(), name, options: Options(name, AutoHeuristicMode.Use));
        Assert.That(decision.GetChoice(), Is.EqualTo("pad"), "2.0 / 1.0 > 1.7");
        heuristic.ConfidenceThreshold = 2.0;
        Assert.That(decision.GetChoice(), Is.EqualTo("autotune"), "2.0 / 1.0 is not > 2.0");
        Assert.That(decision.LastOutcome, Is.EqualTo(DecisionOutcome.Unsure));
        Assert.That(decision.GetTopKChoices(1), Is.Null, "regression heuristics do not rank");
        var single = new AutoHeuristicDecision(() => "autotune", new[] { "pad" }, null, SmallContext(), name, options: Options(name, AutoHeuristicMode.Use));
        heuristic.ConfidenceThreshold = 1.0;
        Assert.That(single.GetChoice(), Is.EqualTo("autotune"), "fewer than two choices is unsure");
    }

    [Test]
    public void Static_controller_gives_the_same_answer()
    {
        string name = Names.Unique("controller");
        var heuristic = new StubHeuristic(name, HardwareKey.H100, "a", "b") { Answer = new[] { new ChoiceProbability(0.9, 1), new ChoiceProbability(0.1, 0) } };
        using var _ = new Registration(heuristic);
        var metadata = new AHMetadata(232448, new DeviceCapability(9, 0), new[] { "a", "b" }, name);
        Assert.That(LearnedHeuristicController.GetDecision(metadata, SmallContext()), Is.EqualTo("b"));
        Assert.That(LearnedHeuristicController.GetDecisionsRanked(metadata, SmallContext(), 5), Is.EqualTo(new[] { "b", "a" }));
        Assert.That(LearnedHeuristicController.FindHeuristic(metadata, SmallContext()), Is.SameAs(heuristic));
        var other = new AHMetadata(0, default, new[] { "a", "b" }, name);
        Assert.That(LearnedHeuristicController.TryGetDecision(other, SmallContext(), out string? choice), Is.EqualTo(DecisionOutcome.NoMatch));
        Assert.That(choice, Is.Null);
    }

    [Test]
    public void Reused_decision_follows_context_updates()
    {
        string name = Names.Unique("reuse");
        var heuristic = new ReadingHeuristic(name);
        using var _ = new Registration(heuristic);
        AHContext context = SmallContext();
        var ops = new[] { new AHOperation("fa_squared", d => FeatureValue.FromInteger((long)(d.GetNumber("fa") * d.GetNumber("fa")))) };
        var decision = new AutoHeuristicDecision(() => "fb", new[] { "small", "big" }, null, context, name, ops, options: Options(name, AutoHeuristicMode.Use));
        Assert.That(decision.GetChoice(), Is.EqualTo("big"));
        context.SetValue("fa", 2L);
        Assert.That(decision.GetChoice(), Is.EqualTo("small"));
    }

    [Test]
    public void Reused_decision_allocates_nothing_after_the_first_call()
    {
        // The documented contract of GetChoice: registry lookup cached, offered-choice map cached,
        // augmented features recomputed into slots, outcome counted, with no heap allocation.
        string name = Names.Unique("noalloc");
        var heuristic = new ReadingHeuristic(name);
        using var _ = new Registration(heuristic);
        AHContext context = SmallContext();
        var ops = new[] { new AHOperation("fa_squared", d => FeatureValue.FromInteger((long)(d.GetNumber("fa") * d.GetNumber("fa")))) };
        var decision = new AutoHeuristicDecision(() => "fb", new[] { "small", "big" }, null, context, name, ops, options: Options(name, AutoHeuristicMode.Use));
        Assert.That(decision.GetChoice(), Is.EqualTo("big"), "warm-up");

        int big = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (long i = 0; i < 1000; i++)
        {
            context.SetValue("fa", i % 5);
            if (ReferenceEquals(decision.GetChoice(), "big")) big++;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero, "bytes allocated by 1,000 updates and decisions");
        Assert.That(big, Is.EqualTo(200), "fa = 4 is the only value with fa² > 10");
    }

    [Test]
    public void Bad_arguments_are_named()
    {
        Assert.Throws<ArgumentNullException>(() => new AutoHeuristicDecision(null!, Abc, null, SmallContext(), "x", options: new AutoHeuristicOptions()));
        var ex = Assert.Throws<ArgumentException>(() => new AutoHeuristicDecision(() => "a", Abc, null, SmallContext(), "a/b", options: new AutoHeuristicOptions()));
        Assert.That(ex!.Message, Does.Contain("a/b"));
        string name = Names.Unique("badchoice");
        using var temp = new TempFolder();
        var bad = Assert.Throws<ArgumentException>(() => new AutoHeuristicDecision(() => "a", new[] { "x,y" }, _ => 1, SmallContext(), name,
            options: Options(name, AutoHeuristicMode.Collect, temp.File("l.txt"))));
        Assert.That(bad!.Message, Does.Contain("x,y"));
    }

    /// <summary>Reads an augmented feature: "big" when fa² > 10.</summary>
    private sealed class ReadingHeuristic(string name) : ILearnedHeuristic
    {
        private static readonly ChoiceProbability[] Small = { new(1.0, 0) };
        private static readonly ChoiceProbability[] Big = { new(1.0, 1) };

        public string Name => name;

        public IReadOnlyList<string> Choices { get; } = new[] { "small", "big" };

        public double ConfidenceThreshold => 0;

        public bool CheckPrecondition(AHMetadata metadata, AHContext context) => true;

        public ChoiceProbability[]? GetBestChoices(AHContext context) => context.GetNumber("fa_squared") <= 10 ? Small : Big;
    }
}
