using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using AutoHeuristic.Generator.Tests.Helpers;
using AutoHeuristic.Hardware;
using AutoHeuristic.Tests.Shared;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace AutoHeuristic.Generator.Tests;

/// <summary>Never break the build: every problem is a diagnostic, and the class still gets a body that falls back.</summary>
public class DiagnosticTests
{
    private const string PadMmClass = """
        namespace Sample;
        [global::AutoHeuristic.AutoHeuristic("pad_mm")]
        public static partial class PadMmHeuristic { }
        """;

    private static string SubsetLog => File.ReadAllText(GeneratorHarness.TestData("pad_mm_a100_subset.txt"));

    private static (AdditionalText, bool)[] One(string content, string path = "/project/heuristics/pad_mm.txt") => new[] { GeneratorHarness.Log(path, content) };

    private static string? DecideWithEmptyContext(Compilation output)
    {
        MethodInfo decide = GeneratorHarness.Load(output).GetType("Sample.PadMmHeuristic")!.GetMethod("GetDecision")!;
        var metadata = new AHMetadata(HardwareKey.A100.SharedMemory, HardwareKey.A100.Capability, new[] { "orig", "pad" }, "pad_mm");
        return (string?)decide.Invoke(null, new object[] { metadata, new AHContext() });
    }

    [Test]
    public void AClassThatIsNotPartialIsAnErrorAtItsNameAndGetsNoSource()
    {
        var (_, diagnostics, driver) = GeneratorHarness.Run(GeneratorHarness.Compile("[AutoHeuristic.AutoHeuristic(\"pad_mm\")] public static class NotPartial { }"), Array.Empty<(AdditionalText, bool)>());
        Diagnostic d = diagnostics.Single(x => x.Id == "AH2001");
        Assert.That(d.Severity, Is.EqualTo(DiagnosticSeverity.Error));
        Assert.That(d.Location.GetLineSpan().StartLinePosition.Character, Is.EqualTo("[AutoHeuristic.AutoHeuristic(\"pad_mm\")] public static class ".Length));
        Assert.That(d.Descriptor.HelpLinkUri, Is.EqualTo("https://github.com/autoheuristic/autoheuristic-dotnet/blob/main/docs/diagnostics/AH2001.md"));
        Assert.That(GeneratorHarness.GeneratedSources(driver), Is.Empty);
    }

    [Test]
    public void AContainingTypeThatIsNotPartialIsAnError()
    {
        var (_, diagnostics, _) = GeneratorHarness.Run(
            GeneratorHarness.Compile("public static class Outer { [AutoHeuristic.AutoHeuristic(\"pad_mm\")] public static partial class Inner { } }"),
            Array.Empty<(AdditionalText, bool)>());
        Assert.That(diagnostics.Select(d => d.Id), Does.Contain("AH2002"));
    }

    [Test]
    public void ANameWithoutLogsWarnsAtTheAttributeAndTheClassAlwaysFallsBack()
    {
        var (output, diagnostics, _) = GeneratorHarness.Run(GeneratorHarness.Compile(PadMmClass), Array.Empty<(AdditionalText, bool)>());
        Diagnostic d = diagnostics.Single(x => x.Id == "AH2003");
        Assert.That(d.Severity, Is.EqualTo(DiagnosticSeverity.Warning));
        Assert.That(d.Location.SourceSpan.Length, Is.GreaterThan(0));
        Assert.That(DecideWithEmptyContext(output), Is.Null);
    }

    [Test]
    public void ABadRowIsReportedAtItsFileAndLineAndTheRestTrains()
    {
        string[] lines = SubsetLog.Split('\n');
        lines[9] = "not,a,row";
        lines[20] = lines[20].Replace("torch.", "torch.").Replace(",orig,", ",orig,").Substring(0, lines[20].LastIndexOf(',')) + ",fast";
        var (output, diagnostics, _) = GeneratorHarness.Run(GeneratorHarness.Compile(PadMmClass), One(string.Join("\n", lines)), new Dictionary<string, string> { ["build_property.AutoHeuristicAllowedWrongPercent"] = "5" });
        Diagnostic columns = diagnostics.First(x => x.Id == "AH1004");
        Assert.That(columns.Location.GetLineSpan().Path, Is.EqualTo("/project/heuristics/pad_mm.txt"));
        Assert.That(columns.Location.GetLineSpan().StartLinePosition.Line, Is.EqualTo(9), "0-based line 9 is the file's line 10");
        Diagnostic number = diagnostics.First(x => x.Id == "AH1005");
        Assert.That(number.Location.GetLineSpan().StartLinePosition.Line, Is.EqualTo(20));
        Assert.That(output.SyntaxTrees.Single(t => t.FilePath.EndsWith("PadMmHeuristic.g.cs", StringComparison.Ordinal)).ToString(), Does.Contain("A100Tree"));
    }

    [Test]
    public void BadMetadataIsReportedOnLineOneAndTheClassFallsBack()
    {
        var (output, diagnostics, _) = GeneratorHarness.Run(GeneratorHarness.Compile(PadMmClass), One("{\"name\": \"pad_mm\"\nm,choice,feedback\n1,orig,2.0\n"));
        Diagnostic d = diagnostics.Single(x => x.Id == "AH1002");
        Assert.That(d.Location.GetLineSpan().StartLinePosition.Line, Is.EqualTo(0));
        Diagnostic noLog = diagnostics.Single(x => x.Id == "AH2003");
        Assert.That(noLog.GetMessage(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(
            "The training log '/project/heuristics/pad_mm.txt' seems to be for 'pad_mm', but its first line could not be read (see the diagnostic at that line); 'PadMmHeuristic' always answers unsure"),
            "not 'no log is in the project'");
        Assert.That(DecideWithEmptyContext(output), Is.Null);
    }

    [Test]
    public void AnAttributeNameAlmostLikeALogsNameGetsTheLogsSpelling()
    {
        string log = SubsetLog.Replace("\"name\": \"pad_mm\"", "\"name\": \"mixed_mm\"");
        var (_, diagnostics, _) = GeneratorHarness.Run(GeneratorHarness.Compile(PadMmClass.Replace("\"pad_mm\"", "\"Mixed-MM\"")), One(log, "/project/heuristics/mixed_mm.txt"));
        Diagnostic d = diagnostics.Single(x => x.Id == "AH2003");
        Assert.That(d.Severity, Is.EqualTo(DiagnosticSeverity.Warning));
        Assert.That(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(
            "No training log is named 'Mixed-MM', but '/project/heuristics/mixed_mm.txt' is named 'mixed_mm'; names must match exactly, so 'PadMmHeuristic' always answers unsure"));
    }

    [Test]
    public void OtherUnreadableLogsAreNamedWhenNoLogHasTheName()
    {
        var logs = new[]
        {
            GeneratorHarness.Log("/project/heuristics/b.txt", "not json\nm,choice,feedback\n"),
            GeneratorHarness.Log("/project/heuristics/a.txt", "{\"shared_memory\": 1\nm,choice,feedback\n"),
        };
        var (_, diagnostics, _) = GeneratorHarness.Run(GeneratorHarness.Compile(PadMmClass), logs);
        Assert.That(diagnostics.Single(x => x.Id == "AH2003").GetMessage(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(
            "No readable training log is named 'pad_mm'; '/project/heuristics/a.txt', '/project/heuristics/b.txt' could not be read (see the diagnostics at their first lines); 'PadMmHeuristic' always answers unsure"));
    }

    [Test]
    public void AnEmptyLogIsReported()
    {
        var (_, diagnostics, _) = GeneratorHarness.Run(GeneratorHarness.Compile(PadMmClass), One(string.Empty));
        Assert.That(diagnostics.Select(x => x.Id), Does.Contain("AH1001"));
    }

    [Test]
    public void AdditionalFilesNotMarkedAsLogsAreIgnored()
    {
        var texts = new[] { (AdditionalText: (AdditionalText)new InMemoryAdditionalText("/project/BannedSymbols.txt", "T:System.Console"), IsLog: false) };
        var (_, diagnostics, _) = GeneratorHarness.Run(GeneratorHarness.Compile(PadMmClass), texts);
        Assert.That(diagnostics.Where(d => d.Id.StartsWith("AH1", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void LogsBeyondTheBuildBudgetAreNotTrainedAndSayWhatToDo()
    {
        var (output, diagnostics, _) = GeneratorHarness.Run(GeneratorHarness.Compile(PadMmClass), One(SubsetLog), new Dictionary<string, string> { ["build_property.AutoHeuristicMaxBuildRows"] = "1000" });
        Diagnostic d = diagnostics.Single(x => x.Id == "AH3004");
        Assert.That(d.GetMessage(), Does.Contain("2329 rows").And.Contain("--emit-cs").And.Contain("AutoHeuristicMaxBuildRows"));
        Assert.That(DecideWithEmptyContext(output), Is.Null);
    }

    [Test]
    public void NoModelWithinTheAllowedWrongPercentIsAQualityWarningAndTheClassFallsBack()
    {
        var (output, diagnostics, _) = GeneratorHarness.Run(
            GeneratorHarness.Compile(PadMmClass.Replace("(\"pad_mm\")", "(\"pad_mm\", AllowedWrongPercent = 0)")), One(SubsetLog));
        Diagnostic d = diagnostics.Single(x => x.Id == "AH3002");
        Assert.That(d.Severity, Is.EqualTo(DiagnosticSeverity.Warning));
        Assert.That(d.Location.GetLineSpan().Path, Is.EqualTo("/project/heuristics/pad_mm.txt"));
        Assert.That(DecideWithEmptyContext(output), Is.Null);
    }

    [Test]
    public void TooFewInputsIsAQualityWarning()
    {
        const string tiny = "{\"shared_memory\": 166912, \"device_capa\": [8, 0], \"name\": \"toy\", \"numerical_features\": [\"m\"], \"categorical_features\": []}\n"
            + "m,choice,feedback\n1,orig,1.0\n1,pad,2.0\n2,orig,2.0\n2,pad,1.0\n";
        var (output, diagnostics, _) = GeneratorHarness.Run(GeneratorHarness.Compile(PadMmClass.Replace("\"pad_mm\"", "\"toy\"")), One(tiny));
        Assert.That(diagnostics.Select(x => x.Id), Does.Contain("AH3001"));
        Assert.That(GeneratorHarness.Load(output).GetType("Sample.PadMmHeuristic")!.GetProperty("Trees")!.GetValue(null), Is.Empty);
    }

    [Test]
    public void InvalidOptionsAreReportedAndIgnored()
    {
        var (_, diagnostics, _) = GeneratorHarness.Run(
            GeneratorHarness.Compile("namespace Sample; [global::AutoHeuristic.AutoHeuristic(\"pad_mm\", Split = \"random\")] public static partial class PadMmHeuristic { }"),
            Array.Empty<(AdditionalText, bool)>(),
            new Dictionary<string, string> { ["build_property.AutoHeuristicMaxDepths"] = "5,deep" });
        var messages = diagnostics.Where(d => d.Id == "AH2006").Select(d => d.GetMessage()).ToList();
        Assert.That(messages, Has.Some.Contains("Split = 'random'"));
        Assert.That(messages, Has.Some.Contains("AutoHeuristicMaxDepths = '5,deep'"));
    }

    [Test]
    public void APrivateNestedClassIsGeneratedButNotRegistered()
    {
        var log = GeneratorHarness.Log("/p/heuristics/pad_mm.txt", File.ReadAllText(GeneratorHarness.TestData("pad_mm_a100_subset.txt")));
        var (output, diagnostics, _) = GeneratorHarness.Run(
            GeneratorHarness.Compile("public static partial class Outer { [AutoHeuristic.AutoHeuristic(\"pad_mm\", AllowedWrongPercent = 5)] private static partial class Inner { } }"),
            new[] { log });
        Assert.That(diagnostics.Select(d => d.Id), Does.Contain("AH2007"));

        // Generated: the class has its learned trees.
        Type inner = GeneratorHarness.Load(output).GetType("Outer+Inner")!;
        var trees = (IReadOnlyList<ILearnedHeuristic>)inner.GetProperty("Trees", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        Assert.That(trees, Is.Not.Empty);

        // Not registered: the module initializer leaves them out of the registry.
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(inner.Module.ModuleHandle);
        Assert.That(LearnedHeuristicRegistry.ForName("pad_mm").Intersect(trees), Is.Empty);
    }

    [Test]
    public void EveryDescriptorHasADocsPageAndReleaseTrackingEntry()
    {
        string root = TestRepository.Root;
        string unshipped = File.ReadAllText(Path.Combine(root, "src", "AutoHeuristic.Generator", "AnalyzerReleases.Unshipped.md"));
        var descriptors = typeof(AutoHeuristicGenerator).Assembly.GetType("AutoHeuristic.Generator.DiagnosticDescriptors")!
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();
        Assert.That(descriptors, Has.Count.GreaterThan(20));
        foreach (DiagnosticDescriptor d in descriptors)
        {
            Assert.That(File.Exists(Path.Combine(root, "docs", "diagnostics", d.Id + ".md")), d.Id + " has a docs page");
            Assert.That(unshipped, Does.Contain(d.Id + " | " + d.Category + " | " + d.DefaultSeverity), d.Id + " is tracked");
            Assert.That(d.HelpLinkUri, Does.EndWith("/docs/diagnostics/" + d.Id + ".md"));
        }
    }

}
