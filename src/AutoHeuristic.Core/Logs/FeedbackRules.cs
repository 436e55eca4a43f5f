using System;
using System.Globalization;

namespace AutoHeuristic.Logs;

/// <summary>What one feedback value (milliseconds) means.</summary>
public enum FeedbackKind
{
    /// <summary>A finite, non-negative time: a real measurement.</summary>
    Measured,

    /// <summary><c>inf</c>: the choice ran and failed (PyTorch's convention for a failed benchmark).</summary>
    FailedRun,

    /// <summary>NaN, a negative number or <c>-inf</c>: not a time at all; refused when written and when read.</summary>
    Invalid,
}

/// <summary>
/// The feedback rules, stated once for the log writer (run time) and the log readers (build time,
/// CLI): a time is finite and ≥ 0; <c>inf</c> marks a failed run, as in PyTorch; NaN, negative
/// values and <c>-inf</c> are no measurement and are refused. An input whose every choice failed
/// carries no decision and is left out of training (and counted); a log whose every run failed is an error.
/// </summary>
public static class FeedbackRules
{
    /// <summary>Classifies <paramref name="feedback"/>.</summary>
    public static FeedbackKind Classify(double feedback)
    {
        if (double.IsNaN(feedback) || feedback < 0) return FeedbackKind.Invalid; // -inf < 0 too
        return double.IsPositiveInfinity(feedback) ? FeedbackKind.FailedRun : FeedbackKind.Measured;
    }

    /// <summary>Why <paramref name="feedback"/> is refused, or <see langword="null"/> when it is a time or a failed run.</summary>
    public static string? Problem(double feedback)
    {
        if (double.IsNaN(feedback)) return "NaN is not a time (a failed run is written as inf)";
        if (double.IsNegativeInfinity(feedback)) return "-inf is not a time (a failed run is written as inf)";
        if (feedback < 0) return "a time cannot be negative (" + feedback.ToString("R", CultureInfo.InvariantCulture) + " ms)";
        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="feedback"/> is refused (see <see cref="Problem"/>).</summary>
    public static void EnsureValid(double feedback, string paramName)
    {
        string? problem = Problem(feedback);
        if (problem is not null) throw new ArgumentException("Invalid feedback: " + problem + ".", paramName);
    }
}
