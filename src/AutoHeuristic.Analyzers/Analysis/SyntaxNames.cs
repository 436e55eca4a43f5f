using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoHeuristic.Analyzers.Analysis;

/// <summary>Cheap, syntax-only name checks used before any symbol is bound.</summary>
internal static class SyntaxNames
{
    /// <summary>The rightmost simple name of an invoked expression or a type (<c>a.B&lt;T&gt;</c> → <c>B</c>).</summary>
    public static string? SimpleName(SyntaxNode? node) => node switch
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
}
