using System;
using System.Threading.Tasks;
using AutoHeuristic.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using NUnit.Framework;

namespace AutoHeuristic.Analyzers.Tests.Rules;

/// <summary>
/// The analyzer narrows its work with substring searches (which member bodies to bind, which
/// invocations may call a helper): spellings those searches could miss or mistake must still be
/// found, so every caller and every site counts.
/// </summary>
public sealed class TextSearchTests
{
    private static readonly TestLog[] Logs = { TestLog.PadMmSmall() };

    // Ask's name comes from its callers; the first one passes a constant.
    private const string Helper = @"
using AutoHeuristic;

[AutoHeuristic(""pad_mm"")]
static partial class PadMmHeuristic { }

static class Padding
{
    // Ask( in a comment before the call, and Ask inside longer names: AskLater, Asked
    static string Decide(long m, long k, string dtype) => Padding.@Ask(m, k, dtype, ""pad_mm"");

    static int AskLater(int asked) => asked;

    public static string Ask(long m, long k, string dtype, string name)
    {
        var context = new AHContext();
        context.AddFeature(""m"", m);
        context.AddFeature(""k"", k);
        context.AddFeature(""mat1_dtype"", dtype, isCategorical: true);
        return new AutoHeuristicDecision(() => ""autotune"", new[] { ""orig"", ""pad"" }, null, CONTEXT, NAME).GetChoice();
    }
}";

    [Test]
    public Task CallersWithConstantNamesOnlyLetTheFeaturesBeChecked() => Verify.AnalyzerAsync(
        Helper.Replace("CONTEXT", "{|AH2110:context|}").Replace("NAME", "name"), Logs);

    // A second caller in another file passes a name the analysis cannot know: the site's name is
    // then unknown (AH2114) instead of checked against the logs (AH2110). Each spelling of that
    // call must therefore be found, a Unicode-escaped one included.
    [TestCase("Padding.Ask(m, k, dtype, name)")]
    [TestCase("global::Padding.Ask(m, k, dtype, name)")]
    [TestCase("Padding.@Ask(m, k, dtype, name)")]
    [TestCase("Padding.\\u0041sk(m, k, dtype, name)")]
    [TestCase("Padding . Ask (m, k, dtype, name)")]
    public Task EveryCallerOfAHelperIsFound(string call) => Verify.AnalyzerAsync(
        new[]
        {
            Helper.Replace("CONTEXT", "context").Replace("NAME", "{|AH2114:name|}"),
            @"
static class Other
{
    static string Forward(long m, long k, string dtype, string name) => " + call + @";
}",
        },
        Logs,
        Array.Empty<DiagnosticResult>());

    // A site spelled only with a Unicode escape is still bound and checked (AH2131, AH2132 live).
    [Test]
    public Task SiteSpelledWithAUnicodeEscapeIsChecked() => Verify.AnalyzerAsync(@"
using AutoHeuristic;

[AutoHeuristic(""pad_mm"")]
static partial class PadMmHeuristic { }

static class Padding
{
    static AHContext Make(long m, long k, long n, string dtype)
    {
        var context = new AHContext();
        context.AddFeature(""m"", m);
        context.AddFeature(""k"", k);
        context.AddFeature(""n"", n);
        context.AddFeature(""mat1_dtype"", dtype, isCategorical: true);
        return context;
    }

    static string Decide(long m, long k, long n, string dtype) =>
        new \u0041utoHeuristicDecision(() => ""autotune"", new[] { ""orig"", ""pad"" }, null, Make(m, k, n, dtype), {|AH2131:{|AH2132:""pad-mm""|}|}).GetChoice();
}", Logs);
}
