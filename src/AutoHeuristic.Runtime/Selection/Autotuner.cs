using System;
using System.Collections.Generic;

namespace AutoHeuristic;

/// <summary>The timings of one autotuning run, as published to subscribers.</summary>
public sealed class AutotuneTimings : EventArgs
{
    internal AutotuneTimings(string name, IReadOnlyList<object> choices, IReadOnlyList<AutotuneInput> inputs, IReadOnlyList<double> timings)
    {
        Name = name;
        Choices = choices;
        Inputs = inputs;
        Timings = timings;
    }

    /// <summary>The selection's name (<c>mm</c>, <c>mixed_mm</c>, …).</summary>
    public string Name { get; }

    /// <summary>The candidates, in the order they were timed.</summary>
    public IReadOnlyList<object> Choices { get; }

    /// <summary>The inputs of the selection.</summary>
    public IReadOnlyList<AutotuneInput> Inputs { get; }

    /// <summary>Milliseconds per candidate (same order as <see cref="Choices"/>; <c>inf</c> for a failed one).</summary>
    public IReadOnlyList<double> Timings { get; }
}

/// <summary>Why a selector's subscription recorded nothing from an autotuner run.</summary>
public enum FeedbackMismatchKind
{
    /// <summary>An autotuning run had the selector's name and inputs but other choices (PyTorch drops these silently).</summary>
    ChoicesDiffer,
    /// <summary>The subscription ended without any autotuning run with the same name, inputs and choices.</summary>
    NeverMatched,
}

/// <summary>Describes a collection that recorded nothing.</summary>
public sealed class FeedbackMismatchEventArgs : EventArgs
{
    internal FeedbackMismatchEventArgs(string name, FeedbackMismatchKind kind, string details)
    {
        Name = name;
        Kind = kind;
        Details = details;
    }

    /// <summary>The heuristic name.</summary>
    public string Name { get; }

    /// <summary>What went wrong.</summary>
    public FeedbackMismatchKind Kind { get; }

    /// <summary>A human-readable explanation (which choices differ, what was seen).</summary>
    public string Details { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Kind}: {Details}";
}

internal interface IAutotuneSubscriber
{
    void OnTimings(AutotuneTimings timings);
}

/// <summary>The autotuner side: times candidates and publishes the timings to subscribers.</summary>
public static partial class Autotuner
{
    private static readonly object Gate = new();
    private static IAutotuneSubscriber[] _subscribers = Array.Empty<IAutotuneSubscriber>();
    private static long _mismatchCount;

    /// <summary>Raised when a selector's collection records nothing (see <see cref="FeedbackMismatchKind"/>).</summary>
    public static event EventHandler<FeedbackMismatchEventArgs>? FeedbackMismatch;

    /// <summary>How many mismatches were reported in this process.</summary>
    public static long FeedbackMismatchCount => System.Threading.Interlocked.Read(ref _mismatchCount);

    /// <summary>
    /// Times every choice with <paramref name="benchmark"/> (milliseconds), publishes the timings
    /// to matching <see cref="AutoHeuristicSelectAlgorithm{TChoice}"/> subscribers and returns the fastest.
    /// </summary>
    /// <exception cref="InvalidOperationException">No choice has a finite time.</exception>
    public static TChoice AutotuneSelectAlgorithm<TChoice>(
        string name,
        IReadOnlyList<TChoice> choices,
        IReadOnlyList<AutotuneInput> inputs,
        Func<TChoice, double> benchmark)
        where TChoice : class
    {
        if (name is null) throw new ArgumentNullException(nameof(name));
        if (choices is null) throw new ArgumentNullException(nameof(choices));
        if (inputs is null) throw new ArgumentNullException(nameof(inputs));
        if (benchmark is null) throw new ArgumentNullException(nameof(benchmark));
        var timings = new double[choices.Count];
        int best = -1;
        for (int i = 0; i < choices.Count; i++)
        {
            timings[i] = benchmark(choices[i]);
            if (!double.IsNaN(timings[i]) && !double.IsInfinity(timings[i]) && (best < 0 || timings[i] < timings[best])) best = i;
        }

        PublishTimings(name, choices, inputs, timings);
        if (best < 0) throw new InvalidOperationException($"Autotuning '{name}': none of the {choices.Count} choices could be timed (all times infinite or NaN).");
        return choices[best];
    }

    /// <summary>Publishes the timings of an autotuning run done elsewhere (an external autotuner) to the subscribers.</summary>
    public static void PublishTimings<TChoice>(string name, IReadOnlyList<TChoice> choices, IReadOnlyList<AutotuneInput> inputs, IReadOnlyList<double> timings)
        where TChoice : class
    {
        if (name is null) throw new ArgumentNullException(nameof(name));
        if (choices is null) throw new ArgumentNullException(nameof(choices));
        if (inputs is null) throw new ArgumentNullException(nameof(inputs));
        if (timings is null) throw new ArgumentNullException(nameof(timings));
        if (timings.Count != choices.Count)
        {
            throw new ArgumentException($"Autotuning '{name}': {timings.Count} timings for {choices.Count} choices.", nameof(timings));
        }

        IAutotuneSubscriber[] subscribers = System.Threading.Volatile.Read(ref _subscribers);
        if (subscribers.Length == 0) return;
        var args = new AutotuneTimings(name, choices, inputs, timings);
        foreach (IAutotuneSubscriber subscriber in subscribers) subscriber.OnTimings(args);
    }

    /// <summary>Calls <paramref name="onTimings"/> for every autotuning run until the returned subscription is disposed.</summary>
    public static IDisposable Subscribe(Action<AutotuneTimings> onTimings)
    {
        if (onTimings is null) throw new ArgumentNullException(nameof(onTimings));
        var subscriber = new DelegateSubscriber(onTimings);
        Add(subscriber);
        return new Subscription(subscriber);
    }

    /// <summary>The number of live subscriptions.</summary>
    public static int SubscriberCount => System.Threading.Volatile.Read(ref _subscribers).Length;

    internal static void Add(IAutotuneSubscriber subscriber)
    {
        lock (Gate)
        {
            var next = new IAutotuneSubscriber[_subscribers.Length + 1];
            _subscribers.CopyTo(next, 0);
            next[_subscribers.Length] = subscriber;
            System.Threading.Volatile.Write(ref _subscribers, next);
        }
    }

    internal static void Remove(IAutotuneSubscriber subscriber)
    {
        lock (Gate)
        {
            int index = Array.IndexOf(_subscribers, subscriber);
            if (index < 0) return;
            var next = new IAutotuneSubscriber[_subscribers.Length - 1];
            Array.Copy(_subscribers, 0, next, 0, index);
            Array.Copy(_subscribers, index + 1, next, index, _subscribers.Length - index - 1);
            System.Threading.Volatile.Write(ref _subscribers, next);
        }
    }

    internal static void ReportMismatch(FeedbackMismatchEventArgs args)
    {
        System.Threading.Interlocked.Increment(ref _mismatchCount);
        System.Threading.Interlocked.Increment(ref AutoHeuristicStatistics.For(args.Name)._feedbackMismatches);
        FeedbackMismatch?.Invoke(null, args);
    }

    private sealed class DelegateSubscriber(Action<AutotuneTimings> onTimings) : IAutotuneSubscriber
    {
        public void OnTimings(AutotuneTimings timings) => onTimings(timings);
    }

    private sealed class Subscription(IAutotuneSubscriber subscriber) : IDisposable
    {
        public void Dispose() => Remove(subscriber);
    }
}
