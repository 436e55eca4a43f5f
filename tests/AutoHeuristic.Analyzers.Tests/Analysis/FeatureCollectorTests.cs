using System.Linq;
using AutoHeuristic.Analyzers.Analysis;
using AutoHeuristic.Analyzers.Tests.Infrastructure;
using NUnit.Framework;

namespace AutoHeuristic.Analyzers.Tests.Analysis;

/// <summary><see cref="FeatureCollector"/>: the AddFeature calls that reach a site's context, across methods.</summary>
public sealed class FeatureCollectorTests
{
    private const string Source = @"
using AutoHeuristic;

static class Features
{
    static AHContext Create(long m)
    {
        var context = new AHContext();
        context.AddFeature(""m"", m);
        return context;
    }

    static void AddK(AHContext target, long k) => target.AddFeature(""k"", k);

    static void AddNamed(AHContext target, int i) => target.AddFeature($""dim_{i}"", i);

    public static string Site(AHContext context) =>
        new AutoHeuristicDecision(() => ""x"", new[] { ""x"", ""y"" }, null, context, ""pad_mm"").GetChoice();

    static string Caller(long m, long k)
    {
        AHContext context = Create(m);
        AddK(context, k);
        AddNamed(context, 0);
        context.AddFeature(""n"", 3L);
        return Site(context);
    }
}";

    [Test]
    public void Adds_in_the_caller_its_helpers_and_the_creating_helper_all_count()
    {
        var program = IndexedProgram.Of(Source);
        MethodSummary site = program.Summary("Features", "Site");
        FeatureSet features = program.Index.Features.Of(site, site.Sites.Single());

        Assert.That(features.Adds.Select(a => a.Name ?? "pattern"), Is.EquivalentTo(new[] { "n", "k", "pattern", "m" }));
        Assert.That(features.Incomplete, Is.False);
        Assert.That((features.MayAdd("m"), features.MayAdd("dim_7"), features.MayAdd("other")), Is.EqualTo((true, true, false)));
    }

    [Test]
    public void A_context_handed_to_code_out_of_sight_makes_the_set_incomplete()
    {
        var program = IndexedProgram.Of(Source.Replace("AddNamed(context, 0);", "System.GC.KeepAlive(context);"));
        MethodSummary site = program.Summary("Features", "Site");
        FeatureSet features = program.Index.Features.Of(site, site.Sites.Single());

        Assert.That(features.Incomplete, Is.True);
        Assert.That(features.Adds.Select(a => a.Name), Is.EquivalentTo(new[] { "n", "k", "m" }), "what is in sight still counts");
    }

    [Test]
    public void A_context_parameter_without_callers_has_its_own_adds_and_is_incomplete()
    {
        var program = IndexedProgram.Of("static class Lone { static void Add(AutoHeuristic.AHContext target) => target.AddFeature(\"k\", 1L); }");
        MethodSummary add = program.Summary("Lone", "Add");
        FeatureSet features = program.Index.Features.Collect(add, add.FeatureAdds.Single().Target);

        Assert.That(features.Adds.Select(a => a.Name), Is.EqualTo(new[] { "k" }));
        Assert.That(features.Incomplete, Is.True, "any caller could add more");
    }
}
