using System;
using System.Collections.Generic;
using AutoHeuristic.Hardware;

namespace AutoHeuristic;

/// <summary>
/// Asks the registered learned heuristics for a decision (PyTorch's
/// <c>LearnedHeuristicController</c>): the first heuristic registered under the metadata's name
/// whose precondition holds decides, even when it is unsure (no fall-through, as in PyTorch).
/// Every call is counted in <see cref="AutoHeuristicStatistics"/>. The rules are
/// <see cref="DecisionPolicy"/>'s.
/// </summary>
public static class LearnedHeuristicController
{
    /// <summary>
    /// The decision for <paramref name="context"/>, restricted to <see cref="AHMetadata.Choices"/>
    /// (<see cref="DecisionPolicy"/> over the heuristics registered under <c>metadata.Name</c>).
    /// Allocation-free. <paramref name="choice"/> is set only for <see cref="DecisionOutcome.Decided"/>.
    /// </summary>
    public static DecisionOutcome TryGetDecision(AHMetadata metadata, AHContext context, out string? choice)
    {
        if (metadata is null) throw new ArgumentNullException(nameof(metadata));
        return DecisionPolicy.TryGetDecision(LearnedHeuristicRegistry.Lookup(metadata.Name), metadata, context, out choice);
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
        return DecisionPolicy.GetDecisionsRanked(LearnedHeuristicRegistry.Lookup(metadata.Name), metadata, context, topK);
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
