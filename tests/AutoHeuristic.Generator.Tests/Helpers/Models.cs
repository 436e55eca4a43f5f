using System.Collections.Generic;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.Model;

namespace AutoHeuristic.Generator.Tests.Helpers;

/// <summary>Hand-built learned models for emitter tests.</summary>
internal static class Models
{
    /// <summary>
    /// A small pad_mm tree: a numeric split on m, an augmented numeric split, a categorical split
    /// (whose training values are known) and an unsafe leaf.
    /// </summary>
    public static LearnedModel PadMm(HardwareKey hardware) => new(
        "pad_mm",
        hardware,
        ModelKind.Decision,
        new[] { "orig", "pad" },
        0.6,
        new NumericSplit("m", 4096.5,
            new CategoricalSplit("mat1_dtype", "torch.bfloat16",
                new Leaf(1, new[] { new LeafChoice(0.9, 0), new LeafChoice(0.1, 1) }, new[] { 90.0, 10.0 }, false) { Samples = 100 },
                new Leaf(2, new[] { new LeafChoice(0.55, 1), new LeafChoice(0.45, 0) }, new[] { 9.0, 11.0 }, false) { Samples = 20 }) { Samples = 120 },
            new NumericSplit("k/(m*n)", 0.0001220703125,
                new Leaf(3, new[] { new LeafChoice(1.0, 1) }, new[] { 0.0, 40.0 }, false) { Samples = 40 },
                new Leaf(4, new[] { new LeafChoice(0.5, 0), new LeafChoice(0.5, 1) }, new[] { 3.0, 3.0 }, true) { Samples = 6 }) { Samples = 46 }) { Samples = 166 },
        new[]
        {
            new FeatureInfo("m", false, false),
            new FeatureInfo("mat1_dtype", true, false) { Categories = new[] { "torch.bfloat16", "torch.float16", "torch.float32" } },
            new FeatureInfo("k/(m*n)", false, true),
        },
        new TrainingSummary(1000, 500, "entropy", 7, 10, 2, 4, new Dictionary<string, SetMetrics>
        {
            ["train"] = new(new Dictionary<string, double> { ["correct"] = 300, ["wrong"] = 3, ["unsure"] = 47, ["total"] = 350 }),
            ["val"] = new(new Dictionary<string, double> { ["correct"] = 60, ["wrong"] = 1, ["unsure"] = 14, ["total"] = 75 }),
            ["test"] = new(new Dictionary<string, double> { ["correct"] = 61, ["wrong"] = 0, ["unsure"] = 14, ["total"] = 75, ["gmean_speedup_over_default"] = 1.2345678 }),
        }));
}
