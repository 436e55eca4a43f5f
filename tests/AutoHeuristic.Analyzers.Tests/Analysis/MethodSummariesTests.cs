using System.Linq;
using AutoHeuristic.Analyzers.Analysis;
using AutoHeuristic.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NUnit.Framework;

namespace AutoHeuristic.Analyzers.Tests.Analysis;

/// <summary><see cref="MethodSummaries"/>: one summary per body, whoever asks, listed in source order.</summary>
public sealed class MethodSummariesTests
{
    private const string Source = @"
using System;
using AutoHeuristic;

static class B
{
    static int Field = Helper();

    static int Helper() => 1;

    static string Second(AHContext context) => new AutoHeuristicDecision(() => ""x"", new[] { ""x"", ""y"" }, null, context, ""n"").GetChoice();

    static void First(AHContext context)
    {
        Func<int> later = () => Helper();
        context.AddFeature(""m"", 1L);
    }
}";

    [Test]
    public void A_body_is_summarised_once_whether_asked_by_symbol_or_by_syntax()
    {
        var program = IndexedProgram.Of(Source);
        IMethodSymbol first = program.Method("B", "First");
        SyntaxNode body = first.DeclaringSyntaxReferences.Single().GetSyntax();
        MethodSummary bySymbol = program.Index.Summaries.Of(first)!;
        MethodSummary bySyntax = program.Index.Summaries.OfBody(body, program.Compilation.GetSemanticModel(body.SyntaxTree))!;

        Assert.That(bySyntax, Is.SameAs(bySymbol));
        Assert.That(bySymbol.FeatureAdds.Select(a => a.Name), Is.EqualTo(new[] { "m" }));
        Assert.That(program.Index.Summaries.Of(program.Method("System.Object", "ToString")), Is.Null, "no source");
    }

    [Test]
    public void All_lists_the_built_summaries_in_source_order()
    {
        var program = IndexedProgram.Of(Source);
        program.Index.Summaries.Of(program.Method("B", "First"));
        program.Index.Summaries.Of(program.Method("B", "Second"));

        Assert.That(program.Index.Summaries.All().Select(s => s.Method.Name), Is.EqualTo(new[] { "Second", "First" }));
    }

    [Test]
    public void The_enclosing_body_of_a_lambda_is_its_member_and_a_field_initializer_has_none()
    {
        var program = IndexedProgram.Of(Source);
        SyntaxNode root = program.Compilation.SyntaxTrees.Single().GetRoot();
        InvocationExpressionSyntax[] helperCalls = root.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(i => i.Expression.ToString() == "Helper").ToArray();

        Assert.That(MethodSummaries.EnclosingBody(helperCalls[0]), Is.Null, "field initializer");
        Assert.That(((MethodDeclarationSyntax)MethodSummaries.EnclosingBody(helperCalls[1])!).Identifier.Text, Is.EqualTo("First"));
    }

    [Test]
    public void Syntax_prechecks_see_site_creations_and_autotune_calls()
    {
        var program = IndexedProgram.Of(Source);
        Assert.That(program.Index.Summaries.MayCreateSite(program.Method("B", "Second")), Is.True);
        Assert.That(program.Index.Summaries.MayCreateSite(program.Method("B", "First")), Is.False);
        Assert.That(program.Index.Summaries.MayAutotune(program.Method("B", "Second")), Is.False);
    }
}
