using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AutoHeuristic.Analyzers.Analysis;
using AutoHeuristic.Analyzers.Diagnostics;
using AutoHeuristic.Analyzers.Logs;
using Microsoft.CodeAnalysis;

namespace AutoHeuristic.Analyzers.Checks;

/// <summary>
/// Rule 4 (AH2130–AH2132): heuristic names across logs, <c>[AutoHeuristic]</c> classes and call
/// sites. An <c>[AutoHeuristic("x")]</c> with no log named x is the generator's AH2002 and is not
/// repeated here.
/// </summary>
internal static class NameCheck
{
    /// <summary>AH2132 at the sites and autotune calls of <paramref name="summary"/>.</summary>
    public static void CheckMethod(ProgramIndex index, MethodSummary summary, Action<Diagnostic> report)
    {
        if (index.Logs.Count == 0) return;
        IReadOnlyDictionary<string, string> foldedLogNames = index.FoldedLogNames;
        foreach (HeuristicSite site in summary.Sites) CheckNearMiss(index, summary, site.Name, foldedLogNames, report);
        foreach (AutotuneCall call in summary.AutotuneCalls) CheckNearMiss(index, summary, call.Name, foldedLogNames, report);
    }

    /// <summary>AH2130 (logs no class learns from) and AH2131 (decisions for names no class generates): need every class.</summary>
    public static void CheckCompilation(ProgramIndex index, IReadOnlyList<MethodSummary> summaries, Action<Diagnostic> report)
    {
        var heuristicNames = new HashSet<string>(index.HeuristicNames, StringComparer.Ordinal);
        foreach (TrainingLog log in index.Logs)
        {
            if (log.Metadata is { } metadata && !heuristicNames.Contains(metadata.Name))
            {
                report(Diagnostic.Create(DiagnosticDescriptors.LogWithoutHeuristic, log.FirstLineLocation, log.Path, metadata.Name));
            }
        }

        foreach (MethodSummary summary in summaries)
        {
            foreach (HeuristicSite site in summary.Sites)
            {
                // A generated GetDecision is named by its own class's attribute: that class exists.
                if (!site.AsksForDecision || site.Kind == SiteKind.GeneratedDecision) continue;
                IReadOnlyList<string>? names = index.Names.Of(summary, site);
                if (names is null) continue;
                foreach (string name in names)
                {
                    if (!heuristicNames.Contains(name))
                    {
                        report(Diagnostic.Create(DiagnosticDescriptors.NoGeneratedHeuristic, site.Name.Location ?? DiagnosticLocations.Anchor(site), name));
                    }
                }
            }
        }
    }

    // Only a name written right here (a constant) is reported: that is the literal a fix can rename.
    private static void CheckNearMiss(ProgramIndex index, MethodSummary owner, ArgumentFact name, IReadOnlyDictionary<string, string> foldedLogNames, Action<Diagnostic> report)
    {
        ValueRef value = owner.ResolveConstant(name.Value);
        if (value.Kind != ValueRefKind.Constant || name.Location is null) return;
        string constant = value.Constant!;
        if (index.LogsNamed(constant).Count > 0) return;
        if (!foldedLogNames.TryGetValue(AutoHeuristic.Logs.HeuristicNames.Fold(constant), out string? logName)) return;
        ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Replacement, logName);
        report(Diagnostic.Create(DiagnosticDescriptors.HeuristicNameNearMiss, name.Location, properties, constant, logName));
    }
}
