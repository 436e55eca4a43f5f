using System.Linq;
using System.Threading.Tasks;
using AutoHeuristic.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using NUnit.Framework;

namespace AutoHeuristic.Analyzers.Tests.Rules;

/// <summary>
/// Every mistake that makes decisions fall back at run time is a warning or error of the build:
/// the generated GetDecision call sites are checked like AutoHeuristicDecision's, a constant
/// categorical value no log has is reported with the logs' spelling, messages say what happens.
/// </summary>
public sealed class NoSilentFallbackTests
{
    private static readonly TestLog[] Logs = { TestLog.PadMmSmall() };

    // A hand-written stand-in with the generated class's entry points (the generator is not part of these tests).
    private const string Heuristic = @"
using System.Collections.Generic;
using AutoHeuristic;
using AutoHeuristic.Hardware;

[AutoHeuristic(""pad_mm"")]
static partial class PadMmHeuristic
{
    public static string? GetDecision(AHMetadata metadata, AHContext context) => null;

    public static IReadOnlyList<string>? GetDecisionsRanked(AHMetadata metadata, AHContext context, int topK) => null;
}
";

    private static string Code(string body) => Heuristic + @"
static class Padding
{
    static object? Decide(AHMetadata metadata, long m, long k, long n, string dtype)
    {
        var context = new AHContext();
" + body + @"
    }
}";

    [TestCase("AH2105")]
    [TestCase("AH2110")]
    [TestCase("AH2111")]
    [TestCase("AH2112")]
    [TestCase("AH2113")]
    [TestCase("AH2115")]
    [TestCase("AH2120")]
    [TestCase("AH2121")]
    [TestCase("AH2131")]
    [TestCase("AH2132")]
    public void AMistakeThatMakesDecisionsFallBackIsAtLeastAWarning(string id)
    {
        DiagnosticDescriptor descriptor = new AutoHeuristicUsageAnalyzer().SupportedDiagnostics.Single(d => d.Id == id);
        Assert.That(descriptor.DefaultSeverity, Is.GreaterThanOrEqualTo(DiagnosticSeverity.Warning), "dotnet build prints no Info");
        Assert.That(descriptor.HelpLinkUri, Does.EndWith("docs/diagnostics/" + id + ".md"));
    }

    [Test]
    public Task AGeneratedGetDecisionWhoseContextLacksALoggedFeatureIsAnError() => Verify.AnalyzerAsync(Code(@"
        context.AddFeature(""m"", m);
        context.AddFeature(""n"", n);
        context.AddFeature(""mat1_dtype"", dtype, isCategorical: true);
        return PadMmHeuristic.GetDecision(metadata, {|AH2110:context|});"), Logs);

    [Test]
    public Task AGeneratedRankingIsCheckedToo() => Verify.AnalyzerAsync(Code(@"
        context.AddFeature(""m"", m);
        context.AddFeature(""k"", k);
        context.AddFeature(""n"", n);
        {|AH2111:context.AddFeature(""mat1_dtype"", dtype)|};
        return PadMmHeuristic.GetDecisionsRanked(metadata, context, 2);"), Logs);

    [Test]
    public Task AGeneratedGetDecisionWithEveryFeatureIsCleanAndIgnoresExtraOnes() => Verify.AnalyzerAsync(Code(@"
        context.AddFeature(""m"", m);
        context.AddFeature(""k"", k);
        context.AddFeature(""n"", n);
        context.AddFeature(""mat1_dtype"", dtype, isCategorical: true);
        context.AddFeature(""batch"", 1);
        return PadMmHeuristic.GetDecision(metadata, context);"), Logs);

    [Test]
    public Task AGeneratedGetDecisionReachedThroughAHelperIsChecked() => Verify.AnalyzerAsync(
        new[]
        {
            Heuristic + @"
static class Padding
{
    static string? Decide(AHMetadata metadata, long m)
    {
        var context = Features(m);
        return Ask(metadata, context);
    }

    static AHContext Features(long m)
    {
        var context = new AHContext();
        context.AddFeature(""m"", m);
        return context;
    }

    static string? Ask(AHMetadata metadata, AHContext context) => PadMmHeuristic.GetDecision(metadata, {|#0:context|});
}",
        },
        Logs,
        new[] { "k", "n", "mat1_dtype" }.Select(feature => new DiagnosticResult("AH2110", DiagnosticSeverity.Error).WithLocation(0)
            .WithArguments("pad_mm", feature == "mat1_dtype" ? "categorical" : "numerical", feature)));

    [Test]
    public Task ACategoricalValueNoLogHasIsAWarningWithTheLoggedSpelling() => Verify.AnalyzerAsync(
        new[]
        {
            Code(@"
        context.AddFeature(""m"", m);
        context.AddFeature(""k"", k);
        context.AddFeature(""n"", n);
        context.AddFeature(""mat1_dtype"", {|#0:""float16""|}, isCategorical: true);
        return PadMmHeuristic.GetDecision(metadata, context);"),
        },
        Logs,
        new[] { new DiagnosticResult("AH2115", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("pad_mm", "float16", "mat1_dtype", "; did you mean 'torch.float16'?") });

    [Test]
    public Task AValueAddedInAHelperIsCheckedAgainstTheCallersLogs() => Verify.AnalyzerAsync(Heuristic + @"
static class Padding
{
    static string? Decide(AHMetadata metadata, long m, long k, long n)
    {
        var context = Features(m, k, n);
        return PadMmHeuristic.GetDecision(metadata, context);
    }

    static AHContext Features(long m, long k, long n)
    {
        var context = new AHContext();
        context.AddFeature(""m"", m);
        context.AddFeature(""k"", k);
        context.AddFeature(""n"", n);
        context.AddFeature(""mat1_dtype"", {|AH2115:""torch.float32""|}, isCategorical: true);
        return context;
    }
}", Logs);

    [Test]
    public Task AValueFarFromEveryLoggedOneHasNoSuggestion() => Verify.AnalyzerAsync(
        new[]
        {
            Code(@"
        context.AddFeature(""m"", m);
        context.AddFeature(""k"", k);
        context.AddFeature(""n"", n);
        context.AddFeature(""mat1_dtype"", {|#0:""int8""|}, isCategorical: true);
        return new AutoHeuristicDecision(() => ""autotune"", new[] { ""orig"", ""pad"" }, null, context, ""pad_mm"").GetChoice();"),
        },
        Logs,
        new[] { new DiagnosticResult("AH2115", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("pad_mm", "int8", "mat1_dtype", "") });

    [Test]
    public Task ALoggedValueAndAValueKnownOnlyAtRunTimeAreClean() => Verify.AnalyzerAsync(Code(@"
        context.AddFeature(""m"", m);
        context.AddFeature(""k"", k);
        context.AddFeature(""n"", n);
        context.AddFeature(""mat1_dtype"", m > 0 ? dtype : ""torch.float16"", isCategorical: true);
        var other = new AHContext();
        other.AddFeature(""m"", m);
        other.AddFeature(""k"", k);
        other.AddFeature(""n"", n);
        other.AddFeature(""mat1_dtype"", ""torch.float16"", isCategorical: true);
        return PadMmHeuristic.GetDecision(metadata, context) ?? PadMmHeuristic.GetDecision(metadata, other);"), Logs);

    [Test]
    public Task ABooleanCategoryIsComparedAsPythonWritesIt() => Verify.AnalyzerAsync(
        new[]
        {
            Code(@"
        context.AddFeature(""m"", m);
        context.AddFeature(""prepadded"", {|#0:true|}, isCategorical: true);
        return PadMmHeuristic.GetDecision(metadata, context);"),
        },
        new[]
        {
            TestLog.Create("/logs/pad_mm.txt", "pad_mm", new[] { "m" }, new[] { "prepadded" }, new[] { "m", "prepadded" },
                "1024,False,orig,0.5", "1024,False,pad,0.25"),
        },
        new[] { new DiagnosticResult("AH2115", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("pad_mm", "True", "prepadded", "") });

    [Test]
    public Task AFeatureAddedTwiceSaysThatItThrows() => Verify.AnalyzerAsync(
        new[]
        {
            Code(@"
        context.AddFeature(""m"", m);
        context.AddFeature(""k"", k);
        context.AddFeature(""n"", n);
        context.AddFeature(""mat1_dtype"", dtype, isCategorical: true);
        {|#0:context.AddFeature(""k"", k + 1)|};
        return PadMmHeuristic.GetDecision(metadata, context);"),
        },
        Logs,
        new[] { new DiagnosticResult("AH2112", DiagnosticSeverity.Warning).WithLocation(0).WithMessage("Feature 'k' is already added to this context at line 21; this second AddFeature throws an ArgumentException at run time") });
}
