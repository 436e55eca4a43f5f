using System;
using System.Collections.Generic;
using AutoHeuristic.Analyzers.Checks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AutoHeuristic.Analyzers.Analysis;

/// <summary>
/// Per-compilation driver of <see cref="AutoHeuristicUsageAnalyzer"/>. Each member body that uses
/// the API is checked once and reports the diagnostics that lie inside it (local diagnostics:
/// live in the IDE, fixable). Rules whose
/// location is elsewhere than the call site that finds them (AddFeature calls in helpers, log
/// files) or that need every <c>[AutoHeuristic]</c> class run once at the end.
/// </summary>
internal sealed class CompilationAnalysis
{
    private readonly KnownSymbols _known;
    private readonly ProgramIndex _index;

    public CompilationAnalysis(KnownSymbols known, ProgramIndex index)
    {
        _known = known;
        _index = index;
    }

    /// <summary>
    /// Checks one member body (method, constructor, operator, accessor or a file's top-level
    /// statements). The action is registered on the member node itself, so every diagnostic it
    /// reports lies inside the analysed node: Roslyn then treats it as local (live in the IDE,
    /// fixable). A token scan picks the few bodies that mention the API before anything is bound.
    /// </summary>
    public void OnMemberNode(SyntaxNodeAnalysisContext context)
    {
        SyntaxNode body = context.Node;
        if (body is CompilationUnitSyntax unit && !HasTopLevelStatements(unit)) return;
        if (!MentionsApi(body)) return;
        MethodSummary? summary = _index.SummaryOfBody(body, context.SemanticModel);
        if (summary is null) return;

        SyntaxTree tree = body.SyntaxTree;
        Microsoft.CodeAnalysis.Text.TextSpan span = body.Span;
        void ReportInsideBody(Diagnostic diagnostic)
        {
            // Each diagnostic belongs to the body it points into; that body's check reports it.
            if (diagnostic.Location.SourceTree == tree && span.Contains(diagnostic.Location.SourceSpan)) context.ReportDiagnostic(diagnostic);
        }

        var once = Deduplicate(ReportInsideBody);
        SelectAlgorithmPairCheck.CheckMethod(_index, summary, once);
        FeatureCheck.CheckSites(_index, summary, once);
        ChoiceCheck.CheckMethod(_index, summary, once);
        NameCheck.CheckMethod(_index, summary, once);
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
                _index.AddHeuristicName(name);
            }
        }
    }

    /// <summary>The whole-compilation rules: AddFeature calls against every site's logs, log and class names.</summary>
    public void OnCompilationEnd(CompilationAnalysisContext context)
    {
        List<MethodSummary> summaries = _index.AllSummaries();
        if (summaries.Count == 0 && _index.Logs.Count == 0) return;
        var once = Deduplicate(context.ReportDiagnostic);
        FeatureCheck.CheckAdds(_index, summaries, once);
        NameCheck.CheckCompilation(_index, summaries, once);
    }

    // The identifiers that make a body worth binding: the API's call and type names.
    private static bool MentionsApi(SyntaxNode body)
    {
        foreach (SyntaxToken token in body.DescendantTokens())
        {
            if (!token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken)) continue;
            switch (token.ValueText)
            {
                case "AddFeature":
                case "AutotuneSelectAlgorithm":
                case "AutoHeuristicSelectAlgorithm":
                case "AutoHeuristicDecision":
                case "AHContext":
                    return true;
            }
        }

        return false;
    }

    private static bool HasTopLevelStatements(CompilationUnitSyntax unit)
    {
        foreach (MemberDeclarationSyntax member in unit.Members)
        {
            if (member is GlobalStatementSyntax) return true;
        }

        return false;
    }

    // Several sites can find the same problem (two sites sharing one context): report it once.
    private static Action<Diagnostic> Deduplicate(Action<Diagnostic> report)
    {
        var seen = new HashSet<(string, Location, string)>();
        return diagnostic =>
        {
            if (seen.Add((diagnostic.Id, diagnostic.Location, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))) report(diagnostic);
        };
    }
}
