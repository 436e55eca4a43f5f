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
    /// Checks one file: substring searches first (nothing is bound, and no token is enumerated, in
    /// files or members whose text never names the API), then each member body that names it
    /// (method, constructor, operator, accessor, top-level statements) is confirmed by a token
    /// scan of that body alone, summarised and checked. Diagnostics are reported only inside the
    /// body whose check finds them and from this per-file action, so Roslyn treats them as local:
    /// live in the IDE and fixable. One action per file keeps the per-callback overhead low.
    /// </summary>
    public void OnSemanticModel(SemanticModelAnalysisContext context)
    {
        SyntaxTree syntaxTree = context.SemanticModel.SyntaxTree;
        string text = syntaxTree.GetText(context.CancellationToken).ToString();
        if (!TextMentionsApi(text)) return;
        SyntaxNode root = syntaxTree.GetRoot(context.CancellationToken);

        // A Unicode escape (\u0041ddFeature) can spell an identifier the text searches miss: such
        // files get the token scans alone.
        bool textIsExact = text.IndexOf("\\u", StringComparison.Ordinal) < 0 && text.IndexOf("\\U", StringComparison.Ordinal) < 0;
        bool mentionsAttribute;
        if (textIsExact)
        {
            // Recording is idempotent and looks only at classes that carry the attribute, so a
            // whole-word text match (even in a comment) is a safe trigger.
            mentionsAttribute = TextMentionsWord(text, "AutoHeuristic") || TextMentionsWord(text, "AutoHeuristicAttribute");
        }
        else
        {
            ScanTokens(root, out _, out mentionsAttribute);
        }

        if (mentionsAttribute) RecordHeuristicNames(root, context.SemanticModel, context.CancellationToken);

        foreach (SyntaxNode node in root.DescendantNodesAndSelf(n => !IsBody(n) || n is CompilationUnitSyntax))
        {
            if (!IsBody(node)) continue;
            if (node is CompilationUnitSyntax unit)
            {
                // Top-level statements are checked when the file names the API anywhere.
                if (!HasTopLevelStatements(unit)) continue;
                ScanTokens(unit, out bool fileMentionsApi, out _);
                if (!fileMentionsApi) continue;
            }
            else
            {
                if (textIsExact && !TextMentionsApi(text, node.Span)) continue;
                ScanTokens(node, out bool bodyMentionsApi, out _);
                if (!bodyMentionsApi) continue;
            }

            CheckBody(node, context);
        }
    }

    private void CheckBody(SyntaxNode body, SemanticModelAnalysisContext context)
    {
        MethodSummary? summary = _index.Summaries.OfBody(body, context.SemanticModel);
        if (summary is null) return;
        Microsoft.CodeAnalysis.Text.TextSpan span = body.Span;
        SyntaxTree tree = body.SyntaxTree;
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

    private static bool IsBody(SyntaxNode node) =>
        node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or CompilationUnitSyntax;

    // Records the names of [AutoHeuristic("…")] classes declared in this file.
    private void RecordHeuristicNames(SyntaxNode root, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        if (_known.HeuristicAttribute is null) return;
        foreach (SyntaxNode node in root.DescendantNodes(n => n is not BaseMethodDeclarationSyntax and not AccessorDeclarationSyntax))
        {
            if (node is not ClassDeclarationSyntax { AttributeLists.Count: > 0 } declaration) continue;
            if (model.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type) continue;
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _known.HeuristicAttribute)
                    && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
                {
                    _index.AddHeuristicName(name);
                }
            }
        }
    }

    /// <summary>The whole-compilation rules: AddFeature calls against every site's logs, log and class names.</summary>
    public void OnCompilationEnd(CompilationAnalysisContext context)
    {
        List<MethodSummary> summaries = _index.Summaries.All();
        if (summaries.Count == 0 && _index.Logs.Count == 0) return;
        var once = Deduplicate(context.ReportDiagnostic);
        FeatureCheck.CheckAdds(_index, summaries, once);
        NameCheck.CheckCompilation(_index, summaries, once);
    }

    // A vectorised substring search over the file's text rejects almost every file before a
    // single token is enumerated; the token scans below then confirm (comments, strings).
    private static bool TextMentionsApi(string text) =>
        TextMentionsApi(text, new Microsoft.CodeAnalysis.Text.TextSpan(0, text.Length))
        || TextMentionsAttribute(text);

    // The API's call and type names inside `span` of the text (a member's span: its tokens lie within it);
    // "GetDecision" also finds GetDecisionsRanked, the generated classes' entry points.
    private static bool TextMentionsApi(string text, Microsoft.CodeAnalysis.Text.TextSpan span) =>
        text.IndexOf("AddFeature", span.Start, span.Length, StringComparison.Ordinal) >= 0
        || text.IndexOf("AutotuneSelectAlgorithm", span.Start, span.Length, StringComparison.Ordinal) >= 0
        || text.IndexOf("AutoHeuristicSelectAlgorithm", span.Start, span.Length, StringComparison.Ordinal) >= 0
        || text.IndexOf("AutoHeuristicDecision", span.Start, span.Length, StringComparison.Ordinal) >= 0
        || text.IndexOf("AHContext", span.Start, span.Length, StringComparison.Ordinal) >= 0
        || text.IndexOf("GetDecision", span.Start, span.Length, StringComparison.Ordinal) >= 0;

    // `word` not preceded or followed by an identifier character: every identifier token spelled
    // `word` (the token scan's test) appears so in the text.
    private static bool TextMentionsWord(string text, string word)
    {
        for (int at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            int end = at + word.Length;
            if ((at == 0 || !IsIdentifierPart(text[at - 1])) && (end == text.Length || !IsIdentifierPart(text[end]))) return true;
        }

        return false;
    }

    private static bool IsIdentifierPart(char c) => c == '_' || char.IsLetterOrDigit(c);

    // "AutoHeuristic" then, after optional whitespace, '(' (C# allows `[AutoHeuristic ("x")]`), or
    // the full "AutoHeuristicAttribute"; `using AutoHeuristic;` alone does not count.
    private static bool TextMentionsAttribute(string text)
    {
        const string Name = "AutoHeuristic";
        for (int at = text.IndexOf(Name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(Name, at + 1, StringComparison.Ordinal))
        {
            int next = at + Name.Length;
            if (string.CompareOrdinal(text, next, "Attribute", 0, "Attribute".Length) == 0) return true;
            while (next < text.Length && char.IsWhiteSpace(text[next])) next++;
            if (next < text.Length && text[next] == '(') return true;
        }

        return false;
    }

    // The identifiers that make a body worth binding (the API's call and type names), and the
    // attribute name that makes a file's classes worth looking at.
    private static void ScanTokens(SyntaxNode node, out bool mentionsApi, out bool mentionsAttribute)
    {
        mentionsApi = false;
        mentionsAttribute = false;
        foreach (SyntaxToken token in node.DescendantTokens())
        {
            if (!token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken)) continue;
            switch (token.ValueText)
            {
                case "AddFeature":
                case "AutotuneSelectAlgorithm":
                case "AutoHeuristicSelectAlgorithm":
                case "AutoHeuristicDecision":
                case "AHContext":
                case "GetDecision":
                case "GetDecisionsRanked":
                    mentionsApi = true;
                    break;
                case "AutoHeuristic":
                case "AutoHeuristicAttribute":
                    mentionsAttribute = true;
                    break;
            }
        }
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
