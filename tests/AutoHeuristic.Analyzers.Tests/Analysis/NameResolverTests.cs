using System.Linq;
using AutoHeuristic.Analyzers.Analysis;
using AutoHeuristic.Analyzers.Tests.Infrastructure;
using NUnit.Framework;

namespace AutoHeuristic.Analyzers.Tests.Analysis;

/// <summary><see cref="NameResolver"/>: a site's name through constants, locals and every caller.</summary>
public sealed class NameResolverTests
{
    private const string Source = @"
using AutoHeuristic;

static class Sites
{
    public static string Ask(AHContext context, string name = ""fallback"") =>
        new AutoHeuristicDecision(() => ""x"", new[] { ""x"", ""y"" }, null, context, name).GetChoice();

    static string Local(AHContext context)
    {
        string name = ""local_name"";
        return new AutoHeuristicDecision(() => ""x"", new[] { ""x"", ""y"" }, null, context, name).GetChoice();
    }
}

static class Callers
{
    const string Mm = ""mm"";

    static string A(AHContext c) => Sites.Ask(c, ""pad_mm"");

    static string B(AHContext c) => Forward(c, Mm);

    static string Forward(AHContext c, string n) => Sites.Ask(c, n);

    static string Again(AHContext c) => Sites.Ask(c, ""pad_mm"");

    static string Default(AHContext c) => Sites.Ask(c);
}";

    [Test]
    public void A_parameter_has_every_name_its_callers_pass_each_once_in_caller_order()
    {
        var program = IndexedProgram.Of(Source);
        MethodSummary ask = program.Summary("Sites", "Ask");

        Assert.That(program.Index.Names.Of(ask, ask.Sites.Single()), Is.EqualTo(new[] { "pad_mm", "mm", "fallback" }));
    }

    [Test]
    public void A_local_assigned_one_constant_is_that_constant()
    {
        var program = IndexedProgram.Of(Source);
        MethodSummary local = program.Summary("Sites", "Local");

        Assert.That(program.Index.Names.Of(local, local.Sites.Single()), Is.EqualTo(new[] { "local_name" }));
    }

    [Test]
    public void One_caller_with_a_name_from_elsewhere_makes_the_names_unknown()
    {
        var program = IndexedProgram.Of(Source, "static class Unknown { static string U(AutoHeuristic.AHContext c, System.Func<string> f) => Sites.Ask(c, f()); }");
        MethodSummary ask = program.Summary("Sites", "Ask");

        Assert.That(program.Index.Names.Of(ask, ask.Sites.Single()), Is.Null);
    }

    [Test]
    public void A_parameter_without_callers_is_unknown()
    {
        var program = IndexedProgram.Of("static class Lone { static string Ask(AutoHeuristic.AHContext c, string n) => new AutoHeuristic.AutoHeuristicDecision(() => \"x\", new[] { \"x\" }, null, c, n).GetChoice(); }");
        MethodSummary ask = program.Summary("Lone", "Ask");

        Assert.That(program.Index.Names.Resolve(ask, ask.Sites.Single().Name.Value), Is.Null);
    }
}
