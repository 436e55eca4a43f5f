using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AutoHeuristic.Analyzers.Analysis;
using AutoHeuristic.Analyzers.Diagnostics;
using AutoHeuristic.Analyzers.Logs;
using Microsoft.CodeAnalysis;

namespace AutoHeuristic.Analyzers.Checks;

/// <summary>
/// Rule 3 (AH2120, AH2121): the choices a decision site offers against the choices its logs
/// learned. Only literal choice lists (an array, collection initializer or collection expression
/// of constant strings, directly or through a local assigned once) can be compared; select-
/// algorithm choices are objects whose ids exist only at run time. A near miss (AH2121) is
/// reported at each literal that almost spells a logged choice; the learned choices that are not
/// offered are reported once per site (AH2120), and only those the tree can answer: the choices
/// that are the fastest for some input of the logs (the tree's classes). A logged choice that
/// never wins can never be an answer, so not offering it loses nothing.
/// </summary>
internal static class ChoiceCheck
{
    // Choices named in one AH2120 message before "and N more".
    private const int MaxNamed = 5;

    /// <summary>Checks the decision sites of <paramref name="summary"/>.</summary>
    public static void CheckMethod(ProgramIndex index, MethodSummary summary, Action<Diagnostic> report)
    {
        foreach (HeuristicSite site in summary.Sites)
        {
            if (site.Kind != SiteKind.Decision) continue;
            IReadOnlyList<ChoiceLiteral>? offered = summary.LiteralChoices(site);
            if (offered is null) continue;
            IReadOnlyList<string>? names = index.Names.Of(summary, site);
            if (names is null) continue;
            foreach (string name in names) Check(index, index.LogsNamed(name), name, summary.ChoicesListLocation(site) ?? DiagnosticLocations.Anchor(site), offered, report);
        }
    }

    private static void Check(ProgramIndex index, IReadOnlyList<TrainingLog> logs, string name, Location listLocation, IReadOnlyList<ChoiceLiteral> offered, Action<Diagnostic> report)
    {
        var learned = new SortedSet<string>(StringComparer.Ordinal);
        foreach (TrainingLog log in logs)
        {
            foreach (string choice in log.Choices) learned.Add(choice);
        }

        var offeredValues = new HashSet<string>(StringComparer.Ordinal);
        foreach (ChoiceLiteral literal in offered) offeredValues.Add(literal.Value);

        var missing = new List<string>();
        foreach (string choice in learned)
        {
            if (offeredValues.Contains(choice)) continue;
            ChoiceLiteral? near = null;
            foreach (ChoiceLiteral literal in offered)
            {
                if (!learned.Contains(literal.Value) && NearMiss.FoldChoice(literal.Value) == NearMiss.FoldChoice(choice))
                {
                    near = literal;
                    break;
                }
            }

            if (near is not null)
            {
                ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Replacement, choice);
                report(Diagnostic.Create(DiagnosticDescriptors.ChoiceNearMiss, near.Location, properties, near.Value, choice, name));
            }
            else
            {
                missing.Add(choice);
            }
        }

        if (missing.Count == 0) return;
        // Only now are the rows read: which of the missing choices ever win?
        var winners = new HashSet<string>(StringComparer.Ordinal);
        foreach (TrainingLog log in logs) winners.UnionWith(index.ValuesOf(log).Winners);
        missing.RemoveAll(choice => !winners.Contains(choice));
        if (missing.Count == 0) return;
        string list = Quote(missing);
        bool one = missing.Count == 1;
        report(Diagnostic.Create(DiagnosticDescriptors.LearnedChoiceNotOffered, listLocation,
            name, (one ? "the choice " : "the choices ") + list, one ? "it" : "them", one ? "it" : "them"));
    }

    // 'a', 'b' and 'c' (at most MaxNamed, then "and N more").
    private static string Quote(List<string> choices)
    {
        var quoted = new List<string>();
        for (int i = 0; i < choices.Count && i < MaxNamed; i++) quoted.Add("'" + choices[i] + "'");
        int rest = choices.Count - quoted.Count;
        if (rest > 0) return string.Join(", ", quoted) + " and " + rest.ToString(System.Globalization.CultureInfo.InvariantCulture) + " more";
        if (quoted.Count == 1) return quoted[0];
        return string.Join(", ", quoted.GetRange(0, quoted.Count - 1)) + " and " + quoted[quoted.Count - 1];
    }
}
