using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoHeuristic.Analyzers.Analysis;

/// <summary>
/// Who calls a method in this compilation: invocations are found by their invoked name with a
/// text search first, then confirmed by symbol. Needed only when a heuristic's name, context,
/// choices or inputs arrive through a parameter (PyTorch's mm_autoheuristic pattern).
/// </summary>
internal sealed class CallerIndex
{
    /// <summary>How many calls up or down the name and feature analyses follow from a site.</summary>
    public const int MaxDepth = 4;

    private readonly Compilation _compilation;
    private readonly MethodSummaries _summaries;
    private readonly CancellationToken _cancellationToken;
    private readonly ConcurrentDictionary<IMethodSymbol, IReadOnlyList<(MethodSummary Caller, MethodCall Call)>> _callers = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<string, Lazy<List<InvocationExpressionSyntax>>> _invocationsByName = new(StringComparer.Ordinal);

    public CallerIndex(Compilation compilation, MethodSummaries summaries, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _summaries = summaries;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Every call to <paramref name="method"/> in this compilation, with the calling method's summary; computed once.</summary>
    public IReadOnlyList<(MethodSummary Caller, MethodCall Call)> Of(IMethodSymbol method)
    {
        method = method.OriginalDefinition;
        return _callers.GetOrAdd(method, FindCallers);
    }

    /// <summary>
    /// Every invocation in this compilation whose invoked name (see <see cref="SyntaxNames.SimpleName"/>)
    /// is <paramref name="name"/>, in tree order then source order; computed once per name.
    /// </summary>
    public IReadOnlyList<InvocationExpressionSyntax> InvocationsNamed(string name) =>
        _invocationsByName.GetOrAdd(name, n => new Lazy<List<InvocationExpressionSyntax>>(() => FindInvocations(n))).Value;

    private IReadOnlyList<(MethodSummary Caller, MethodCall Call)> FindCallers(IMethodSymbol method)
    {
        var callers = new List<(MethodSummary, MethodCall)>();
        foreach (InvocationExpressionSyntax invocation in InvocationsNamed(method.Name))
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

            SyntaxNode? body = MethodSummaries.EnclosingBody(invocation);
            if (body is null || _summaries.OfBody(body, model) is not { } caller) continue;
            foreach (MethodCall call in caller.Calls)
            {
                if (call.Position == invocation.SpanStart && SymbolEqualityComparer.Default.Equals(call.Target, method)) callers.Add((caller, call));
            }
        }

        return callers;
    }

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
}
