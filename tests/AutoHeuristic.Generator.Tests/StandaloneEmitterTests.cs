using System.Linq;
using System.Reflection;
using AutoHeuristic.Features;
using AutoHeuristic.Generator.Tests.Helpers;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.CodeGen;
using NUnit.Framework;

namespace AutoHeuristic.Generator.Tests;

/// <summary>The Roslyn-free emitter the CLI's <c>train --emit-cs</c> reuses: a standalone file that compiles and decides as the model.</summary>
public class StandaloneEmitterTests
{
    [Test]
    public void StandaloneFileMatchesTheSnapshot() =>
        Snapshot.Match(LearnedModelCSharpEmitter.WriteStandaloneFile(new[] { Models.PadMm(HardwareKey.A100) }, "Precomputed", "PadMmTrees"), "Standalone_PadMm");

    [Test]
    public void StandaloneFileCompilesRegistersAndDecidesAsTheModel()
    {
        string source = LearnedModelCSharpEmitter.WriteStandaloneFile(new[] { Models.PadMm(HardwareKey.A100), Models.PadMm(HardwareKey.H100) }, "Precomputed", "PadMmTrees");
        Assembly assembly = GeneratorHarness.Load(GeneratorHarness.Compile(source));
        var trees = assembly.GetType("Precomputed.PadMmTrees")!.GetNestedTypes().OrderBy(t => t.Name).Select(t => (ILearnedHeuristic)System.Activator.CreateInstance(t)!).ToList();
        Assert.That(trees.Select(t => t.GetType().Name), Is.EqualTo(new[] { "A100Tree", "H100Tree" }));
        var metadata = new AHMetadata(HardwareKey.H100.SharedMemory, HardwareKey.H100.Capability, new[] { "orig", "pad" }, "pad_mm");
        Assert.That(trees.Select(t => t.CheckPrecondition(metadata, new AHContext())), Is.EqualTo(new[] { false, true }));

        // Standalone trees read augmented features from the context: the caller applies the operations.
        AHContext context = EmitterTests.Context(8192, 64, 4096, "torch.float16");
        context.ApplyOperations(StandardOperations.PadMm);
        ChoiceProbability[]? best = trees[1].GetBestChoices(context);
        var leaf = ModelWalker.FindLeaf(Models.PadMm(HardwareKey.H100), context);
        Assert.That(best!.Select(b => (b.Probability, b.ChoiceIndex)), Is.EqualTo(leaf.BestChoices.Select(c => (c.Probability, c.ChoiceIndex))));

        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        Assert.That(LearnedHeuristicRegistry.ForName("pad_mm").Select(h => h.GetType().Assembly), Has.Some.EqualTo(assembly));
        foreach (ILearnedHeuristic h in LearnedHeuristicRegistry.ForName("pad_mm").Where(h => h.GetType().Assembly == assembly).ToList()) LearnedHeuristicRegistry.Unregister(h);
    }
}
