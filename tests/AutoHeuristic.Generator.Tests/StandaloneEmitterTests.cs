using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AutoHeuristic.Generator.Emit;
using AutoHeuristic.Generator.Fitting;
using AutoHeuristic.Generator.Helpers;
using AutoHeuristic.Generator.Model;
using AutoHeuristic.Generator.Operations;
using AutoHeuristic.Learning.Model;
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
    public void TheStandaloneFileHoldsTheGeneratorsClass()
    {
        var models = new[] { Models.PadMm(HardwareKey.A100), Models.PadMm(HardwareKey.H100) };
        string standalone = LearnedModelCSharpEmitter.WriteStandaloneFile(models, "Precomputed", "PadMmTrees");
        var target = new HeuristicTarget("Precomputed", EquatableArray<ContainingType>.Empty, "PadMmTrees", IsStatic: true, CanRegister: true, CanGenerate: true,
            "pad_mm", OptionValues.None, EquatableArray<OperationSpec>.Empty);
        string generated = HeuristicEmitter.Emit(new GenerationSpec(target, HeuristicFitter.FromModels("pad_mm", models, new List<DiagnosticInfo>(), CancellationToken.None)));

        // What differs: the declaration's accessibility and the tool named in [GeneratedCode]. Everything else is the same text.
        Assert.That(Body(standalone), Is.EqualTo(Body(generated)));
        Assert.That(standalone, Does.Contain("public static partial class PadMmTrees").And.Contain("GeneratedCode(\"autoheuristic train --emit-cs\""));
        Assert.That(generated, Does.Contain("\n    static partial class PadMmTrees").And.Contain("GeneratedCode(\"AutoHeuristic.Generator\""));

        static List<string> Body(string file) => file.Split('\n').Select(l => l.Trim())
            .Where(l => !l.StartsWith("[global::System.CodeDom.Compiler.GeneratedCode(", System.StringComparison.Ordinal) && !l.EndsWith("partial class PadMmTrees", System.StringComparison.Ordinal))
            .ToList();
    }

    [Test]
    public void SeveralHeuristicNamesGiveOneClassEach()
    {
        LearnedModel other = Models.PadMm(HardwareKey.A100) with { Name = "another" };
        string source = LearnedModelCSharpEmitter.WriteStandaloneFile(new[] { Models.PadMm(HardwareKey.A100), other }, "Precomputed", "PadMmTrees");
        Assembly assembly = GeneratorHarness.Load(GeneratorHarness.Compile(source));
        Assert.That(assembly.GetType("Precomputed.PadMmTrees")!.GetField("HeuristicName")!.GetRawConstantValue(), Is.EqualTo("another"), "name order");
        Assert.That(assembly.GetType("Precomputed.PadMmTrees2")!.GetField("HeuristicName")!.GetRawConstantValue(), Is.EqualTo("pad_mm"));
    }

    [TestCase("Trees")]
    [TestCase("GetDecision")]
    [TestCase("A100Tree")]
    [TestCase("Sm75Smem65536Tree2")]
    public void AClassNamedLikeOneOfItsMembersIsRefused(string className)
    {
        var e = Assert.Throws<System.ArgumentException>(() => LearnedModelCSharpEmitter.WriteStandaloneFile(new[] { Models.PadMm(HardwareKey.A100) }, "Precomputed", className));
        Assert.That(e!.Message, Does.Contain("is the name of a member of the generated class"));
        Assert.That(HeuristicClassWriter.ClassNameProblem("DecisionTrees"), Is.Null);
    }

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
