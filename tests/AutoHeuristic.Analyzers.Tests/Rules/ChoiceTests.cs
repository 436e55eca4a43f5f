using System.Threading.Tasks;
using AutoHeuristic.Analyzers.Tests.Infrastructure;
using NUnit.Framework;

namespace AutoHeuristic.Analyzers.Tests.Rules;

/// <summary>Rule 3: offered choices against learned choices (AH2120, AH2121).</summary>
public sealed class ChoiceTests
{
    private static readonly TestLog[] Logs = { TestLog.PadMmSmall() };

    private static string Code(string choices) => @"
using System.Collections.Generic;
using AutoHeuristic;

[AutoHeuristic(""pad_mm"")]
static partial class PadMmHeuristic { }

static class Padding
{
    static string Decide(long m, long k, long n, string dtype)
    {
        var context = new AHContext();
        context.AddFeature(""m"", m);
        context.AddFeature(""k"", k);
        context.AddFeature(""n"", n);
        context.AddFeature(""mat1_dtype"", dtype, isCategorical: true);
        " + choices + @"
        return new AutoHeuristicDecision(() => ""autotune"", choices, null, context, ""pad_mm"").GetChoice();
    }
}";

    [TestCase(@"string[] choices = { ""orig"", ""pad"" };")]
    [TestCase(@"var choices = new[] { ""pad"", ""orig"", ""pad_k_only"" };")]
    [TestCase(@"var choices = new List<string> { ""orig"", ""pad"" };")]
    [TestCase(@"IReadOnlyList<string> choices = [""orig"", ""pad""];")]
    public Task OfferingEveryLearnedChoiceIsClean(string choices) => Verify.AnalyzerAsync(Code(choices), Logs);

    [Test]
    public Task LearnedChoiceNeverOfferedIsAWarning() => Verify.AnalyzerAsync(Code(@"var choices = {|AH2120:new[] { ""orig"" }|};"), Logs);

    [TestCase("Pad")]
    [TestCase("pad ")]
    [TestCase(" PAD")]
    public Task ChoiceDifferingOnlyInCaseOrWhitespaceIsAWarning(string nearMiss) =>
        Verify.AnalyzerAsync(Code(@"var choices = new[] { ""orig"", {|AH2121:""" + nearMiss + @"""|} };"), Logs);

    [Test]
    public Task ChoicesComputedAtRunTimeAreNotChecked() => Verify.AnalyzerAsync(Code(@"var choices = System.Array.Empty<string>();"), Logs);
}
