using System;
using System.Collections.Generic;
using AutoHeuristic.Hardware;

namespace AutoHeuristic;

/// <summary>
/// Asks the registered learned heuristics for a decision (PyTorch's
/// <c>LearnedHeuristicController</c>): the first heuristic registered under the metadata's name
/// whose precondition holds decides, even when it is unsure (no fall-through, as in PyTorch).
/// Every call is counted in <see cref="AutoHeuristicStatistics"/>.
/// </summary>
public static class LearnedHeuristicController
{
    /// <summary>
    /// The decision for <paramref name="context"/>, restricted to <see cref="AHMetadata.Choices"/>.
    /// Allocation-free. <paramref name="choice"/> is set only for <see cref="DecisionOutcome.Decided"/>.
    /// </summary>
    public static DecisionOutcome TryGetDecision(AHMetadata metadata, AHContext context, out string? choice)
    {
        if (metadata is null) throw new ArgumentNullException(nameof(metadata));
        if (context is null) throw new ArgumentNullException(nameof(context));
        DecisionOutcome outcome = Decide(LearnedHeuristicRegistry.Lookup(metadata.Name), metadata, context, null, out int offered);
        choice = outcome == DecisionOutcome.Decided ? metadata.Choices[offered] : null;
        AutoHeuristicStatistics.For(metadata.Name).Count(outcome, metadata);
        return outcome;
    }

    /// <summary>The decided choice, or null when unsure, not offered or no heuristic matches.</summary>
    public static string? GetDecision(AHMetadata metadata, AHContext context) =>
        TryGetDecision(metadata, context, out string? choice) == DecisionOutcome.Decided ? choice : null;

    /// <summary>
    /// The first heuristic's ranking, filtered to <see cref="AHMetadata.Choices"/> and truncated to
    /// <paramref name="topK"/>, in the heuristic's order; null when unsure or nothing matches.
    /// </summary>
    public static IReadOnlyList<string>? GetDecisionsRanked(AHMetadata metadata, AHContext context, int topK)
    {
        if (metadata is null) throw new ArgumentNullException(nameof(metadata));
        if (context is null) throw new ArgumentNullException(nameof(context));
        var offered = new OfferedChoices(metadata.Choices);
        DecisionOutcome outcome = Rank(LearnedHeuristicRegistry.Lookup(metadata.Name), metadata, context, offered, topK, out int[]? ranked, out int count);
        AutoHeuristicStatistics.For(metadata.Name).Count(outcome, metadata);
        if (ranked is null) return null;
        var names = new string[count];
        for (int i = 0; i < count; i++) names[i] = metadata.Choices[ranked[i]];
        return names;
    }

    /// <summary>The heuristic that would decide: the first registered for the name whose precondition holds, or null.</summary>
    public static ILearnedHeuristic? FindHeuristic(AHMetadata metadata, AHContext context)
    {
        if (metadata is null) throw new ArgumentNullException(nameof(metadata));
        foreach (ILearnedHeuristic h in LearnedHeuristicRegistry.Lookup(metadata.Name))
        {
            if (h.CheckPrecondition(metadata, context)) return h;
        }

        return null;
    }

    // The decision core shared with AutoHeuristicDecision. `offered` (optional) caches the mapping
    // from a heuristic's choice table to the offered choices; without it a linear search is used.
    internal static DecisionOutcome Decide(
        ILearnedHeuristic[] heuristics, AHMetadata metadata, AHContext context, OfferedChoices? offered, out int offeredIndex)
    {
        offeredIndex = -1;
        for (int i = 0; i < heuristics.Length; i++)
        {
            ILearnedHeuristic h = heuristics[i];
            if (!h.CheckPrecondition(metadata, context)) continue;
            if (h is ILearnedRegressionHeuristic regression) return DecideRegression(regression, metadata.Choices, context, out offeredIndex);

            ChoiceProbability[]? best = h.GetBestChoices(context);
            if (best is null || best.Length == 0) return DecisionOutcome.Unsure;
            ChoiceProbability top = best[0];
            // PyTorch: the top probability must be greater than the threshold.
            if (!(top.Probability > h.ConfidenceThreshold)) return DecisionOutcome.Unsure;
            offeredIndex = offered is not null
                ? offered.MapHeuristicChoice(h, top.ChoiceIndex)
                : LinearIndex(metadata.Choices, h.Choices, top.ChoiceIndex);
            return offeredIndex >= 0 ? DecisionOutcome.Decided : DecisionOutcome.NotOffered;
        }

        return DecisionOutcome.NoMatch;
    }

    // Ranked: every leaf choice that is offered, in the leaf's probability order, at most topK.
    internal static DecisionOutcome Rank(
        ILearnedHeuristic[] heuristics, AHMetadata metadata, AHContext context, OfferedChoices offered, int topK,
        out int[]? ranked, out int count)
    {
        if (topK < 0) throw new ArgumentOutOfRangeException(nameof(topK), topK, "top-k must not be negative.");
        ranked = null;
        count = 0;
        for (int i = 0; i < heuristics.Length; i++)
        {
            ILearnedHeuristic h = heuristics[i];
            if (!h.CheckPrecondition(metadata, context)) continue;
            if (h is ILearnedRegressionHeuristic) return DecisionOutcome.Unsure; // PyTorch's regression heuristics do not rank
            ChoiceProbability[]? best = h.GetBestChoices(context);
            if (best is null) return DecisionOutcome.Unsure;
            ranked = new int[Math.Min(topK, best.Length)];
            for (int j = 0; j < best.Length && count < ranked.Length; j++)
            {
                int index = offered.MapHeuristicChoice(h, best[j].ChoiceIndex);
                if (index >= 0 && Array.IndexOf(ranked, index, 0, count) < 0) ranked[count++] = index;
            }

            return DecisionOutcome.Decided;
        }

        return DecisionOutcome.NoMatch;
    }

    private static DecisionOutcome DecideRegression(ILearnedRegressionHeuristic h, IReadOnlyList<string> choices, AHContext context, out int offeredIndex)
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
}

/// <summary>
/// The choices offered to one decision object, with a cached map from the deciding heuristic's
/// choice table to offered positions, so repeated decisions compare no strings and allocate nothing.
/// </summary>
internal sealed class OfferedChoices
{
    private readonly Dictionary<string, int>? _index; // only for long lists; short ones are scanned
    // One reference, so a decision object shared between threads never sees a torn pair.
    private Mapping? _mapping;

    private sealed class Mapping(ILearnedHeuristic heuristic, int[] map)
    {
        public ILearnedHeuristic Heuristic { get; } = heuristic;
        public int[] Map { get; } = map;
    }

    public OfferedChoices(IReadOnlyList<string> choices)
    {
        List = choices;
        for (int i = 0; i < choices.Count; i++)
        {
            if (choices[i] is null) throw new ArgumentException($"Choice {i} is null.", nameof(choices));
        }

        if (choices.Count > 8)
        {
            _index = new Dictionary<string, int>(choices.Count, StringComparer.Ordinal);
            for (int i = 0; i < choices.Count; i++)
            {
                if (!_index.ContainsKey(choices[i])) _index.Add(choices[i], i); // the first of duplicates wins, as list membership would
            }
        }
    }

    public IReadOnlyList<string> List { get; }

    public int IndexOf(string choice)
    {
        if (choice is null) return -1;
        if (_index is not null) return _index.TryGetValue(choice, out int i) ? i : -1;
        for (int i = 0; i < List.Count; i++)
        {
            if (string.Equals(List[i], choice, StringComparison.Ordinal)) return i;
        }

        return -1;
    }

    public int MapHeuristicChoice(ILearnedHeuristic heuristic, int choiceIndex)
    {
        Mapping? mapping = _mapping;
        if (mapping is null || !ReferenceEquals(mapping.Heuristic, heuristic)) _mapping = mapping = BuildMap(heuristic);
        int[] map = mapping.Map;
        return (uint)choiceIndex < (uint)map.Length ? map[choiceIndex] : -1;
    }

    private Mapping BuildMap(ILearnedHeuristic heuristic)
    {
        IReadOnlyList<string> table = heuristic.Choices;
        var map = new int[table.Count];
        for (int i = 0; i < map.Length; i++) map[i] = IndexOf(table[i]);
        return new Mapping(heuristic, map);
    }
}
