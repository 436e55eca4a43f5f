using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;

namespace AutoHeuristic.Generator.Tests.Injection;

/// <summary>
/// The shape of generated code, to compare the code for hostile names with the code for benign
/// ones: how many nodes, tokens and trivia of each kind it has (the text of literals and
/// comments aside). Equal shapes mean no name added a statement, a member, a directive or a comment line.
/// </summary>
internal static class CodeShape
{
    /// <summary>Parse options with XML doc comments parsed and checked (CS1570 and friends are reported).</summary>
    public static CSharpParseOptions Options { get; } = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>Parses <paramref name="source"/> with <see cref="Options"/>.</summary>
    public static SyntaxTree Parse(string source, string path = "/gen/Generated.cs") => CSharpSyntaxTree.ParseText(source, Options, path);

    /// <summary>Every tree of <paramref name="compilation"/> parsed again with <see cref="Options"/>, so doc comments are checked too.</summary>
    public static Compilation WithDocumentationChecks(Compilation compilation) =>
        compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(t => Parse(t.GetText().ToString(), t.FilePath)));

    /// <summary>Counts of each kind of node, token and trivia, doc comment structure included, as "Kind: n" lines.</summary>
    public static string Of(SyntaxTree tree)
    {
        var counts = new SortedDictionary<string, int>(System.StringComparer.Ordinal);
        void Count(string key) => counts[key] = counts.TryGetValue(key, out int n) ? n + 1 : 1;
        SyntaxNode root = tree.GetRoot();
        foreach (SyntaxNodeOrToken item in root.DescendantNodesAndTokensAndSelf(descendIntoTrivia: true))
        {
            SyntaxKind kind = item.Kind();
            // XML text is split into tokens at entities (&amp;): its token count depends on the text.
            if (kind is SyntaxKind.XmlTextLiteralToken or SyntaxKind.XmlEntityLiteralToken) continue;
            Count((item.IsNode ? "node " : "token ") + kind);
        }

        foreach (SyntaxTrivia trivia in root.DescendantTrivia(descendIntoTrivia: true)) Count("trivia " + trivia.Kind());
        return string.Join("\n", counts.Select(kv => kv.Key + ": " + kv.Value));
    }

    /// <summary>
    /// Asserts what no hostile name may change in a generated file: one directive (<c>#nullable enable</c>),
    /// only <c>//</c> and <c>///</c> comments, nothing skipped or disabled, no parse diagnostics.
    /// </summary>
    public static void AssertClean(SyntaxTree tree)
    {
        SyntaxNode root = tree.GetRoot();
        var directives = root.DescendantTrivia(descendIntoTrivia: true).Where(t => t.IsDirective).Select(t => t.Kind()).ToList();
        Assert.That(directives, Is.EqualTo(new[] { SyntaxKind.NullableDirectiveTrivia }), "directives");
        var kinds = root.DescendantTrivia(descendIntoTrivia: true).Select(t => t.Kind()).ToHashSet();
        Assert.That(kinds, Has.None.AnyOf(SyntaxKind.MultiLineCommentTrivia, SyntaxKind.MultiLineDocumentationCommentTrivia, SyntaxKind.SkippedTokensTrivia, SyntaxKind.DisabledTextTrivia));
        Assert.That(tree.GetDiagnostics(), Is.Empty);
    }
}
