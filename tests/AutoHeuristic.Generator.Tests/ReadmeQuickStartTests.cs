using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using AutoHeuristic.Generator.Tests.Helpers;
using AutoHeuristic.Hardware;
using AutoHeuristic.Tests.Shared;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace AutoHeuristic.Generator.Tests;

/// <summary>
/// The README's quick start works as printed: its C# block, built with the generator and an A100
/// pad_mm log under heuristics/, compiles without warnings and decides in use mode.
/// </summary>
[NonParallelizable]
public class ReadmeQuickStartTests
{
    [Test]
    public void TheQuickStartCompilesWithTheGeneratorAndDecides()
    {
        string root = TestRepository.Root;
        string code = QuickStartCode(root);
        // The main job's A100 log (every third input of PyTorch's data set), trained with the defaults a user gets.
        var log = GeneratorHarness.Log("/project/heuristics/pad_mm_a100.txt", File.ReadAllText(Path.Combine(root, "samples", "PadMm", "heuristics", "pad_mm_a100.txt")));
        var (output, diagnostics, _) = GeneratorHarness.Run(GeneratorHarness.Compile(code), new[] { log });

        Assert.That(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty, "the generator has nothing to say about the quick start");
        Assert.That(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty, "the quick start compiles cleanly");

        Assembly assembly = GeneratorHarness.Load(output);
        Type heuristic = assembly.GetType("PadMmHeuristic")!;
        var trees = (System.Collections.Generic.IReadOnlyList<ILearnedHeuristic>)heuristic.GetProperty("Trees")!.GetValue(null)!;
        RuntimeHelpers.RunModuleConstructor(heuristic.Module.ModuleHandle);
        try
        {
            var options = new AutoHeuristicOptions { HardwareInfoProvider = new FixedA100() }.SetMode("pad_mm", AutoHeuristicMode.Use);
            MethodInfo padOrNot = assembly.GetType("MatMul")!.GetMethod("PadOrNot")!;
            string Decide(long m, long k, long n) => (string)padOrNot.Invoke(null, new object?[] { m, k, n, options })!;

            Assert.That(trees, Has.Count.EqualTo(1), "one tree: the log holds one GPU");
            Assert.That(Decide(4096, 4095, 4096), Is.AnyOf("orig", "pad", "benchmark"));
            Assert.That(Decide(100, 100, 100), Is.EqualTo("benchmark"), "below PyTorch's minimum size on an A100 the fallback answers");
            Assert.That(new[] { Decide(4096, 4095, 4096), Decide(16384, 1023, 4096), Decide(2048, 50257, 1024), Decide(4097, 4097, 4097) },
                Has.Some.AnyOf("orig", "pad"), "the learned tree decides some shapes");
        }
        finally
        {
            foreach (ILearnedHeuristic tree in trees) LearnedHeuristicRegistry.Unregister(tree);
        }
    }

    /// <summary>The first C# block under README.md's "## Quick start".</summary>
    private static string QuickStartCode(string root)
    {
        string readme = File.ReadAllText(Path.Combine(root, "README.md")).Replace("\r\n", "\n");
        int section = readme.IndexOf("\n## Quick start", StringComparison.Ordinal);
        Assert.That(section, Is.GreaterThan(0), "README.md has a quick start");
        Match block = new Regex(@"```csharp\n(.*?)\n```", RegexOptions.Singleline).Match(readme, section);
        Assert.That(block.Success, "the quick start has a C# block");
        return block.Groups[1].Value;
    }

    private sealed class FixedA100 : IHardwareInfoProvider
    {
        public HardwareInfo GetHardwareInfo() => new("NVIDIA A100-SXM4-80GB", HardwareKey.A100.SharedMemory, HardwareKey.A100.Capability);
    }
}
