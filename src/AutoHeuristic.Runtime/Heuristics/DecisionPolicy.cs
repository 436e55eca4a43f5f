using System;
using System.Collections.Generic;
using AutoHeuristic.Hardware;

namespace AutoHeuristic;

/// <summary>
/// The one decision policy of the run time. <see cref="LearnedHeuristicController"/>,
/// <see cref="AutoHeuristicDecision"/>, the <c>GetDecision</c>/<c>GetDecisionsRanked</c> members of
/// generated classes and the CLI's use mode all decide through it:
/// <list type="bullet">
/// <item>Hardware: the first heuristic whose precondition holds decides, even when unsure (no fall-through, as in PyTorch); none: <see cref="DecisionOutcome.NoMatch"/>.</item>
/// <item>Decision trees: the leaf's top probability must be greater than the threshold (a NaN is not); otherwise, or for an unsafe leaf (null), unsure.</item>
/// <item>Regression heuristics (PyTorch's <c>LearnedHeuristicRegression</c>): every offered choice is scored; the best decides when best / second best is greater than the threshold and at least two choices are offered.</item>
/// <item>Offered choices: a learned choice that is not offered now is <see cref="DecisionOutcome.NotOffered"/>; a ranking keeps the offered choices in the leaf's order, each once, at most top-k.</item>
/// <item>Mistakes: a feature the tree needs that the context lacks, a categorical value its logs never had, or a heuristic that throws gives unsure with the reason counted (<see cref="AutoHeuristicStatistics.DecisionProblem"/>), never an exception.</item>
/// </list>
/// Each call counts its outcome in <see cref="AutoHeuristicStatistics"/> under <c>metadata.Name</c>.
/// A decision allocates nothing; a ranking allocates its result.
/// </summary>
public static class DecisionPolicy
{
    /// <summary>The learned choice, or null when unsure, not offered, or no heuristic applies to this hardware.</summary>
    /// <param name="heuristics">The heuristics in dispatch order (a generated class passes its trees).</param>
    /// <param name="metadata">Hardware, name and offered choices.</param>
    /// <param name="context">The features of the decision.</param>
    public static string? GetDecision(IReadOnlyList<ILearnedHeuristic> heuristics, AHMetadata metadata, AHContext context) =>
        TryGetDecision(heuristics, metadata, context, out string? choice) == DecisionOutcome.Decided ? choice : null;

    /// <summary>
    /// The decision and how it ended; <paramref name="choice"/> is set only for
    /// <see cref="DecisionOutcome.Decided"/> (one of <c>metadata.Choices</c>).
    /// </summary>
    public static DecisionOutcome TryGetDecision(IReadOnlyList<ILearnedHeuristic> heuristics, AHMetadata metadata, AHContext context, out string? choice)
    {
        if (heuristics is null) throw new ArgumentNullException(nameof(heuristics));
        if (metadata is null) throw new ArgumentNullException(nameof(metadata));
        if (context is null) throw new ArgumentNullException(nameof(context));
        DecisionOutcome outcome = Decide(AsArray(heuristics), metadata, context, null, out int offered, out Exception? fault);
        choice = outcome == DecisionOutcome.Decided ? metadata.Choices[offered] : null;
        DecisionProblemReporter.Count(AutoHeuristicStatistics.ForDecision(metadata.Name), outcome, metadata, context, fault);
        return outcome;
    }

    /// <summary>
    /// The learned ranking: the deciding tree's leaf choices that are offered, best first, each
    /// once, at most <paramref name="topK"/>; null when unsure (unsafe leaf, a regression
    /// heuristic, a mistake) or no heuristic applies to this hardware.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="topK"/> is negative.</exception>
    public static IReadOnlyList<string>? GetDecisionsRanked(IReadOnlyList<ILearnedHeuristic> heuristics, AHMetadata metadata, AHContext context, int topK)
    {
        if (heuristics is null) throw new ArgumentNullException(nameof(heuristics));
        if (metadata is null) throw new ArgumentNullException(nameof(metadata));
        if (context is null) throw new ArgumentNullException(nameof(context));
        if (topK < 0) throw new ArgumentOutOfRangeException(nameof(topK), topK, "top-k must not be negative.");
        var offered = new OfferedChoices(metadata.Choices);
        DecisionOutcome outcome = Rank(AsArray(heuristics), metadata, context, offered, topK, out int[]? ranked, out int count, out Exception? fault);
        DecisionProblemReporter.Count(AutoHeuristicStatistics.ForDecision(metadata.Name), outcome, metadata, context, fault);
        if (ranked is null) return null;
        var names = new string[count];
        for (int i = 0; i < count; i++) names[i] = metadata.Choices[ranked[i]];
        return names;
    }

    /// <summary>
    /// The decision core: the first heuristic whose precondition holds decides. <paramref name="offered"/>
    /// (optional) caches the map from its choice table to the offered choices. A fault is returned,
    /// not thrown; the caller counts the outcome.
    /// </summary>
    internal static DecisionOutcome Decide(
        ILearnedHeuristic[] heuristics, AHMetadata metadata, AHContext context, OfferedChoices? offered, out int offeredIndex, out Exception? fault)
    {
        offeredIndex = -1;
        fault = null;
        try
        {
            for (int i = 0; i < heuristics.Length; i++)
            {
                ILearnedHeuristic h = heuristics[i];
                if (!h.CheckPrecondition(metadata, context)) continue;
                context.ClearReadProblem();
                DecisionOutcome outcome = h is ILearnedRegressionHeuristic regression
                    ? DecideByScores(regression, metadata.Choices, context, out offeredIndex)
                    : DecideByLeaf(h, metadata, context, offered, out offeredIndex);
                if (!context.HasReadProblem) return outcome;
                offeredIndex = -1; // the walk went on with a stand-in value: its answer means nothing
                return context.ReadProblem;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            offeredIndex = -1;
            fault = e;
            return DecisionProblemReporter.Classify(e);
        }

        return DecisionOutcome.NoMatch;
    }

    /// <summary>
    /// The ranking core: every leaf choice that is offered, in the leaf's probability order, at
    /// most <paramref name="topK"/> (thresholds do not apply, as in PyTorch). <paramref name="ranked"/>
    /// holds <paramref name="count"/> offered indices, or is null.
    /// </summary>
    internal static DecisionOutcome Rank(
        ILearnedHeuristic[] heuristics, AHMetadata metadata, AHContext context, OfferedChoices offered, int topK,
        out int[]? ranked, out int count, out Exception? fault)
    {
        if (topK < 0) throw new ArgumentOutOfRangeException(nameof(topK), topK, "top-k must not be negative.");
        ranked = null;
        count = 0;
        fault = null;
        try
        {
            for (int i = 0; i < heuristics.Length; i++)
            {
                ILearnedHeuristic h = heuristics[i];
                if (!h.CheckPrecondition(metadata, context)) continue;
                if (h is ILearnedRegressionHeuristic) return DecisionOutcome.Unsure; // PyTorch's regression heuristics do not rank
                context.ClearReadProblem();
                ChoiceProbability[]? best = h.GetBestChoices(context);
                if (context.HasReadProblem) return context.ReadProblem;
                if (best is null) return DecisionOutcome.Unsure;
                var result = new int[Math.Min(topK, best.Length)];
                int n = 0;
                for (int j = 0; j < best.Length && n < result.Length; j++)
                {
                    int index = offered.MapHeuristicChoice(h, best[j].ChoiceIndex);
                    if (index >= 0 && Array.IndexOf(result, index, 0, n) < 0) result[n++] = index;
                }

                ranked = result;
                count = n;
                return DecisionOutcome.Decided;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ranked = null;
            count = 0;
            fault = e;
            return DecisionProblemReporter.Classify(e);
        }

        return DecisionOutcome.NoMatch;
    }

    // A decision tree: the leaf's top choice when its probability is above the threshold and it is offered.
    private static DecisionOutcome DecideByLeaf(ILearnedHeuristic h, AHMetadata metadata, AHContext context, OfferedChoices? offered, out int offeredIndex)
    {
        offeredIndex = -1;
        ChoiceProbability[]? best = h.GetBestChoices(context);
        if (best is null || best.Length == 0) return DecisionOutcome.Unsure;
        ChoiceProbability top = best[0];
        // PyTorch: the top probability must be greater than the threshold (so a NaN never is).
        if (!(top.Probability > h.ConfidenceThreshold)) return DecisionOutcome.Unsure;
        offeredIndex = offered is not null
            ? offered.MapHeuristicChoice(h, top.ChoiceIndex)
            : LinearIndex(metadata.Choices, h.Choices, top.ChoiceIndex);
        return offeredIndex >= 0 ? DecisionOutcome.Decided : DecisionOutcome.NotOffered;
    }

    // PyTorch's LearnedHeuristicRegression: score every offered choice; decide when best / second best > threshold.
    private static DecisionOutcome DecideByScores(ILearnedRegressionHeuristic h, IReadOnlyList<string> choices, AHContext context, out int offeredIndex)
    {
        offeredIndex = -1;
        if (choices.Count < 2) return DecisionOutcome.Unsure;
        // PyTorch sorts the scores ascending (stable) and compares the last two; ">=" keeps the
        // later of equal scores on top, as the stable sort does.
        int bestIndex = -1;
        double best = double.NegativeInfinity, second = double.NegativeInfinity;
        for (int i = 0; i < choices.Count; i++)
        {
            double score = h.PredictFeedback(context, choices[i]);
            if (bestIndex < 0 || score >= best)
            {
                if (bestIndex >= 0) second = best;
                best = score;
                bestIndex = i;
            }
            else if (score >= second)
            {
                second = score;
            }
        }

        if (!(best / second > h.ConfidenceThreshold)) return DecisionOutcome.Unsure;
        offeredIndex = bestIndex;
        return DecisionOutcome.Decided;
    }

    private static int LinearIndex(IReadOnlyList<string> offered, IReadOnlyList<string> heuristicChoices, int choiceIndex)
    {
        if ((uint)choiceIndex >= (uint)heuristicChoices.Count) return -1;
        string name = heuristicChoices[choiceIndex];
        for (int i = 0; i < offered.Count; i++)
        {
            if (string.Equals(offered[i], name, StringComparison.Ordinal)) return i;
        }

        return -1;
    }

    // Generated classes pass their array; any other list is copied once per call.
    private static ILearnedHeuristic[] AsArray(IReadOnlyList<ILearnedHeuristic> heuristics)
    {
        if (heuristics is ILearnedHeuristic[] array) return array;
        var copy = new ILearnedHeuristic[heuristics.Count];
        for (int i = 0; i < copy.Length; i++) copy[i] = heuristics[i];
        return copy;
    }
}
