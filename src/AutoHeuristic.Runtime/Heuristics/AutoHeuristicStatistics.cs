using System.Collections.Generic;

namespace AutoHeuristic;

/// <summary>What the controller concluded for one decision.</summary>
public enum DecisionOutcome
{
    /// <summary>A learned heuristic decided for an offered choice.</summary>
    Decided,
    /// <summary>The heuristic was unsure: unsafe leaf, probability or score ratio not above the threshold, or no leaf choices.</summary>
    Unsure,
    /// <summary>No heuristic registered for the name has a precondition that holds (usually: trained on other hardware).</summary>
    NoMatch,
    /// <summary>The heuristic's decision is not among the choices offered now.</summary>
    NotOffered,
    /// <summary>The caller's precondition is false: the heuristic was not asked.</summary>
    PreconditionFalse,
    /// <summary>Use mode is off for the name: the heuristic was not asked.</summary>
    NotUsed,
    /// <summary>The tree needs a feature the context lacks (neither added nor augmented): unsure instead of an exception.</summary>
    MissingFeature,
    /// <summary>A categorical feature has a value the tree's training logs never had (say <c>float16</c> for <c>torch.float16</c>): unsure.</summary>
    UnseenCategory,
    /// <summary>The heuristic threw (an augmented feature's operation, or a hand-written tree): unsure instead of an exception.</summary>
    HeuristicFailed,
}

/// <summary>The counters of one heuristic name (PyTorch cannot tell whether a heuristic was used).</summary>
public sealed class AutoHeuristicCounters
{
    internal long _decided, _unsure, _noMatch, _notOffered, _preconditionFalse, _rowsCollected, _feedbackMismatches, _logFaults, _tornTailsTrimmed;
    internal long _missingFeature, _unseenCategory, _heuristicFailed;
    internal string? _lastLogFault;
    internal string? _lastDecisionProblem;

    internal AutoHeuristicCounters(string name) => Name = name;

    /// <summary>The heuristic name.</summary>
    public string Name { get; }

    /// <summary>Decisions made by a learned heuristic.</summary>
    public long Decided => System.Threading.Interlocked.Read(ref _decided);

    /// <summary>Decisions where the heuristic was unsure (fallback used).</summary>
    public long Unsure => System.Threading.Interlocked.Read(ref _unsure);

    /// <summary>Decisions where no registered heuristic matched this hardware (fallback used).</summary>
    public long NoMatch => System.Threading.Interlocked.Read(ref _noMatch);

    /// <summary>Decisions whose learned choice was not offered (fallback used).</summary>
    public long NotOffered => System.Threading.Interlocked.Read(ref _notOffered);

    /// <summary>Decisions that fell back because the tree needs a feature the context lacks (see <see cref="LastDecisionProblem"/>).</summary>
    public long MissingFeature => System.Threading.Interlocked.Read(ref _missingFeature);

    /// <summary>Decisions that fell back because a categorical value was never in the training logs (see <see cref="LastDecisionProblem"/>).</summary>
    public long UnseenCategory => System.Threading.Interlocked.Read(ref _unseenCategory);

    /// <summary>Decisions that fell back because the heuristic threw (see <see cref="LastDecisionProblem"/>).</summary>
    public long HeuristicFailed => System.Threading.Interlocked.Read(ref _heuristicFailed);

    /// <summary>Why the latest decision counted in <see cref="MissingFeature"/>, <see cref="UnseenCategory"/> or <see cref="HeuristicFailed"/> fell back; null when none did.</summary>
    public string? LastDecisionProblem => System.Threading.Volatile.Read(ref _lastDecisionProblem);

    /// <summary>Decisions and collections skipped because the caller's precondition was false.</summary>
    public long PreconditionFalse => System.Threading.Interlocked.Read(ref _preconditionFalse);

    /// <summary>Rows appended to training logs.</summary>
    public long RowsCollected => System.Threading.Interlocked.Read(ref _rowsCollected);

    /// <summary>Autotuner publications or subscriptions that did not match, so nothing was recorded (see <see cref="Autotuner.FeedbackMismatch"/>).</summary>
    public long FeedbackMismatches => System.Threading.Interlocked.Read(ref _feedbackMismatches);

    /// <summary>Appends to the training log that failed (I/O error, lock timeout, inconsistent metadata, refused row); their rows are not in the log.</summary>
    public long LogFaults => System.Threading.Interlocked.Read(ref _logFaults);

    /// <summary>The message of the latest log fault, or null when there was none.</summary>
    public string? LastLogFault => System.Threading.Volatile.Read(ref _lastLogFault);

    /// <summary>Incomplete last lines (left by a writer that died or ran out of disk mid-row) removed from the log before an append.</summary>
    public long TornTailsTrimmed => System.Threading.Interlocked.Read(ref _tornTailsTrimmed);

    internal void Count(DecisionOutcome outcome, AutoHeuristic.Hardware.AHMetadata metadata)
    {
        switch (outcome)
        {
            case DecisionOutcome.Decided: System.Threading.Interlocked.Increment(ref _decided); break;
            case DecisionOutcome.Unsure: System.Threading.Interlocked.Increment(ref _unsure); break;
            case DecisionOutcome.NoMatch:
                System.Threading.Interlocked.Increment(ref _noMatch);
                NoMatchWarning.Report(metadata);
                break;
            case DecisionOutcome.NotOffered: System.Threading.Interlocked.Increment(ref _notOffered); break;
            case DecisionOutcome.PreconditionFalse: System.Threading.Interlocked.Increment(ref _preconditionFalse); break;
            case DecisionOutcome.MissingFeature: System.Threading.Interlocked.Increment(ref _missingFeature); break;
            case DecisionOutcome.UnseenCategory: System.Threading.Interlocked.Increment(ref _unseenCategory); break;
            case DecisionOutcome.HeuristicFailed: System.Threading.Interlocked.Increment(ref _heuristicFailed); break;
        }
    }

    /// <summary>Sets every counter to zero.</summary>
    public void Reset()
    {
        _decided = _unsure = _noMatch = _notOffered = _preconditionFalse = _rowsCollected = _feedbackMismatches = _logFaults = _tornTailsTrimmed = 0;
        _missingFeature = _unseenCategory = _heuristicFailed = 0;
        _lastLogFault = null;
        _lastDecisionProblem = null;
        System.Threading.Thread.MemoryBarrier();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name}: decided {Decided}, unsure {Unsure}, no match {NoMatch}, not offered {NotOffered}, precondition false {PreconditionFalse}, missing feature {MissingFeature}, unseen category {UnseenCategory}, heuristic failed {HeuristicFailed}, rows {RowsCollected}, feedback mismatches {FeedbackMismatches}, log faults {LogFaults}, torn tails trimmed {TornTailsTrimmed}";
}

/// <summary>Per-name counters of decisions, collections, feedback mismatches and log faults for this process.</summary>
public static class AutoHeuristicStatistics
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, AutoHeuristicCounters> ByName = new(System.StringComparer.Ordinal);

    /// <summary>
    /// Raised for every fault of a training log: an append that failed (in collect mode the decision
    /// goes on without logging unless <see cref="AutoHeuristicOptions.StrictLogging"/> is set), and an
    /// incomplete last line removed before an append (<see cref="LogFaultKind.TornTailTrimmed"/>).
    /// Handlers run on the thread that wrote.
    /// </summary>
    public static event System.EventHandler<LogFaultEventArgs>? LogFault;

    internal static void Raise(LogFaultEventArgs args) => LogFault?.Invoke(null, args);

    /// <summary>
    /// Raised once when <see cref="DetectedHardwareInfoProvider"/> (the default hardware provider)
    /// has looked for the GPU: what it found, or <c>cpu</c> and why (no driver library, no device,
    /// a driver error, an invalid <c>AUTOHEURISTIC_HARDWARE</c>). Handlers run on the thread that
    /// created the first decision object. <see cref="DetectedHardwareInfoProvider.Detection"/>
    /// gives the same answer at any time.
    /// </summary>
    public static event System.EventHandler<HardwareDetectedEventArgs>? HardwareDetected;

    internal static void RaiseHardwareDetected(HardwareDetectedEventArgs args) => HardwareDetected?.Invoke(null, args);

    /// <summary>
    /// Raised for every decision that fell back because of a mistake rather than the tree's own
    /// doubt: a feature the tree needs is missing, a categorical value was never in the training
    /// logs, or the heuristic threw (<see cref="DecisionOutcome.MissingFeature"/>,
    /// <see cref="DecisionOutcome.UnseenCategory"/>, <see cref="DecisionOutcome.HeuristicFailed"/>).
    /// The decision answers unsure (null, or the fallback) instead of throwing. Handlers run on the deciding thread.
    /// </summary>
    public static event System.EventHandler<DecisionProblemEventArgs>? DecisionProblem;

    internal static bool HasDecisionProblemHandlers => DecisionProblem is not null;

    internal static void Raise(DecisionProblemEventArgs args) => DecisionProblem?.Invoke(null, args);

    // The counters of the latest name asked for by a decision: repeated decisions of one heuristic
    // skip the dictionary's hashing (names are usually the same literal).
    private static AutoHeuristicCounters? _lastDecisionCounters;

    /// <summary><see cref="For"/> with a one-entry cache for the decision path.</summary>
    internal static AutoHeuristicCounters ForDecision(string name)
    {
        AutoHeuristicCounters? last = System.Threading.Volatile.Read(ref _lastDecisionCounters);
        if (last is not null && (ReferenceEquals(last.Name, name) || string.Equals(last.Name, name, System.StringComparison.Ordinal))) return last;
        last = For(name);
        System.Threading.Volatile.Write(ref _lastDecisionCounters, last);
        return last;
    }

    /// <summary>The counters of <paramref name="name"/> (created on first use).</summary>
    public static AutoHeuristicCounters For(string name) =>
        ByName.GetOrAdd(name ?? throw new System.ArgumentNullException(nameof(name)), n => new AutoHeuristicCounters(n));

    /// <summary>The counters of every name seen so far, sorted by name.</summary>
    public static IReadOnlyList<AutoHeuristicCounters> All
    {
        get
        {
            var all = new List<AutoHeuristicCounters>(ByName.Values);
            all.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return all;
        }
    }
}
