using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using AutoHeuristic.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoHeuristic.CodeFixes;

/// <summary>
/// AH2110: inserts the missing <c>AddFeature</c> call, with the logs' categorical flag, right
/// before the statement that passes the context to the heuristic. The value cannot be known, so
/// it is a placeholder of the right kind (<c>""</c> for categorical, <c>0</c> for numerical)
/// followed by a comment asking for the real one.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddMissingFeatureCodeFixProvider)), Shared]
public sealed class AddMissingFeatureCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.MissingFeature.Id);

    // Several features are usually missing at once; each insert is independent text, so batching is safe.
    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.FeatureName, out string? feature) || feature is null
                || !diagnostic.Properties.TryGetValue(DiagnosticProperties.ContextExpression, out string? contextText) || string.IsNullOrEmpty(contextText))
            {
                continue;
            }

            bool categorical = diagnostic.Properties.TryGetValue(DiagnosticProperties.IsCategorical, out string? flag) && flag == "true";
            SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            StatementSyntax? statement = node.FirstAncestorOrSelf<StatementSyntax>();
            if (statement?.Parent is not BlockSyntax block) continue;

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add the {(categorical ? "categorical" : "numerical")} feature \"{feature}\"",
                    _ =>
                    {
                        StatementSyntax added = CreateAddFeature(contextText!, feature!, categorical, statement.GetLeadingTrivia(), statement.GetTrailingTrivia());
                        BlockSyntax newBlock = block.WithStatements(block.Statements.Insert(block.Statements.IndexOf(statement), added));
                        return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(block, newBlock)));
                    },
                    equivalenceKey: nameof(AddMissingFeatureCodeFixProvider) + feature),
                diagnostic);
        }
    }

    private static StatementSyntax CreateAddFeature(string contextText, string feature, bool categorical, SyntaxTriviaList leadingTrivia, SyntaxTriviaList trailingTrivia)
    {
        string placeholder = categorical ? "\"\"" : "0";
        string text = $"{contextText}.AddFeature({SymbolDisplay.FormatLiteral(feature, quote: true)}, {placeholder} /* TODO: the value of {feature.Replace("*/", "* /")} */, isCategorical: {(categorical ? "true" : "false")});";
        // Same indentation and line ending as the statement it goes before.
        return SyntaxFactory.ParseStatement(text).WithLeadingTrivia(leadingTrivia).WithTrailingTrivia(trailingTrivia);
    }
}
