using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using AutoHeuristic.Features;
using AutoHeuristic.Generator.Tests.Helpers;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.CodeGen;
using AutoHeuristic.Logs;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace AutoHeuristic.Generator.Tests;

/// <summary>
/// The generated class of a real (subset) pad_mm A100 log: what a person reads (snapshot, feature
/// names, short comments, a tooltip in words) and what the run time gets (the policy's answers,
/// no allocation, no exception for a missing feature or an unseen category).
/// </summary>
public class GeneratedCodeTests
{
    private const string LogFile = "pad_mm_a100_subset.txt";

    private const string UserClass = """
        namespace Sample;

        [global::AutoHeuristic.AutoHeuristic("pad_mm", AllowedWrongPercent = 5)]
        public static partial class PadMmHeuristic
        {
        }
        """;

    private static readonly Lazy<(string Source, Type Type)> Generated = new(() =>
    {
        var logs = new[] { GeneratorHarness.Log("/project/heuristics/" + LogFile, File.ReadAllText(GeneratorHarness.TestData(LogFile))) };
        var (output, diagnostics, driver) = GeneratorHarness.Run(GeneratorHarness.Compile(UserClass), logs);
        Assert.That(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty, string.Join("\n", diagnostics));
        return (GeneratorHarness.GeneratedSources(driver).Single().Value, GeneratorHarness.Load(output).GetType("Sample.PadMmHeuristic")!);
    });

    private static readonly AHMetadata A100 = new(HardwareKey.A100.SharedMemory, HardwareKey.A100.Capability, new[] { "orig", "pad" }, "pad_mm");

    [Test]
    public void TrainedOutputMatchesTheSnapshot() => Snapshot.Match(Generated.Value.Source, "PadMm_TrainedA100Subset");

    [Test]
    public void TheGeneratorVersionIsWrittenButScrubbedFromSnapshots()
    {
        string version = typeof(HeuristicClassWriter).Assembly.GetName().Version!.ToString(3);
        Assert.That(Generated.Value.Source, Does.Contain("GeneratedCode(\"AutoHeuristic.Generator\", \"" + version + "\")"));
        Assert.That(Snapshot.ScrubVersion(Generated.Value.Source), Does.Contain("GeneratedCode(\"AutoHeuristic.Generator\", \"{version}\")").And.Not.Contain("\"" + version + "\""));
    }

    [Test]
    public void TreesReadFeaturesByNameAndKeepNoDecisionPolicy()
    {
        string source = Generated.Value.Source;
        Assert.That(source, Does.Not.Contain("ReadAugmented").And.Not.Contain("FindTree").And.Not.Contain("IsOffered").And.Not.Contain("ConfidenceThreshold"));
        Assert.That(source, Does.Contain("DecisionPolicy.GetDecision(s_trees, metadata, context)"));
        // Every split names its feature: Number(context, "m"), Text(context, "…"), Category(context, "mat1_dtype", s_values0).
        var splits = source.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("if (", StringComparison.Ordinal)).ToList();
        Assert.That(splits, Is.Not.Empty);
        Assert.That(splits, Has.All.Match(@"^if \((Number|Text|Category)\(context, ""[^""]+""(, s_values\d+)?\) (<=|!=) "));
        Assert.That(splits.Any(l => l.Contains("Number(context, \"") && !l.Contains("\"m\"") && !l.Contains("\"k\"") && !l.Contains("\"n\"")), Is.True, "an augmented feature is read by its name too");
    }

    [Test]
    public void LeafCommentsFitIn120Characters()
    {
        var comments = Generated.Value.Source.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("// leaf ", StringComparison.Ordinal)).ToList();
        Assert.That(comments, Is.Not.Empty);
        Assert.That(comments.Select(c => c.Substring(3).Length), Has.All.LessThanOrEqualTo(ModelDescription.MaxLeafComment));
    }

    [Test]
    public void TheTooltipIsThreeLinesInWords()
    {
        string[] lines = Generated.Value.Source.Split('\n');
        int classLine = Array.FindIndex(lines, l => l.Contains("static partial class PadMmHeuristic"));
        var summary = lines.Take(classLine).Reverse().SkipWhile(l => !l.Contains("</summary>")).Skip(1).TakeWhile(l => !l.Contains("<summary>")).Reverse().ToList();
        Assert.That(summary, Has.Count.EqualTo(3), string.Join("\n", summary));
        Assert.That(summary[0], Does.Contain("Learned 'pad_mm' for A100 from "));
        Assert.That(summary[1], Does.Match(@"Held-out inputs: A100 right [\d,]+, wrong [\d,]+, benchmark instead [\d,]+ of [\d,]+ \(test\)\."));
        Assert.That(summary[2].Trim(), Does.StartWith("/// <para>Time saved on them: A100 ").And.Contain(" % against always orig"));
        Assert.That(string.Join("\n", summary), Does.Not.Contain("gmean").And.Not.Contain("_speedup"), "metric names stay in TrainingReport");
    }

    [Test]
    public void AGeneratedDecisionAllocatesNothing()
    {
        var decide = (Func<AHMetadata, AHContext, string?>)Generated.Value.Type.GetMethod("GetDecision")!.CreateDelegate(typeof(Func<AHMetadata, AHContext, string?>));
        var operations = (IReadOnlyList<AHOperation>)Generated.Value.Type.GetProperty("Operations")!.GetValue(null)!;
        List<AHContext> rows = LogRows.Read(GeneratorHarness.TestData(LogFile)).Contexts;
        AHContext decided = rows.First(c => decide(A100, c) is not null);
        AHContext unsure = rows.First(c => decide(A100, c) is null);
        AHContext applied = LogRows.Read(GeneratorHarness.TestData(LogFile)).Contexts.First(c => decide(A100, c) is not null);
        applied.ApplyOperations(operations);

        foreach ((string what, AHContext context) in new[] { ("decided, augmented features computed by the tree", decided), ("unsure", unsure), ("decided, augmented features applied", applied) })
        {
            for (int i = 0; i < 200; i++) decide(A100, context); // warm-up: JIT tiers, statistics entry, cached augmented values
            long before = GC.GetAllocatedBytesForCurrentThread();
            string? last = null;
            for (int i = 0; i < 1000; i++) last = decide(A100, context);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.That(allocated, Is.Zero, what);
            Assert.That(last is null, Is.EqualTo(what == "unsure"), what);
        }
    }

    [Test]
    public void AContextWithoutAFeatureTheTreeReadsIsUnsureAndCounted()
    {
        var decide = (Func<AHMetadata, AHContext, string?>)Generated.Value.Type.GetMethod("GetDecision")!.CreateDelegate(typeof(Func<AHMetadata, AHContext, string?>));
        AHContext context = new();
        context.AddFeature("k", 4096);
        context.AddFeature("n", 4096);
        AutoHeuristicCounters counters = AutoHeuristicStatistics.For("pad_mm");
        long before = counters.MissingFeature;

        Assert.That(decide(A100, context), Is.Null);
        Assert.That(counters.MissingFeature, Is.EqualTo(before + 1));
        Assert.That(counters.LastDecisionProblem, Does.Match("feature '[a-z0-9_]+' is not in the context"));
    }

    [Test]
    public void ACategoricalValueTheLogsNeverHadIsUnsureAndCounted()
    {
        var decide = (Func<AHMetadata, AHContext, string?>)Generated.Value.Type.GetMethod("GetDecision")!.CreateDelegate(typeof(Func<AHMetadata, AHContext, string?>));
        string source = Generated.Value.Source;
        Match split = Regex.Match(source, @"Category\(context, ""([^""]+)"", s_values\d+\)");
        Assert.That(split.Success, Is.True, "the trained tree tests a logged categorical feature");
        string feature = split.Groups[1].Value;

        // A row whose walk reaches that test, with the value written as users get it wrong ("float16" for "torch.float16").
        List<AHContext> rows = LogRows.Read(GeneratorHarness.TestData(LogFile)).Contexts;
        AutoHeuristicCounters counters = AutoHeuristicStatistics.For("pad_mm");
        int unseen = 0;
        foreach (AHContext row in rows.Take(300))
        {
            var copy = new AHContext();
            foreach (AHFeature f in row.Features) copy.AddFeature(f.Name, f.Name == feature ? FeatureValue.FromText(f.Value.Text.Replace("torch.", string.Empty) + "_x") : f.Value, f.IsCategorical);
            long before = counters.UnseenCategory;
            string? answer = decide(A100, copy);
            if (counters.UnseenCategory == before) continue;
            unseen++;
            Assert.That(answer, Is.Null);
            Assert.That(counters.LastDecisionProblem, Does.Contain("of the categorical feature '" + feature + "' in the training logs"));
        }

        Assert.That(unseen, Is.GreaterThan(0), "some walks test '" + feature + "'");
    }
}
