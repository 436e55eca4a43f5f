using System;
using System.Collections.Generic;
using System.IO;
using AutoHeuristic.Features;
using AutoHeuristic.Hardware;

namespace AutoHeuristic;

/// <summary>
/// One decision point with local feedback (PyTorch's <c>AutoHeuristic</c> class). In collect
/// mode the constructor times every choice with <c>feedback</c> and appends one log row per
/// choice; in use mode <see cref="GetChoice"/> asks the learned heuristic (<see cref="DecisionPolicy"/>)
/// and falls back when it is unsure, its choice is not offered, no heuristic matches this hardware,
/// or the context lacks a feature the tree needs or has a categorical value its logs never had
/// (counted with the reason: <see cref="AutoHeuristicStatistics.DecisionProblem"/>). A false
/// precondition disables both.
/// </summary>
/// <remarks>
/// <para>
/// A log that cannot be written (read-only file system, full disk, no permission, a directory
/// where the file should be, a lock held too long, a log written for other features, a feedback
/// that is no time) does not stop the decision: the fault is counted in
/// <see cref="AutoHeuristicCounters.LogFaults"/>, raised through <see cref="AutoHeuristicStatistics.LogFault"/>
/// and warned about once per process on standard error; <see cref="AutoHeuristicOptions.StrictLogging"/>
/// makes it throw instead.
/// </para>
/// <para>
/// A decision object may be reused for many decisions on the same (updated) context; after the
/// first call <see cref="GetChoice"/> allocates nothing. Not thread-safe, like <see cref="AHContext"/>.
/// </para>
/// </remarks>
public sealed class AutoHeuristicDecision
{
    // Characters that cannot be in a file name on any platform, so a name always gives a usable default log path.
    private static readonly char[] InvalidNameChars = { '/', '\\', ':', '*', '?', '"', '<', '>', '|', '\0' };

    private readonly Func<string> _fallback;
    private readonly OfferedChoices _offered;
    private readonly IReadOnlyList<AHOperation>? _augmentContext;
    private readonly Func<AHMetadata, AHContext, bool>? _precondition;
    private readonly AutoHeuristicCounters _counters;
    private readonly HardwareInfo _hardware;
    private readonly object _recordGate = new();
    private Dictionary<string, double>? _collectedFeedback;
    private TrainingLogWriter? _writer;
    private ILearnedHeuristic[] _heuristics = Array.Empty<ILearnedHeuristic>();
    private int _registryVersion = -1;

    /// <summary>Creates the decision point and, in collect mode, times and logs every choice.</summary>
    /// <param name="fallback">The choice when the heuristic is not used or cannot decide (e.g. <c>"autotune"</c>).</param>
    /// <param name="choices">The choices offered now.</param>
    /// <param name="feedback">Times one choice in milliseconds (collect mode); null collects nothing here.</param>
    /// <param name="context">The features of this decision.</param>
    /// <param name="name">The heuristic name (<c>pad_mm</c>, …): selects the mode, the log and the learned heuristic.</param>
    /// <param name="augmentContext">Augmented features the learned heuristic reads (never logged).</param>
    /// <param name="precondition">When false, nothing is collected and the fallback is always returned.</param>
    /// <param name="options">Modes, log path and hardware; null means <see cref="AutoHeuristicOptions.Current"/>.</param>
    public AutoHeuristicDecision(
        Func<string> fallback,
        IReadOnlyList<string> choices,
        Func<string, double>? feedback,
        AHContext context,
        string name,
        IReadOnlyList<AHOperation>? augmentContext = null,
        Func<AHMetadata, AHContext, bool>? precondition = null,
        AutoHeuristicOptions? options = null)
    {
        _fallback = fallback ?? throw new ArgumentNullException(nameof(fallback));
        if (choices is null) throw new ArgumentNullException(nameof(choices));
        Context = context ?? throw new ArgumentNullException(nameof(context));
        ValidateName(name);
        Name = name;
        _offered = new OfferedChoices(choices);
        _augmentContext = augmentContext;
        _precondition = precondition;
        Options = options ?? AutoHeuristicOptions.Current;
        Mode = Options.GetMode(name);
        _counters = AutoHeuristicStatistics.For(name);
        _hardware = Options.ResolveHardwareInfoProvider().GetHardwareInfo()
            ?? throw new InvalidOperationException("The hardware provider returned no hardware information.");
        Metadata = new AHMetadata(_hardware.SharedMemory, _hardware.Capability, choices, name);

        // PyTorch returns here when the precondition fails: no log path, no collection. The
        // path is resolved only when collecting, which keeps use-only decisions cheap.
        if (!IsCollecting || !SatisfiesPrecondition()) return;
        LogPath = Options.GetLogPath(name, _hardware);
        if (feedback is not null) CollectLocalFeedback(feedback);
    }

    /// <summary>The heuristic name.</summary>
    public string Name { get; }

    /// <summary>The choices offered.</summary>
    public IReadOnlyList<string> Choices => _offered.List;

    /// <summary>The features of this decision.</summary>
    public AHContext Context { get; }

    /// <summary>Hardware, name and choices, as the learned heuristics see them.</summary>
    public AHMetadata Metadata { get; }

    /// <summary>The options in effect.</summary>
    public AutoHeuristicOptions Options { get; }

    /// <summary>The mode for <see cref="Name"/> at construction.</summary>
    public AutoHeuristicMode Mode { get; }

    /// <summary>Whether rows are collected.</summary>
    public bool IsCollecting => (Mode & AutoHeuristicMode.Collect) != 0;

    /// <summary>Whether the learned heuristic is asked.</summary>
    public bool IsUsing => (Mode & AutoHeuristicMode.Use) != 0;

    /// <summary>The training log this decision appends to; null when not collecting or the precondition was false at construction.</summary>
    public string? LogPath { get; }

    /// <summary>How the last <see cref="GetChoice"/> or <see cref="GetTopKChoices"/> call ended.</summary>
    public DecisionOutcome LastOutcome { get; private set; } = DecisionOutcome.NotUsed;

    /// <summary>The timings collected in the constructor (or recorded from the autotuner), by choice.</summary>
    public IReadOnlyDictionary<string, double> CollectedFeedback =>
        _collectedFeedback ?? (IReadOnlyDictionary<string, double>)new Dictionary<string, double>();

    /// <summary>Whether there is no precondition or it holds now.</summary>
    public bool SatisfiesPrecondition() => _precondition is null || _precondition(Metadata, Context);

    /// <summary>
    /// The learned choice in use mode; otherwise, or when the heuristic is unsure, its choice is
    /// not offered, no heuristic matches or the precondition is false: <c>fallback()</c>.
    /// </summary>
    public string GetChoice()
    {
        int index = DecideIndex();
        return index >= 0 ? _offered.List[index] : _fallback();
    }

    /// <summary>
    /// The learned ranking in use mode: the heuristic's choices that are offered, best first,
    /// at most <paramref name="topK"/>, then each of <paramref name="alwaysIncluded"/> not yet
    /// listed. Null when not in use mode, unsure, no heuristic matches or the precondition is false.
    /// </summary>
    public IReadOnlyList<string>? GetTopKChoices(int topK, IReadOnlyList<string>? alwaysIncluded = null)
    {
        int[]? ranked = RankIndices(topK, out int count);
        if (ranked is null) return null;
        var result = new List<string>(count + (alwaysIncluded?.Count ?? 0));
        for (int i = 0; i < count; i++) result.Add(_offered.List[ranked[i]]);
        if (alwaysIncluded is not null)
        {
            foreach (string choice in alwaysIncluded)
            {
                if (!result.Contains(choice)) result.Add(choice);
            }
        }

        return result;
    }

    /// <summary>The time collected for <paramref name="choice"/> in milliseconds, or null when none was.</summary>
    public double? GetCollectedFeedback(string choice) =>
        _collectedFeedback is not null && _collectedFeedback.TryGetValue(choice, out double value) ? value : null;

    // The offered index of the learned choice, or -1 for the fallback; counts the outcome.
    internal int DecideIndex()
    {
        if (!ReadyToAsk()) return -1;
        DecisionOutcome outcome = DecisionPolicy.Decide(Heuristics(), Metadata, Context, _offered, out int index, out Exception? fault);
        Finish(outcome, fault);
        return outcome == DecisionOutcome.Decided ? index : -1;
    }

    // Offered indices in the heuristic's order (count valid entries), or null; counts the outcome.
    internal int[]? RankIndices(int topK, out int count)
    {
        count = 0;
        if (topK < 0) throw new ArgumentOutOfRangeException(nameof(topK), topK, "top-k must not be negative.");
        if (!ReadyToAsk()) return null;
        DecisionOutcome outcome = DecisionPolicy.Rank(Heuristics(), Metadata, Context, _offered, topK, out int[]? ranked, out count, out Exception? fault);
        Finish(outcome, fault);
        return ranked;
    }

    // The offered position of a choice, or -1 (hashed for long choice lists).
    internal int IndexOfChoice(string choice) => _offered.IndexOf(choice);

    // PyTorch's save_data for a batch: remember the timings and append the rows. A log fault is
    // reported (counter, event, one warning per process) and, unless strict logging is on and
    // `mayThrow`, swallowed: a log that cannot be written must not stop the host. Returns false
    // when the rows did not reach the log.
    internal bool Record(IReadOnlyList<ChoiceFeedback> rows, bool mayThrow = true)
    {
        if (rows.Count == 0 || LogPath is null) return true;
        // Autotuner runs may publish from several threads at once.
        lock (_recordGate)
        {
            _collectedFeedback ??= new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (ChoiceFeedback row in rows) _collectedFeedback[row.Choice] = row.Feedback;
            try
            {
                _writer ??= CreateWriter(LogPath);
                _writer.AppendRows(Context, rows);
            }
            catch (Exception e) when (LogFaultReporter.IsLogFault(e))
            {
                bool rethrow = mayThrow && Options.StrictLogging;
                LogFaultReporter.ReportFailure(Name, LogPath, e, swallowed: !rethrow);
                if (rethrow) throw;
                return false;
            }
        }

        System.Threading.Interlocked.Add(ref _counters._rowsCollected, rows.Count);
        return true;
    }

    private TrainingLogWriter CreateWriter(string path)
    {
        TrainingLogWriter writer = TrainingLogWriter.ForContext(path, Name, _hardware.Key, Context);
        writer.LockTimeout = Options.LogLockTimeout;
        return writer;
    }

    private void CollectLocalFeedback(Func<string, double> feedback)
    {
        foreach (string choice in _offered.List) Formatting.PythonFormat.EnsureCsvSafe(choice, "Choice", "choices");
        var rows = new List<ChoiceFeedback>(_offered.List.Count);
        try
        {
            foreach (string choice in _offered.List) rows.Add(new ChoiceFeedback(choice, feedback(choice)));
        }
        catch
        {
            // Timings measured before a failing one are still worth keeping; the caller's
            // exception is the one that surfaces, not a log fault.
            Record(rows, mayThrow: false);
            throw;
        }

        Record(rows);
    }

    private ILearnedHeuristic[] Heuristics()
    {
        int version = LearnedHeuristicRegistry.Version;
        if (version != _registryVersion)
        {
            _heuristics = LearnedHeuristicRegistry.Lookup(Name);
            _registryVersion = version;
        }

        return _heuristics;
    }

    // Whether the learned heuristic may be asked now; when not, the outcome is counted. Makes the
    // augmented features available to the heuristic.
    private bool ReadyToAsk()
    {
        if (!SatisfiesPrecondition())
        {
            Finish(DecisionOutcome.PreconditionFalse);
            return false;
        }

        if (!IsUsing)
        {
            Finish(DecisionOutcome.NotUsed);
            return false;
        }

        if (_augmentContext is not null) Context.ApplyOperations(_augmentContext);
        return true;
    }

    private void Finish(DecisionOutcome outcome, Exception? fault = null)
    {
        LastOutcome = outcome;
        DecisionProblemReporter.Count(_counters, outcome, Metadata, Context, fault);
    }

    private static void ValidateName(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A heuristic name is required.", nameof(name));
        if (name.IndexOfAny(InvalidNameChars) >= 0 || char.IsWhiteSpace(name[0]) || char.IsWhiteSpace(name[name.Length - 1]))
        {
            throw new ArgumentException($"The heuristic name '{name}' must be usable as a file name (it names the default log).", nameof(name));
        }
    }
}
