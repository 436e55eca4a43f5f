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
        var trees = ((System.Collections.Generic.IReadOnlyList<ILearnedHeuristic>)assembly.GetType("Precomputed.PadMmTrees")!.GetProperty("Trees")!.GetValue(null)!).OrderBy(t => t.GetType().Name).ToList();
        Assert.That(trees.Select(t => t.GetType().Name), Is.EqualTo(new[] { "A100Tree", "H100Tree" }));
        var metadata = new AHMetadata(HardwareKey.H100.SharedMemory, HardwareKey.H100.Capability, new[] { "orig", "pad" }, "pad_mm");
        Assert.That(trees.Select(t => t.CheckPrecondition(metadata, new AHContext())), Is.EqualTo(new[] { false, true }));

        // Augmented features come from the context when the caller applied the operations, else the class computes them.
        AHContext context = EmitterTests.Context(8192, 64, 4096, "torch.float16");
        ChoiceProbability[]? best = trees[1].GetBestChoices(context);
        AHContext applied = EmitterTests.Context(8192, 64, 4096, "torch.float16");
        applied.ApplyOperations(StandardOperations.PadMm);
        var leaf = ModelWalker.FindLeaf(Models.PadMm(HardwareKey.H100), applied);
        Assert.That(best!.Select(b => (b.Probability, b.ChoiceIndex)), Is.EqualTo(leaf.BestChoices.Select(c => (c.Probability, c.ChoiceIndex))));

        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        Assert.That(LearnedHeuristicRegistry.ForName("pad_mm").Select(h => h.GetType().Assembly), Has.Some.EqualTo(assembly));
        foreach (ILearnedHeuristic h in LearnedHeuristicRegistry.ForName("pad_mm").Where(h => h.GetType().Assembly == assembly).ToList()) LearnedHeuristicRegistry.Unregister(h);
    }
}
