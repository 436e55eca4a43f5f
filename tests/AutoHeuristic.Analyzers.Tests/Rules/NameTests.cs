using System.Threading.Tasks;
using AutoHeuristic.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using NUnit.Framework;

namespace AutoHeuristic.Analyzers.Tests.Rules;

/// <summary>Rule 4: names across logs, [AutoHeuristic] classes and call sites (AH2130–AH2132).</summary>
public sealed class NameTests
{
    private const string Decide = @"
    static string Decide(long m, long k, long n, string dtype)
    {
        var context = new AHContext();
        context.AddFeature(""m"", m);
        context.AddFeature(""k"", k);
        context.AddFeature(""n"", n);
        context.AddFeature(""mat1_dtype"", dtype, isCategorical: true);
        return new AutoHeuristicDecision(() => ""autotune"", new[] { ""orig"", ""pad"" }, null, context, NAME).GetChoice();
    }";

    private static string Code(string attributeName, string name) => @"
using AutoHeuristic;

[AutoHeuristic(""" + attributeName + @""")]
static partial class Heuristic { }

static class Padding
{" + Decide.Replace("NAME", name) + @"
}";

    [Test]
    public Task LogWithoutAnAttributeIsInformational()
    {
        TestLog log = TestLog.PadMmSmall("/logs/other.txt", "other_heuristic");
        int length = log.Content.IndexOf('\n');
        return Verify.AnalyzerAsync(
            new[] { Code("pad_mm", @"""pad_mm""") },
            new[] { TestLog.PadMmSmall(), log },
            new[]
            {
                new DiagnosticResult("AH2130", DiagnosticSeverity.Info).WithSpan("/logs/other.txt", 1, 1, 1, length + 1)
                    .WithArguments("/logs/other.txt", "other_heuristic"),
            });
    }

    [Test]
    public Task AttributeWrittenWithASpaceBeforeItsArgumentsClaimsItsLog() =>
        Verify.AnalyzerAsync(@"
using AutoHeuristic;

[AutoHeuristic (""pad_mm"")]
static partial class Heuristic { }
", TestLog.PadMmSmall());

    [Test]
    public Task UseModeCallForANameWithoutAGeneratedHeuristicIsInformational() =>
        Verify.AnalyzerAsync(Code("something_else", @"{|AH2131:""pad_mm""|}"),
            TestLog.PadMmSmall("/logs/something_else.txt", "something_else"));

    [TestCase("Pad_MM")]
    [TestCase("pad-mm")]
    [TestCase(" pad_mm")]
    public Task NameDifferingFromALogOnlyInCaseOrSeparatorsIsAWarning(string nearMiss) =>
        Verify.AnalyzerAsync(Code("pad_mm", @"{|AH2131:{|AH2132:""" + nearMiss + @"""|}|}"), TestLog.PadMmSmall());

    [Test]
    public Task FilesNotMarkedAsLogsAreIgnored() =>
        Verify.AnalyzerAsync(Code("pad_mm", @"""pad_mm"""), TestLog.PadMmSmall(),
            TestLog.PadMmSmall("/notes/readme.txt", "unrelated") with { IsMarkedAsLog = false });

    [Test]
    public Task MalformedLogIsIgnored() =>
        Verify.AnalyzerAsync(Code("pad_mm", @"""pad_mm"""), TestLog.PadMmSmall(), new TestLog("/logs/broken.txt", "not json\nm,choice,feedback\n"));
}
