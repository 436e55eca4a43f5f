using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using AutoHeuristic.Features;
using AutoHeuristic.Generator.Tests.Helpers;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Training;
using AutoHeuristic.Logs;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace AutoHeuristic.Generator.Tests;

/// <summary>The whole generator on real (subset) pad_mm logs: train, emit, compile, decide.</summary>
public class EndToEndTests
{
    private const string UserClass = """
        namespace Sample;

        [global::AutoHeuristic.AutoHeuristic("pad_mm", AllowedWrongPercent = 5)]
        public static partial class PadMmHeuristic
        {
        }
        """;

    private static readonly string[] LogFiles = { "pad_mm_a100_subset.txt", "pad_mm_synthetic_h100.txt" };

    private static List<(AdditionalText Text, bool IsLog)> Logs() =>
        LogFiles.Select(f => GeneratorHarness.Log("/project/heuristics/" + f, File.ReadAllText(GeneratorHarness.TestData(f)))).ToList();

    [Test]
    public void GeneratedTreesDecideAsTheInMemoryModelsOnEveryRowOfTheLogs()
    {
        var (output, diagnostics, driver) = GeneratorHarness.Run(GeneratorHarness.Compile(UserClass), Logs());
        Assert.That(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty, string.Join("\n", diagnostics));
        Assembly assembly = GeneratorHarness.Load(output);
        MethodInfo decide = assembly.GetType("Sample.PadMmHeuristic")!.GetMethod("GetDecision")!;

        // The same training, in memory, as the generator ran it (deterministic: same logs, same options).
        var parsed = LogFiles.Select(f => LogReader.Parse("/project/heuristics/" + f, File.ReadAllText(GeneratorHarness.TestData(f)))).ToList();
        TrainingResult trained = HeuristicTrainer.Train(parsed, new TrainingOptions { HeuristicName = "pad_mm", Operations = StandardOperations.PadMm, AllowedWrongFraction = 0.05 });
        Assert.That(trained.Models, Has.Count.EqualTo(2));

        int rows = 0, decided = 0;
        foreach (string file in LogFiles)
        {
            var (metadata, contexts) = LogRows.Read(GeneratorHarness.TestData(file));
            LearnedModel model = trained.Models.Single(m => m.Hardware == metadata.Hardware);
            var ahMetadata = new AHMetadata(metadata.SharedMemory, metadata.DeviceCapability, model.Choices, "pad_mm");
            foreach (AHContext context in contexts)
            {
                var expected = ModelWalker.Decide(model, WithOperations(context));
                var actual = (string?)decide.Invoke(null, new object[] { ahMetadata, context });
                Assert.That(actual, Is.EqualTo(expected), $"{file} row {rows}");
                rows++;
                if (actual is not null) decided++;
            }
        }

        Assert.That(rows, Is.EqualTo(2329 + 2323));
        Assert.That(decided, Is.GreaterThan(rows / 4), "the trees decide a good share of the rows");
    }

    [Test]
    public void GeneratedRegressionTreesDecideAsTheInMemoryModelOnEveryRow()
    {
        string source = UserClass.Replace("AllowedWrongPercent = 5", "Learner = \"regression\"");
        var logs = Logs().Take(1).ToList();
        var (output, diagnostics, driver) = GeneratorHarness.Run(GeneratorHarness.Compile(source), logs);
        Assert.That(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty, string.Join("\n", diagnostics));
        Assert.That(GeneratorHarness.GeneratedSources(driver).Single().Value, Does.Contain("global::AutoHeuristic.LearnedRegressionTree").And.Contain("PredictFeedback"));
        MethodInfo decide = GeneratorHarness.Load(output).GetType("Sample.PadMmHeuristic")!.GetMethod("GetDecision")!;

        var parsed = new[] { LogReader.Parse("/project/heuristics/" + LogFiles[0], File.ReadAllText(GeneratorHarness.TestData(LogFiles[0]))) };
        LearnedModel model = HeuristicTrainer.Train(parsed, new TrainingOptions { HeuristicName = "pad_mm", Operations = StandardOperations.PadMm, Learner = LearnerKind.Regression }).Models.Single();
        Assert.That(model.Kind, Is.EqualTo(ModelKind.Regression));
        var (metadata, contexts) = LogRows.Read(GeneratorHarness.TestData(LogFiles[0]));
        var offered = new[] { "orig", "pad" };
        var ahMetadata = new AHMetadata(metadata.SharedMemory, metadata.DeviceCapability, offered, "pad_mm");
        int decided = 0;
        foreach (AHContext context in contexts)
        {
            string? expected = ModelWalker.DecideByScores(model, WithOperations(context), offered);
            Assert.That((string?)decide.Invoke(null, new object[] { ahMetadata, context }), Is.EqualTo(expected));
            if (expected is not null) decided++;
        }

        Assert.That(decided, Is.GreaterThan(0));
    }

    [Test]
    public void EachClassCarriesItsTrainingSummaryAndOneTreePerHardware()
    {
        var (_, _, driver) = GeneratorHarness.Run(GeneratorHarness.Compile(UserClass), Logs());
        string source = GeneratorHarness.GeneratedSources(driver)["AutoHeuristic.Sample.PadMmHeuristic.g.cs"];
        Assert.That(source, Does.Contain("private sealed class A100Tree"));
        Assert.That(source, Does.Contain("private sealed class H100Tree"));
        Assert.That(source, Does.Contain("Training data: "));
        Assert.That(source, Does.Contain("test: correct "));
        Assert.That(source, Does.Contain("// leaf "));
    }

    [Test]
    public void OutputIsByteIdenticalAcrossRunsAndCultures()
    {
        string Generate(string culture)
        {
            var saved = System.Globalization.CultureInfo.CurrentCulture;
            try
            {
                System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo(culture);
                var (_, _, driver) = GeneratorHarness.Run(GeneratorHarness.Compile(UserClass), Logs());
                return GeneratorHarness.GeneratedSources(driver).Single().Value;
            }
            finally
            {
                System.Globalization.CultureInfo.CurrentCulture = saved;
            }
        }

        string invariant = Generate("en-US");
        Assert.That(Generate("de-DE"), Is.EqualTo(invariant));
        Assert.That(Generate("fi-FI"), Is.EqualTo(invariant));
    }

    [Test]
    public void TheModuleInitializerRegistersTheTreesForAutoHeuristicDecision()
    {
        var (output, _, _) = GeneratorHarness.Run(GeneratorHarness.Compile(UserClass), Logs());
        Assembly assembly = GeneratorHarness.Load(output);
        Type type = assembly.GetType("Sample.PadMmHeuristic")!;
        var trees = (IReadOnlyList<ILearnedHeuristic>)type.GetProperty("Trees")!.GetValue(null)!;
        Assert.That(trees, Has.Count.EqualTo(LogFiles.Length), "one tree per hardware log");
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(type.Module.ModuleHandle);
        foreach (ILearnedHeuristic tree in trees)
        {
            Assert.That(LearnedHeuristicRegistry.ForName("pad_mm"), Does.Contain(tree));
            LearnedHeuristicRegistry.Unregister(tree);
        }
    }

    private static AHContext WithOperations(AHContext context)
    {
        var copy = new AHContext();
        foreach (AHFeature f in context.Features) copy.AddFeature(f.Name, f.Value, f.IsCategorical);
        copy.ApplyOperations(StandardOperations.PadMm);
        return copy;
    }
}
