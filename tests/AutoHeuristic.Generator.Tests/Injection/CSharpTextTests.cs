using System.Globalization;
using System.Linq;
using System.Net;
using AutoHeuristic.Learning.CodeGen;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NUnit.Framework;

namespace AutoHeuristic.Generator.Tests.Injection;

/// <summary>The one escaping function of generated code, checked against Roslyn's own lexer and parser.</summary>
public class CSharpTextTests
{
    private static readonly MetadataReference[] CoreLibrary = { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) };

    private static readonly Gen<string> Hostile = Gen.OneOf(HostileText.Any, Gen.String, Gen.Char.Array[0, 12].Select(c => new string(c)));

    [Test]
    public void AStringLiteralIsPrintableAsciiAndYieldsExactlyTheString()
    {
        Hostile.Sample(value =>
        {
            string literal = CSharpText.StringLiteral(value);
            Assert.That(literal.All(c => c >= ' ' && c <= '~'), Is.True, literal);
            var expression = SyntaxFactory.ParseExpression(literal);
            Assert.That(expression.GetDiagnostics(), Is.Empty, literal);
            Assert.That(expression.Kind(), Is.EqualTo(SyntaxKind.StringLiteralExpression), literal);
            Assert.That(((LiteralExpressionSyntax)expression).Token.ValueText, Is.EqualTo(value), literal);
        }, iter: 2000);
    }

    [Test]
    public void CommentTextIsOneCommentWhateverItHolds()
    {
        Hostile.Sample(text =>
        {
            string comment = "// " + CSharpText.CommentText(text);
            SyntaxTree tree = CodeShape.Parse("class C\n{\n    void M()\n    {\n        " + comment + "\n    }\n}\n");
            Assert.That(tree.GetDiagnostics(), Is.Empty, comment);
            var comments = tree.GetRoot().DescendantTrivia().Where(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia)).Select(t => t.ToString()).ToList();
            Assert.That(comments, Is.EqualTo(new[] { comment }));
            Assert.That(tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single().Body!.Statements, Is.Empty, comment);
            Assert.That(tree.GetRoot().DescendantTrivia().Count(t => t.IsDirective), Is.Zero, comment);
            Assert.That(tree.GetText().Lines.Count, Is.EqualTo(8), "no line break of any kind was added");
        }, iter: 2000);
    }

    [Test]
    public void CommentTextKeepsPrintableTextReadableAndEscapesTheRest()
    {
        Assert.That(CSharpText.CommentText("pad_mm é 日本 ß 😀 <a> & \"q\" 'x'"), Is.EqualTo("pad_mm é 日本 ß 😀 <a> & \"q\" 'x'"));
        Assert.That(CSharpText.CommentText("a\nb\r\u0085\u2028\u2029"), Is.EqualTo("a\\nb\\r\\u0085\\u2028\\u2029"));
        Assert.That(CSharpText.CommentText("\u202eevil\u2066\u200b\ufeff"), Is.EqualTo("\\u202eevil\\u2066\\u200b\\ufeff"), "bidirectional and zero-width controls (Trojan Source)");
        Assert.That(CSharpText.CommentText("\ud800x\udc00"), Is.EqualTo("\\ud800x\\udc00"), "lone surrogates");
        Assert.That(CSharpText.CommentText("\udb40\udc01"), Is.EqualTo("\\U000e0001"), "a format character outside the BMP");
        Assert.That(CSharpText.CommentText("\0\t\u0001\u00a0"), Is.EqualTo("\\0\\t\\u0001\\u00a0"));
        Assert.That(CSharpText.CommentText("\\u2028"), Is.EqualTo("\\\\u2028"), "a backslash is doubled, so an escape never reads as the character");
    }

    [Test]
    public void XmlDocTextIsWellFormedDocumentationOnOneLine()
    {
        Hostile.Sample(text =>
        {
            string line = "/// <summary>" + CSharpText.XmlDocText(text) + "</summary>";
            SyntaxTree tree = CodeShape.Parse(line + "\npublic class C\n{\n}\n");
            var compilation = CSharpCompilation.Create("Docs", new[] { tree }, CoreLibrary, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.That(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty, line);
            var doc = tree.GetRoot().DescendantTrivia().Single(t => t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia));
            var summary = ((DocumentationCommentTriviaSyntax)doc.GetStructure()!).Content.OfType<XmlElementSyntax>().Single();
            string content = WebUtility.HtmlDecode(string.Concat(summary.Content.Select(c => c.ToString())));
            Assert.That(content, Is.EqualTo(CSharpText.CommentText(text)), line);
        }, iter: 300);
    }

    [Test]
    public void EveryKeywordIsRefusedAsAnIdentifier()
    {
        var reserved = SyntaxFacts.GetReservedKeywordKinds().Select(SyntaxFacts.GetText).ToList();
        Assert.That(reserved, Has.Count.GreaterThan(70));
        Assert.That(reserved.Where(k => CSharpText.IdentifierProblem(k) is null), Is.Empty, "reserved keywords accepted as identifiers");
        var contextual = SyntaxFacts.GetContextualKeywordKinds().Select(SyntaxFacts.GetText).Where(SyntaxFacts.IsValidIdentifier).ToList();
        Assert.That(contextual, Does.Contain("yield").And.Contain("partial"));
        Assert.That(contextual.Where(k => CSharpText.TypeNameProblem(k) is null), Is.Empty, "contextual keywords accepted as type names");
    }

    [Test]
    public void AnAcceptedIdentifierIsOneForRoslynAndViceVersaWithoutFormatCharacters()
    {
        Gen<char> chars = Gen.OneOf(Gen.Char['a', 'z'], Gen.Char['A', 'Z'], Gen.Char['0', '9'], Gen.OneOfConst('_', '@', '.', ' ', '-', 'é', 'Ω', '日', '\u0300', '\u0903', '\u203f', '\u2160', '\u00ad', '\u200b', '\u202e', '\ud800', '\u0660'), Gen.Char);
        chars.Array[0, 8].Select(c => new string(c)).Sample(name =>
        {
            bool accepted = CSharpText.IdentifierProblem(name) is null;
            bool roslyn = SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;
            bool hasFormat = name.Any(c => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format);
            if (accepted) Assert.That(roslyn, Is.True, CSharpText.StringLiteral(name));
            else if (!hasFormat) Assert.That(roslyn, Is.False, CSharpText.StringLiteral(name));
        }, iter: 5000);
    }

    [TestCase("LearnedHeuristics", null)]
    [TestCase("Trees2", null)]
    [TestCase("_private", null)]
    [TestCase("Épée", null)]
    [TestCase("", "empty")]
    [TestCase("1Trees", "must start with a letter")]
    [TestCase("My Trees", "' ' (at 3)")]
    [TestCase("Trees\u2028", "\\u2028")]
    [TestCase("Tr\u202eees", "\\u202e")]
    [TestCase("class", "keyword")]
    [TestCase("@Trees", "must start with a letter")]
    [TestCase("trees", "CS8981")]
    [TestCase("record", "CS8981")]
    public void TypeNames(string name, string? problem)
    {
        string? actual = CSharpText.TypeNameProblem(name);
        if (problem is null) Assert.That(actual, Is.Null);
        else Assert.That(actual, Does.Contain(problem));
    }

    [TestCase("MyApp", null)]
    [TestCase("MyApp.Heuristics", null)]
    [TestCase("myapp.heuristics", null)]
    [TestCase("MyApp.", "empty")]
    [TestCase("My..App", "empty")]
    [TestCase("MyApp.class", "keyword")]
    [TestCase("global.MyApp", "global")]
    [TestCase("MyApp;\nclass X", "not a namespace")]
    public void Namespaces(string name, string? problem)
    {
        string? actual = CSharpText.NamespaceProblem(name);
        if (problem is null) Assert.That(actual, Is.Null);
        else Assert.That(actual, Does.Contain(problem));
    }
}
