using System;
using System.Threading;

namespace AutoHeuristic;

/// <summary>One decision that fell back because of a mistake, as raised by <see cref="AutoHeuristicStatistics.DecisionProblem"/>.</summary>
public sealed class DecisionProblemEventArgs : EventArgs
{
    internal DecisionProblemEventArgs(string name, DecisionOutcome outcome, string reason, Exception? exception)
    {
        Name = name;
        Outcome = outcome;
        Reason = reason;
        Exception = exception;
    }

    /// <summary>The heuristic name.</summary>
    public string Name { get; }

    /// <summary><see cref="DecisionOutcome.MissingFeature"/>, <see cref="DecisionOutcome.UnseenCategory"/> or <see cref="DecisionOutcome.HeuristicFailed"/>.</summary>
    public DecisionOutcome Outcome { get; }

    /// <summary>What went wrong, naming the feature (and value).</summary>
    public string Reason { get; }

    /// <summary>The exception the heuristic threw (<see cref="DecisionOutcome.HeuristicFailed"/>, or a missing feature an operation asked for); otherwise null.</summary>
    public Exception? Exception { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Outcome}: {Reason}";
}

/// <summary>
/// Reports the decisions that fell back because of a mistake (see <see cref="AutoHeuristicStatistics.DecisionProblem"/>):
/// counts them, keeps the latest reason, raises the event and writes one warning per process to
/// standard error, so a host that never looks at the statistics still learns why its heuristic does not decide.
/// </summary>
internal static class DecisionProblemReporter
{
    private static int _warned;

    /// <summary>Whether <paramref name="outcome"/> is a mistake rather than the tree's own doubt or another hardware.</summary>
    public static bool IsProblem(DecisionOutcome outcome) =>
        outcome is DecisionOutcome.MissingFeature or DecisionOutcome.UnseenCategory or DecisionOutcome.HeuristicFailed;

    /// <summary>Counts <paramref name="outcome"/> for <paramref name="counters"/>; for a problem, also its reason.</summary>
    public static void Count(AutoHeuristicCounters counters, DecisionOutcome outcome, AutoHeuristic.Hardware.AHMetadata metadata, AHContext context, Exception? fault)
    {
        counters.Count(outcome, metadata);
        if (!IsProblem(outcome)) return;

        // Only here, on the fallback path, is text built.
        string reason = fault is null ? context.DescribeReadProblem() : Describe(fault);
        Volatile.Write(ref counters._lastDecisionProblem, reason);
        if (AutoHeuristicStatistics.HasDecisionProblemHandlers)
        {
            AutoHeuristicStatistics.Raise(new DecisionProblemEventArgs(counters.Name, outcome, reason, fault));
        }

        if (Interlocked.Exchange(ref _warned, 1) == 0)
        {
            LogFaultReporter.Warn($"decisions of '{counters.Name}' fall back: {reason}. Later cases are not printed; they are counted "
                                  + $"(AutoHeuristicStatistics.For(\"{counters.Name}\")) and raised (AutoHeuristicStatistics.DecisionProblem).");
        }
    }

    /// <summary>The outcome of an exception thrown while a heuristic read the context.</summary>
    public static DecisionOutcome Classify(Exception fault) =>
        fault is System.Collections.Generic.KeyNotFoundException ? DecisionOutcome.MissingFeature : DecisionOutcome.HeuristicFailed;

    /// <summary>Forgets that the once-per-process warning was written (tests).</summary>
    internal static void ResetWarning() => Volatile.Write(ref _warned, 0);

    private static string Describe(Exception fault) =>
        fault is System.Collections.Generic.KeyNotFoundException
            ? fault.Message.TrimEnd('.')
            : "the heuristic threw " + fault.GetType().Name + ": " + fault.Message.TrimEnd('.');
}
