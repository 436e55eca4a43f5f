using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AutoHeuristic.Hardware;
using AutoHeuristic.Tests.Shared;
using AutoHeuristic.Tests.Support;
using NUnit.Framework;

namespace AutoHeuristic.Tests.Selection;

public sealed class AutoHeuristicSelectAlgorithmTests
{
    private sealed class Kernel(string id, double ms)
    {
        public string Id { get; } = id;
        public double Ms { get; } = ms;
        public override string ToString() => Id;
    }

    private static readonly AutotuneInput Mat1 = new("cuda", "torch.float16", new long[] { 64, 32 }, new long[] { 32, 1 });
    private static readonly AutotuneInput Mat2 = new("cuda", "torch.float16", new long[] { 32, 16 }, new long[] { 16, 1 });

    private static List<Kernel> Kernels() => new() { new("extern_mm", 3.0), new("type=triton_a", 1.5), new("type=triton_b", 2.0) };

    private static AHContext Context()
    {
        var context = new AHContext();
        context.AddFeature("m", 64);
        context.AddFeature("k", 32);
        context.AddFeature("n", 16);
        return context;
    }

    private static AutoHeuristicSelectAlgorithm<Kernel> Selector(string name, IReadOnlyList<Kernel> kernels, AutoHeuristicMode mode, string? log, Func<Kernel?>? fallback = null) =>
        new(fallback ?? (() => null), kernels, k => k.Id, new[] { Mat1, Mat2 }, Context(), name,
            options: new AutoHeuristicOptions { LogPath = log, HardwareInfoProvider = FixedHardware.H100 }.SetMode(name, mode));

    private static List<FeedbackMismatchEventArgs> Watch(string name, out Action stop)
    {
        var seen = new List<FeedbackMismatchEventArgs>();
        EventHandler<FeedbackMismatchEventArgs> handler = (_, e) => { if (e.Name == name) seen.Add(e); };
        Autotuner.FeedbackMismatch += handler;
        stop = () => Autotuner.FeedbackMismatch -= handler;
        return seen;
    }

    [Test]
    public void Autotuner_returns_the_fastest_and_the_selector_records_matching_timings()
    {
        using var temp = new TempFolder();
        string name = Names.Unique("mm");
        List<Kernel> kernels = Kernels();
        using (var selector = Selector(name, kernels, AutoHeuristicMode.Collect, temp.File("mm.txt")))
        {
            Assert.That(selector.IsSubscribed, Is.True);
            // Inputs are compared by value: fresh but equal objects match.
            var sameInputs = new[] { Mat1 with { Sizes = new long[] { 64, 32 } }, Mat2 };
            Kernel best = Autotuner.AutotuneSelectAlgorithm(name, kernels, sameInputs, k => k.Ms);
            Assert.That(best.Id, Is.EqualTo("type=triton_a"));
            Assert.That(selector.RecordedRuns, Is.EqualTo(1));
            Assert.That(selector.Decision.GetCollectedFeedback("type=triton_b"), Is.EqualTo(2.0));
        }

        Assert.That(File.ReadAllLines(temp.File("mm.txt")), Is.EqualTo(new[]
        {
            "{\"shared_memory\": 232448, \"device_capa\": [9, 0], \"name\": \"" + name + "\", \"numerical_features\": [\"m\", \"k\", \"n\"], \"categorical_features\": []}",
            "m,k,n,choice,feedback",
            "64,32,16,extern_mm,3.0",
            "64,32,16,type=triton_a,1.5",
            "64,32,16,type=triton_b,2.0",
        }));
    }

    [Test]
    public void Other_names_and_inputs_are_ignored_and_choice_changes_are_reported()
    {
        using var temp = new TempFolder();
        string name = Names.Unique("mm");
        List<FeedbackMismatchEventArgs> mismatches = Watch(name, out Action stop);
        try
        {
            List<Kernel> kernels = Kernels();
            long before = Autotuner.FeedbackMismatchCount;
            using (var selector = Selector(name, kernels, AutoHeuristicMode.Collect, temp.File("mm.txt")))
            {
                Autotuner.AutotuneSelectAlgorithm(name + "_other", kernels, new[] { Mat1, Mat2 }, k => k.Ms);
                Autotuner.AutotuneSelectAlgorithm(name, kernels, new[] { Mat2, Mat1 }, k => k.Ms);
                Assert.That(mismatches, Is.Empty, "another selection is not a mismatch");

                // tuned_mm's pattern: choices appended after the selector was built.
                var grown = new List<Kernel>(kernels) { new("type=triton_extra", 0.5) };
                Kernel best = Autotuner.AutotuneSelectAlgorithm(name, grown, new[] { Mat1, Mat2 }, k => k.Ms);
                Assert.That(best.Id, Is.EqualTo("type=triton_extra"));
                Assert.That(selector.RecordedRuns, Is.Zero);
                Assert.That(mismatches, Has.Count.EqualTo(1));
                Assert.That(mismatches[0].Kind, Is.EqualTo(FeedbackMismatchKind.ChoicesDiffer));
                Assert.That(mismatches[0].Details, Does.Contain("type=triton_extra"));
            }

            Assert.That(mismatches, Has.Count.EqualTo(2));
            Assert.That(mismatches[1].Kind, Is.EqualTo(FeedbackMismatchKind.NeverMatched));
            Assert.That(Autotuner.FeedbackMismatchCount - before, Is.EqualTo(2));
            Assert.That(AutoHeuristicStatistics.For(name).FeedbackMismatches, Is.EqualTo(2));
            Assert.That(File.Exists(temp.File("mm.txt")), Is.False);
        }
        finally
        {
            stop();
        }
    }

    [Test]
    public void A_log_fault_does_not_stop_the_autotuner_and_is_not_a_mismatch()
    {
        using var temp = new TempFolder();
        string name = Names.Unique("mm");
        string log = temp.File("mm.txt");
        Directory.CreateDirectory(log);
        List<FeedbackMismatchEventArgs> mismatches = Watch(name, out Action stop);
        using var watch = new LogFaultWatch(name);
        try
        {
            List<Kernel> kernels = Kernels();
            using (var selector = Selector(name, kernels, AutoHeuristicMode.Collect, log))
            {
                Kernel best = Autotuner.AutotuneSelectAlgorithm(name, kernels, new[] { Mat1, Mat2 }, k => k.Ms);
                Assert.That(best.Id, Is.EqualTo("type=triton_a"));
                Assert.That(selector.RecordedRuns, Is.Zero, "nothing reached the log");
                Assert.That(selector.Decision.GetCollectedFeedback("extern_mm"), Is.EqualTo(3.0));
            }

            Assert.That(watch.Faults, Has.Count.EqualTo(1));
            Assert.That(watch.Faults[0].Kind, Is.EqualTo(LogFaultKind.PathIsDirectory));
            Assert.That(watch.Counters.LogFaults, Is.EqualTo(1));
            Assert.That(mismatches, Is.Empty, "the run matched; the fault is reported as such, not as 'no run happened'");
        }
        finally
        {
            stop();
        }
    }

    [Test]
    public void Strict_logging_throws_the_log_fault_out_of_the_autotuner()
    {
        using var temp = new TempFolder();
        string name = Names.Unique("mm");
        string log = temp.File("mm.txt");
        Directory.CreateDirectory(log);
        List<Kernel> kernels = Kernels();
        var options = new AutoHeuristicOptions { LogPath = log, HardwareInfoProvider = FixedHardware.H100, StrictLogging = true }.SetMode(name, AutoHeuristicMode.Collect);
        using var selector = new AutoHeuristicSelectAlgorithm<Kernel>(() => null, kernels, k => k.Id, new[] { Mat1 }, Context(), name, options: options);
        var ex = Assert.Throws<TrainingLogException>(() => Autotuner.AutotuneSelectAlgorithm(name, kernels, new[] { Mat1 }, k => k.Ms));
        Assert.That(ex!.Kind, Is.EqualTo(LogFaultKind.PathIsDirectory));
    }

    [Test]
    public void Disposed_selectors_stop_listening()
    {
        using var temp = new TempFolder();
        string name = Names.Unique("mm");
        List<Kernel> kernels = Kernels();
        int before = Autotuner.SubscriberCount;
        var selector = Selector(name, kernels, AutoHeuristicMode.Collect, temp.File("mm.txt"));
        Assert.That(Autotuner.SubscriberCount, Is.EqualTo(before + 1));
        Autotuner.AutotuneSelectAlgorithm(name, kernels, new[] { Mat1, Mat2 }, k => k.Ms);
        selector.Dispose();
        selector.Dispose();
        Assert.That(Autotuner.SubscriberCount, Is.EqualTo(before));
        Autotuner.AutotuneSelectAlgorithm(name, kernels, new[] { Mat1, Mat2 }, k => k.Ms);
        Assert.That(selector.RecordedRuns, Is.EqualTo(1));
        Assert.That(File.ReadAllLines(temp.File("mm.txt")), Has.Length.EqualTo(5));
    }

    [Test]
    public void Not_collecting_means_not_subscribing()
    {
        string name = Names.Unique("mm");
        using var selector = Selector(name, Kernels(), AutoHeuristicMode.Use, log: null);
        Assert.That(selector.IsSubscribed, Is.False);
    }

    [Test]
    public void Use_mode_maps_choices_back_to_callers_and_keeps_the_original_order_for_top_k()
    {
        string name = Names.Unique("mm");
        var heuristic = new StubHeuristic(name, HardwareKey.H100, "type=triton_b", "extern_mm", "type=triton_a")
        {
            Answer = new[] { new ChoiceProbability(0.6, 0), new ChoiceProbability(0.3, 2), new ChoiceProbability(0.1, 1) },
        };
        using var _ = new Registration(heuristic);
        List<Kernel> kernels = Kernels();
        using var selector = Selector(name, kernels, AutoHeuristicMode.Use, log: null);
        Assert.That(selector.GetChoiceCaller(), Is.SameAs(kernels[2]));
        Assert.That(selector.GetTopKChoicesCaller(2)!.Select(k => k.Id), Is.EqualTo(new[] { "type=triton_a", "type=triton_b" }), "original order, not rank order");
        Assert.That(selector.GetTopKChoicesCaller(1, new[] { "extern_mm" })!.Select(k => k.Id), Is.EqualTo(new[] { "extern_mm", "type=triton_b" }));

        heuristic.Answer = null;
        Assert.That(selector.GetChoiceCaller(), Is.Null, "unsure with a null fallback");
        Assert.That(selector.GetTopKChoicesCaller(2), Is.Null);
        Assert.That(selector.Decision.LastOutcome, Is.EqualTo(DecisionOutcome.Unsure));
    }

    [Test]
    public void Duplicate_ids_and_failed_autotuning_are_reported()
    {
        string name = Names.Unique("mm");
        var twins = new List<Kernel> { new("same", 1), new("same", 2) };
        var ex = Assert.Throws<ArgumentException>(() => Selector(name, twins, AutoHeuristicMode.Off, null));
        Assert.That(ex!.Message, Does.Contain("same"));
        var bad = Assert.Throws<InvalidOperationException>(() => Autotuner.AutotuneSelectAlgorithm(name, Kernels(), new[] { Mat1 }, _ => double.PositiveInfinity));
        Assert.That(bad!.Message, Does.Contain(name));
    }

    [Test]
    public void Generic_subscriptions_see_every_run_until_disposed()
    {
        string name = Names.Unique("mm");
        var runs = new List<AutotuneTimings>();
        using (Autotuner.Subscribe(runs.Add))
        {
            Autotuner.AutotuneSelectAlgorithm(name, Kernels(), new[] { Mat1 }, k => k.Ms);
        }

        Autotuner.AutotuneSelectAlgorithm(name, Kernels(), new[] { Mat1 }, k => k.Ms);
        AutotuneTimings run = runs.Single(r => r.Name == name);
        Assert.That(run.Timings, Is.EqualTo(new[] { 3.0, 1.5, 2.0 }));
        Assert.That(run.Inputs, Is.EqualTo(new[] { Mat1 }));
    }

    [Test]
    public void Autotune_inputs_compare_by_value_and_print_like_pytorch_keys()
    {
        var a = new AutotuneInput("cuda", "torch.float16", new long[] { 64, 32 }, new long[] { 32, 1 });
        var b = new AutotuneInput("cuda", "torch.float16", new List<long> { 64, 32 }, new List<long> { 32, 1 });
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        Assert.That(a, Is.Not.EqualTo(b with { Offset = 4 }));
        Assert.That(a, Is.Not.EqualTo(b with { Strides = new long[] { 1, 64 } }));
        Assert.That(a.ToString(), Is.EqualTo("('cuda', 'torch.float16', (64, 32), (32, 1), 0)"));
    }
}
