using System.Collections.Generic;

namespace AutoHeuristic.Learning.Evaluation;

/// <summary>How a heuristic's answer for one input compares with the measurements.</summary>
public enum DecisionOutcome
{
    /// <summary>It decided the fastest measured choice.</summary>
    Correct,
    /// <summary>It decided another measured choice.</summary>
    Wrong,
    /// <summary>It did not decide (unsafe leaf, choice not measured for this input, or confidence at or below the threshold): the caller falls back.</summary>
    Unsure,
}

/// <summary>
/// What a decision (or ranking) model answered for one input and what that cost, exactly as the
/// evaluator counts it: the decision, its probability and leaf, the best measured choice, every
/// choice's median time, the default and the regret.
/// </summary>
public sealed class InputDecision
{
    internal InputDecision(IReadOnlyList<string> featureValues, string? decision, double probability, int leafId, DecisionOutcome outcome, string best, IReadOnlyList<double> times, string? defaultChoice, double decisionTime, double bestTime, double defaultTime)
    {
        FeatureValues = featureValues;
        Decision = decision;
        Probability = probability;
        LeafId = leafId;
        Outcome = outcome;
        Best = best;
        Times = times;
        DefaultChoice = defaultChoice;
        DecisionTime = decisionTime;
        BestTime = bestTime;
        DefaultTime = defaultTime;
    }

    /// <summary>The input's logged feature values as Python <c>str()</c> writes them, in <see cref="DecisionListing.FeatureNames"/> order.</summary>
    public IReadOnlyList<string> FeatureValues { get; }

    /// <summary>The decided choice, or null when unsure.</summary>
    public string? Decision { get; }

    /// <summary>The leaf's probability of its best choice (NaN for a leaf without choices).</summary>
    public double Probability { get; }

    /// <summary>The leaf the input reaches (the model's leaf id, as in pictures and generated code).</summary>
    public int LeafId { get; }

    /// <summary>Correct, wrong or unsure.</summary>
    public DecisionOutcome Outcome { get; }

    /// <summary>The fastest measured choice.</summary>
    public string Best { get; }

    /// <summary>Median time in milliseconds per choice, in <see cref="DecisionListing.Choices"/> order; NaN when not measured.</summary>
    public IReadOnlyList<double> Times { get; }

    /// <summary>The input's default choice (the caller's fallback), or null when the heuristic has none.</summary>
    public string? DefaultChoice { get; }

    /// <summary>The decided choice's time (NaN when unsure).</summary>
    public double DecisionTime { get; }

    /// <summary>The fastest measured time.</summary>
    public double BestTime { get; }

    /// <summary>The default's time (NaN when there is no default or it was not measured).</summary>
    public double DefaultTime { get; }

    /// <summary>The decision's time over the best time (1.0 when correct); NaN when unsure.</summary>
    public double Regret => Decision is null ? double.NaN : DecisionTime / BestTime;

    /// <summary>
    /// What the caller would run: the decision's time, or when unsure the default's (the best's when
    /// there is no measured default: the caller benchmarks). The evaluator's oracle metrics use the same.
    /// </summary>
    public double RealizedTime => Decision is not null ? DecisionTime : !double.IsNaN(DefaultTime) ? DefaultTime : BestTime;
}

/// <summary>Per-input decisions of one model on one set.</summary>
public sealed class DecisionListing
{
    internal DecisionListing(string setName, IReadOnlyList<string> featureNames, IReadOnlyList<string> choices, IReadOnlyList<InputDecision> inputs)
    {
        SetName = setName;
        FeatureNames = featureNames;
        Choices = choices;
        Inputs = inputs;
    }

    /// <summary>The set's name.</summary>
    public string SetName { get; }

    /// <summary>The logged feature names, in the log's column order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The measured choices, in <see cref="InputDecision.Times"/> order.</summary>
    public IReadOnlyList<string> Choices { get; }

    /// <summary>One entry per input, in the set's order.</summary>
    public IReadOnlyList<InputDecision> Inputs { get; }
}
