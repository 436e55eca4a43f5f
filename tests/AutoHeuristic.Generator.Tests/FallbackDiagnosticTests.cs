using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using AutoHeuristic.Generator.Fitting;
using AutoHeuristic.Generator.Helpers;
using AutoHeuristic.Generator.Operations;
using AutoHeuristic.Generator.Model;
using AutoHeuristic.Generator.Parsing;
using AutoHeuristic.Generator.Tests.Helpers;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.Problems;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;

namespace AutoHeuristic.Generator.Tests;

/// <summary>
/// AH2008 (invalid declaration) and AH3005 (training failed), including the paths that turn a
/// defect into a diagnostic instead of a generator failure (CS8785), which would break the build.
/// </summary>
public class FallbackDiagnosticTests
{
    private static string SubsetLog => File.ReadAllText(GeneratorHarness.TestData("pad_mm_a100_subset.txt"));

    private static (AdditionalText, bool)[] PadMmLog => new[] { GeneratorHarness.Log("/project/heuristics/pad_mm.txt", SubsetLog) };

    private static string Message(Diagnostic d) => d.GetMessage(CultureInfo.InvariantCulture);

    // The generated class has no tree and answers unsure (null) for any input.
    private static bool AnswersUnsure(Compilation output)
    {
        Type type = GeneratorHarness.Load(output).GetType("Sample.PadMmHeuristic")!;
        var trees = (IReadOnlyList<ILearnedHeuristic>)type.GetProperty("Trees")!.GetValue(null)!;
        var metadata = new AHMetadata(HardwareKey.A100.SharedMemory, HardwareKey.A100.Capability, new[] { "orig", "pad" }, "pad_mm");
        return trees.Count == 0 && type.GetMethod("GetDecision")!.Invoke(null, new object[] { metadata, new AHContext() }) is null;
    }

    [Test]
    public void AGenericClassIsAnInvalidDeclarationAtItsNameAndGetsNoSource()
    {
        const string prefix = "[AutoHeuristic.AutoHeuristic(\"pad_mm\")] public static partial class ";
        var (_, diagnostics, driver) = GeneratorHarness.Run(GeneratorHarness.Compile(prefix + "Generic<T> { }"), PadMmLog);
        Diagnostic d = diagnostics.Single(x => x.Id == "AH2008");
        Assert.That(d.Severity, Is.EqualTo(DiagnosticSeverity.Error));
        Assert.That(Message(d), Is.EqualTo("[AutoHeuristic] on 'Generic' cannot be used: generic classes are not supported"));
        Assert.That(d.Location.GetLineSpan().StartLinePosition.Character, Is.EqualTo(prefix.Length));
        Assert.That(GeneratorHarness.GeneratedSources(driver), Is.Empty);
    }

    [Test]
    public void ARecordClassIsAnInvalidDeclarationAtItsNameAndGetsNoSource()
    {
        const string prefix = "[AutoHeuristic.AutoHeuristic(\"pad_mm\")] public sealed partial record ";
        var (_, diagnostics, driver) = GeneratorHarness.Run(GeneratorHarness.Compile(prefix + "PadRecord { }"), PadMmLog);
        Diagnostic d = diagnostics.Single(x => x.Id == "AH2008");
        Assert.That(Message(d), Is.EqualTo("[AutoHeuristic] on 'PadRecord' cannot be used: records are not supported; declare a partial class"));
        Assert.That(d.Location.GetLineSpan().StartLinePosition.Character, Is.EqualTo(prefix.Length));
        Assert.That(GeneratorHarness.GeneratedSources(driver), Is.Empty);
    }

    [Test]
    public void AnEmptyHeuristicNameIsAnInvalidDeclarationAtTheAttribute()
    {
        var (_, diagnostics, _) = GeneratorHarness.Run(GeneratorHarness.Compile("[AutoHeuristic.AutoHeuristic(\" \")] public static partial class Unnamed { }"), PadMmLog);
        Diagnostic d = diagnostics.Single(x => x.Id == "AH2008");
        Assert.That(Message(d), Is.EqualTo("[AutoHeuristic] on 'Unnamed' cannot be used: the heuristic name is empty"));
        Assert.That(d.Location.GetLineSpan().StartLinePosition.Character, Is.EqualTo(1), "at the attribute");
    }

    [Test]
    public void AnUnexpectedExceptionWhileReadingTheClassIsAH2008OnTheClassInsteadOfAGeneratorFailure()
    {
        // The generator's own predicate only passes class and record declarations to TargetParser; this probe
        // passes an enum, which the parser does not expect (an InvalidCastException stands in for any defect).
        var probe = new TargetParserProbe();
        GeneratorDriver driver = CSharpGeneratorDriver.Create(probe)
            .RunGenerators(GeneratorHarness.Compile("[AutoHeuristic.AutoHeuristic(\"pad_mm\")] public enum NotAClass { A }"));

        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        Assert.That(run.Exception, Is.Null, "no CS8785");
        Diagnostic d = run.Diagnostics.Single();
        Assert.That(d.Id, Is.EqualTo("AH2008"));
        Assert.That(Message(d), Does.StartWith("[AutoHeuristic] on 'NotAClass' cannot be used: unexpected InvalidCastException: "));
        Assert.That(d.Location.GetLineSpan().StartLinePosition.Character, Is.EqualTo("[AutoHeuristic.AutoHeuristic(\"pad_mm\")] public enum ".Length), "at the type's name");
        Assert.That(probe.Targets.Single().CanGenerate, Is.False, "nothing is generated for it");
    }

    [Test]
    public void AnOperationThatThrowsWhileTrainingIsReportedAndTheClassFallsBack()
    {
        const string source = """
            namespace Sample;
            [global::AutoHeuristic.AutoHeuristic("pad_mm")]
            public static partial class PadMmHeuristic
            {
                [global::AutoHeuristic.AHOperation] public static long Broken(long m) => m / (m - m);
            }
            """;
        var (output, diagnostics, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source), PadMmLog);

        // The learning library reports the failing operation itself (AH1013), so AH3005 stays for defects.
        Diagnostic d = diagnostics.Single(x => x.Id == "AH1013");
        Assert.That(Message(d), Does.StartWith("Computing the augmented features failed: Attempted to divide by zero."));
        Assert.That(diagnostics.Select(x => x.Id), Does.Not.Contain("AH3005"));
        Assert.That(AnswersUnsure(output), Is.True);
    }

    [Test]
    public void AnUnexpectedExceptionWhileTrainingIsAH3005AtTheLogsFirstLineInsteadOfAGeneratorFailure()
    {
        ParsedLogSpec parsed = LogParser.Parse("/project/heuristics/pad_mm.txt", SourceText.From(SubsetLog), CancellationToken.None);

        // A log spec without its rows stands in for a defect in the learning library (a NullReferenceException).
        var broken = new ParsedLogSpec(parsed.Path, parsed.Checksum, parsed.HeuristicName, null!, parsed.Text, parsed.Diagnostics);
        FitResult result = HeuristicFitter.Fit(new FitRequest("pad_mm", new[] { broken }.ToEquatableArray(), OptionValues.None, EquatableArray<OperationSpec>.Empty), CancellationToken.None);

        Assert.That(result.Trees, Is.Empty);
        Diagnostic d = result.Diagnostics.Single().ToDiagnostic();
        Assert.That(d.Id, Is.EqualTo("AH3005"));
        Assert.That(d.Severity, Is.EqualTo(DiagnosticSeverity.Warning));
        Assert.That(Message(d), Does.StartWith("Training 'pad_mm' failed: NullReferenceException: "));
        Assert.That(d.Location.GetLineSpan().Path, Is.EqualTo("/project/heuristics/pad_mm.txt"));
        Assert.That(d.Location.GetLineSpan().StartLinePosition.Line, Is.EqualTo(0));
    }

    [Test]
    public void ALogProblemWithoutItsOwnDiagnosticIsReportedAsAH3005AtItsLine()
    {
        var problem = new LearningProblem("AH1999", ProblemSeverity.Error, "a problem the generator has no descriptor for", "/p/pad_mm.txt", Line: 2, Column: 1);
        DiagnosticInfo info = LogParser.ToDiagnostic(problem, "/p/pad_mm.txt", SourceText.From("{}\nm,choice,feedback\n"));
        Diagnostic d = info.ToDiagnostic();
        Assert.That(d.Id, Is.EqualTo("AH3005"));
        Assert.That(Message(d), Is.EqualTo("Training '(log reader)' failed: AH1999: a problem the generator has no descriptor for"));
        Assert.That(d.Location.GetLineSpan().StartLinePosition.Line, Is.EqualTo(1), "0-based line 1 is the file's line 2");
    }

    [Test]
    public void EveryLearningProblemCodeHasItsOwnDiagnostic()
    {
        // The AH3005 fallback above is for defects only: each code the learning library reports maps to its own descriptor.
        string[] codes = typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();
        Assert.That(codes, Has.Length.GreaterThan(20));
        Assert.That(codes.Where(c => DiagnosticDescriptors.ForProblemCode(c) is null), Is.Empty);
        Assert.That(codes.Select(c => DiagnosticDescriptors.ForProblemCode(c)!.Id), Is.EqualTo(codes));
    }

    /// <summary>Calls the generator's <see cref="TargetParser.ParseSafely"/> on any attributed type declaration.</summary>
    private sealed class TargetParserProbe : IIncrementalGenerator
    {
        public List<HeuristicTarget> Targets { get; } = new();

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var parsed = context.SyntaxProvider.ForAttributeWithMetadataName(
                TargetParser.AutoHeuristicAttributeName,
                static (node, _) => node is BaseTypeDeclarationSyntax,
                static (ctx, ct) => TargetParser.ParseSafely(ctx, ct));
            context.RegisterSourceOutput(parsed, (spc, result) =>
            {
                Targets.Add(result.Target);
                foreach (DiagnosticInfo d in result.Diagnostics) spc.ReportDiagnostic(d.ToDiagnostic());
            });
        }
    }
}
