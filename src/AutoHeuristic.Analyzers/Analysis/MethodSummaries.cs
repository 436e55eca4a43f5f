using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoHeuristic.Analyzers.Analysis;

/// <summary>
/// The <see cref="MethodSummary"/> of every member body the checks look at, each built once for
/// the whole compilation, whoever asks first (a per-file check, a caller search, a feature search).
/// </summary>
internal sealed class MethodSummaries
{
    private readonly KnownSymbols _known;
    private readonly Compilation _compilation;
    private readonly CancellationToken _cancellationToken;
    private readonly ConcurrentDictionary<SyntaxNode, Lazy<MethodSummary?>> _bodies = new();
    private readonly ConcurrentDictionary<IMethodSymbol, MethodSummary?> _byMethod = new(SymbolEqualityComparer.Default);

    public MethodSummaries(KnownSymbols known, Compilation compilation, CancellationToken cancellationToken)
    {
        _known = known;
        _compilation = compilation;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Every summary built so far, in a stable order (file, then position), for deterministic output.</summary>
    public List<MethodSummary> All()
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
    public MethodSummary? OfBody(SyntaxNode body, SemanticModel model) =>
        _bodies.GetOrAdd(body, b => new Lazy<MethodSummary?>(() => Summarize(b, model))).Value;

    /// <summary>The summary of a source method, built on demand; null for methods without source.</summary>
    public MethodSummary? Of(IMethodSymbol method)
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
                summary = OfBody(declaration, _compilation.GetSemanticModel(declaration.SyntaxTree));
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

    private MethodSummary? Summarize(SyntaxNode body, SemanticModel model)
    {
        ISymbol? symbol = body is CompilationUnitSyntax
            ? model.GetEnclosingSymbol(FirstStatementPosition(body), _cancellationToken)
            : model.GetDeclaredSymbol(body, _cancellationToken);
        if (symbol is not IMethodSymbol method) return null;
        IOperation? operation = model.GetOperation(body, _cancellationToken);
        if (operation is null) return null;
        MethodSummary summary = MethodSummary.Build(method, operation, _known, _cancellationToken);
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

    private static int CompareBySource(MethodSummary a, MethodSummary b)
    {
        Location la = a.Method.Locations.Length > 0 ? a.Method.Locations[0] : Location.None;
        Location lb = b.Method.Locations.Length > 0 ? b.Method.Locations[0] : Location.None;
        int byFile = string.CompareOrdinal(la.SourceTree?.FilePath, lb.SourceTree?.FilePath);
        return byFile != 0 ? byFile : la.SourceSpan.Start.CompareTo(lb.SourceSpan.Start);
    }
}
