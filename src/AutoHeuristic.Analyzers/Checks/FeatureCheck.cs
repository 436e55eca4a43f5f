using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AutoHeuristic.Analyzers.Analysis;
using AutoHeuristic.Analyzers.Diagnostics;
using AutoHeuristic.Analyzers.Logs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoHeuristic.Analyzers.Checks;

/// <summary>
/// Rule 2 (AH2110–AH2115): the features a context gets against the features of the logs of the
/// heuristic name it is passed with. A context is tied to a name by a site: the <c>context</c>
/// and <c>name</c> arguments of one <c>new AutoHeuristicDecision</c> or
/// <c>new AutoHeuristicSelectAlgorithm</c>, or the context passed to a generated
/// <c>GetDecision</c>/<c>GetDecisionsRanked</c> (named by its class's attribute). Its features are
/// the AddFeature calls on that context (see <see cref="FeatureCollector.Collect"/> for how
/// helpers and callers are followed).
/// </summary>
internal static class FeatureCheck
{
    /// <summary>
    /// AH2110 and AH2114, located at the sites of <paramref name="summary"/>, and AH2115 at the
    /// AddFeature calls in the site's own body (reported here, so live in the IDE and fixable).
    /// </summary>
    public static void CheckSites(ProgramIndex index, MethodSummary summary, Action<Diagnostic> report)
    {
        foreach (HeuristicSite site in summary.Sites)
        {
            IReadOnlyList<string>? names = index.Names.Of(summary, site);
            if (names is null)
            {
                report(Diagnostic.Create(DiagnosticDescriptors.NonConstantHeuristicName, site.Name.Location ?? DiagnosticLocations.Anchor(site), site.Name.Value.Display));
                continue;
            }

            FeatureSet? features = null;
            foreach (string name in names)
            {
                IReadOnlyList<TrainingLog> logs = index.LogsNamed(name);
                if (logs.Count == 0) continue; // no logs yet (the generator reports [AutoHeuristic] names without logs)
                features ??= index.Features.Of(summary, site);
                Dictionary<string, bool> logFeatures = LogFeatures(logs, out List<string> order);
                foreach (FeatureAdd add in features.Adds)
                {
                    if (add.Name is not null && InSiteBody(add, site) && logFeatures.TryGetValue(add.Name, out bool logCategorical) && logCategorical
                        && add.IsCategorical is not false)
                    {
                        CheckCategory(index, logs, name, add, report);
                    }
                }

                if (features.Incomplete) break;
                foreach (string feature in order)
                {
                    if (features.MayAdd(feature)) continue;
                    bool categorical = logFeatures[feature];
                    ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty
                        .Add(DiagnosticProperties.FeatureName, feature)
                        .Add(DiagnosticProperties.IsCategorical, categorical ? "true" : "false")
                        .Add(DiagnosticProperties.ContextExpression, site.Context.Operation?.Syntax.ToString());
                    report(Diagnostic.Create(DiagnosticDescriptors.MissingFeature, site.Context.Location ?? DiagnosticLocations.Anchor(site), properties,
                        name, categorical ? "categorical" : "numerical", feature));
                }
            }
        }
    }

    /// <summary>AH2111–AH2113 and AH2115, located at AddFeature calls (often in helpers): run once for the whole compilation.</summary>
    public static void CheckAdds(ProgramIndex index, IReadOnlyList<MethodSummary> summaries, Action<Diagnostic> report)
    {
        foreach (MethodSummary summary in summaries)
        {
            foreach (HeuristicSite site in summary.Sites)
            {
                FeatureSet features = index.Features.Of(summary, site);
                ReportDuplicates(features, report);
                IReadOnlyList<string>? names = index.Names.Of(summary, site);
                if (names is null) continue;
                foreach (string name in names)
                {
                    IReadOnlyList<TrainingLog> logs = index.LogsNamed(name);
                    if (logs.Count == 0) continue;
                    Dictionary<string, bool> logFeatures = LogFeatures(logs, out _);
                    foreach (FeatureAdd add in features.Adds)
                    {
                        if (add.Name is null) continue;
                        if (logFeatures.TryGetValue(add.Name, out bool logCategorical))
                        {
                            if (add.IsCategorical is bool codeCategorical && codeCategorical != logCategorical)
                            {
                                report(Diagnostic.Create(DiagnosticDescriptors.FeatureKindMismatch, add.Location,
                                    add.Name, Kind(codeCategorical), name, Kind(logCategorical)));
                            }
                            else if (logCategorical && !InSiteBody(add, site))
                            {
                                CheckCategory(index, logs, name, add, report); // those in the site's body are CheckSites' (local)
                            }
                        }
                        else if (site.Kind != SiteKind.GeneratedDecision)
                        {
                            // A use-only decision ignores an extra feature; collecting with it is what goes wrong.
                            report(Diagnostic.Create(DiagnosticDescriptors.FeatureNotInLogs, add.Location, add.Name, name));
                        }
                    }
                }
            }
        }
    }

    private static string Kind(bool categorical) => categorical ? "categorical" : "numerical";

    // Whether an AddFeature call is in the same member body as the site.
    private static bool InSiteBody(FeatureAdd add, HeuristicSite site) =>
        add.Operation.Syntax.SyntaxTree == site.Creation.Syntax.SyntaxTree
        && MethodSummaries.EnclosingBody(add.Operation.Syntax) == MethodSummaries.EnclosingBody(site.Creation.Syntax);

    // AH2115: a constant value of a categorical feature that no log of the name has.
    private static void CheckCategory(ProgramIndex index, IReadOnlyList<TrainingLog> logs, string name, FeatureAdd add, Action<Diagnostic> report)
    {
        if (ConstantValue(add, out Location? location) is not string value) return;
        var known = new SortedSet<string>(StringComparer.Ordinal);
        foreach (TrainingLog log in logs)
        {
            if (index.ValuesOf(log).Categories.TryGetValue(add.Name!, out HashSet<string>? values)) known.UnionWith(values);
        }

        if (known.Count == 0 || known.Contains(value)) return; // no rows to compare with, or a logged value
        string? suggestion = NearMiss.SuggestValue(value, known);
        ImmutableDictionary<string, string?> properties = suggestion is null
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Replacement, suggestion);
        report(Diagnostic.Create(DiagnosticDescriptors.CategoryNotInLogs, location, properties,
            name, value, add.Name, suggestion is null ? "" : "; did you mean '" + suggestion + "'?"));
    }

    // The Python str() text of a constant AddFeature value (string, bool, integer or enum member), or null.
    private static string? ConstantValue(FeatureAdd add, out Location? location)
    {
        location = null;
        if (add.Operation is not IInvocationOperation invocation) return null;
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name != "value") continue;
            IOperation value = argument.Value;
            while (value is IConversionOperation conversion) value = conversion.Operand;
            location = value.Syntax.GetLocation();
            if (value is IFieldReferenceOperation { Field: { ContainingType.TypeKind: TypeKind.Enum, HasConstantValue: true } field }) return field.Name;
            if (!value.ConstantValue.HasValue) return null;
            return value.ConstantValue.Value switch
            {
                string s => s,
                bool b => b ? "True" : "False",
                int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => null,
            };
        }

        return null;
    }

    // The union of the logs' features (a name's logs from several GPUs normally agree), in header order.
    private static Dictionary<string, bool> LogFeatures(IReadOnlyList<TrainingLog> logs, out List<string> order)
    {
        var features = new Dictionary<string, bool>(StringComparer.Ordinal);
        order = new List<string>();
        foreach (TrainingLog log in logs)
        {
            var metadata = log.Metadata!;
            IEnumerable<string> names = log.HeaderFeatures.Count > 0 ? log.HeaderFeatures : Concat(metadata.NumericalFeatures, metadata.CategoricalFeatures);
            foreach (string feature in names)
            {
                if (features.ContainsKey(feature)) continue;
                features.Add(feature, metadata.IsCategorical(feature));
                order.Add(feature);
            }
        }

        return features;
    }

    private static IEnumerable<string> Concat(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        foreach (string s in a) yield return s;
        foreach (string s in b) yield return s;
    }

    // Same constant name twice on one context, unless the two calls sit in different branches of
    // one if/switch (only one of them runs).
    private static void ReportDuplicates(FeatureSet features, Action<Diagnostic> report)
    {
        var seen = new Dictionary<string, List<FeatureAdd>>(StringComparer.Ordinal);
        var ordered = new List<FeatureAdd>(features.Adds);
        ordered.Sort(CompareBySource);
        foreach (FeatureAdd add in ordered)
        {
            if (add.Name is null) continue;
            if (!seen.TryGetValue(add.Name, out List<FeatureAdd>? earlier))
            {
                seen[add.Name] = new List<FeatureAdd> { add };
                continue;
            }

            foreach (FeatureAdd first in earlier)
            {
                if (!AreExclusive(first.Operation, add.Operation))
                {
                    report(Diagnostic.Create(DiagnosticDescriptors.DuplicateFeature, add.Location, add.Name, DiagnosticLocations.Line(first.Location)));
                    break;
                }
            }

            earlier.Add(add);
        }
    }

    private static int CompareBySource(FeatureAdd a, FeatureAdd b)
    {
        int byFile = string.CompareOrdinal(a.Location.SourceTree?.FilePath, b.Location.SourceTree?.FilePath);
        return byFile != 0 ? byFile : a.Location.SourceSpan.Start.CompareTo(b.Location.SourceSpan.Start);
    }

    private static bool AreExclusive(IOperation a, IOperation b)
    {
        if (a.Syntax.SyntaxTree != b.Syntax.SyntaxTree) return false;
        var ancestorsOfA = new Dictionary<IOperation, IOperation>();
        IOperation child = a;
        for (IOperation? p = a.Parent; p is not null; child = p, p = p.Parent) ancestorsOfA[p] = child;
        child = b;
        for (IOperation? p = b.Parent; p is not null; child = p, p = p.Parent)
        {
            if (!ancestorsOfA.TryGetValue(p, out IOperation? childOfA)) continue;
            // p is the nearest common ancestor; childOfA / child are the branches each call is in.
            return p switch
            {
                IConditionalOperation conditional => !ReferenceEquals(childOfA, child) && !ReferenceEquals(childOfA, conditional.Condition) && !ReferenceEquals(child, conditional.Condition),
                ISwitchOperation => !ReferenceEquals(childOfA, child),
                ISwitchExpressionOperation => !ReferenceEquals(childOfA, child),
                _ => false,
            };
        }

        return false;
    }
}
