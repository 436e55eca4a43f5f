using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using AutoHeuristic.Features;
using AutoHeuristic.Generator.Emit;
using AutoHeuristic.Generator.Fitting;
using AutoHeuristic.Generator.Helpers;
using AutoHeuristic.Generator.Model;
using AutoHeuristic.Generator.Operations;
using AutoHeuristic.Generator.Parsing;
using AutoHeuristic.Generator.Tests.Helpers;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning;
using AutoHeuristic.Learning.CodeGen;
using AutoHeuristic.Learning.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;

namespace AutoHeuristic.Generator.Tests.Injection;

/// <summary>
/// Builds code from hostile names along both emitter paths and proves it harmless: it compiles
/// without errors or warnings (XML docs checked), it has the shape of the code for benign names,
/// and every name comes back unchanged at run time, deciding through the hostile category.
/// </summary>
internal static class HostileBuild
{
    public const string LogPath = "/project/logs/hostile.txt";
    private const string Namespace = "Hostile";
    private const string ClassName = "HostileTrees";

    /// <summary>(a) The source generator, on a log with these names and a class asking for that heuristic name; returns the generated file.</summary>
    public static string CheckGenerator(HostileNames names)
    {
        string log = names.Log(HardwareKey.A100);
        var (output, diagnostics, driver) = GeneratorHarness.Run(GeneratorHarness.Compile(UserClass(names.Heuristic)), new[] { GeneratorHarness.Log(LogPath, log) });
        Assert.That(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty, "generator diagnostics");
        string generated = GeneratorHarness.GeneratedSources(driver).Single().Value;
        CodeShape.AssertClean(CodeShape.Parse(generated));

        // The generator's model, trained again in memory the same way, and its code for benign names.
        LearnedModel model = Train(names.Heuristic, log);
        Assert.That(generated, Is.EqualTo(Emit(names.Heuristic, model)), "the in-memory model is the generator's");
        string benign = Emit(HostileNames.Benign.Heuristic, HostileNames.Rename(model, names.RenameTo(HostileNames.Benign)));
        Assert.That(CodeShape.Of(CodeShape.Parse(generated)), Is.EqualTo(CodeShape.Of(CodeShape.Parse(benign))), "same shape as for benign names");

        Assembly assembly = LoadWithoutWarnings(output);
        Type type = assembly.GetType("Sample.H")!;
        Assert.That(type.GetField("HeuristicName")!.GetRawConstantValue(), Is.EqualTo(names.Heuristic));
        Assert.That(type.GetField("TrainingReport")!.GetRawConstantValue(), Is.EqualTo(string.Join("\n", LearnedModelCSharpEmitter.SummaryLines(model))));
        var trees = (IReadOnlyList<ILearnedHeuristic>)type.GetProperty("Trees")!.GetValue(null)!;
        Assert.That(trees.Single().Name, Is.EqualTo(names.Heuristic));
        Assert.That(trees.Single().Choices, Is.EquivalentTo(new[] { names.ChoiceA, names.ChoiceB }));

        MethodInfo decide = type.GetMethod("GetDecision")!;
        var metadata = new AHMetadata(HardwareKey.A100.SharedMemory, HardwareKey.A100.Capability, model.Choices, names.Heuristic);
        foreach (long n in new[] { 5L, 50L })
        {
            string? hostile = (string?)decide.Invoke(null, new object[] { metadata, Context(names, n, names.Category) });
            string? plain = (string?)decide.Invoke(null, new object[] { metadata, Context(names, n, HostileNames.OtherCategory) });
            Assert.That(hostile, Is.EqualTo(ModelWalker.Decide(model, Context(names, n, names.Category))));
            Assert.That(plain, Is.EqualTo(ModelWalker.Decide(model, Context(names, n, HostileNames.OtherCategory))));
            // The log's rule: below 30 the plain category picks A, the hostile one B; above, the other way round.
            Assert.That((hostile, plain), Is.EqualTo(n < 30 ? (names.ChoiceB, names.ChoiceA) : (names.ChoiceA, names.ChoiceB)), "n=" + n);
        }

        AssertRegistered(names.Heuristic, assembly, 1);
        return generated;
    }

    /// <summary>(b) <c>train --emit-cs</c>'s standalone file for a decision and a regression model with these names; returns the file.</summary>
    public static string CheckStandalone(HostileNames names)
    {
        var models = new[] { names.DecisionModel(HardwareKey.A100), names.RegressionModel(HardwareKey.H100) };
        string source = LearnedModelCSharpEmitter.WriteStandaloneFile(models, Namespace, ClassName);
        CodeShape.AssertClean(CodeShape.Parse(source));
        Func<string, string> rename = names.RenameTo(HostileNames.Benign);
        string benign = LearnedModelCSharpEmitter.WriteStandaloneFile(models.Select(m => HostileNames.Rename(m, rename)).ToList(), Namespace, ClassName);
        Assert.That(CodeShape.Of(CodeShape.Parse(source)), Is.EqualTo(CodeShape.Of(CodeShape.Parse(benign))), "same shape as for benign names");

        Assembly assembly = LoadWithoutWarnings(GeneratorHarness.Compile(source));
        Type holder = assembly.GetType(Namespace + "." + ClassName)!;
        var decision = (ILearnedHeuristic)Activator.CreateInstance(holder.GetNestedType("A100Tree", BindingFlags.NonPublic)!)!;
        var regression = (ILearnedRegressionHeuristic)Activator.CreateInstance(holder.GetNestedType("H100Tree", BindingFlags.NonPublic)!)!;
        foreach (ILearnedHeuristic tree in new[] { decision, regression })
        {
            Assert.That(tree.Name, Is.EqualTo(names.Heuristic));
            Assert.That(tree.Choices, Is.EqualTo(new[] { names.ChoiceA, names.ChoiceB }));
        }

        Assert.That(decision.CheckPrecondition(new AHMetadata(HardwareKey.A100.SharedMemory, HardwareKey.A100.Capability, models[0].Choices, names.Heuristic), new AHContext()), Is.True);
        Assert.That(decision.CheckPrecondition(new AHMetadata(HardwareKey.A100.SharedMemory, HardwareKey.A100.Capability, models[0].Choices, names.Heuristic + "x"), new AHContext()), Is.False);
        foreach (long n in new[] { 5L, 50L })
        {
            foreach (string category in new[] { names.Category, HostileNames.OtherCategory })
            {
                AHContext context = Context(names, n, category);
                Leaf leaf = ModelWalker.FindLeaf(models[0], context);
                ChoiceProbability[]? best = decision.GetBestChoices(context);
                if (UnsureLeaves.AnswersUnsure(models[0], leaf)) Assert.That(best, Is.Null);
                else Assert.That(best!.Select(b => (b.Probability, b.ChoiceIndex)), Is.EqualTo(leaf.BestChoices.Select(c => (c.Probability, c.ChoiceIndex))));
                foreach (string choice in models[1].Choices)
                {
                    Assert.That(regression.PredictFeedback(context, choice), Is.EqualTo(ModelWalker.FindLeaf(models[1], context, choice).Value));
                }
            }
        }

        // The hostile category and choice literals decide: leaf 2 (the hostile category below the split) answers B for sure.
        Assert.That(decision.GetBestChoices(Context(names, 5, names.Category))!.Single().ChoiceIndex, Is.EqualTo(1));
        Assert.That(regression.PredictFeedback(Context(names, 5, names.Category), names.ChoiceA), Is.EqualTo(0.5));
        Assert.That(regression.PredictFeedback(Context(names, 5, names.Category), names.ChoiceB), Is.EqualTo(3.0));
        AssertRegistered(names.Heuristic, assembly, 2);
        return source;
    }

    /// <summary>The trees a <see cref="HeuristicFitter"/> run learns from <paramref name="log"/> (one hardware).</summary>
    public static LearnedModel Train(string heuristicName, string log)
    {
        ParsedLogSpec parsed = LogParser.Parse(LogPath, SourceText.From(log), CancellationToken.None);
        var request = new FitRequest(heuristicName, new[] { parsed }.ToEquatableArray(), OptionValues.None, EquatableArray<OperationSpec>.Empty);
        var options = HeuristicFitter.BuildOptions(request, StandardOperations.ForHeuristic(heuristicName), Array.Empty<AHOperation>());
        return HeuristicTrainer.Train(new[] { parsed.Log }, options, CancellationToken.None).Models.Single();
    }

    /// <summary>What the generator emits for <c>Sample.H</c> with <paramref name="model"/>.</summary>
    public static string Emit(string heuristicName, LearnedModel model)
    {
        var target = new HeuristicTarget("Sample", EquatableArray<ContainingType>.Empty, "H", true, true, true, heuristicName, OptionValues.None, EquatableArray<OperationSpec>.Empty);
        FitResult fit = HeuristicFitter.FromModels(heuristicName, new[] { model }, new List<DiagnosticInfo>(), CancellationToken.None);
        return HeuristicEmitter.Emit(new GenerationSpec(target, fit));
    }

    /// <summary>The user's class asking for <paramref name="heuristicName"/> (documented, as doc checks are on).</summary>
    public static string UserClass(string heuristicName) =>
        "namespace Sample;\n\n/// <summary>Hostile names.</summary>\n[global::AutoHeuristic.AutoHeuristic(" + CSharpText.StringLiteral(heuristicName) + ")]\npublic static partial class H\n{\n}\n";

    /// <summary>A context with the numerical feature <paramref name="n"/> and the categorical <paramref name="category"/>.</summary>
    public static AHContext Context(HostileNames names, long n, string category)
    {
        var context = new AHContext();
        context.AddFeature(names.NumericFeature, n);
        context.AddFeature(names.CategoricalFeature, category, isCategorical: true);
        return context;
    }

    private static Assembly LoadWithoutWarnings(Compilation compilation)
    {
        Compilation checkedDocs = CodeShape.WithDocumentationChecks(compilation);
        Assert.That(checkedDocs.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty, "compiler diagnostics");
        return GeneratorHarness.Load(checkedDocs);
    }

    // The module initializer registered the trees under the name; unregistered again for the next sample.
    private static void AssertRegistered(string heuristicName, Assembly assembly, int count)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        var mine = LearnedHeuristicRegistry.ForName(heuristicName).Where(h => h.GetType().Assembly == assembly).ToList();
        foreach (ILearnedHeuristic h in mine) LearnedHeuristicRegistry.Unregister(h);
        Assert.That(mine, Has.Count.EqualTo(count));
    }
}
