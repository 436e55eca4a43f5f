using System;
using System.Collections.Generic;
using AutoHeuristic.Analyzers.Logs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoHeuristic.Analyzers.Analysis;

/// <summary>
/// The whole compilation as the checks see it at its end: every method summary, who calls whom,
/// the training logs by heuristic name and the names of the <c>[AutoHeuristic]</c> classes.
/// </summary>
internal sealed class ProgramIndex
{
    private const int MaxDepth = 4;

    private readonly Dictionary<IMethodSymbol, MethodSummary> _byMethod = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, List<(MethodSummary Caller, MethodCall Call)>> _callers = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<string, List<TrainingLog>> _logsByName = new(StringComparer.Ordinal);

    public ProgramIndex(KnownSymbols known, IReadOnlyList<MethodSummary> summaries, IReadOnlyList<TrainingLog> logs, ISet<string> heuristicNames)
    {
        Known = known;
        Summaries = summaries;
        Logs = logs;
        HeuristicNames = heuristicNames;
        foreach (MethodSummary summary in summaries)
        {
            _byMethod[summary.Method.OriginalDefinition] = summary;
            foreach (MethodCall call in summary.Calls)
            {
                if (!_callers.TryGetValue(call.Target, out var list)) _callers[call.Target] = list = new();
                list.Add((summary, call));
            }
        }

        foreach (TrainingLog log in logs)
        {
            if (log.Metadata is null) continue;
            if (!_logsByName.TryGetValue(log.Metadata.Name, out var list)) _logsByName[log.Metadata.Name] = list = new();
            list.Add(log);
        }
    }

    public KnownSymbols Known { get; }

    /// <summary>Summaries in a stable order (file, then position), so diagnostics come out deterministically.</summary>
    public IReadOnlyList<MethodSummary> Summaries { get; }

    public IReadOnlyList<TrainingLog> Logs { get; }

    /// <summary>The names of the <c>[AutoHeuristic("…")]</c> classes in this compilation.</summary>
    public ISet<string> HeuristicNames { get; }

    public IEnumerable<string> LogNames => _logsByName.Keys;

    public IReadOnlyList<TrainingLog> LogsNamed(string name) =>
        _logsByName.TryGetValue(name, out var list) ? list : Array.Empty<TrainingLog>();

    public MethodSummary? SummaryOf(IMethodSymbol method) =>
        _byMethod.TryGetValue(method.OriginalDefinition, out MethodSummary? summary) ? summary : null;

    public IReadOnlyList<(MethodSummary Caller, MethodCall Call)> CallersOf(IMethodSymbol method) =>
        _callers.TryGetValue(method.OriginalDefinition, out var list) ? list : Array.Empty<(MethodSummary, MethodCall)>();

    /// <summary>
    /// The constant heuristic names <paramref name="name"/> can have: a constant, a local assigned
    /// one constant, or a parameter every caller passes such a name to. Null when any path is unknown.
    /// </summary>
    public IReadOnlyList<string>? ResolveNames(MethodSummary owner, ValueRef name) => ResolveNames(owner, name, 0);

    private IReadOnlyList<string>? ResolveNames(MethodSummary owner, ValueRef name, int depth)
    {
        name = owner.ResolveConstant(name);
        if (name.Kind == ValueRefKind.Constant) return new[] { name.Constant! };
        if (name.Kind != ValueRefKind.Parameter || depth >= MaxDepth || name.Symbol is not IParameterSymbol parameter
            || !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, owner.Method))
        {
            return null;
        }

        var callers = CallersOf(owner.Method);
        if (callers.Count == 0) return null;
        var names = new List<string>();
        foreach (var (caller, call) in callers)
        {
            IReadOnlyList<string>? resolved;
            if (call.Arguments.TryGetValue(parameter.Ordinal, out ArgumentFact argument)) resolved = ResolveNames(caller, argument.Value, depth + 1);
            else resolved = parameter.HasExplicitDefaultValue && parameter.ExplicitDefaultValue is string d ? new[] { d } : null;
            if (resolved is null) return null;
            foreach (string n in resolved)
            {
                if (!names.Contains(n)) names.Add(n);
            }
        }

        return names;
    }

    /// <summary>
    /// Every AddFeature that can reach the context <paramref name="context"/> of
    /// <paramref name="owner"/>: calls on it here, in helpers it is passed to, in the helper that
    /// created and returned it, and in callers that passed it in.
    /// </summary>
    public FeatureSet CollectFeatures(MethodSummary owner, ValueRef context)
    {
        var set = new FeatureSet();
        Collect(owner, context, set, new HashSet<(IMethodSymbol, ValueRef)>(), 0);
        return set;
    }

    private void Collect(MethodSummary owner, ValueRef context, FeatureSet set, HashSet<(IMethodSymbol, ValueRef)> visited, int depth)
    {
        context = owner.ResolveAlias(context);
        if (context.Kind is not (ValueRefKind.Local or ValueRefKind.Parameter) || depth > MaxDepth)
        {
            // A context in a field or from an arbitrary expression can be filled anywhere.
            set.Incomplete = true;
            return;
        }

        if (!visited.Add((owner.Method, context))) return;
        foreach (FeatureAdd add in owner.FeatureAdds)
        {
            if (!add.Target.Equals(context)) continue;
            set.Adds.Add(add);
        }

        foreach (MethodCall call in owner.Calls)
        {
            foreach (KeyValuePair<int, ArgumentFact> argument in call.Arguments)
            {
                if (!argument.Value.Value.Equals(context)) continue;
                if (Known.IsRuntimeApi(call.Target)) continue; // the runtime only reads contexts
                MethodSummary? callee = SummaryOf(call.Target);
                if (callee is not null)
                {
                    if (argument.Key < call.Target.Parameters.Length)
                    {
                        Collect(callee, ValueRef.OfSymbol(ValueRefKind.Parameter, callee.Method.Parameters[argument.Key]), set, visited, depth + 1);
                    }
                }
                else if (!IsInSource(call.Target))
                {
                    set.Incomplete = true; // a library method could add anything
                }

                // A source method without a summary has no AddFeature and no AHContext parameter
                // written out (generated heuristics, which only read): it adds nothing.
            }
        }

        if (context.Kind == ValueRefKind.Local && context.Symbol is ILocalSymbol local)
        {
            if (!owner.LocalAssignments.TryGetValue(local, out List<IOperation>? values))
            {
                set.Incomplete = true;
                return;
            }

            foreach (IOperation value in values)
            {
                IOperation v = value;
                while (v is Microsoft.CodeAnalysis.Operations.IConversionOperation conversion) v = conversion.Operand;
                switch (v)
                {
                    case Microsoft.CodeAnalysis.Operations.IObjectCreationOperation creation when Known.IsContext(creation.Type):
                        break;
                    case Microsoft.CodeAnalysis.Operations.IInvocationOperation invocation when SummaryOf(invocation.TargetMethod) is { } creator:
                        foreach (ValueRef returned in creator.Returns) Collect(creator, returned, set, visited, depth + 1);
                        break;
                    default:
                        set.Incomplete = true;
                        break;
                }
            }
        }
        else if (context.Kind == ValueRefKind.Parameter && context.Symbol is IParameterSymbol parameter
                 && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, owner.Method))
        {
            var callers = CallersOf(owner.Method);
            if (callers.Count == 0) set.Incomplete = true;
            foreach (var (caller, call) in callers)
            {
                if (call.Arguments.TryGetValue(parameter.Ordinal, out ArgumentFact argument)) Collect(caller, argument.Value, set, visited, depth + 1);
                else set.Incomplete = true;
            }
        }
        else
        {
            set.Incomplete = true; // a parameter of a lambda or local function
        }
    }

    private static bool IsInSource(IMethodSymbol method)
    {
        foreach (Location location in method.Locations)
        {
            if (location.IsInSource) return true;
        }

        return false;
    }

    /// <summary>Where to point a diagnostic about a site as a whole: the created type's name.</summary>
    public static Location Anchor(HeuristicSite site) =>
        site.Creation.Syntax is ObjectCreationExpressionSyntax creation ? creation.Type.GetLocation() : site.Location;

    /// <summary>1-based line of a location, for messages.</summary>
    public static int Line(Location location) => location.GetLineSpan().StartLinePosition.Line + 1;
}

/// <summary>The features a context gets: constant-named adds, name patterns, and whether the analysis saw everything.</summary>
internal sealed class FeatureSet
{
    public List<FeatureAdd> Adds { get; } = new();

    /// <summary>True when some code that may add features is out of sight: only positive findings are then reported.</summary>
    public bool Incomplete { get; set; }

    /// <summary>Whether <paramref name="name"/> is added, by a constant name or a matching pattern.</summary>
    public bool MayAdd(string name)
    {
        foreach (FeatureAdd add in Adds)
        {
            if (add.Name == name) return true;
            if (add.Name is null && (add.Pattern is null || add.Pattern.Matches(name))) return true;
        }

        return false;
    }
}
