using System;
using System.Collections.Generic;
using System.IO;
using AutoHeuristic.Tests.Shared;
using AutoHeuristic.Tests.Support;
using NUnit.Framework;

namespace AutoHeuristic.Tests.Decision;

/// <summary>
/// A training log that cannot be written must not stop the host: in collect mode the decision is
/// still made, the fault is counted, raised once per fault and warned about once per process;
/// strict logging throws instead.
/// </summary>
public sealed class CollectModeFaultTests
{
    private static readonly string[] Abc = { "a", "b", "c" };

    private static AHContext SmallContext()
    {
        var context = new AHContext();
        context.AddFeature("fa", 5);
        return context;
    }

    private static AutoHeuristicOptions Collect(string name, string log, bool strict = false) =>
        new AutoHeuristicOptions { LogPath = log, HardwareInfoProvider = FixedHardware.H100, StrictLogging = strict }.SetMode(name, AutoHeuristicMode.Collect);

    private static AutoHeuristicDecision Decide(string name, AutoHeuristicOptions options, Func<string, double>? feedback = null) =>
        new(() => "fallback", Abc, feedback ?? (choice => Array.IndexOf(Abc, choice) + 1.0), SmallContext(), name, options: options);

    [Test]
    public void A_directory_as_the_log_is_reported_and_the_decision_still_returns_its_choice()
    {
        using var temp = new TempFolder();
        string name = Names.Unique("dir");
        string log = temp.File("log.txt");
        Directory.CreateDirectory(log);
        using var watch = new LogFaultWatch(name);

        AutoHeuristicDecision decision = Decide(name, Collect(name, log));

        string message = $"Could not write the training log '{log}': '{log}' is a directory, not a log file.";
        Assert.That(decision.GetChoice(), Is.EqualTo("fallback"));
        Assert.That(decision.CollectedFeedback, Is.EqualTo(new Dictionary<string, double> { ["a"] = 1.0, ["b"] = 2.0, ["c"] = 3.0 }), "the timings are kept in memory");
        Assert.That(watch.Counters.LogFaults, Is.EqualTo(1));
        Assert.That(watch.Counters.RowsCollected, Is.Zero);
        Assert.That(watch.Counters.LastLogFault, Is.EqualTo(message));
        Assert.That(watch.Faults, Has.Count.EqualTo(1));
        Assert.That(watch.Faults[0].Kind, Is.EqualTo(LogFaultKind.PathIsDirectory));
        Assert.That(watch.Faults[0].Path, Is.EqualTo(log));
        Assert.That(watch.Faults[0].Message, Is.EqualTo(message));
        Assert.That(watch.Faults[0].Exception, Is.TypeOf<TrainingLogException>());
        Assert.That(watch.Warnings, Is.EqualTo(new[]
        {
            $"AutoHeuristic warning: collect mode: {message} Decisions go on without logging. Later faults are not printed; they are counted "
            + $"(AutoHeuristicStatistics.For(\"{name}\").LogFaults) and raised (AutoHeuristicStatistics.LogFault). Set AUTOHEURISTIC_LOG_STRICT=1 to make them throw.",
        }));

        Decide(name, Collect(name, log));
        Assert.That(watch.Counters.LogFaults, Is.EqualTo(2));
        Assert.That(watch.Faults, Has.Count.EqualTo(2), "every fault is raised");
        Assert.That(watch.Warnings, Has.Length.EqualTo(1), "one warning per process");
    }

    [Test]
    public void Strict_logging_throws_the_fault_out_of_the_constructor()
    {
        using var temp = new TempFolder();
        string name = Names.Unique("strict");
        string log = temp.File("log.txt");
        Directory.CreateDirectory(log);
        using var watch = new LogFaultWatch(name);

        var ex = Assert.Throws<TrainingLogException>(() => Decide(name, Collect(name, log, strict: true)));
        Assert.That(ex!.Kind, Is.EqualTo(LogFaultKind.PathIsDirectory));
        Assert.That(watch.Counters.LogFaults, Is.EqualTo(1), "counted all the same");
        Assert.That(watch.Faults, Has.Count.EqualTo(1));
        Assert.That(watch.Warnings, Is.Empty, "the exception is the report");
    }

    [Test]
    public void A_log_written_for_other_features_is_reported_not_thrown_and_left_unchanged()
    {
        using var temp = new TempFolder();
        string name = Names.Unique("meta");
        string log = temp.File("log.txt");
        string other = "{\"shared_memory\": 232448, \"device_capa\": [9, 0], \"name\": \"" + name + "\", \"numerical_features\": [\"zz\"], \"categorical_features\": []}\nzz,choice,feedback\n1,a,1.0\n";
        File.WriteAllText(log, other);
        using var watch = new LogFaultWatch(name);

        AutoHeuristicDecision decision = Decide(name, Collect(name, log));
        Assert.That(decision.GetChoice(), Is.EqualTo("fallback"));
        Assert.That(watch.Faults, Has.Count.EqualTo(1));
        Assert.That(watch.Faults[0].Kind, Is.EqualTo(LogFaultKind.InconsistentMetadata));
        Assert.That(watch.Faults[0].Message, Does.StartWith($"The training log '{log}' was written for different metadata than this run."));
        Assert.That(watch.Counters.LogFaults, Is.EqualTo(1));
        Assert.That(File.ReadAllText(log), Is.EqualTo(other));

        Assert.Throws<InconsistentMetadataException>(() => Decide(name, Collect(name, log, strict: true)));
        Assert.That(watch.Counters.LogFaults, Is.EqualTo(2));
    }

    [Test]
    public void Feedback_that_is_no_time_refuses_the_batch_and_is_reported()
    {
        using var temp = new TempFolder();
        string name = Names.Unique("nan");
        string log = temp.File("log.txt");
        using var watch = new LogFaultWatch(name);
        Func<string, double> feedback = choice => choice == "b" ? double.NaN : 1.0;

        AutoHeuristicDecision decision = Decide(name, Collect(name, log), feedback);
        Assert.That(decision.GetChoice(), Is.EqualTo("fallback"));
        Assert.That(watch.Faults, Has.Count.EqualTo(1));
        Assert.That(watch.Faults[0].Kind, Is.EqualTo(LogFaultKind.RowRefused));
        Assert.That(watch.Faults[0].Message, Does.StartWith($"The feedback of choice 'b' cannot go into the training log '{Path.GetFullPath(log)}': NaN is not a time"));
        Assert.That(File.Exists(log), Is.False, "no row of the batch is written");
        Assert.That(watch.Counters.RowsCollected, Is.Zero);

        var ex = Assert.Throws<ArgumentException>(() => Decide(name, Collect(name, log, strict: true), feedback));
        Assert.That(ex!.Message, Does.Contain("choice 'b'").And.Contain("NaN"));
    }

    [Test]
    public void A_lock_held_longer_than_the_option_is_a_reported_fault()
    {
        using var temp = new TempFolder();
        string name = Names.Unique("lock");
        string log = temp.File("log.txt");
        using var watch = new LogFaultWatch(name);
        AutoHeuristicOptions options = Collect(name, log);
        options.LogLockTimeout = TimeSpan.FromSeconds(0.25);

        using (new FileStream(log, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            AutoHeuristicDecision decision = Decide(name, options);
            Assert.That(decision.GetChoice(), Is.EqualTo("fallback"));
        }

        Assert.That(watch.Faults, Has.Count.EqualTo(1));
        Assert.That(watch.Faults[0].Kind, Is.EqualTo(LogFaultKind.LockTimeout));
        Assert.That(watch.Faults[0].Message, Is.EqualTo($"Could not write the training log '{log}': another writer held the log for more than 0.25 s."));

        Decide(name, options);
        Assert.That(File.ReadAllLines(log)[2..], Is.EqualTo(new[] { "5,a,1.0", "5,b,2.0", "5,c,3.0" }), "the next decision logs again");
        Assert.That(watch.Counters.RowsCollected, Is.EqualTo(3));
    }

    [Test]
    public void A_failing_feedback_function_surfaces_even_when_the_log_also_fails_in_strict_mode()
    {
        using var temp = new TempFolder();
        string name = Names.Unique("both");
        string log = temp.File("log.txt");
        Directory.CreateDirectory(log);
        using var watch = new LogFaultWatch(name);

        var ex = Assert.Throws<InvalidOperationException>(() => Decide(name, Collect(name, log, strict: true),
            choice => choice == "c" ? throw new InvalidOperationException("timer broke") : 1.0));
        Assert.That(ex!.Message, Is.EqualTo("timer broke"));
        Assert.That(watch.Counters.LogFaults, Is.EqualTo(1), "the rows of a and b were tried and the fault counted");
    }

    [Test]
    public void A_torn_tail_repaired_by_a_decision_is_counted_under_its_name()
    {
        using var temp = new TempFolder();
        string name = Names.Unique("torn");
        string log = temp.File("log.txt");
        using var watch = new LogFaultWatch(name);
        Decide(name, Collect(name, log));
        File.AppendAllText(log, "5,a,0.");
        Decide(name, Collect(name, log));

        Assert.That(File.ReadAllLines(log)[2..], Is.EqualTo(new[] { "5,a,1.0", "5,b,2.0", "5,c,3.0", "5,a,1.0", "5,b,2.0", "5,c,3.0" }));
        Assert.That(watch.Counters.TornTailsTrimmed, Is.EqualTo(1));
        Assert.That(watch.Faults, Has.Count.EqualTo(1));
        Assert.That(watch.Faults[0].Kind, Is.EqualTo(LogFaultKind.TornTailTrimmed));
    }
}
