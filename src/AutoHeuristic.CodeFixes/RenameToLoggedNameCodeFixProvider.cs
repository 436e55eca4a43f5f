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
/// AH2132, AH2121 and AH2115: renames a heuristic-name, choice or categorical-value string literal
/// to the spelling the training logs use (the analyzer puts it in the diagnostic's <c>Replacement</c>
/// property; AH2115 has one only when a logged value is close).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RenameToLoggedNameCodeFixProvider)), Shared]
public sealed class RenameToLoggedNameCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.HeuristicNameNearMiss.Id, DiagnosticDescriptors.ChoiceNearMiss.Id, DiagnosticDescriptors.CategoryNotInLogs.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Replacement, out string? replacement) || replacement is null) continue;
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal
                || !literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                continue; // the name comes from a constant declared elsewhere: nothing to rename here
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Use the logs' spelling \"{replacement}\"",
                    _ =>
                    {
                        LiteralExpressionSyntax renamed = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(replacement))
                            .WithTriviaFrom(literal);
                        return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(literal, renamed)));
                    },
                    equivalenceKey: nameof(RenameToLoggedNameCodeFixProvider)),
                diagnostic);
        }
    }
}
