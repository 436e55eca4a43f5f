using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using AutoHeuristic.Generator.Model;
using AutoHeuristic.Generator.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;

namespace AutoHeuristic.Generator.Tests.Incremental;

/// <summary>
/// The expensive fit step reruns only when its input (logs of the name, options, operations)
/// changes: unrelated edits leave it Cached; one log's edit refits only its heuristics.
/// </summary>
public class IncrementalityTests
{
    private const string Classes = """
        namespace Sample;

        [global::AutoHeuristic.AutoHeuristic("pad_mm", AllowedWrongPercent = 5)]
        public static partial class PadMmHeuristic
        {
            // a comment
        }

        [global::AutoHeuristic.AutoHeuristic("toy")]
        public static partial class ToyHeuristic
        {
            [global::AutoHeuristic.AHOperation] public static double Twice(long x) => 2.0 * x;
        }
        """;

    private static string ToyLog(int rows)
    {
        var sb = new StringBuilder();
        sb.Append("{\"shared_memory\": 232448, \"device_capa\": [9, 0], \"name\": \"toy\", \"numerical_features\": [\"x\"], \"categorical_features\": []}\n");
        sb.Append("x,choice,feedback\n");
        for (int i = 0; i < rows; i++)
        {
            sb.Append(i).Append(",a,").Append(i < rows / 2 ? "1.0" : "2.0").Append('\n');
            sb.Append(i).Append(",b,").Append(i < rows / 2 ? "2.0" : "1.0").Append('\n');
        }

        return sb.ToString();
    }

    private static readonly AdditionalText PadMmLog = new InMemoryAdditionalText("/p/heuristics/pad_mm.txt", File.ReadAllText(GeneratorHarness.TestData("pad_mm_a100_subset.txt")));
    private static readonly AdditionalText Toy = new InMemoryAdditionalText("/p/heuristics/toy.txt", ToyLog(200));

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun(IReadOnlyDictionary<string, string>? properties = null)
    {
        Compilation compilation = GeneratorHarness.Compile(Classes);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { (PadMmLog, true), (Toy, true) }, properties).RunGenerators(compilation);
        Assert.That(FitReasons(driver).Values, Is.All.EqualTo(IncrementalStepRunReason.New));
        return (driver, compilation);
    }

    private static Dictionary<string, IncrementalStepRunReason> FitReasons(GeneratorDriver driver) =>
        driver.GetRunResult().Results[0].TrackedSteps[TrackingNames.Fit]
            .SelectMany(step => step.Outputs)
            .ToDictionary(o => (((FitRequest Request, FitResult Result))o.Value).Request.HeuristicName, o => o.Reason);

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorDriver driver, string step) =>
        driver.GetRunResult().Results[0].TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    [Test]
    public void RunningAgainOnAClonedCompilationCachesEveryStep()
    {
        var (driver, compilation) = FirstRun();
        string before = string.Join("\n", GeneratorHarness.GeneratedSources(driver).Values);
        driver = driver.RunGenerators(compilation.Clone());
        Assert.That(FitReasons(driver).Values, Is.All.EqualTo(IncrementalStepRunReason.Cached));

        // Every step of ours that ran, not just fit and generate, reused its previous output.
        var ours = typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();
        var tracked = driver.GetRunResult().Results[0].TrackedSteps;
        Assert.That(ours.Where(tracked.ContainsKey), Is.EquivalentTo(ours), "every tracked step of ours ran");
        foreach (string step in ours)
        {
            Assert.That(Reasons(driver, step), Is.Not.Empty.And.All.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged), step);
        }

        Assert.That(string.Join("\n", GeneratorHarness.GeneratedSources(driver).Values), Is.EqualTo(before));
    }

    [Test]
    public void AddingAnUnrelatedSyntaxTreeDoesNotRefit()
    {
        var (driver, compilation) = FirstRun();
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { int X => 1; }", path: "/src/Unrelated.cs")));
        Assert.That(FitReasons(driver).Values, Is.All.EqualTo(IncrementalStepRunReason.Cached));
    }

    [Test]
    public void EditingACommentInTheHeuristicClassDoesNotRefit()
    {
        var (driver, compilation) = FirstRun();
        SyntaxTree old = compilation.SyntaxTrees.Single();
        SyntaxTree edited = old.WithChangedText(old.GetText().Replace(Classes.IndexOf("// a comment", StringComparison.Ordinal), 0, "// edited\n        "));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, edited));
        Assert.That(Reasons(driver, TrackingNames.Target), Is.All.AnyOf(IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached));
        Assert.That(FitReasons(driver).Values, Is.All.EqualTo(IncrementalStepRunReason.Cached));
    }

    [Test]
    public void AddingAnAdditionalFileThatIsNotALogDoesNotRefit()
    {
        var (driver, compilation) = FirstRun();
        driver = driver.AddAdditionalTexts(System.Collections.Immutable.ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/p/README.txt", "hello"))).RunGenerators(compilation);
        Assert.That(FitReasons(driver).Values, Is.All.EqualTo(IncrementalStepRunReason.Cached));
    }

    [Test]
    public void EditingOneLogRefitsOnlyItsHeuristic()
    {
        var (driver, compilation) = FirstRun();
        driver = driver.ReplaceAdditionalText(Toy, new InMemoryAdditionalText(Toy.Path, ToyLog(220))).RunGenerators(compilation);
        Dictionary<string, IncrementalStepRunReason> reasons = FitReasons(driver);
        Assert.That(reasons["toy"], Is.EqualTo(IncrementalStepRunReason.Modified));
        Assert.That(reasons["pad_mm"], Is.EqualTo(IncrementalStepRunReason.Cached));
    }

    [Test]
    public void EditingAnOperationRefitsOnlyItsHeuristic()
    {
        var (driver, compilation) = FirstRun();
        SyntaxTree old = compilation.SyntaxTrees.Single();
        SyntaxTree edited = old.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Classes.Replace("2.0 * x", "3.0 * x")));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, edited));
        Dictionary<string, IncrementalStepRunReason> reasons = FitReasons(driver);
        Assert.That(reasons["toy"], Is.EqualTo(IncrementalStepRunReason.Modified));
        Assert.That(reasons["pad_mm"], Is.EqualTo(IncrementalStepRunReason.Cached));
    }

    [Test]
    public void ChangingAnMSBuildOptionRefitsEverything()
    {
        var (driver, compilation) = FirstRun();
        var changed = GeneratorHarness.Options(new[] { (PadMmLog, true), (Toy, true) }, new Dictionary<string, string> { ["build_property.AutoHeuristicMaxDepths"] = "4" });
        driver = driver.WithUpdatedAnalyzerConfigOptions(changed).RunGenerators(compilation);
        Assert.That(FitReasons(driver).Values, Is.All.EqualTo(IncrementalStepRunReason.Modified));
        Assert.That(Reasons(driver, TrackingNames.ParseLog), Is.All.EqualTo(IncrementalStepRunReason.Cached), "options do not re-parse logs");
    }

    [Test]
    public void EqualLogsParseToEqualModelsWithEqualHashCodes()
    {
        var a = Parsing.LogParser.Parse(PadMmLog.Path, PadMmLog.GetText(), default);
        var b = Parsing.LogParser.Parse(PadMmLog.Path, new InMemoryAdditionalText(PadMmLog.Path, PadMmLog.GetText()!.ToString()).GetText(), default);
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));

        // And a log that differs in one measurement is not equal, or an edit would not refit.
        string text = PadMmLog.GetText()!.ToString();
        int lastComma = text.LastIndexOf(',', text.Length - 2);
        string edited = text.Substring(0, lastComma + 1) + "123.5\n";
        var c = Parsing.LogParser.Parse(PadMmLog.Path, new InMemoryAdditionalText(PadMmLog.Path, edited).GetText(), default);
        Assert.That(c.Log.RowCount, Is.EqualTo(a.Log.RowCount));
        Assert.That(c, Is.Not.EqualTo(a));

        // The same text at another path is another log: its diagnostics point into that file.
        var d = Parsing.LogParser.Parse("/p/heuristics/pad_mm_copy.txt", PadMmLog.GetText(), default);
        Assert.That(d, Is.Not.EqualTo(a));
    }

    [Test]
    public void PipelineModelsHoldNoSymbolsSyntaxOrCompilations()
    {
        var (driver, _) = FirstRun();
        var banned = new[] { typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(SemanticModel), typeof(Location), typeof(SyntaxTree) };
        // Our steps, found by reflection (Roslyn's own FAWMN steps hold syntax trees by design).
        var ours = typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToHashSet();
        Assert.That(ours, Has.Count.EqualTo(8));
        foreach (var (name, steps) in driver.GetRunResult().Results[0].TrackedSteps)
        {
            if (!ours.Contains(name) || name == TrackingNames.SelectLogs) continue; // SelectLogs yields AdditionalText, the driver's own input
            foreach (var output in steps.SelectMany(s => s.Outputs))
            {
                Walk(output.Value, name, banned, new HashSet<object>(ReferenceEqualityComparer.Instance), 0);
            }
        }
    }

    private static void Walk(object? value, string step, Type[] banned, HashSet<object> seen, int depth)
    {
        if (value is null || depth > 12) return;
        Type type = value.GetType();
        if (type.IsPrimitive || value is string || type.IsEnum || value is decimal) return;
        Assert.That(banned.Any(b => b.IsAssignableFrom(type)), Is.False, $"step {step} holds a {type.FullName}");
        if (!type.IsValueType && !seen.Add(value)) return;
        if (value is Microsoft.CodeAnalysis.Text.SourceText || value is DiagnosticDescriptor || value is Learning.Logs.ParsedLog) return; // immutable, compilation-free payloads
        if (value is IEnumerable items)
        {
            foreach (object? item in items) Walk(item, step, banned, seen, depth + 1);
            return;
        }

        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.GetValue(value), step, banned, seen, depth + 1);
        }
    }
}
