using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using AutoHeuristic.Analyzers.Checks;
using AutoHeuristic.Analyzers.Logs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AutoHeuristic.Analyzers.Analysis;

/// <summary>
/// Per-compilation state of <see cref="AutoHeuristicUsageAnalyzer"/>: gathers method summaries
/// and <c>[AutoHeuristic]</c> names concurrently while the compilation is analysed, then runs
/// every check once at its end.
/// </summary>
internal sealed class CompilationAnalysis
{
    private readonly KnownSymbols _known;

    // One summary per method body; Lazy so that concurrent callbacks for the same body build it once.
    private readonly ConcurrentDictionary<SyntaxNode, Lazy<MethodSummary?>> _summaries = new();
    private readonly ConcurrentDictionary<string, byte> _heuristicNames = new(StringComparer.Ordinal);

    public CompilationAnalysis(KnownSymbols known) => _known = known;

    /// <summary>Syntax filter first, symbols second: only bodies that use the API get an operation tree.</summary>
    public void OnCandidateNode(SyntaxNodeAnalysisContext context)
    {
        SyntaxNode node = context.Node;
        switch (node)
        {
            case InvocationExpressionSyntax invocation:
                string? name = SimpleName(invocation.Expression);
                if (name is not ("AddFeature" or "AutotuneSelectAlgorithm")) return;
                if (context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol method
                    || !(_known.IsAddFeature(method) || _known.IsAutotune(method)))
                {
                    return;
                }

                break;
            case ObjectCreationExpressionSyntax creation:
                string? typeName = SimpleName(creation.Type);
                if (typeName is not ("AutoHeuristicSelectAlgorithm" or "AutoHeuristicDecision")) return;
                if (_known.SiteKindOf(context.SemanticModel.GetTypeInfo(creation, context.CancellationToken).Type) is null) return;
                break;
            case ImplicitObjectCreationExpressionSyntax implicitCreation:
                if (_known.SiteKindOf(context.SemanticModel.GetTypeInfo(implicitCreation, context.CancellationToken).Type) is null) return;
                break;
            case MethodDeclarationSyntax declaration:
                if (!MentionsContext(declaration)) return;
                break;
            default:
                return;
        }

        SyntaxNode? body = EnclosingBody(node);
        if (body is null) return;
        SemanticModel model = context.SemanticModel;
        CancellationToken cancellationToken = context.CancellationToken;
        _ = _summaries.GetOrAdd(body, b => new Lazy<MethodSummary?>(() => Summarize(b, model, cancellationToken))).Value;
    }

    /// <summary>Records the names of <c>[AutoHeuristic("…")]</c> classes.</summary>
    public void OnNamedType(SymbolAnalysisContext context)
    {
        if (_known.HeuristicAttribute is null) return;
        foreach (AttributeData attribute in context.Symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _known.HeuristicAttribute)
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
            {
                _heuristicNames.TryAdd(name, 0);
            }
        }
    }

    /// <summary>Runs every rule over the whole compilation and reports each diagnostic once.</summary>
    public void OnCompilationEnd(CompilationAnalysisContext context)
    {
        var summaries = new List<MethodSummary>();
        foreach (Lazy<MethodSummary?> lazy in _summaries.Values)
        {
            if (lazy.Value is { } summary) summaries.Add(summary);
        }

        SummarizeCallers(context.Compilation, summaries, context.CancellationToken);
        summaries.Sort(CompareBySource);
        IReadOnlyList<TrainingLog> logs = TrainingLogReader.ReadAll(context.Options, context.CancellationToken);
        if (summaries.Count == 0 && logs.Count == 0) return;

        var index = new ProgramIndex(_known, summaries, logs, new HashSet<string>(_heuristicNames.Keys, StringComparer.Ordinal));
        var reported = new HashSet<(string, Location, string)>();
        void Report(Diagnostic diagnostic)
        {
            if (reported.Add((diagnostic.Id, diagnostic.Location, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture))))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        SelectAlgorithmPairCheck.Run(index, Report);
        FeatureCheck.Run(index, Report);
        ChoiceCheck.Run(index, Report);
        NameCheck.Run(index, Report);
    }

    // A site whose name, context, choices or inputs is a parameter of its method is checked with
    // the arguments of the method's callers. Callers that use nothing of the API themselves (they
    // only pass "mm" to a helper) were not summarised while the compilation was analysed; find
    // them now, by the invoked name first and by symbol second, up to three calls away.
    private void SummarizeCallers(Compilation compilation, List<MethodSummary> summaries, CancellationToken cancellationToken)
    {
        var pending = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (MethodSummary summary in summaries)
        {
            foreach (HeuristicSite site in summary.Sites)
            {
                if (IsOwnParameter(site.Name.Value, summary) || IsOwnParameter(site.Context.Value, summary)
                    || IsOwnParameter(site.Choices.Value, summary) || IsOwnParameter(site.Inputs.Value, summary))
                {
                    pending.Add(summary.Method.OriginalDefinition);
                }
            }
        }

        for (int depth = 0; depth < 3 && pending.Count > 0; depth++)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (IMethodSymbol method in pending) names.Add(method.Name);
            var next = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                SemanticModel? model = null;
                foreach (SyntaxNode node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    if (node is not InvocationExpressionSyntax invocation || SimpleName(invocation.Expression) is not { } invoked || !names.Contains(invoked)) continue;
#pragma warning disable RS1030 // Only trees that call a helper by name get here; the compiler caches the model per tree.
                    model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                    if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol target || !pending.Contains(target.OriginalDefinition)) continue;
                    SyntaxNode? body = EnclosingBody(invocation);
                    if (body is null || _summaries.ContainsKey(body)) continue;
                    SemanticModel bodyModel = model;
                    MethodSummary? caller = _summaries.GetOrAdd(body, b => new Lazy<MethodSummary?>(() => Summarize(b, bodyModel, cancellationToken))).Value;
                    if (caller is null) continue;
                    summaries.Add(caller);
                    foreach (MethodCall call in caller.Calls)
                    {
                        if (!pending.Contains(call.Target)) continue;
                        foreach (ArgumentFact argument in call.Arguments.Values)
                        {
                            if (IsOwnParameter(argument.Value, caller)) next.Add(caller.Method.OriginalDefinition);
                        }
                    }
                }
            }

            pending = next;
        }
    }

    private static bool IsOwnParameter(ValueRef value, MethodSummary summary) =>
        value.Kind == ValueRefKind.Parameter && SymbolEqualityComparer.Default.Equals(value.Symbol?.ContainingSymbol, summary.Method);

    private MethodSummary? Summarize(SyntaxNode body, SemanticModel model, CancellationToken cancellationToken)
    {
        ISymbol? symbol = body is CompilationUnitSyntax
            ? model.GetEnclosingSymbol(FirstStatementPosition(body), cancellationToken)
            : model.GetDeclaredSymbol(body, cancellationToken);
        if (symbol is not IMethodSymbol method) return null;

        // Local functions and lambdas belong to the member that declares them.
        while (method.MethodKind is MethodKind.LocalFunction or MethodKind.AnonymousFunction && method.ContainingSymbol is IMethodSymbol outer)
        {
            method = outer;
        }

        IOperation? operation = model.GetOperation(body, cancellationToken);
        return operation is null ? null : MethodSummary.Build(method, operation, _known, cancellationToken);
    }

    private static int FirstStatementPosition(SyntaxNode compilationUnit)
    {
        foreach (SyntaxNode member in compilationUnit.ChildNodes())
        {
            if (member is GlobalStatementSyntax statement) return statement.Statement.SpanStart;
        }

        return compilationUnit.SpanStart;
    }

    // The member whose whole body is summarised: methods, constructors, operators, accessors, or
    // the top-level statements of a file.
    private static SyntaxNode? EnclosingBody(SyntaxNode node)
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

    private static bool MentionsContext(MethodDeclarationSyntax declaration)
    {
        if (SimpleName(declaration.ReturnType) == "AHContext") return true;
        foreach (ParameterSyntax parameter in declaration.ParameterList.Parameters)
        {
            if (parameter.Type is not null && SimpleName(parameter.Type) == "AHContext") return true;
        }

        return false;
    }

    private static string? SimpleName(SyntaxNode? node) => node switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        MemberAccessExpressionSyntax memberAccess => SimpleName(memberAccess.Name),
        QualifiedNameSyntax qualified => SimpleName(qualified.Right),
        AliasQualifiedNameSyntax alias => SimpleName(alias.Name),
        MemberBindingExpressionSyntax binding => SimpleName(binding.Name),
        NullableTypeSyntax nullable => SimpleName(nullable.ElementType),
        _ => null,
    };

    private static int CompareBySource(MethodSummary a, MethodSummary b)
    {
        Location la = a.Method.Locations.Length > 0 ? a.Method.Locations[0] : Location.None;
        Location lb = b.Method.Locations.Length > 0 ? b.Method.Locations[0] : Location.None;
        int byFile = string.CompareOrdinal(la.SourceTree?.FilePath, lb.SourceTree?.FilePath);
        return byFile != 0 ? byFile : la.SourceSpan.Start.CompareTo(lb.SourceSpan.Start);
    }
}
