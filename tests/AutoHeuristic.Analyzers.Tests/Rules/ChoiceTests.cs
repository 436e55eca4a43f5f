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

    // Two inputs: "a" wins the first, "b" the second; "c" is measured but never the fastest, so no tree can answer it.
    private static readonly TestLog[] ThreeChoiceLogs =
    {
        TestLog.Create("/logs/pad_mm.txt", "pad_mm", new[] { "m", "k", "n" }, new[] { "mat1_dtype" }, new[] { "m", "k", "n", "mat1_dtype" },
            "1,1,1,torch.float16,a,1.0", "1,1,1,torch.float16,b,2.0", "1,1,1,torch.float16,c,3.0",
            "2,2,2,torch.float16,a,2.0", "2,2,2,torch.float16,b,1.0", "2,2,2,torch.float16,c,3.0",
            "3,3,3,torch.float16,c,0.5"),
    };

    [Test]
    public Task AChoiceThatNeverWinsNeedNotBeOffered() => Verify.AnalyzerAsync(Code(@"var choices = new[] { ""a"", ""b"" };"), ThreeChoiceLogs);

    [Test]
    public Task OneWarningPerCallSiteNamesOnlyTheChoicesTheTreeCanAnswer() => Verify.AnalyzerAsync(
        new[] { Code(@"var choices = {|#0:new[] { ""z"" }|};") },
        ThreeChoiceLogs,
        new[]
        {
            new Microsoft.CodeAnalysis.Testing.DiagnosticResult("AH2120", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0)
                .WithMessage("The logs of heuristic 'pad_mm' make the choices 'a' and 'b' the fastest for some inputs, so the tree can answer them, but these choices never offer them; those decisions will fall back"),
        });

    [Test]
    public Task ChoicesComputedAtRunTimeAreNotChecked() => Verify.AnalyzerAsync(Code(@"var choices = System.Array.Empty<string>();"), Logs);
}
