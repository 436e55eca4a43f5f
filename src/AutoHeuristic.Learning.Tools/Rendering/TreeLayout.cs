using System;
using System.Collections.Generic;
using System.Globalization;
using AutoHeuristic.Learning.Model;

namespace AutoHeuristic.Learning.Rendering;

/// <summary>What a box of a tree picture is.</summary>
public enum TreeBoxKind
{
    /// <summary>A split: its test and sample count.</summary>
    Split,
    /// <summary>A leaf that answers.</summary>
    Leaf,
    /// <summary>A leaf that answers "unsure" (unsafe, or below the confidence threshold).</summary>
    UnsureLeaf,
}

/// <summary>An RGB colour.</summary>
public readonly record struct RgbColor(byte R, byte G, byte B)
{
    /// <summary>CSS notation, <c>#rrggbb</c>.</summary>
    public string Hex => "#" + R.ToString("x2", CultureInfo.InvariantCulture) + G.ToString("x2", CultureInfo.InvariantCulture) + B.ToString("x2", CultureInfo.InvariantCulture);
}

/// <summary>One box of a laid-out tree: where, what it says and how it is coloured.</summary>
public sealed class TreeBox
{
    internal TreeBox(TreeBoxKind kind, IReadOnlyList<string> lines, double x, double y, double width, double height, RgbColor fill, RgbColor stroke)
    {
        Kind = kind;
        Lines = lines;
        X = x;
        Y = y;
        Width = width;
        Height = height;
        Fill = fill;
        Stroke = stroke;
    }

    /// <summary>Split, leaf or unsure leaf.</summary>
    public TreeBoxKind Kind { get; }

    /// <summary>The text lines, the first in bold.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>Left edge.</summary>
    public double X { get; }

    /// <summary>Top edge.</summary>
    public double Y { get; }

    /// <summary>Width.</summary>
    public double Width { get; }

    /// <summary>Height.</summary>
    public double Height { get; }

    /// <summary>Background: splits blue; a leaf the colour of its answer, the stronger the more confident; unsure leaves grey.</summary>
    public RgbColor Fill { get; }

    /// <summary>Border colour.</summary>
    public RgbColor Stroke { get; }
}

/// <summary>An edge from a split's bottom centre to a child's top centre, labelled "yes" or "no".</summary>
/// <param name="X1">Start x.</param>
/// <param name="Y1">Start y.</param>
/// <param name="X2">End x.</param>
/// <param name="Y2">End y.</param>
/// <param name="Label">"yes" or "no".</param>
public sealed record TreeEdge(double X1, double Y1, double X2, double Y2, string Label);

/// <summary>One entry of the legend: an answer's colour.</summary>
/// <param name="Choice">The choice.</param>
/// <param name="Color">Its colour at full confidence.</param>
public sealed record LegendEntry(string Choice, RgbColor Color);

/// <summary>
/// A learned tree laid out for drawing, the same for the SVG and the PNG picture: the root at the
/// top, subtrees packed as close as their outlines allow depth by depth so boxes never overlap,
/// parents centred over their children; "yes" (the test holds) to the left. Text is monospace, so
/// sizes follow from character counts (<see cref="CharWidth"/>, <see cref="LineHeight"/>).
/// </summary>
public sealed class TreeLayout
{
    /// <summary>Font size in pixels.</summary>
    public const double FontSize = 12;

    /// <summary>Monospace advance per character.</summary>
    public const double CharWidth = FontSize * 0.6;

    /// <summary>Line height.</summary>
    public const double LineHeight = FontSize * 1.35;

    /// <summary>Padding inside a box.</summary>
    public const double Padding = 6;

    private const double SiblingGap = 16;
    private const double LevelGap = 48;

    /// <summary>Outer margin.</summary>
    public const double Margin = 16;

    private static readonly RgbColor SplitFill = new(0xdb, 0xe9, 0xf6);
    private static readonly RgbColor SplitStroke = new(0x3a, 0x6e, 0xa5);
    private static readonly RgbColor UnsureFill = new(0xe6, 0xe6, 0xe6);
    private static readonly RgbColor UnsureStroke = new(0xc4, 0x6a, 0x00);

    // Distinct, colour-blind-friendly hues (Okabe–Ito, then Tableau), one per answered choice.
    private static readonly RgbColor[] Palette =
    {
        new(0x00, 0x72, 0xb2), new(0xe6, 0x9f, 0x00), new(0x00, 0x9e, 0x73), new(0xcc, 0x79, 0xa7),
        new(0x56, 0xb4, 0xe9), new(0xd5, 0x5e, 0x00), new(0xf0, 0xe4, 0x42), new(0x8c, 0x56, 0x4b),
        new(0x7f, 0x7f, 0x7f), new(0xbc, 0xbd, 0x22), new(0x17, 0xbe, 0xcf), new(0x94, 0x67, 0xbd),
    };

    private TreeLayout(IReadOnlyList<string> title, IReadOnlyList<TreeBox> boxes, IReadOnlyList<TreeEdge> edges, IReadOnlyList<LegendEntry> legend, double width, double height)
    {
        Title = title;
        Boxes = boxes;
        Edges = edges;
        Legend = legend;
        Width = width;
        Height = height;
    }

    /// <summary>The title lines (empty without a title).</summary>
    public IReadOnlyList<string> Title { get; }

    /// <summary>Boxes in pre-order (root first).</summary>
    public IReadOnlyList<TreeBox> Boxes { get; }

    /// <summary>Edges in pre-order.</summary>
    public IReadOnlyList<TreeEdge> Edges { get; }

    /// <summary>The colour of every answer shown, in choice order; drawn below the title.</summary>
    public IReadOnlyList<LegendEntry> Legend { get; }

    /// <summary>The legend's heading line.</summary>
    public string LegendTitle => "leaf colour: its answer, the stronger the more confident; grey: unsure";

    /// <summary>Top of the legend's first line.</summary>
    public double LegendTop => Margin + (Title.Count == 0 ? 0 : Title.Count * LineHeight + Padding * 2);

    /// <summary>Picture width.</summary>
    public double Width { get; }

    /// <summary>Picture height.</summary>
    public double Height { get; }

    /// <summary>Lays out <paramref name="model"/>'s tree.</summary>
    public static TreeLayout Of(LearnedModel model, TreeRenderOptions? options = null)
    {
        if (model is null) throw new ArgumentNullException(nameof(model));
        options ??= TreeRenderOptions.Default;

        Node root = Build(model, model.Root, options, 0);
        var levelHeights = new List<double>();
        MeasureLevels(root, levelHeights);

        List<string> title = options.IncludeTitle ? TreeLabels.Title(model) : new List<string>();
        List<LegendEntry> legend = LegendOf(model, TreeLabels.UsesShortKeys(model, options));
        double top = Margin + (title.Count == 0 ? 0 : title.Count * LineHeight + Padding * 2) + (legend.Count == 0 ? 0 : (legend.Count + 1) * LineHeight + Padding);
        var levelTops = new double[levelHeights.Count];
        double y = top;
        for (int i = 0; i < levelHeights.Count; i++)
        {
            levelTops[i] = y;
            y += levelHeights[i] + LevelGap;
        }

        List<(double Left, double Right)> contour = Layout(root);
        double minLeft = 0, maxRight = 0;
        foreach (var (l, r) in contour)
        {
            minLeft = Math.Min(minLeft, l);
            maxRight = Math.Max(maxRight, r);
        }

        Place(root, Margin - minLeft);
        double textWidth = 0;
        foreach (string line in title) textWidth = Math.Max(textWidth, line.Length * CharWidth);
        foreach (LegendEntry entry in legend) textWidth = Math.Max(textWidth, (entry.Choice.Length + 4) * CharWidth);
        double width = Math.Max(maxRight - minLeft, textWidth) + Margin * 2;
        double height = y - LevelGap + Margin;

        var boxes = new List<TreeBox>();
        var edges = new List<TreeEdge>();
        Emit(root, levelTops, boxes, edges);
        return new TreeLayout(title, boxes, edges, legend, width, height);
    }

    /// <summary>The colour of choice <paramref name="index"/> (a palette, repeating past twelve choices).</summary>
    public static RgbColor ChoiceColor(int index) => Palette[((index % Palette.Length) + Palette.Length) % Palette.Length];

    /// <summary>A leaf's fill: its answer's colour blended with white, the more the less confident (probability 1: 70 % colour; near 0: 15 %).</summary>
    public static RgbColor LeafFill(int choiceIndex, double probability)
    {
        RgbColor c = ChoiceColor(choiceIndex);
        double strength = 0.15 + 0.55 * Math.Max(0, Math.Min(1, probability));
        byte Mix(byte channel) => (byte)Math.Round(255 - (255 - channel) * strength);
        return new RgbColor(Mix(c.R), Mix(c.G), Mix(c.B));
    }

    private sealed class Node
    {
        public Node(TreeNode tree, TreeBoxKind kind, List<string> lines, int depth, RgbColor fill, RgbColor stroke)
        {
            Tree = tree;
            Kind = kind;
            Lines = lines;
            Depth = depth;
            Fill = fill;
            Stroke = stroke;
            int longest = 0;
            foreach (string line in lines) longest = Math.Max(longest, line.Length);
            Width = longest * CharWidth + Padding * 2;
            Height = lines.Count * LineHeight + Padding * 2;
        }

        public TreeNode Tree { get; }
        public TreeBoxKind Kind { get; }
        public List<string> Lines { get; }
        public int Depth { get; }
        public RgbColor Fill { get; }
        public RgbColor Stroke { get; }
        public double Width { get; }
        public double Height { get; }
        public Node? Yes { get; set; }
        public Node? No { get; set; }
        public double Offset { get; set; }
        public double CenterX { get; set; }
    }

    private static Node Build(LearnedModel model, TreeNode tree, TreeRenderOptions options, int depth)
    {
        TreeBoxKind kind = tree is not Leaf leaf ? TreeBoxKind.Split : UnsureLeaves.AnswersUnsure(model, leaf) ? TreeBoxKind.UnsureLeaf : TreeBoxKind.Leaf;
        (RgbColor fill, RgbColor stroke) = kind switch
        {
            TreeBoxKind.Split => (SplitFill, SplitStroke),
            TreeBoxKind.UnsureLeaf => (UnsureFill, UnsureStroke),
            _ => LeafColors(model, (Leaf)tree),
        };
        var node = new Node(tree, kind, TreeLabels.Lines(model, tree, options), depth, fill, stroke);
        if (TreeLabels.Children(model, tree) is { } c)
        {
            node.Yes = Build(model, c.Yes, options, depth + 1);
            node.No = Build(model, c.No, options, depth + 1);
        }

        return node;
    }

    // Regression leaves carry a score, not a choice: one neutral green.
    private static (RgbColor Fill, RgbColor Stroke) LeafColors(LearnedModel model, Leaf leaf)
    {
        if (model.Kind == ModelKind.Regression || leaf.BestChoices.Count == 0) return (new RgbColor(0xdc, 0xf0, 0xd5), new RgbColor(0x3c, 0x8a, 0x2e));
        LeafChoice best = leaf.BestChoices[0];
        return (LeafFill(best.ChoiceIndex, best.Probability), ChoiceColor(best.ChoiceIndex));
    }

    // The answers' colours; with short keys, every choice a leaf lists, keyed ("[3] name").
    private static List<LegendEntry> LegendOf(LearnedModel model, bool shortKeys)
    {
        var shown = new SortedSet<int>();
        if (model.Kind != ModelKind.Regression)
        {
            foreach (Leaf leaf in model.Root.CollectLeaves())
            {
                if (shortKeys)
                {
                    foreach (LeafChoice choice in leaf.BestChoices) shown.Add(choice.ChoiceIndex);
                }
                else if (leaf.BestChoices.Count > 0 && !UnsureLeaves.AnswersUnsure(model, leaf))
                {
                    shown.Add(leaf.BestChoices[0].ChoiceIndex);
                }
            }
        }

        var legend = new List<LegendEntry>();
        foreach (int index in shown)
        {
            string name = TreeLabels.ChoiceName(model, index);
            legend.Add(new LegendEntry(shortKeys ? TreeLabels.ShortKey(index) + " " + name : name, ChoiceColor(index)));
        }

        return legend;
    }

    private static void MeasureLevels(Node node, List<double> heights)
    {
        while (heights.Count <= node.Depth) heights.Add(0);
        heights[node.Depth] = Math.Max(heights[node.Depth], node.Height);
        if (node.Yes is not null) MeasureLevels(node.Yes, heights);
        if (node.No is not null) MeasureLevels(node.No, heights);
    }

    // A tidy layout: each subtree is laid out on its own, then the "no" subtree is pushed right
    // just far enough that, depth by depth, its left outline clears the "yes" subtree's right
    // outline; the parent is centred over its two children. Returns the subtree's outline: per
    // depth below its root, the leftmost and rightmost box edge relative to the root's centre.
    private static List<(double Left, double Right)> Layout(Node node)
    {
        var contour = new List<(double Left, double Right)> { (-node.Width / 2, node.Width / 2) };
        if (node.Yes is null || node.No is null) return contour;

        List<(double Left, double Right)> yes = Layout(node.Yes);
        List<(double Left, double Right)> no = Layout(node.No);
        double distance = 0;
        for (int d = 0; d < Math.Min(yes.Count, no.Count); d++)
        {
            distance = Math.Max(distance, yes[d].Right - no[d].Left + SiblingGap);
        }

        node.Yes.Offset = -distance / 2;
        node.No.Offset = distance / 2;
        for (int d = 0; d < Math.Max(yes.Count, no.Count); d++)
        {
            double left = double.PositiveInfinity, right = double.NegativeInfinity;
            if (d < yes.Count)
            {
                left = Math.Min(left, yes[d].Left + node.Yes.Offset);
                right = Math.Max(right, yes[d].Right + node.Yes.Offset);
            }

            if (d < no.Count)
            {
                left = Math.Min(left, no[d].Left + node.No.Offset);
                right = Math.Max(right, no[d].Right + node.No.Offset);
            }

            contour.Add((left, right));
        }

        return contour;
    }

    private static void Place(Node node, double centerX)
    {
        node.CenterX = centerX;
        if (node.Yes is not null) Place(node.Yes, centerX + node.Yes.Offset);
        if (node.No is not null) Place(node.No, centerX + node.No.Offset);
    }

    private static void Emit(Node node, double[] levelTops, List<TreeBox> boxes, List<TreeEdge> edges)
    {
        double top = levelTops[node.Depth];
        boxes.Add(new TreeBox(node.Kind, node.Lines, node.CenterX - node.Width / 2, top, node.Width, node.Height, node.Fill, node.Stroke));
        if (node.Yes is null || node.No is null) return;
        foreach ((Node child, string label) in new[] { (node.Yes, TreeLabels.Yes), (node.No, TreeLabels.No) })
        {
            edges.Add(new TreeEdge(node.CenterX, top + node.Height, child.CenterX, levelTops[child.Depth], label));
        }

        Emit(node.Yes, levelTops, boxes, edges);
        Emit(node.No, levelTops, boxes, edges);
    }
}
