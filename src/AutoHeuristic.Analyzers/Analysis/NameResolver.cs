using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AutoHeuristic.Analyzers.Analysis;

/// <summary>
/// The constant heuristic names a site can have: a constant, a local assigned one constant, or a
/// parameter every caller passes such a name to (followed up to <see cref="CallerIndex.MaxDepth"/> calls).
/// </summary>
internal sealed class NameResolver
{
    private readonly CallerIndex _callers;

    // A site's names are needed by the per-file checks and again at the end.
    private readonly ConcurrentDictionary<HeuristicSite, IReadOnlyList<string>?> _siteNames = new();

    public NameResolver(CallerIndex callers) => _callers = callers;

    /// <summary>The constant names of a site (see <see cref="Resolve(MethodSummary, ValueRef)"/>), computed once.</summary>
    public IReadOnlyList<string>? Of(MethodSummary owner, HeuristicSite site) =>
        _siteNames.GetOrAdd(site, s => Resolve(owner, s.Name.Value));

    /// <summary>
    /// The constant names <paramref name="name"/> can have in <paramref name="owner"/>, each once,
    /// in the order the callers are found. Null when any path is unknown.
    /// </summary>
    public IReadOnlyList<string>? Resolve(MethodSummary owner, ValueRef name) => Resolve(owner, name, 0);

    private IReadOnlyList<string>? Resolve(MethodSummary owner, ValueRef name, int depth)
    {
        name = owner.ResolveConstant(name);
        if (name.Kind == ValueRefKind.Constant) return new[] { name.Constant! };
        if (name.Kind != ValueRefKind.Parameter || depth >= CallerIndex.MaxDepth || name.Symbol is not IParameterSymbol parameter
            || !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, owner.Method))
        {
            return null;
        }

        var callers = _callers.Of(owner.Method);
        if (callers.Count == 0) return null;
        var names = new List<string>();
        foreach (var (caller, call) in callers)
        {
            IReadOnlyList<string>? resolved;
            if (call.Arguments.TryGetValue(parameter.Ordinal, out ArgumentFact argument)) resolved = Resolve(caller, argument.Value, depth + 1);
            else resolved = parameter.HasExplicitDefaultValue && parameter.ExplicitDefaultValue is string d ? new[] { d } : null;
            if (resolved is null) return null;
            foreach (string n in resolved)
            {
                if (!names.Contains(n)) names.Add(n);
            }
        }

        return names;
    }
}
