using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoHeuristic.CodeFixes;

/// <summary>
/// The generator's AH2001 (an <c>[AutoHeuristic]</c> class is not partial) and AH2002 (a type
/// containing it is not partial): adds <c>partial</c> to the class and to every containing type
/// declaration that lacks it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider)), Shared]
public sealed class MakePartialCodeFixProvider : CodeFixProvider
{
    /// <summary>The generator's "class not partial" diagnostic.</summary>
    public const string ClassNotPartialId = "AH2001";

    /// <summary>The generator's "containing type not partial" diagnostic.</summary>
    public const string ContainingTypeNotPartialId = "AH2002";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(ClassNotPartialId, ContainingTypeNotPartialId);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            TypeDeclarationSyntax? type = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
            if (type is null) continue;
            TypeDeclarationSyntax[] toChange = type.AncestorsAndSelf().OfType<TypeDeclarationSyntax>()
                .Where(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword)).ToArray();
            if (toChange.Length == 0) continue;
            context.RegisterCodeFix(
                CodeAction.Create(
                    toChange.Length == 1 ? $"Make '{toChange[0].Identifier.ValueText}' partial" : "Make the class and its containing types partial",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNodes(toChange, (_, rewritten) => AddPartial(rewritten)))),
                    equivalenceKey: nameof(MakePartialCodeFixProvider)),
                diagnostic);
        }
    }

    // `partial` must come last among the modifiers (right before class/struct/record).
    private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax type)
    {
        if (type.Modifiers.Any(SyntaxKind.PartialKeyword)) return type;
        if (type.Modifiers.Count == 0)
        {
            SyntaxToken keyword = type.Keyword;
            SyntaxToken partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return type.WithKeyword(keyword.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(partial));
        }

        return type.WithModifiers(type.Modifiers.Add(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
    }
}
