using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoHeuristic.Analyzers.Analysis;

/// <summary>
/// Every AddFeature that can reach a site's context, across methods: calls on it in the method
/// itself, in helpers it is passed to, in the helper that created and returned it, and in
/// callers that passed it in (followed up to <see cref="CallerIndex.MaxDepth"/> calls).
/// </summary>
internal sealed class FeatureCollector
{
    private readonly KnownSymbols _known;
    private readonly MethodSummaries _summaries;
    private readonly CallerIndex _callers;

    // A site's features are needed by the per-file checks and again at the end.
    private readonly ConcurrentDictionary<HeuristicSite, FeatureSet> _siteFeatures = new();

    public FeatureCollector(KnownSymbols known, MethodSummaries summaries, CallerIndex callers)
    {
        _known = known;
        _summaries = summaries;
        _callers = callers;
    }

    /// <summary>The features of a site's context (see <see cref="Collect"/>), computed once.</summary>
    public FeatureSet Of(MethodSummary owner, HeuristicSite site) =>
        _siteFeatures.GetOrAdd(site, s => Collect(owner, s.Context.Value));

    /// <summary>Every AddFeature that can reach the context <paramref name="context"/> of <paramref name="owner"/>.</summary>
    public FeatureSet Collect(MethodSummary owner, ValueRef context)
    {
        var set = new FeatureSet();
        Collect(owner, context, set, new HashSet<(IMethodSymbol, ValueRef)>(), 0, mayAscend: true);
        return set;
    }

    // mayAscend: whether a context parameter may be followed up to the callers. Only on the way up
    // from the site: a helper reached downwards is called by other code with other contexts.
    private void Collect(MethodSummary owner, ValueRef context, FeatureSet set, HashSet<(IMethodSymbol, ValueRef)> visited, int depth, bool mayAscend)
    {
        context = owner.ResolveAlias(context);
        if (context.Kind is not (ValueRefKind.Local or ValueRefKind.Parameter) || depth > CallerIndex.MaxDepth)
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

        CollectFromHelpers(owner, context, set, visited, depth);
        if (context.Kind == ValueRefKind.Local && context.Symbol is ILocalSymbol local)
        {
            CollectFromCreators(owner, local, set, visited, depth);
        }
        else if (!mayAscend)
        {
            // A helper's parameter: the caller that passed this context is already being followed.
        }
        else if (context.Kind == ValueRefKind.Parameter && context.Symbol is IParameterSymbol parameter
                 && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, owner.Method))
        {
            var callers = _callers.Of(owner.Method);
            if (callers.Count == 0) set.Incomplete = true;
            foreach (var (caller, call) in callers)
            {
                if (call.Arguments.TryGetValue(parameter.Ordinal, out ArgumentFact argument)) Collect(caller, argument.Value, set, visited, depth + 1, mayAscend: true);
                else set.Incomplete = true;
            }
        }
        else
        {
            set.Incomplete = true; // a parameter of a lambda or local function
        }
    }

    // Helpers the context is passed to add features to their parameter.
    private void CollectFromHelpers(MethodSummary owner, ValueRef context, FeatureSet set, HashSet<(IMethodSymbol, ValueRef)> visited, int depth)
    {
        foreach (MethodCall call in owner.Calls)
        {
            foreach (KeyValuePair<int, ArgumentFact> argument in call.Arguments)
            {
                if (!argument.Value.Value.Equals(context)) continue;
                if (_known.IsRuntimeApi(call.Target)) continue; // the runtime only reads contexts
                MethodSummary? callee = _summaries.Of(call.Target);
                if (callee is not null && argument.Key < callee.Method.Parameters.Length)
                {
                    Collect(callee, ValueRef.OfSymbol(ValueRefKind.Parameter, callee.Method.Parameters[argument.Key]), set, visited, depth + 1, mayAscend: false);
                }
                else
                {
                    set.Incomplete = true; // a library method (or a local function) could add anything
                }
            }
        }
    }

    // A local context is created here (`new AHContext()`) or returned by a helper that may fill it.
    private void CollectFromCreators(MethodSummary owner, ILocalSymbol local, FeatureSet set, HashSet<(IMethodSymbol, ValueRef)> visited, int depth)
    {
        if (!owner.LocalAssignments.TryGetValue(local, out List<IOperation>? values))
        {
            set.Incomplete = true;
            return;
        }

        foreach (IOperation value in values)
        {
            IOperation v = value;
            while (v is IConversionOperation conversion) v = conversion.Operand;
            switch (v)
            {
                case IObjectCreationOperation creation when _known.IsContext(creation.Type):
                    break;
                case IInvocationOperation invocation when _summaries.Of(invocation.TargetMethod) is { } creator:
                    foreach (ValueRef returned in creator.Returns) Collect(creator, returned, set, visited, depth + 1, mayAscend: false);
                    break;
                default:
                    set.Incomplete = true;
                    break;
            }
        }
    }
}
