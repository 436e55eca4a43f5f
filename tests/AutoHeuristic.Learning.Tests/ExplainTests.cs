using System;
using System.Collections.Generic;
using System.Linq;
using AutoHeuristic.Explaining;
using AutoHeuristic.Features;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Rendering;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>Explanations of one input's decision and the positive wording of tests.</summary>
public class ExplainTests
{
    private static readonly string[] Choices = { "orig", "pad" };

    // m <= 2048.5 ? (dtype != float32 ? (n_multiple_32 == True ? leaf0 : leaf1) : unsafe) : (k_padded_length <= 0.5 ? leaf3 : leaf4)
    private static LearnedModel Model(double threshold = 0.0) => new(
        "pad_mm", HardwareKey.A100, ModelKind.Decision, Choices, threshold,
        new NumericSplit("m", 2048.5,
            new CategoricalSplit("dtype", "torch.float32",
                new CategoricalSplit("n_multiple_32", "False",
                    Leaf(0, (0.9, 1), (0.1, 0)),
                    Leaf(1, (0.6, 0), (0.4, 1))),
                new Leaf(2, new[] { new LeafChoice(1.0, 0) }, new double[] { 3, 0 }, IsUnsafe: true) { Samples = 3 }),
            new NumericSplit("k_padded_length", 0.5, Leaf(3, (0.8, 0), (0.2, 1)), Leaf(4, (0.7, 1), (0.3, 0)))),
        new[]
        {
            new FeatureInfo("m", false, false), new FeatureInfo("dtype", true, false),
            new FeatureInfo("n_multiple_32", true, true), new FeatureInfo("k_padded_length", false, false),
        },
        new TrainingSummary(100, 50, "entropy", 3, 1, 3, 5, new Dictionary<string, SetMetrics>()));

    private static Leaf Leaf(int id, params (double P, int Choice)[] best)
    {
        var list = new List<LeafChoice>();
        var weights = new double[2];
        foreach ((double p, int c) in best)
        {
            list.Add(new LeafChoice(p, c));
            weights[c] = Math.Round(p * 10);
        }

        return new Leaf(id, list, weights, IsUnsafe: false) { Samples = 10 };
    }

    private static Input In(params (string Name, FeatureValue Value)[] values) => new(values);

    [Test]
    public void Path_reads_as_tests_with_the_inputs_values_and_ends_in_the_answer()
    {
        Explanation e = ModelExplainer.Explain(Model(), In(("m", FeatureValue.FromInteger(4096)), ("k_padded_length", FeatureValue.FromInteger(1))));
        Assert.That(e.Steps.Select(s => s.Text), Is.EqualTo(new[] { "m = 4096 > 2048.5", "k_padded_length = 1 > 0.5: k needs padding" }));
        Assert.That(e.Leaf.Id, Is.EqualTo(4));
        Assert.That(e.Decision, Is.EqualTo("pad"));
        string text = e.ToString();
        Assert.That(text, Does.Contain("  1. m = 4096 > 2048.5\n  2. k_padded_length = 1 > 0.5: k needs padding\n"));
        Assert.That(text, Does.Contain("leaf 4: 10 training inputs; fastest among them: pad 7, orig 3"));
        Assert.That(text, Does.Contain("answer: pad (probability 0.700)"));
    }

    [Test]
    public void Categorical_and_yes_no_tests_are_worded_positively()
    {
        Explanation e = ModelExplainer.Explain(Model(), In(("m", FeatureValue.FromInteger(1024)), ("dtype", FeatureValue.FromText("torch.float16")), ("n_multiple_32", FeatureValue.FromBool(true))));
        Assert.That(e.Steps.Select(s => s.Text), Is.EqualTo(new[]
        {
            "m = 1024 <= 2048.5",
            "dtype = torch.float16: is not torch.float32",
            "n_multiple_32 = True: n is a multiple of 32",
        }));
        Assert.That(e.Leaf.Id, Is.EqualTo(0), "the tree's n_multiple_32 != False goes left");
        Assert.That(e.Decision, Is.EqualTo("pad"));
    }

    [Test]
    public void Unsafe_and_below_threshold_leaves_explain_why_they_are_unsure()
    {
        Explanation unsafeLeaf = ModelExplainer.Explain(Model(), In(("m", FeatureValue.FromInteger(10)), ("dtype", FeatureValue.FromText("torch.float32"))));
        Assert.That(unsafeLeaf.Decision, Is.Null);
        Assert.That(unsafeLeaf.ToString(), Does.Contain("answer: unsure (the leaf is unsafe"));

        Explanation below = ModelExplainer.Explain(Model(threshold: 0.85), In(("m", FeatureValue.FromInteger(4096)), ("k_padded_length", FeatureValue.FromInteger(0))));
        Assert.That(below.Steps[1].Text, Is.EqualTo("k_padded_length = 0 <= 0.5: k needs no padding"));
        Assert.That(below.Decision, Is.Null);
        Assert.That(below.ToString(), Does.Contain("its top probability 0.800 is at most the confidence threshold 0.85"));
    }

    [Test]
    public void A_missing_feature_is_named()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => ModelExplainer.Explain(Model(), In(("m", FeatureValue.FromInteger(4096)))));
        Assert.That(e!.Message, Does.Contain("'k_padded_length'").And.Contain("step 2"));
    }

    [Test]
    public void Regression_models_are_refused_with_a_reason()
    {
        LearnedModel regression = Model() with { Kind = ModelKind.Regression };
        Assert.That(() => ModelExplainer.ToExplainTree(regression), Throws.TypeOf<NotSupportedException>().With.Message.Contains("regression"));
    }

    [TestCase("n_multiple_32", true, "n is a multiple of 32")]
    [TestCase("n_multiple_32", false, "n is not a multiple of 32")]
    [TestCase("17LEQkLEQ32", true, "17 <= k <= 32")]
    [TestCase("mat2_iscontig", false, "mat2 is not contiguous")]
    [TestCase("mat1_innermost_needs_padding", true, "mat1's innermost dimension needs padding")]
    [TestCase("bfloat_perf_hit", true, "bfloat_perf_hit is True")]
    public void Yes_no_features_read_as_what_they_mean(string feature, bool holds, string expected)
    {
        Assert.That(SplitWording.Statement(feature, holds), Is.EqualTo(expected));
    }

    [Test]
    public void Only_true_yes_no_features_are_worded_as_statements()
    {
        Assert.That(SplitWording.IsYesNo("using_tf32", isAugmented: false, "False"), Is.False, "using_tf32 also holds not_float_32");
        Assert.That(SplitWording.CategoricalTest("using_tf32", "False", yesNo: false), Is.EqualTo(("using_tf32 is False", true)));
        Assert.That(SplitWording.IsYesNo("n_multiple_32", isAugmented: true, "False"), Is.True);
        Assert.That(SplitWording.CategoricalTest("n_multiple_32", "False", yesNo: true), Is.EqualTo(("n is a multiple of 32", false)));
        Assert.That(SplitWording.IsYesNo("mat1_iscontig", isAugmented: false, "True"), Is.True);
    }

    private sealed class Input : IFeatureSource
    {
        private readonly Dictionary<string, FeatureValue> _values = new();

        public Input((string Name, FeatureValue Value)[] values)
        {
            foreach ((string name, FeatureValue value) in values) _values[name] = value;
        }

        public bool TryGetValue(string name, out FeatureValue value) => _values.TryGetValue(name, out value);
    }
}
