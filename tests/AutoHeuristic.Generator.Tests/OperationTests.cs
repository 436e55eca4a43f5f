using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using AutoHeuristic.Features;
using AutoHeuristic.Generator.Model;
using AutoHeuristic.Generator.Operations;
using AutoHeuristic.Generator.Tests.Helpers;
using CsCheck;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace AutoHeuristic.Generator.Tests;

/// <summary>
/// [AHOperation]: one definition for build time and run time. The generator's evaluation of the
/// translated body must equal the compiled C# method, called the way the generated code calls it.
/// </summary>
public class OperationTests
{
    private const string UserOperations = """
        using System;
        using AutoHeuristic;

        namespace Ops;

        [AutoHeuristic("my_heuristic")]
        public static partial class MyHeuristic
        {
            [AHOperation] public static double Ratio(long m, long n) => n == 0 ? 0.0 : (double)m / n;
            [AHOperation] public static long Product(int m, int k) => (long)m * k;
            [AHOperation] public static int Wrapping(int m, int k) => m * k + 7 % 3 - m / (k == 0 ? 1 : k);
            [AHOperation(IsCategorical = true)] public static bool BigBf16(long m, long k, string mat1_dtype) => k > m * 1024 && mat1_dtype == "torch.bfloat16" || !(m < 16);
            [AHOperation("log_mkn")] public static double LogMkn(double m, double k, double n) =>
                Math.Log(Math.Abs(m * k * n) + 1) + Math.Sqrt(Math.Abs(m - n)) + Math.Pow(Math.Abs(k), 0.5) - Math.Floor(m / 3.0)
                + Math.Ceiling(n / 7) + Math.Max(m, n) - Math.Min(1, k) + Math.Exp(-Math.Abs(m) / 1e6) + Math.Log10(Math.Abs(k) + 1);
            [AHOperation] public static long Mixed(long m, double k) => m % 7 + (long)(k * 0.5) - -m + Math.Max(m, 3L) + Math.Abs(m);
            [AHOperation] public static bool Flag(bool using_flag, long m) => using_flag != (m > 0) ? true : false;
            [AHOperation] public static double IntDivision(int m, int k) => k == 0 ? -1 : m / k * 1.5 + (m > k ? 1 : 2);
        }
        """;

    private static (IReadOnlyList<OperationSpec> Specs, Assembly Assembly) Build(string source)
    {
        var (output, diagnostics, driver) = GeneratorHarness.Run(GeneratorHarness.Compile(source), Array.Empty<(AdditionalText, bool)>());
        Assert.That(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty);
        var target = (TargetParseResult)driver.GetRunResult().Results[0].TrackedSteps[TrackingNames.ParseTarget][0].Outputs[0].Value;
        return (target.Target.Operations.ToList(), GeneratorHarness.Load(output));
    }

    [Test]
    public void EveryOperationOfTheSubsetTranslates()
    {
        var (specs, _) = Build(UserOperations);
        Assert.That(specs.Select(s => s.FeatureName), Is.EqualTo(new[] { "Ratio", "Product", "Wrapping", "BigBf16", "log_mkn", "Mixed", "Flag", "IntDivision" }));
        Assert.That(specs.Single(s => s.FeatureName == "BigBf16").IsCategorical, Is.True);
        Assert.That(specs.Single(s => s.FeatureName == "Product").Body.Type, Is.EqualTo(OperationType.Int64));
    }

    [Test]
    public void BuildTimeEvaluationEqualsRunTimeCSharpOnRandomInputs()
    {
        var (specs, assembly) = Build(UserOperations);
        var runtime = (IReadOnlyList<AHOperation>)assembly.GetType("Ops.MyHeuristic")!.GetProperty("Operations")!.GetValue(null)!;
        // No standard set for this name: the user operations are the whole list, in declaration order.
        Assert.That(runtime.Select(o => o.Name), Is.EqualTo(specs.Select(s => s.FeatureName)));

        Gen<long> dims = Gen.OneOf(Gen.Long[-2_000_000, 2_000_000], Gen.Long[-3, 3], Gen.OneOfConst(0L, 1L, 1024L, 46341L, int.MaxValue, int.MinValue + 1L));
        Gen<string> dtypes = Gen.OneOfConst("torch.float16", "torch.bfloat16", "torch.float32");
        int compared = 0;
        Gen.Select(dims, dims, dims, dtypes, Gen.Bool, Gen.Double[-1e7, 1e7]).Sample((m, k, n, dtype, flag, x) =>
        {
            var context = new AHContext();
            context.AddFeature("m", m);
            context.AddFeature("k", k);
            context.AddFeature("n", n);
            context.AddFeature("mat1_dtype", dtype, isCategorical: true);
            context.AddFeature("using_flag", flag, isCategorical: true);
            context.AddFeature("x", x);
            for (int i = 0; i < specs.Count; i++)
            {
                FeatureValue buildTime = Outcome(() => OperationEvaluator.Evaluate(specs[i], context), out string? buildError);
                FeatureValue runTime = Outcome(() => runtime[i].Evaluate(context), out string? runError);
                Assert.That(buildError, Is.EqualTo(runError), $"{specs[i].FeatureName}(m={m}, k={k}, n={n})");
                Assert.That(buildTime, Is.EqualTo(runTime), $"{specs[i].FeatureName}(m={m}, k={k}, n={n}, {dtype}, {flag})");
                Assert.That(buildTime.Kind, Is.EqualTo(runTime.Kind));
                System.Threading.Interlocked.Increment(ref compared);
            }
        }, iter: 2000);
        Assert.That(compared, Is.EqualTo(2000 * specs.Count));
    }

    // An exception (e.g. integer division by zero) must be the same on both sides.
    private static FeatureValue Outcome(Func<FeatureValue> f, out string? error)
    {
        try
        {
            error = null;
            return f();
        }
        catch (Exception e) when (e is ArithmeticException)
        {
            error = e.GetType().Name;
            return default;
        }
    }

    [TestCase("=> System.DateTime.Now.Ticks > m", "System.DateTime.Now.Ticks")]
    [TestCase("=> Helper(m) > 1", "Helper(m)")]
    [TestCase("=> m.ToString().Length > 2", "m.ToString().Length")]
    [TestCase("=> (m & 1) == 0", "m & 1")]
    [TestCase("=> s_limit < m", "s_limit")]
    [TestCase("=> m++ > 1", "m++")]
    [TestCase("=> new int[] { 1 }.Length > m", "new int[] { 1 }.Length")]
    public void BodiesOutsideTheSubsetAreReportedAtTheOffendingExpression(string body, string offending)
    {
        string source = $$"""
            using AutoHeuristic;
            [AutoHeuristic("pad_mm")]
            public static partial class H
            {
                private static long s_limit = 3;
                private static long Helper(long x) => x;
                [AHOperation] public static bool Op(long m) {{body}};
            }
            """;
        var (_, diagnostics, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source), Array.Empty<(AdditionalText, bool)>());
        Diagnostic error = diagnostics.Single(d => d.Id == "AH2004");
        Assert.That(error.Severity, Is.EqualTo(DiagnosticSeverity.Error));
        string text = error.Location.SourceTree is { } tree ? tree.GetText().ToString(error.Location.SourceSpan) : ReadSpan(source, error);
        Assert.That(text, Is.EqualTo(offending));
        Assert.That(error.GetMessage(), Does.Contain(offending));
    }

    private static string ReadSpan(string source, Diagnostic d) => source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);

    [TestCase("[AHOperation] public bool Op(long m) => m > 1;", "static")]
    [TestCase("[AHOperation] public static bool Op(long m) { return m > 1; }", "expression-bodied")]
    [TestCase("[AHOperation] public static string Op(long m) => \"x\";", "return bool, int, long or double")]
    [TestCase("[AHOperation] public static bool Op(decimal m) => m > 1;", "parameters")]
    [TestCase("[AHOperation] public static double Op(long m) => m; [AHOperation(\"Op\")] public static double Op2(long m) => m;", "already defines")]
    [TestCase("[AHOperation(\"m*k\")] public static double Op3(long m) => m;", "standard pad_mm feature")]
    public void UnsupportedMethodShapesAreReported(string member, string reason)
    {
        string source = $$"""
            using AutoHeuristic;
            [AutoHeuristic("pad_mm")]
            public static partial class H
            {
                {{member}}
            }
            """;
        var (_, diagnostics, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source), Array.Empty<(AdditionalText, bool)>());
        Assert.That(diagnostics.Where(d => d.Id == "AH2005").Select(d => d.GetMessage()), Has.Some.Contains(reason));
    }
}
