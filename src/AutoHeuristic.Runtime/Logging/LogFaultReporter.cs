using System;
using System.IO;
using System.Threading;

namespace AutoHeuristic;

/// <summary>
/// Reports log faults: counts them per heuristic name (<see cref="AutoHeuristicCounters.LogFaults"/>),
/// raises <see cref="AutoHeuristicStatistics.LogFault"/>, and writes one warning per process to
/// standard error the first time a fault is swallowed (collect mode without strict logging), so a
/// host that collects without looking at the statistics still learns that its log is not written.
/// </summary>
internal static class LogFaultReporter
{
    private static int _warned;

    /// <summary>Where warnings go; standard error unless a test redirects it.</summary>
    internal static Func<TextWriter> WarningOutput { get; set; } = () => Console.Error;

    /// <summary>A failed append of <paramref name="name"/>'s log; <paramref name="swallowed"/> when the caller goes on without throwing.</summary>
    public static void ReportFailure(string name, string path, Exception fault, bool swallowed)
    {
        LogFaultKind kind = Classify(fault);
        string message = fault.Message;
        AutoHeuristicCounters counters = AutoHeuristicStatistics.For(name);
        Interlocked.Increment(ref counters._logFaults);
        Volatile.Write(ref counters._lastLogFault, message);
        AutoHeuristicStatistics.Raise(new LogFaultEventArgs(name, path, kind, message, fault));
        if (swallowed && Interlocked.Exchange(ref _warned, 1) == 0)
        {
            Warn($"collect mode: {message} Decisions go on without logging. Later faults are not printed; they are counted "
                 + $"(AutoHeuristicStatistics.For(\"{name}\").LogFaults) and raised (AutoHeuristicStatistics.LogFault). "
                 + $"Set {AutoHeuristicOptions.LogStrictVariable}=1 to make them throw.");
        }
    }

    /// <summary>A torn last line that a writer of <paramref name="name"/>'s log removed before appending.</summary>
    public static void ReportTornTail(string name, string path, long bytes, string fragment)
    {
        Interlocked.Increment(ref AutoHeuristicStatistics.For(name)._tornTailsTrimmed);
        string message = $"Removed the incomplete last line of the training log '{path}' ({bytes} bytes: '{fragment}'); "
                         + "a writer died or the disk filled up mid-row. Complete rows are kept.";
        AutoHeuristicStatistics.Raise(new LogFaultEventArgs(name, path, LogFaultKind.TornTailTrimmed, message, null));
    }

    /// <summary>Writes a warning line to <see cref="WarningOutput"/>.</summary>
    public static void Warn(string text)
    {
        try
        {
            WarningOutput().WriteLine("AutoHeuristic warning: " + text);
        }
        catch (IOException)
        {
            // A closed standard error must not turn a warning into a crash.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Forgets that the once-per-process warning was written (tests).</summary>
    internal static void ResetWarning() => Volatile.Write(ref _warned, 0);

    /// <summary>The fault kind of an exception thrown while appending rows.</summary>
    public static LogFaultKind Classify(Exception fault) => fault switch
    {
        TrainingLogException log => log.Kind,
        InconsistentMetadataException => LogFaultKind.InconsistentMetadata,
        ArgumentException => LogFaultKind.RowRefused,
        _ => LogFaultKind.Other,
    };

    /// <summary>Whether <paramref name="fault"/> is a failure of the log rather than a bug: what collect mode may swallow.</summary>
    public static bool IsLogFault(Exception fault) =>
        fault is IOException or UnauthorizedAccessException or InconsistentMetadataException or ArgumentException or NotSupportedException;
}
