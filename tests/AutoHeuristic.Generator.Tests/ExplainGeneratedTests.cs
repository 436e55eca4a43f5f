using System;
using System.Linq;
using System.Reflection;
using AutoHeuristic.Explaining;
using AutoHeuristic.Features;
using AutoHeuristic.Generator.Tests.Helpers;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.CodeGen;
using AutoHeuristic.Learning.Model;
using NUnit.Framework;

namespace AutoHeuristic.Generator.Tests;

/// <summary>
/// A generated tree explains itself at run time (<see cref="HeuristicExplainer"/> over the data the
/// class carries) in exactly the words <c>autoheuristic explain</c> uses for the same model.
/// </summary>
public class ExplainGeneratedTests
{
    private static ILearnedHeuristic CompiledH100Tree()
    {
        string source = LearnedModelCSharpEmitter.WriteStandaloneFile(new[] { Models.PadMm(HardwareKey.H100) }, "Explained", "PadMmTrees");
        Assembly assembly = GeneratorHarness.Load(GeneratorHarness.Compile(source));
        var trees = (System.Collections.Generic.IReadOnlyList<ILearnedHeuristic>)assembly.GetType("Explained.PadMmTrees")!.GetProperty("Trees")!.GetValue(null)!;
        return trees.Single();
    }

    [TestCase(8192, 64, 4096, "torch.float16")]
    [TestCase(1024, 4096, 1024, "torch.bfloat16")]
    [TestCase(9000, 9000, 9000, "torch.float32")]
    public void Generated_tree_explains_as_the_cli_does(int m, int k, int n, string dtype)
    {
        ILearnedHeuristic tree = CompiledH100Tree();
        Assert.That(tree, Is.InstanceOf<IExplainableHeuristic>());
        AHContext context = EmitterTests.Context(m, k, n, dtype);
        context.ApplyOperations(StandardOperations.PadMm);

        Explanation atRunTime = HeuristicExplainer.Explain(tree, context);
        Explanation fromModel = ModelExplainer.Explain(Models.PadMm(HardwareKey.H100), context);
        Assert.That(atRunTime.ToString(), Is.EqualTo(fromModel.ToString()));
        Assert.That(atRunTime.Steps, Is.Not.Empty);

        // The explanation ends where the generated code decides.
        ChoiceProbability[]? best = tree.GetBestChoices(context);
        Assert.That(atRunTime.Decision, Is.EqualTo(best is null ? null : tree.Choices[best[0].ChoiceIndex]));
    }

    [Test]
    public void Registered_tree_is_found_by_metadata_and_others_are_refused()
    {
        ILearnedHeuristic tree = CompiledH100Tree();
        LearnedHeuristicRegistry.Register(tree);
        try
        {
            var metadata = new AHMetadata(HardwareKey.H100.SharedMemory, HardwareKey.H100.Capability, new[] { "orig", "pad" }, "pad_mm");
            AHContext context = EmitterTests.Context(8192, 64, 4096, "torch.float16");
            context.ApplyOperations(StandardOperations.PadMm);
            Explanation? e = HeuristicExplainer.Explain(metadata, context);
            Assert.That(e, Is.Not.Null);
            Assert.That(e!.Title, Does.StartWith("pad_mm (decision) on shared memory 232448"));
            Assert.That(HeuristicExplainer.Explain(new AHMetadata(1, new DeviceCapability(7, 5), new[] { "orig" }, "pad_mm"), context), Is.Null);
        }
        finally
        {
            LearnedHeuristicRegistry.Unregister(tree);
        }

        var plain = new Plain();
        Assert.That(() => HeuristicExplainer.Explain(plain, new AHContext()), Throws.TypeOf<NotSupportedException>().With.Message.Contains("carries no tree data"));
    }

    [Test]
    public void Explanation_data_round_trips_and_damage_is_reported_with_its_line()
    {
        LearnedModel model = Models.PadMm(HardwareKey.A100);
        string data = ModelExplainer.ExplainData(model)!;
        ExplainTree decoded = ExplainTreeCodec.Decode(data, model.Choices);
        Assert.That(ExplainTreeCodec.Encode(decoded, model.Choices), Is.EqualTo(data));
        Assert.That(() => ExplainTreeCodec.Decode(data.Replace("\nN\t", "\nQ\t"), model.Choices), Throws.TypeOf<FormatException>().With.Message.Contains("Line 3"));
        Assert.That(() => ExplainTreeCodec.Decode("nonsense", model.Choices), Throws.TypeOf<FormatException>());

        // A leaf naming a choice the table does not have.
        string[] lines = data.Split('\n');
        int leafLine = Array.FindIndex(lines, l => l.StartsWith("L\t", StringComparison.Ordinal));
        string[] fields = lines[leafLine].Split('\t');
        fields[5] = "99";
        lines[leafLine] = string.Join("\t", fields);
        Assert.That(() => ExplainTreeCodec.Decode(string.Join("\n", lines), model.Choices),
            Throws.TypeOf<FormatException>().With.Message.Contains("Line " + (leafLine + 1) + " of the explanation data is damaged"));
    }

    private sealed class Plain : ILearnedHeuristic
    {
        public string Name => "plain";

        public System.Collections.Generic.IReadOnlyList<string> Choices => new[] { "a" };

        public double ConfidenceThreshold => 0;

        public bool CheckPrecondition(AHMetadata metadata, AHContext context) => true;

        public ChoiceProbability[]? GetBestChoices(AHContext context) => null;
    }
}
