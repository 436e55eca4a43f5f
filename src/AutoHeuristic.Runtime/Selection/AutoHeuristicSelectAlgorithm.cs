using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using AutoHeuristic.Features;
using AutoHeuristic.Hardware;

namespace AutoHeuristic;

/// <summary>
/// Kernel choice with global feedback (PyTorch's <c>AutoHeuristicSelectAlgorithm</c>): in collect
/// mode it subscribes to the autotuner and records the timings of the matching
/// <see cref="Autotuner.AutotuneSelectAlgorithm{TChoice}"/> call (same name, inputs and choices);
/// in use mode it asks the learned heuristic for one choice or a top-k list.
/// </summary>
/// <remarks>
/// Unlike PyTorch's feedback savers, the subscription ends with <see cref="Dispose"/>, and a
/// collection that records nothing is reported through <see cref="Autotuner.FeedbackMismatch"/>
/// and the counters: at once when an autotuning run has the same name and inputs but other
/// choices, and at <see cref="Dispose"/> when no matching run happened at all. A log that cannot
/// be written is a log fault as for <see cref="AutoHeuristicDecision"/>: reported, and thrown out of
/// the autotuning run only with <see cref="AutoHeuristicOptions.StrictLogging"/>.
/// </remarks>
public sealed partial class AutoHeuristicSelectAlgorithm<TChoice> : IDisposable
    where TChoice : class
{
    /// <summary>The choice id PyTorch's wrapped fallback uses for "no choice".</summary>
    public const string UnsureChoice = "unsure";

    private readonly Func<TChoice?> _fallback;
    private readonly IReadOnlyList<TChoice> _choices;
    private readonly string[] _ids;
    private readonly Func<TChoice, string> _choiceId;
    private readonly IReadOnlyList<AutotuneInput> _inputs;
    private readonly AutoHeuristicDecision _decision;
    private readonly Subscriber? _subscriber;
    private int _recordedRuns;
    private int _matchedRuns;
    private int _disposed;

    /// <summary>Creates the selector; collects (subscribes) when collect mode is on for <paramref name="name"/>.</summary>
    /// <param name="fallback">The caller when the heuristic is not used or cannot decide; may return null ("unsure").</param>
    /// <param name="choices">The candidates, in the order the autotuner will be given them.</param>
    /// <param name="choiceId">The stable id of a candidate as logged (PyTorch's <c>autoheuristic_id()</c>).</param>
    /// <param name="inputs">The selection's inputs; the autotuner run must have equal ones.</param>
    /// <param name="context">The features of this selection.</param>
    /// <param name="name">The heuristic name (<c>mm</c>, <c>mixed_mm</c>, …).</param>
    /// <param name="augmentContext">Augmented features the learned heuristic reads.</param>
    /// <param name="precondition">When false, nothing is collected and the fallback is returned.</param>
    /// <param name="options">Modes, log path and hardware; null means <see cref="AutoHeuristicOptions.Current"/>.</param>
    /// <exception cref="ArgumentException">Two candidates have the same id, or an id is null.</exception>
    public AutoHeuristicSelectAlgorithm(
        Func<TChoice?> fallback,
        IReadOnlyList<TChoice> choices,
        Func<TChoice, string> choiceId,
        IReadOnlyList<AutotuneInput> inputs,
        AHContext context,
        string name,
        IReadOnlyList<AHOperation>? augmentContext = null,
        Func<AHMetadata, AHContext, bool>? precondition = null,
        AutoHeuristicOptions? options = null)
    {
        _fallback = fallback ?? throw new ArgumentNullException(nameof(fallback));
        _choices = choices ?? throw new ArgumentNullException(nameof(choices));
        _choiceId = choiceId ?? throw new ArgumentNullException(nameof(choiceId));
        _inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
        _ids = new string[choices.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < choices.Count; i++)
        {
            string id = choiceId(choices[i]) ?? throw new ArgumentException($"The id of choice {i} is null.", nameof(choiceId));
            if (!seen.Add(id)) throw new ArgumentException($"Two choices have the id '{id}'; ids must be unique.", nameof(choices));
            _ids[i] = id;
        }

        _decision = new AutoHeuristicDecision(WrappedFallback, _ids, feedback: null, context, name, augmentContext, precondition, options);
        if (_decision.IsCollecting && _decision.LogPath is not null)
        {
            _subscriber = new Subscriber(this);
            Autotuner.Add(_subscriber);
        }
    }

    /// <summary>The underlying decision point (metadata, mode, collected timings, last outcome).</summary>
    public AutoHeuristicDecision Decision => _decision;

    /// <summary>The choice ids, in the candidates' order.</summary>
    public IReadOnlyList<string> ChoiceIds => _ids;

    /// <summary>Whether this selector listens to the autotuner.</summary>
    public bool IsSubscribed => _subscriber is not null && Volatile.Read(ref _disposed) == 0;

    /// <summary>How many autotuning runs were recorded in the log (a run whose rows hit a log fault is not counted; see <see cref="AutoHeuristicCounters.LogFaults"/>).</summary>
    public int RecordedRuns => Volatile.Read(ref _recordedRuns);

    /// <summary>The learned choice, or the fallback's when unsure / not applicable.</summary>
    public TChoice? GetChoiceCaller()
    {
        int index = _decision.DecideIndex();
        return index >= 0 ? _choices[index] : _fallback();
    }

    /// <summary>
    /// The learned top-k choices plus <paramref name="alwaysIncluded"/> (ids), in the caller's
    /// original order (kernel fusion can depend on it), or null when unsure / not applicable.
    /// </summary>
    public IReadOnlyList<TChoice>? GetTopKChoicesCaller(int topK, IReadOnlyList<string>? alwaysIncluded = null)
    {
        int[]? ranked = _decision.RankIndices(topK, out int count);
        if (ranked is null) return null;
        var keep = new bool[_choices.Count];
        for (int i = 0; i < count; i++) keep[ranked[i]] = true;
        if (alwaysIncluded is not null)
        {
            foreach (string id in alwaysIncluded)
            {
                int index = _decision.IndexOfChoice(id);
                if (index >= 0) keep[index] = true;
            }
        }

        var result = new List<TChoice>();
        for (int i = 0; i < keep.Length; i++)
        {
            if (keep[i]) result.Add(_choices[i]);
        }

        return result;
    }

    /// <summary>Stops listening to the autotuner; reports a mismatch if collection recorded nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || _subscriber is null) return;
        Autotuner.Remove(_subscriber);
        // A run that matched but could not be logged was reported as a log fault already.
        if (Volatile.Read(ref _matchedRuns) == 0)
        {
            string details = _subscriber.SameNameRuns == 0
                ? $"no autotuning run named '{_decision.Name}' happened while the selector was subscribed."
                : $"{_subscriber.SameNameRuns} autotuning run(s) named '{_decision.Name}' happened, none with this selector's inputs {Describe(_inputs)} and its {_ids.Length} choices.";
            Autotuner.ReportMismatch(new FeedbackMismatchEventArgs(_decision.Name, FeedbackMismatchKind.NeverMatched, "Nothing was recorded: " + details));
        }
    }

    private string WrappedFallback()
    {
        TChoice? choice = _fallback();
        return choice is null ? UnsureChoice : _choiceId(choice);
    }

    private void OnTimings(AutotuneTimings run)
    {
        if (!string.Equals(run.Name, _decision.Name, StringComparison.Ordinal) || Volatile.Read(ref _disposed) != 0) return;
        Interlocked.Increment(ref _subscriber!.SameNameRuns);
        if (!SameInputs(run.Inputs)) return; // another selection of the same kind
        string? difference = DescribeChoiceDifference(run.Choices);
        if (difference is not null)
        {
            Autotuner.ReportMismatch(new FeedbackMismatchEventArgs(_decision.Name, FeedbackMismatchKind.ChoicesDiffer,
                "An autotuning run had this selector's name and inputs but other choices, so nothing was recorded: " + difference));
            return;
        }

        var rows = new ChoiceFeedback[_ids.Length];
        for (int i = 0; i < rows.Length; i++) rows[i] = new ChoiceFeedback(_ids[i], run.Timings[i]);
        Interlocked.Increment(ref _matchedRuns);
        if (_decision.Record(rows)) Interlocked.Increment(ref _recordedRuns);
    }

    private bool SameInputs(IReadOnlyList<AutotuneInput> inputs)
    {
        if (inputs.Count != _inputs.Count) return false;
        for (int i = 0; i < inputs.Count; i++)
        {
            if (!Equals(inputs[i], _inputs[i])) return false;
        }

        return true;
    }

    // Null when the run's candidates are ours in our order; otherwise what differs.
    private string? DescribeChoiceDifference(IReadOnlyList<object> theirs)
    {
        int common = Math.Min(theirs.Count, _choices.Count);
        for (int i = 0; i < common; i++)
        {
            if (!Equals(theirs[i], _choices[i]))
            {
                return $"choice {i} is {IdOf(theirs[i])} in the run but {_ids[i]} here.";
            }
        }

        if (theirs.Count == _choices.Count) return null;
        if (theirs.Count > _choices.Count)
        {
            var added = new StringBuilder();
            for (int i = common; i < theirs.Count && i < common + 5; i++) added.Append(i > common ? ", " : string.Empty).Append(IdOf(theirs[i]));
            return $"the run has {theirs.Count - _choices.Count} more choice(s) ({added}{(theirs.Count - common > 5 ? ", …" : string.Empty)}); were choices appended after the selector was created?";
        }

        return $"the run lacks the last {_choices.Count - theirs.Count} of this selector's {_choices.Count} choices (from {_ids[common]}).";
    }

    private string IdOf(object choice) => choice is TChoice typed ? _choiceId(typed) : choice.GetType().Name + " " + choice;

    private static string Describe(IReadOnlyList<AutotuneInput> inputs)
    {
        var sb = new StringBuilder("[");
        for (int i = 0; i < inputs.Count; i++) sb.Append(i > 0 ? ", " : string.Empty).Append(inputs[i]);
        return sb.Append(']').ToString();
    }

    private sealed class Subscriber(AutoHeuristicSelectAlgorithm<TChoice> owner) : IAutotuneSubscriber
    {
        public int SameNameRuns;

        public void OnTimings(AutotuneTimings timings) => owner.OnTimings(timings);
    }
}
