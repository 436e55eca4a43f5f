using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using AutoHeuristic.Features;
using AutoHeuristic.Generator.Tests.Helpers;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Training;
using AutoHeuristic.Tests.Shared;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace AutoHeuristic.Generator.Tests;

/// <summary>
/// PyTorch's full published logs (../shared/data/pytorch, skipped when absent): the generator's trees
/// decide (pad_mm) and rank (mm, top 10) exactly as the learning engine's in-memory models on every row.
/// </summary>
[Category(TestRepository.SharedDataCategory)]
public class SharedDataTests
{
    private static string Extract(string zip, string entry)
    {
        string zipPath = TestRepository.PyTorchFile(zip);
        string target = Path.Combine(Path.GetTempPath(), "ah-generator-tests", Path.GetFileName(entry));
        if (!File.Exists(target))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using ZipArchive archive = ZipFile.OpenRead(zipPath);
            archive.GetEntry(entry)!.ExtractToFile(target + ".tmp", overwrite: true);
            File.Move(target + ".tmp", target, overwrite: true);
        }

        return target;
    }

    [Test]
    public void PadMmA100FullLogDecidesAsTheModelOnEveryRow()
    {
        string path = Extract("pad_mm_a100_data.zip", "pad_mm_a100_data.txt");
        var (model, type) = Generate(path, "pad_mm", "[global::AutoHeuristic.AutoHeuristic(\"pad_mm\")]", new TrainingOptions { HeuristicName = "pad_mm", Operations = StandardOperations.PadMm });
        MethodInfo decide = type.GetMethod("GetDecision")!;
        var (metadata, contexts) = LogRows.Read(path);
        var ahMetadata = new AHMetadata(metadata.SharedMemory, metadata.DeviceCapability, model.Choices, "pad_mm");
        int decided = 0;
        foreach (AHContext context in contexts)
        {
            string? expected = ModelWalker.Decide(model, WithOperations(context, StandardOperations.PadMm));
            Assert.That((string?)decide.Invoke(null, new object[] { ahMetadata, context }), Is.EqualTo(expected));
            if (expected is not null) decided++;
        }

        Assert.That(contexts, Has.Count.EqualTo(58183));
        Assert.That(decided, Is.GreaterThan(contexts.Count / 2));
    }

    [Test]
    public void MmH100RankingRanksAsTheModelOnEveryRow()
    {
        string path = Extract("h100_mm.zip", "h100/h100_mm.txt");
        var (model, type) = Generate(path, "mm", "[global::AutoHeuristic.AutoHeuristic(\"mm\", Ranking = 10)]", new TrainingOptions { HeuristicName = "mm", Operations = StandardOperations.Mm, RankingK = 10 });
        Assert.That(model.Kind, Is.EqualTo(ModelKind.Ranking));
        MethodInfo ranked = type.GetMethod("GetDecisionsRanked")!;
        var (metadata, contexts) = LogRows.Read(path);
        var ahMetadata = new AHMetadata(metadata.SharedMemory, metadata.DeviceCapability, model.Choices, "mm");
        foreach (AHContext context in contexts.Where((_, i) => i % 7 == 0))
        {
            Leaf leaf = ModelWalker.FindLeaf(model, WithOperations(context, StandardOperations.Mm));
            string[]? expected = leaf.IsUnsafe ? null : leaf.BestChoices.Take(10).Select(c => model.Choices[c.ChoiceIndex]).ToArray();
            Assert.That((IReadOnlyList<string>?)ranked.Invoke(null, new object[] { ahMetadata, context, 10 }), Is.EqualTo(expected));
        }
    }

    private static (LearnedModel Model, Type Type) Generate(string path, string name, string attribute, TrainingOptions options)
    {
        string source = "namespace Sample; " + attribute + " public static partial class Heuristic { }";
        var log = GeneratorHarness.Log(path, File.ReadAllText(path));
        var (output, diagnostics, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source), new[] { log });
        Assert.That(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty, string.Join("\n", diagnostics));
        LearnedModel model = HeuristicTrainer.Train(new[] { LogReader.Parse(path, File.ReadAllText(path)) }, options).Models.Single();
        Assert.That(model.Name, Is.EqualTo(name));
        return (model, GeneratorHarness.Load(output).GetType("Sample.Heuristic")!);
    }

    private static AHContext WithOperations(AHContext context, IReadOnlyList<AHOperation> operations)
    {
        var copy = new AHContext();
        foreach (AHFeature f in context.Features) copy.AddFeature(f.Name, f.Value, f.IsCategorical);
        copy.ApplyOperations(operations);
        return copy;
    }

}
