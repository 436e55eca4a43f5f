using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Rendering;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests;

public class RenderingTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static Leaf MakeLeaf(int id, int samples, bool unsafeLeaf, params (double P, int Choice)[] choices) =>
        new(id, choices.Select(c => new LeafChoice(c.P, c.Choice)).ToArray(), choices.Select(c => c.P).ToArray(), unsafeLeaf) { Samples = samples };

    private static LearnedModel Model(TreeNode root, ModelKind kind = ModelKind.Decision, double threshold = 0.6, params string[] choices)
    {
        (int splits, int leaves, int depth) = Count(root);
        var summary = new TrainingSummary(500, 250, "entropy", 7, 10, depth, leaves, new Dictionary<string, SetMetrics>());
        return new LearnedModel("pad_mm", HardwareKey.A100, kind, choices.Length == 0 ? new[] { "orig", "pad" } : choices, threshold, root,
            new[] { new FeatureInfo("m", false, false), new FeatureInfo("dtype", true, false) }, summary);
    }

    /// <summary>A small tree with both split kinds, a safe, an unsafe and a low-confidence leaf.</summary>
    private static LearnedModel SmallModel() => Model(
        new NumericSplit(
            "m",
            1024.5,
            new CategoricalSplit("mat1_dtype", "torch.float16",
                MakeLeaf(1, 60, false, (0.9, 1), (0.1, 0)),
                MakeLeaf(2, 40, true, (1.0, 0))) { Samples = 100 },
            MakeLeaf(3, 150, false, (0.55, 0), (0.45, 1))) { Samples = 250 });

    /// <summary>A full tree of the given depth with distinct thresholds and leaf ids.</summary>
    private static TreeNode FullTree(int depth, ref int nextLeaf, int choices)
    {
        if (depth == 0)
        {
            int id = nextLeaf++;
            return MakeLeaf(id, 10 + id, id % 7 == 0, (0.7, id % choices), (0.2, (id + 1) % choices), (0.1, (id + 2) % choices));
        }

        TreeNode left = FullTree(depth - 1, ref nextLeaf, choices);
        TreeNode right = FullTree(depth - 1, ref nextLeaf, choices);
        return new NumericSplit("k*n", nextLeaf * 1000.25, left, right) { Samples = left.Samples + right.Samples };
    }

    private static (int Splits, int Leaves, int Depth) Count(TreeNode node) => node switch
    {
        NumericSplit n => Combine(Count(n.Left), Count(n.Right)),
        CategoricalSplit c => Combine(Count(c.NotEqual), Count(c.Equal)),
        _ => (0, 1, 0),
    };

    private static (int, int, int) Combine((int S, int L, int D) a, (int S, int L, int D) b) => (a.S + b.S + 1, a.L + b.L, Math.Max(a.D, b.D) + 1);

    private static List<XElement> Groups(XDocument doc, string cls) =>
        doc.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == cls).ToList();

    [Test]
    public void SvgIsWellFormedAndHasOneBoxPerNodeAndOneEdgePerChild()
    {
        LearnedModel model = SmallModel();
        XDocument doc = XDocument.Parse(SvgRenderer.Render(model));

        Assert.That(doc.Root!.Name, Is.EqualTo(Svg + "svg"));
        Assert.That(Groups(doc, "node split"), Has.Count.EqualTo(2));
        Assert.That(Groups(doc, "node leaf"), Has.Count.EqualTo(3));
        Assert.That(Groups(doc, "edge"), Has.Count.EqualTo(4));
        Assert.That(Groups(doc, "edge").Select(e => e.Value), Is.EquivalentTo(new[] { "yes", "no", "yes", "no" }));
    }

    [Test]
    public void SvgShowsTestsSamplesAndChoices()
    {
        XDocument doc = XDocument.Parse(SvgRenderer.Render(SmallModel()));
        string[] splitTexts = Groups(doc, "node split").Select(g => string.Join("|", g.Elements(Svg + "text").Select(t => t.Value))).ToArray();
        string[] leafTexts = Groups(doc, "node leaf").Select(g => string.Join("|", g.Elements(Svg + "text").Select(t => t.Value))).ToArray();

        // Categorical tests read positively ("is"), so their "yes" child is the equal one, drawn first.
        Assert.That(splitTexts, Is.EqualTo(new[] { "m <= 1024.5|samples 250", "mat1_dtype is torch.float16|samples 100" }));
        Assert.That(leafTexts, Is.EqualTo(new[]
        {
            "leaf 2|samples 40|unsafe: answers unsure|orig  1.000",
            "leaf 1|samples 60|pad  0.900|orig  0.100",
            "leaf 3|samples 150|below threshold: unsure|orig  0.550|pad  0.450",
        }));
        Assert.That(doc.Descendants(Svg + "text").Any(t => t.Value.Contains("criterion entropy, max depth 7, min samples leaf 10, threshold 0.6", StringComparison.Ordinal)));
    }

    [Test]
    public void SvgOfADepthSevenTreeHasNoOverlappingBoxes()
    {
        int next = 1;
        TreeNode root = FullTree(7, ref next, 20);
        LearnedModel model = Model(root, ModelKind.Ranking, 0, Enumerable.Range(0, 20).Select(i => "type=triton_BLOCK-M=" + i).ToArray());
        XDocument doc = XDocument.Parse(SvgRenderer.Render(model));

        var boxes = Groups(doc, "node split").Concat(Groups(doc, "node leaf"))
            .Select(g => g.Element(Svg + "rect")!)
            .Select(r => (X: D(r, "x"), Y: D(r, "y"), W: D(r, "width"), H: D(r, "height")))
            .ToList();
        Assert.That(Groups(doc, "node split"), Has.Count.EqualTo(127));
        Assert.That(Groups(doc, "node leaf"), Has.Count.EqualTo(128));
        double width = D(doc.Root!, "width");
        double height = D(doc.Root!, "height");
        foreach (var row in boxes.GroupBy(b => b.Y))
        {
            var sorted = row.OrderBy(b => b.X).ToList();
            for (int i = 1; i < sorted.Count; i++) Assert.That(sorted[i].X, Is.GreaterThanOrEqualTo(sorted[i - 1].X + sorted[i - 1].W));
        }

        Assert.That(boxes.All(b => b.X >= 0 && b.X + b.W <= width && b.Y >= 0 && b.Y + b.H <= height));
        // Children lie below their parents: eight distinct rows.
        Assert.That(boxes.Select(b => b.Y).Distinct().Count(), Is.EqualTo(8));
    }

    [Test]
    public void LeavesListAtMostTheConfiguredNumberOfChoices()
    {
        var choices = Enumerable.Range(0, 12).Select(i => (P: 1.0 / 12, Choice: i)).ToArray();
        LearnedModel model = Model(MakeLeaf(0, 12, false, choices), ModelKind.Ranking, 0, Enumerable.Range(0, 12).Select(i => "c" + i).ToArray());
        string svg = SvgRenderer.Render(model, new TreeRenderOptions { MaxChoicesPerLeaf = 3 });
        string dot = DotRenderer.Render(model, new TreeRenderOptions { MaxChoicesPerLeaf = 3 });
        Assert.That(svg, Does.Contain("+ 9 more"));
        Assert.That(dot, Does.Contain("+ 9 more"));
        Assert.That(Regex.Matches(svg, "c\\d+  0.083").Count, Is.EqualTo(3));
    }

    [Test]
    public void RegressionLeavesShowTheirValue()
    {
        LearnedModel model = Model(
            new CategoricalSplit("choice", "pad", MakeLeaf(0, 3, false) with { Value = 1.25 }, MakeLeaf(1, 4, false) with { Value = 0.5 }) { Samples = 7 },
            ModelKind.Regression, 1.7025303314066);
        string svg = SvgRenderer.Render(model);
        Assert.That(svg, Does.Contain("value 1.25").And.Contain("value 0.5").And.Contain("choice is pad"));
        Assert.That(DotRenderer.Render(model), Does.Contain("value 1.25"));
    }

    [Test]
    public void DotHasOneNodePerTreeNodeAndLabelledEdges()
    {
        string dot = DotRenderer.Render(SmallModel());
        Assert.That(dot, Does.StartWith("digraph DecisionTree {\n").And.EndWith("}\n"));
        Assert.That(Regex.Matches(dot, @"^  n\d+ \[shape=ellipse", RegexOptions.Multiline).Count, Is.EqualTo(2));
        Assert.That(Regex.Matches(dot, @"^  n\d+ \[shape=box", RegexOptions.Multiline).Count, Is.EqualTo(3));
        Assert.That(Regex.Matches(dot, @"^  n\d+ -> n\d+ \[label=""(yes|no)""\];$", RegexOptions.Multiline).Count, Is.EqualTo(4));
        Assert.That(dot, Does.Contain("n0 [shape=ellipse, label=\"m <= 1024.5\\nsamples 250\"];"));
        Assert.That(dot, Does.Contain("n0 -> n1 [label=\"yes\"];").And.Contain("n0 -> n4 [label=\"no\"];"));
    }

    [Test]
    public void GraphvizAcceptsTheDotWhenInstalled()
    {
        string? dot = Environment.GetEnvironmentVariable("PATH")?.Split(System.IO.Path.PathSeparator)
            .Select(d => System.IO.Path.Combine(d, "dot")).FirstOrDefault(System.IO.File.Exists);
        if (dot is null) Assert.Ignore("graphviz (dot) is not installed.");

        int next = 1;
        LearnedModel model = Model(new CategoricalSplit("kind", "a\"b", FullTree(3, ref next, 4), MakeLeaf(99, 5, true, (1.0, 0))) { Samples = 50 },
            ModelKind.Decision, 0.5, "w", "x", "y", "z");
        var info = new System.Diagnostics.ProcessStartInfo(dot!, "-Tsvg") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(info)!;
        process.StandardInput.Write(DotRenderer.Render(model));
        process.StandardInput.Close();
        string svg = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.EqualTo(0), error);
        Assert.That(error, Is.Empty);
        Assert.That(XDocument.Parse(svg).Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "node"), Is.EqualTo(7 + 8 + 1 + 1));
    }

    [Test]
    public void SpecialCharactersAreEscaped()
    {
        LearnedModel model = Model(
            new CategoricalSplit("kind", "a\"<b>&'c\\", MakeLeaf(0, 1, false, (1.0, 0)), MakeLeaf(1, 1, false, (1.0, 1))) { Samples = 2 },
            ModelKind.Decision, 0, "x<y", "z&w");
        XDocument svg = XDocument.Parse(SvgRenderer.Render(model));
        Assert.That(svg.Descendants(Svg + "text").Select(t => t.Value), Does.Contain("kind is a\"<b>&'c\\").And.Contain("x<y  1.000"));
        string dot = DotRenderer.Render(model);
        Assert.That(dot, Does.Contain("label=\"kind is a\\\"<b>&'c\\\\\\nsamples 2\""));
    }

    [Test]
    public void OutputIsDeterministicAndCultureInvariant()
    {
        var previous = CultureInfo.CurrentCulture;
        string first = SvgRenderer.Render(SmallModel()) + DotRenderer.Render(SmallModel());
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            string second = SvgRenderer.Render(SmallModel()) + DotRenderer.Render(SmallModel());
            Assert.That(second, Is.EqualTo(first));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private static double D(XElement e, string attribute) => double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
