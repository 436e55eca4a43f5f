using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using AutoHeuristic.Analyzers.Logs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoHeuristic.Analyzers.Analysis;

/// <summary>
/// The compilation as the checks see it, built on demand and shared by all callbacks of one
/// compilation: method summaries (each body summarised once, whoever asks first), who calls a
/// method (found by invoked name first, by symbol second), the training logs by heuristic name,
/// and the names of the <c>[AutoHeuristic]</c> classes seen so far.
/// </summary>
internal sealed class ProgramIndex
{
    private const int MaxDepth = 4;

    private readonly Compilation _compilation;
    private readonly CancellationToken _cancellationToken;
    private readonly ConcurrentDictionary<SyntaxNode, Lazy<MethodSummary?>> _bodies = new();
    private readonly ConcurrentDictionary<IMethodSymbol, MethodSummary?> _byMethod = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, IReadOnlyList<(MethodSummary Caller, MethodCall Call)>> _callers = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<string, Lazy<List<InvocationExpressionSyntax>>> _invocationsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TrainingLog>> _logsByName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _heuristicNames = new(StringComparer.Ordinal);

    // A site's names and features are needed by the per-file checks and again at the end.
    private readonly ConcurrentDictionary<HeuristicSite, IReadOnlyList<string>?> _siteNames = new();
    private readonly ConcurrentDictionary<HeuristicSite, FeatureSet> _siteFeatures = new();

    private readonly LogValueSource _values;

    public ProgramIndex(KnownSymbols known, Compilation compilation, IReadOnlyList<TrainingLog> logs, LogValueSource values, CancellationToken cancellationToken)
    {
        Known = known;
        _values = values;
        _compilation = compilation;
        _cancellationToken = cancellationToken;
        Logs = logs;
        foreach (TrainingLog log in logs)
        {
            if (log.Metadata is null) continue;
            if (!_logsByName.TryGetValue(log.Metadata.Name, out var list)) _logsByName[log.Metadata.Name] = list = new();
            list.Add(log);
        }

        // Near-miss lookups (AH2132) happen at every site: fold the log names once.
        var foldedLogNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var logNames = new List<string>(_logsByName.Keys);
        logNames.Sort(StringComparer.Ordinal);
        foreach (string name in logNames)
        {
            string folded = Checks.NearMiss.FoldName(name);
            if (!foldedLogNames.ContainsKey(folded)) foldedLogNames.Add(folded, name);
        }

        FoldedLogNames = foldedLogNames;
    }

    public KnownSymbols Known { get; }

    public IReadOnlyList<TrainingLog> Logs { get; }

    /// <summary>The names of the <c>[AutoHeuristic("…")]</c> classes (complete only at the end of the compilation).</summary>
    public ICollection<string> HeuristicNames => _heuristicNames.Keys;

    /// <summary>Each log name by its folded form (<see cref="Checks.NearMiss.FoldName"/>); the ordinally first name wins.</summary>
    public IReadOnlyDictionary<string, string> FoldedLogNames { get; }

    public void AddHeuristicName(string name) => _heuristicNames.TryAdd(name, 0);

    public IReadOnlyList<TrainingLog> LogsNamed(string name) =>
        _logsByName.TryGetValue(name, out var list) ? list : Array.Empty<TrainingLog>();

    /// <summary>What the rows of <paramref name="log"/> hold (categorical values, winning choices), read on first use.</summary>
    public LogValues ValuesOf(TrainingLog log) => _values.Of(log, _cancellationToken);

    /// <summary>Every summary built so far, in a stable order (file, then position), for deterministic output.</summary>
    public List<MethodSummary> AllSummaries()
    {
        var summaries = new List<MethodSummary>();
        foreach (Lazy<MethodSummary?> lazy in _bodies.Values)
        {
            if (lazy.Value is { } summary) summaries.Add(summary);
        }

        summaries.Sort(CompareBySource);
        return summaries;
    }

    /// <summary>The summary of a body (a method, accessor or top-level statements), built once.</summary>
    public MethodSummary? SummaryOfBody(SyntaxNode body, SemanticModel model) =>
        _bodies.GetOrAdd(body, b => new Lazy<MethodSummary?>(() => Summarize(b, model))).Value;

    /// <summary>The summary of a source method, built on demand; null for methods without source.</summary>
    public MethodSummary? SummaryOf(IMethodSymbol method)
    {
        method = method.OriginalDefinition;
        if (_byMethod.TryGetValue(method, out MethodSummary? known)) return known;
        MethodSummary? summary = null;
        if (method.DeclaringSyntaxReferences.Length == 1)
        {
            SyntaxNode declaration = method.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken);
            if (declaration is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax && _compilation.ContainsSyntaxTree(declaration.SyntaxTree))
            {
#pragma warning disable RS1030 // Only helpers that a checked call site reaches get here; the compiler caches the model per tree.
                summary = SummaryOfBody(declaration, _compilation.GetSemanticModel(declaration.SyntaxTree));
#pragma warning restore RS1030
            }
        }

        return _byMethod.GetOrAdd(method, summary);
    }

    /// <summary>Whether the source of <paramref name="method"/> creates a selector or decision (syntax only, before summarising it).</summary>
    public bool MayCreateSite(IMethodSymbol method) =>
        Mentions(method, node => node is BaseObjectCreationExpressionSyntax creation
            && (creation is ImplicitObjectCreationExpressionSyntax
                || SyntaxNames.SimpleName(((ObjectCreationExpressionSyntax)creation).Type) is "AutoHeuristicSelectAlgorithm" or "AutoHeuristicDecision"));

    /// <summary>Whether the source of <paramref name="method"/> calls something named AutotuneSelectAlgorithm (syntax only).</summary>
    public bool MayAutotune(IMethodSymbol method) =>
        Mentions(method, node => node is InvocationExpressionSyntax invocation && SyntaxNames.SimpleName(invocation.Expression) == "AutotuneSelectAlgorithm");

    private bool Mentions(IMethodSymbol method, Func<SyntaxNode, bool> predicate)
    {
        foreach (SyntaxReference reference in method.OriginalDefinition.DeclaringSyntaxReferences)
        {
            foreach (SyntaxNode node in reference.GetSyntax(_cancellationToken).DescendantNodes())
            {
                if (predicate(node)) return true;
            }
        }

        return false;
    }

    /// <summary>Every call to <paramref name="method"/> in this compilation, with the calling method's summary.</summary>
    public IReadOnlyList<(MethodSummary Caller, MethodCall Call)> CallersOf(IMethodSymbol method)
    {
        method = method.OriginalDefinition;
        return _callers.GetOrAdd(method, FindCallers);
    }

    private IReadOnlyList<(MethodSummary Caller, MethodCall Call)> FindCallers(IMethodSymbol method)
    {
        var callers = new List<(MethodSummary, MethodCall)>();
        List<InvocationExpressionSyntax> invocations = InvocationsNamed(method.Name);
        foreach (InvocationExpressionSyntax invocation in invocations)
        {
            _cancellationToken.ThrowIfCancellationRequested();
#pragma warning disable RS1030 // Only invocations whose name matches a helper that carries a heuristic's arguments get here.
            SemanticModel model = _compilation.GetSemanticModel(invocation.SyntaxTree);
#pragma warning restore RS1030
            if (model.GetSymbolInfo(invocation, _cancellationToken).Symbol is not IMethodSymbol target
                || !SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, method))
            {
                continue;
            }

            SyntaxNode? body = EnclosingBody(invocation);
            if (body is null || SummaryOfBody(body, model) is not { } caller) continue;
            foreach (MethodCall call in caller.Calls)
            {
                if (call.Position == invocation.SpanStart && SymbolEqualityComparer.Default.Equals(call.Target, method)) callers.Add((caller, call));
            }
        }

        return callers;
    }

    /// <summary>
    /// Every invocation in this compilation whose invoked name (see <see cref="SyntaxNames.SimpleName"/>)
    /// is <paramref name="name"/>, in tree order then source order. Computed once per name, and
    /// only when a heuristic's name, context, choices or inputs arrive through a parameter
    /// (PyTorch's mm_autoheuristic pattern).
    /// </summary>
    private List<InvocationExpressionSyntax> InvocationsNamed(string name) =>
        _invocationsByName.GetOrAdd(name, n => new Lazy<List<InvocationExpressionSyntax>>(() => FindInvocations(n))).Value;

    // A substring search finds the candidate identifiers, so only the few nodes above each one
    // are looked at instead of every node of every tree.
    private List<InvocationExpressionSyntax> FindInvocations(string name)
    {
        var found = new List<InvocationExpressionSyntax>();
        foreach (SyntaxTree tree in _compilation.SyntaxTrees)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            string text = tree.GetText(_cancellationToken).ToString();
            SyntaxNode root = tree.GetRoot(_cancellationToken);
            if (text.IndexOf("\\u", StringComparison.Ordinal) >= 0 || text.IndexOf("\\U", StringComparison.Ordinal) >= 0)
            {
                // A Unicode escape can spell the name in a way the text search misses: read every node.
                foreach (SyntaxNode node in root.DescendantNodes())
                {
                    if (node is InvocationExpressionSyntax invocation && SyntaxNames.SimpleName(invocation.Expression) == name) found.Add(invocation);
                }

                continue;
            }

            for (int at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
            {
                SyntaxToken token = root.FindToken(at);
                if (!token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken) || token.ValueText != name
                    || token.Span.End != at + name.Length)
                {
                    continue;
                }

                // The invocation whose invoked name is this very token (`a.B<T>(…)`, `a?.B(…)`, `B(…)`).
                for (SyntaxNode? node = token.Parent; node is not null; node = node.Parent)
                {
                    if (node is InvocationExpressionSyntax invocation && invocation.Expression.Span.Contains(token.Span)
                        && SimpleNameToken(invocation.Expression) == token)
                    {
                        found.Add(invocation);
                        break;
                    }

                    if (node is StatementSyntax or MemberDeclarationSyntax) break;
                }
            }
        }

        return found;
    }

    // The identifier token that SyntaxNames.SimpleName reads its name from.
    private static SyntaxToken SimpleNameToken(SyntaxNode? node) => node switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier,
        GenericNameSyntax generic => generic.Identifier,
        MemberAccessExpressionSyntax memberAccess => SimpleNameToken(memberAccess.Name),
        QualifiedNameSyntax qualified => SimpleNameToken(qualified.Right),
        AliasQualifiedNameSyntax alias => SimpleNameToken(alias.Name),
        MemberBindingExpressionSyntax binding => SimpleNameToken(binding.Name),
        NullableTypeSyntax nullable => SimpleNameToken(nullable.ElementType),
        _ => default,
    };

    private MethodSummary? Summarize(SyntaxNode body, SemanticModel model)
    {
        ISymbol? symbol = body is CompilationUnitSyntax
            ? model.GetEnclosingSymbol(FirstStatementPosition(body), _cancellationToken)
            : model.GetDeclaredSymbol(body, _cancellationToken);
        if (symbol is not IMethodSymbol method) return null;
        IOperation? operation = model.GetOperation(body, _cancellationToken);
        if (operation is null) return null;
        MethodSummary summary = MethodSummary.Build(method, operation, Known, _cancellationToken);
        _byMethod.TryAdd(method.OriginalDefinition, summary);
        return summary;
    }

    private static int FirstStatementPosition(SyntaxNode compilationUnit)
    {
        foreach (SyntaxNode member in compilationUnit.ChildNodes())
        {
            if (member is GlobalStatementSyntax statement) return statement.Statement.SpanStart;
        }

        return compilationUnit.SpanStart;
    }

    /// <summary>
    /// The member whose whole body is summarised: a method, constructor, operator or accessor, or
    /// the top-level statements of a file. Local functions and lambdas belong to their member.
    /// </summary>
    public static SyntaxNode? EnclosingBody(SyntaxNode node)
    {
        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case BaseMethodDeclarationSyntax:
                case AccessorDeclarationSyntax:
                    return current;
                case GlobalStatementSyntax:
                    return current.Parent;
                case BaseTypeDeclarationSyntax:
                    return null; // field and property initializers are not followed
            }
        }

        return null;
    }

    private static int CompareBySource(MethodSummary a, MethodSummary b)
    {
        Location la = a.Method.Locations.Length > 0 ? a.Method.Locations[0] : Location.None;
        Location lb = b.Method.Locations.Length > 0 ? b.Method.Locations[0] : Location.None;
        int byFile = string.CompareOrdinal(la.SourceTree?.FilePath, lb.SourceTree?.FilePath);
        return byFile != 0 ? byFile : la.SourceSpan.Start.CompareTo(lb.SourceSpan.Start);
    }

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

    /// <summary>The constant names of a site (see <see cref="ResolveNames(MethodSummary, ValueRef)"/>), computed once.</summary>
    public IReadOnlyList<string>? NamesOf(MethodSummary owner, HeuristicSite site) =>
        _siteNames.GetOrAdd(site, s => ResolveNames(owner, s.Name.Value));

    /// <summary>The features of a site's context (see <see cref="CollectFeatures"/>), computed once.</summary>
    public FeatureSet FeaturesOf(MethodSummary owner, HeuristicSite site) =>
        _siteFeatures.GetOrAdd(site, s => CollectFeatures(owner, s.Context.Value));

    /// <summary>
    /// Every AddFeature that can reach the context <paramref name="context"/> of
    /// <paramref name="owner"/>: calls on it here, in helpers it is passed to, in the helper that
    /// created and returned it, and in callers that passed it in.
    /// </summary>
    public FeatureSet CollectFeatures(MethodSummary owner, ValueRef context)
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
                        foreach (ValueRef returned in creator.Returns) Collect(creator, returned, set, visited, depth + 1, mayAscend: false);
                        break;
                    default:
                        set.Incomplete = true;
                        break;
                }
            }
        }
        else if (!mayAscend)
        {
            // A helper's parameter: the caller that passed this context is already being followed.
        }
        else if (context.Kind == ValueRefKind.Parameter && context.Symbol is IParameterSymbol parameter
                 && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, owner.Method))
        {
            var callers = CallersOf(owner.Method);
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

    /// <summary>Where to point a diagnostic about a site as a whole: the created type's name, or the called method's.</summary>
    public static Location Anchor(HeuristicSite site) => site.Creation.Syntax switch
    {
        ObjectCreationExpressionSyntax creation => creation.Type.GetLocation(),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Name.GetLocation(),
        _ => site.Location,
    };

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
