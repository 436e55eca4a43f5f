using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AutoHeuristic.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoHeuristic.CodeFixes;

/// <summary>
/// AH2103: stops the change from reaching the collection the selector and the autotuner share.
/// <c>choices.AddRange(extra);</c> becomes <c>var choicesWithChanges = new List&lt;T&gt;(choices); choicesWithChanges.AddRange(extra);</c>
/// and <c>choices = other;</c> becomes <c>var choicesWithChanges = other;</c>; code after it keeps
/// using the original, so the autotune call sees what the selector saw.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CopyChoicesCodeFixProvider)), Shared]
public sealed class CopyChoicesCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.ChoicesMutatedBeforeAutotune.Id);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null; // each copy needs its own name: fix one at a time

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node.FirstAncestorOrSelf<ExpressionStatementSyntax>() is not { Parent: BlockSyntax } statement) continue;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Change a copy of the choices instead",
                    ct => Task.FromResult(Rewrite(context.Document, root, model, statement, ct)),
                    equivalenceKey: nameof(CopyChoicesCodeFixProvider)),
                diagnostic);
        }
    }

    private static Document Rewrite(Document document, SyntaxNode root, SemanticModel model, ExpressionStatementSyntax statement, CancellationToken cancellationToken)
    {
        var block = (BlockSyntax)statement.Parent!;
        SyntaxTriviaList indent = statement.GetLeadingTrivia();
        StatementSyntax[] replacement;
        switch (statement.Expression)
        {
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax collection } access } invocation:
            {
                string copy = FreeName(model, statement.SpanStart, collection.Identifier.ValueText + "WithChanges");
                ITypeSymbol? type = model.GetTypeInfo(collection, cancellationToken).Type;
                string element = ElementType(type);
                StatementSyntax declare = SyntaxFactory.ParseStatement($"var {copy} = new global::System.Collections.Generic.List<{element}>({collection.Identifier.ValueText});")
                    .WithLeadingTrivia(indent).WithTrailingTrivia(statement.GetTrailingTrivia());
                ExpressionStatementSyntax changed = statement.WithExpression(invocation.WithExpression(access.WithExpression(SyntaxFactory.IdentifierName(copy).WithTriviaFrom(collection))));
                replacement = new[] { declare, changed };
                break;
            }

            case AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression):
            {
                string copy = FreeName(model, statement.SpanStart, target.Identifier.ValueText + "WithChanges");
                StatementSyntax declare = SyntaxFactory.ParseStatement($"var {copy} = {assignment.Right.WithoutTrivia().ToFullString()};")
                    .WithTriviaFrom(statement);
                replacement = new[] { declare };
                break;
            }

            default:
                return document;
        }

        BlockSyntax newBlock = block.WithStatements(block.Statements.ReplaceRange(statement, replacement));
        return document.WithSyntaxRoot(root.ReplaceNode(block, newBlock));
    }

    private static string ElementType(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { TypeArguments.Length: 1 } named)
        {
            return named.TypeArguments[0].ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        }

        return type is IArrayTypeSymbol array ? array.ElementType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : "object";
    }

    private static string FreeName(SemanticModel model, int position, string name)
    {
        string candidate = name;
        for (int i = 2; model.LookupSymbols(position, name: candidate).Length > 0; i++) candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return candidate;
    }
}
