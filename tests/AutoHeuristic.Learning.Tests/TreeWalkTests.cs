using System;
using System.Collections.Generic;
using AutoHeuristic.Features;
using AutoHeuristic.Learning.Model;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>The one walk of a learned tree (evaluator, CLI use mode and tests use it).</summary>
public class TreeWalkTests
{
    private static Leaf L(int id) => new(id, Array.Empty<LeafChoice>(), Array.Empty<double>(), false);

    // m <= 10: (dtype != f16: leaf 1, else leaf 2); else (choice != pad: leaf 3, else leaf 4).
    private static readonly TreeNode Root = new NumericSplit("m", 10,
        new CategoricalSplit("dtype", "f16", L(1), L(2)),
        new CategoricalSplit("choice", "pad", L(3), L(4)));

    private sealed class Source(Dictionary<string, FeatureValue> values) : IFeatureSource
    {
        public bool TryGetValue(string name, out FeatureValue value) => values.TryGetValue(name, out value);
    }

    private static Source Features(double m, string dtype) => new(new Dictionary<string, FeatureValue>
    {
        ["m"] = FeatureValue.FromFloat(m),
        ["dtype"] = FeatureValue.FromText(dtype),
    });

    [TestCase(10, "f16", null, 2, TestName = "Numeric splits send value <= threshold left")]
    [TestCase(10, "bf16", null, 1, TestName = "Categorical splits send another text left")]
    [TestCase(10.5, "f16", "pad", 4, TestName = "The choice split compares the scored choice")]
    [TestCase(11, "f16", "orig", 3, TestName = "Another choice goes left")]
    [TestCase(double.NaN, "f16", "orig", 3, TestName = "NaN goes right, as the generated code")]
    public void Routes_as_the_trainer_and_the_generated_code(double m, string dtype, string? choice, int leaf) =>
        Assert.That(TreeWalk.FindLeaf(Root, Features(m, dtype), choice).Id, Is.EqualTo(leaf));

    [Test]
    public void A_missing_feature_is_named()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => TreeWalk.FindLeaf(Root, new Source(new Dictionary<string, FeatureValue>())));
        Assert.That(e!.Message, Does.Contain("'m'"));
    }
}
