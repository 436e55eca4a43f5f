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
/// algorithm choices are objects whose ids exist only at run time.
/// </summary>
internal static class ChoiceCheck
{
    /// <summary>Checks the decision sites of <paramref name="summary"/>.</summary>
    public static void CheckMethod(ProgramIndex index, MethodSummary summary, Action<Diagnostic> report)
    {
        foreach (HeuristicSite site in summary.Sites)
        {
            if (site.Kind != SiteKind.Decision) continue;
            IReadOnlyList<ChoiceLiteral>? offered = summary.LiteralChoices(site);
            if (offered is null) continue;
            IReadOnlyList<string>? names = index.NamesOf(summary, site);
            if (names is null) continue;
            foreach (string name in names) Check(index.LogsNamed(name), name, summary.ChoicesListLocation(site) ?? ProgramIndex.Anchor(site), offered, report);
        }
    }

    private static void Check(IReadOnlyList<TrainingLog> logs, string name, Location listLocation, IReadOnlyList<ChoiceLiteral> offered, Action<Diagnostic> report)
    {
        var learned = new SortedSet<string>(StringComparer.Ordinal);
        foreach (TrainingLog log in logs)
        {
            foreach (string choice in log.Choices) learned.Add(choice);
        }

        var offeredValues = new HashSet<string>(StringComparer.Ordinal);
        foreach (ChoiceLiteral literal in offered) offeredValues.Add(literal.Value);

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
                report(Diagnostic.Create(DiagnosticDescriptors.LearnedChoiceNotOffered, listLocation, name, choice));
            }
        }
    }
}
