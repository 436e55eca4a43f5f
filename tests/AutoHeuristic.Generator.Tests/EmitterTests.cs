using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Threading;
using AutoHeuristic.Features;
using AutoHeuristic.Generator.Emit;
using AutoHeuristic.Generator.Fitting;
using AutoHeuristic.Generator.Helpers;
using AutoHeuristic.Generator.Model;
using AutoHeuristic.Generator.Operations;
using AutoHeuristic.Generator.Tests.Helpers;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.CodeGen;
using AutoHeuristic.Learning.Model;
using NUnit.Framework;

namespace AutoHeuristic.Generator.Tests;

/// <summary>The emitter, driven by hand-built models (no training involved).</summary>
public class EmitterTests
{
    private static HeuristicTarget Target(bool canRegister = true) => new(
        "Samples.Heuristics",
        new[] { new ContainingType("class", "Outer") }.ToEquatableArray(),
        "PadMmHeuristic",
        IsStatic: true,
        CanRegister: canRegister,
        CanGenerate: true,
        "pad_mm",
        OptionValues.None,
        EquatableArray<OperationSpec>.Empty);

    private static GenerationSpec Spec(bool canRegister = true)
    {
        var models = new[] { Models.PadMm(HardwareKey.A100), Models.PadMm(HardwareKey.H100) };
        FitResult fit = HeuristicFitter.FromModels("pad_mm", models, new List<DiagnosticInfo>(), CancellationToken.None);
        return new GenerationSpec(Target(canRegister), fit);
    }

    [Test]
    public void TwoHardwareTreesMatchTheSnapshot() => Snapshot.Match(HeuristicEmitter.Emit(Spec()), "PadMm_TwoTrees");

    [Test]
    public void ClassWithoutTreesMatchesTheSnapshot() =>
        Snapshot.Match(HeuristicEmitter.Emit(new GenerationSpec(Target(), new FitResult(default, false, default, default))), "PadMm_NoTrees");

    [Test]
    public void OutputIsTheSameUnderEveryCulture()
    {
        string invariant = Run(CultureInfo.InvariantCulture);
        foreach (string culture in new[] { "de-DE", "fi-FI", "ar-SA", "tr-TR" })
        {
            Assert.That(Run(new CultureInfo(culture)), Is.EqualTo(invariant), culture);
        }

        static string Run(CultureInfo culture)
        {
            CultureInfo saved = CultureInfo.CurrentCulture, savedUi = CultureInfo.CurrentUICulture;
            try
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
                return HeuristicEmitter.Emit(Spec());
            }
            finally
            {
                CultureInfo.CurrentCulture = saved;
                CultureInfo.CurrentUICulture = savedUi;
            }
        }
    }

    [Test]
    public void LongLeafCommentsAreCutWithAnEllipsisNeverInsideAnEscape()
    {
        string text = "leaf 1: 10 samples; " + string.Concat(Enumerable.Repeat("choice\u2028x 1, ", 20));
        string cut = ModelDescription.Shorten(text, ModelDescription.MaxLeafComment);
        Assert.That(cut.Length, Is.LessThanOrEqualTo(ModelDescription.MaxLeafComment));
        Assert.That(cut, Does.EndWith("…").And.StartWith("leaf 1: 10 samples; choice\\u2028x 1"));
        string body = cut.Substring(0, cut.Length - 1);
        Assert.That(Enumerable.Range(0, text.Length + 1).Any(n => CSharpText.CommentText(text.Substring(0, n)).TrimEnd() == body), Is.True, "the cut is the comment text of a prefix");
        Assert.That(ModelDescription.Shorten("leaf 2: 5 samples; orig 5", ModelDescription.MaxLeafComment), Is.EqualTo("leaf 2: 5 samples; orig 5"));
    }

    [Test]
    public void ThresholdsAreRoundTripLiterals()
    {
        foreach (double value in new[] { 0.1, 1.0 / 3, 4096.5, 1e-300, 123456789012345.0, -0.0001220703125, 5e20 })
        {
            string literal = LearnedModelCSharpEmitter.DoubleLiteral(value);
            Assert.That(double.Parse(literal, CultureInfo.InvariantCulture), Is.EqualTo(value), literal);
            Assert.That(literal, Does.Contain(".").Or.Contain("E"), "a double literal, not an int");
        }
    }

    [Test]
    public void GeneratedTreesDecideAsTheModelOnEveryPath()
    {
        string user = "namespace Samples.Heuristics { public static partial class Outer { [global::AutoHeuristic.AutoHeuristic(\"pad_mm\")] public static partial class PadMmHeuristic { } } }";
        Assembly assembly = GeneratorHarness.Load(GeneratorHarness.Compile(user, HeuristicEmitter.Emit(Spec())));
        MethodInfo decide = assembly.GetType("Samples.Heuristics.Outer+PadMmHeuristic")!.GetMethod("GetDecision")!;
        LearnedModel model = Models.PadMm(HardwareKey.A100);
        var a100 = new AHMetadata(HardwareKey.A100.SharedMemory, HardwareKey.A100.Capability, new[] { "orig", "pad" }, "pad_mm");
        var other = new AHMetadata(49152, new DeviceCapability(7, 5), new[] { "orig", "pad" }, "pad_mm");
        int checkedCases = 0;
        foreach (long m in new long[] { 1024, 4096, 4097, 8192 })
        {
            foreach (string dtype in new[] { "torch.float16", "torch.bfloat16" })
            {
                foreach (long k in new long[] { 64, 4096, 1 << 20 })
                {
                    AHContext context = Context(m, k, 4096, dtype);
                    // Augmented features are computed by the generated class when the caller did not apply them.
                    var source = new AHContext();
                    foreach (AHFeature f in context.Features) source.AddFeature(f.Name, f.Value, f.IsCategorical);
                    source.ApplyOperations(StandardOperations.PadMm);
                    Assert.That(decide.Invoke(null, new object[] { a100, context }), Is.EqualTo(ModelWalker.Decide(model, source)), $"m={m} k={k} {dtype}");
                    Assert.That(decide.Invoke(null, new object[] { other, context }), Is.Null, "no tree for this hardware");
                    checkedCases++;
                }
            }
        }

        Assert.That(checkedCases, Is.EqualTo(24));
    }

    [Test]
    public void RankedDecisionsFollowTheLeafAndTheOfferedChoices()
    {
        string user = "namespace Samples.Heuristics { public static partial class Outer { [global::AutoHeuristic.AutoHeuristic(\"pad_mm\")] public static partial class PadMmHeuristic { } } }";
        Assembly assembly = GeneratorHarness.Load(GeneratorHarness.Compile(user, HeuristicEmitter.Emit(Spec())));
        MethodInfo ranked = assembly.GetType("Samples.Heuristics.Outer+PadMmHeuristic")!.GetMethod("GetDecisionsRanked")!;
        var both = new AHMetadata(HardwareKey.H100.SharedMemory, HardwareKey.H100.Capability, new[] { "orig", "pad" }, "pad_mm");
        var onlyPad = new AHMetadata(HardwareKey.H100.SharedMemory, HardwareKey.H100.Capability, new[] { "pad" }, "pad_mm");
        AHContext context = Context(1024, 64, 4096, "torch.float16"); // leaf 1: orig 0.9, pad 0.1
        Assert.That(ranked.Invoke(null, new object[] { both, context, 2 }), Is.EqualTo(new[] { "orig", "pad" }));
        Assert.That(ranked.Invoke(null, new object[] { both, context, 1 }), Is.EqualTo(new[] { "orig" }));
        Assert.That(ranked.Invoke(null, new object[] { onlyPad, context, 2 }), Is.EqualTo(new[] { "pad" }));
        AHContext unsafeLeaf = Context(8192, 1 << 20, 4096, "torch.float16"); // k/(m*n) large: unsafe leaf 4
        Assert.That(ranked.Invoke(null, new object[] { both, unsafeLeaf, 2 }), Is.Null);
    }

    internal static AHContext Context(long m, long k, long n, string dtype)
    {
        var context = new AHContext();
        context.AddFeature("m", m);
        context.AddFeature("k", k);
        context.AddFeature("n", n);
        context.AddFeature("mat1_dtype", dtype, isCategorical: true);
        return context;
    }
}
