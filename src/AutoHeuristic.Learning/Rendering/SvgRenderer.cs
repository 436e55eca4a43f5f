using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using AutoHeuristic.Learning.Model;

namespace AutoHeuristic.Learning.Rendering;

/// <summary>
/// Draws a learned tree as a standalone SVG picture a person can read without graphviz: the root
/// at the top, each split as a blue box with its test and sample count, each leaf as a green box
/// with its id, samples and best choices (orange when it answers "unsure"), and labelled edges
/// ("yes" to the child that passes the test). Subtrees are packed as close as their outlines allow
/// depth by depth, so boxes never overlap; parents sit centred over their children.
/// </summary>
/// <remarks>
/// Text is monospace, so box sizes follow from character counts and the layout needs no font
/// metrics. Split boxes carry <c>class="node split"</c> and leaf boxes <c>class="node leaf"</c>,
/// edges <c>class="edge"</c>, for styling and for tests.
/// </remarks>
public static class SvgRenderer
{
    private const double FontSize = 12;
    private const double CharWidth = FontSize * 0.6; // monospace advance
    private const double LineHeight = FontSize * 1.35;
    private const double Padding = 6;
    private const double SiblingGap = 16;
    private const double LevelGap = 48;
    private const double Margin = 16;

    /// <summary>The SVG document of <paramref name="model"/>'s tree.</summary>
    public static string Render(LearnedModel model, TreeRenderOptions? options = null)
    {
        if (model is null) throw new ArgumentNullException(nameof(model));
        options ??= TreeRenderOptions.Default;

        Box root = Build(model, model.Root, options, 0);
        var levelHeights = new List<double>();
        MeasureLevels(root, levelHeights);

        List<string> title = options.IncludeTitle ? TreeLabels.Title(model) : new List<string>();
        double titleHeight = title.Count == 0 ? 0 : title.Count * LineHeight + Padding * 2;
        var levelTops = new double[levelHeights.Count];
        double y = Margin + titleHeight;
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
        double titleWidth = 0;
        foreach (string line in title) titleWidth = Math.Max(titleWidth, line.Length * CharWidth);
        double width = Math.Max(maxRight - minLeft, titleWidth) + Margin * 2;
        double height = y - LevelGap + Margin;

        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(N(width)).Append("\" height=\"").Append(N(height))
          .Append("\" viewBox=\"0 0 ").Append(N(width)).Append(' ').Append(N(height))
          .Append("\" font-family=\"monospace\" font-size=\"").Append(N(FontSize)).Append("\">\n");
        sb.Append("  <title>").Append(Escape(model.Name)).Append(" decision tree</title>\n");
        sb.Append("  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (int i = 0; i < title.Count; i++)
        {
            sb.Append("  <text class=\"title\" x=\"").Append(N(Margin)).Append("\" y=\"").Append(N(Margin + Padding + (i + 0.8) * LineHeight))
              .Append('"').Append(i == 0 ? " font-weight=\"bold\"" : string.Empty).Append('>').Append(Escape(title[i])).Append("</text>\n");
        }

        WriteEdges(sb, root, levelTops);
        WriteNodes(sb, model, root, levelTops);
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private sealed class Box
    {
        public Box(TreeNode node, List<string> lines, int depth)
        {
            Node = node;
            Lines = lines;
            Depth = depth;
            int longest = 0;
            foreach (string line in lines) longest = Math.Max(longest, line.Length);
            Width = longest * CharWidth + Padding * 2;
            Height = lines.Count * LineHeight + Padding * 2;
        }

        public TreeNode Node { get; }
        public List<string> Lines { get; }
        public int Depth { get; }
        public double Width { get; }
        public double Height { get; }
        public Box? Yes { get; set; }
        public Box? No { get; set; }
        /// <summary>Centre relative to the parent's centre.</summary>
        public double Offset { get; set; }
        public double CenterX { get; set; }
    }

    private static Box Build(LearnedModel model, TreeNode node, TreeRenderOptions options, int depth)
    {
        var box = new Box(node, TreeLabels.Lines(model, node, options), depth);
        var children = TreeLabels.Children(model, node);
        if (children is { } c)
        {
            box.Yes = Build(model, c.Yes, options, depth + 1);
            box.No = Build(model, c.No, options, depth + 1);
        }

        return box;
    }

    private static void MeasureLevels(Box box, List<double> heights)
    {
        while (heights.Count <= box.Depth) heights.Add(0);
        heights[box.Depth] = Math.Max(heights[box.Depth], box.Height);
        if (box.Yes is not null) MeasureLevels(box.Yes, heights);
        if (box.No is not null) MeasureLevels(box.No, heights);
    }

    // A tidy layout: each subtree is laid out on its own, then the "no" subtree is pushed right
    // just far enough that, depth by depth, its left outline clears the "yes" subtree's right
    // outline; the parent is centred over its two children. Returns the subtree's outline: per
    // depth below its root, the leftmost and rightmost box edge relative to the root's centre.
    private static List<(double Left, double Right)> Layout(Box box)
    {
        var contour = new List<(double Left, double Right)> { (-box.Width / 2, box.Width / 2) };
        if (box.Yes is null || box.No is null) return contour;

        List<(double Left, double Right)> yes = Layout(box.Yes);
        List<(double Left, double Right)> no = Layout(box.No);
        double distance = 0;
        for (int d = 0; d < Math.Min(yes.Count, no.Count); d++)
        {
            distance = Math.Max(distance, yes[d].Right - no[d].Left + SiblingGap);
        }

        box.Yes.Offset = -distance / 2;
        box.No.Offset = distance / 2;
        for (int d = 0; d < Math.Max(yes.Count, no.Count); d++)
        {
            double left = double.PositiveInfinity, right = double.NegativeInfinity;
            if (d < yes.Count)
            {
                left = Math.Min(left, yes[d].Left + box.Yes.Offset);
                right = Math.Max(right, yes[d].Right + box.Yes.Offset);
            }

            if (d < no.Count)
            {
                left = Math.Min(left, no[d].Left + box.No.Offset);
                right = Math.Max(right, no[d].Right + box.No.Offset);
            }

            contour.Add((left, right));
        }

        return contour;
    }

    private static void Place(Box box, double centerX)
    {
        box.CenterX = centerX;
        if (box.Yes is not null) Place(box.Yes, centerX + box.Yes.Offset);
        if (box.No is not null) Place(box.No, centerX + box.No.Offset);
    }

    private static void WriteEdges(StringBuilder sb, Box box, double[] levelTops)
    {
        if (box.Yes is null || box.No is null) return;
        double x1 = box.CenterX;
        double y1 = levelTops[box.Depth] + box.Height;
        foreach ((Box child, string label) in new[] { (box.Yes, TreeLabels.Yes), (box.No, TreeLabels.No) })
        {
            double x2 = child.CenterX;
            double y2 = levelTops[child.Depth];
            sb.Append("  <g class=\"edge\"><line x1=\"").Append(N(x1)).Append("\" y1=\"").Append(N(y1))
              .Append("\" x2=\"").Append(N(x2)).Append("\" y2=\"").Append(N(y2)).Append("\" stroke=\"#555555\"/>");
            // The label sits on the edge, a little nearer the child, on a white patch so it stays legible.
            double lx = x1 + (x2 - x1) * 0.55;
            double ly = y1 + (y2 - y1) * 0.55;
            double lw = label.Length * CharWidth + 4;
            sb.Append("<rect x=\"").Append(N(lx - lw / 2)).Append("\" y=\"").Append(N(ly - LineHeight / 2))
              .Append("\" width=\"").Append(N(lw)).Append("\" height=\"").Append(N(LineHeight)).Append("\" fill=\"white\"/>");
            sb.Append("<text x=\"").Append(N(lx)).Append("\" y=\"").Append(N(ly + FontSize * 0.35))
              .Append("\" text-anchor=\"middle\" fill=\"#555555\">").Append(label).Append("</text></g>\n");
            WriteEdges(sb, child, levelTops);
        }
    }

    private static void WriteNodes(StringBuilder sb, LearnedModel model, Box box, double[] levelTops)
    {
        bool isLeaf = box.Node is Leaf;
        bool unsure = box.Node is Leaf leaf && TreeLabels.AnswersUnsure(model, leaf);
        string cls = isLeaf ? "node leaf" : "node split";
        string fill = !isLeaf ? "#dbe9f6" : unsure ? "#fde2c4" : "#dcf0d5";
        string stroke = !isLeaf ? "#3a6ea5" : unsure ? "#c46a00" : "#3c8a2e";
        double left = box.CenterX - box.Width / 2;
        double top = levelTops[box.Depth];
        sb.Append("  <g class=\"").Append(cls).Append("\"><rect x=\"").Append(N(left)).Append("\" y=\"").Append(N(top))
          .Append("\" width=\"").Append(N(box.Width)).Append("\" height=\"").Append(N(box.Height))
          .Append("\" rx=\"").Append(isLeaf ? "2" : "8").Append("\" fill=\"").Append(fill).Append("\" stroke=\"").Append(stroke).Append("\"/>");
        for (int i = 0; i < box.Lines.Count; i++)
        {
            sb.Append("<text x=\"").Append(N(left + Padding)).Append("\" y=\"").Append(N(top + Padding + (i + 0.8) * LineHeight)).Append('"')
              .Append(i == 0 ? " font-weight=\"bold\"" : string.Empty).Append(" xml:space=\"preserve\">").Append(Escape(box.Lines[i])).Append("</text>");
        }

        sb.Append("</g>\n");
        if (box.Yes is not null) WriteNodes(sb, model, box.Yes, levelTops);
        if (box.No is not null) WriteNodes(sb, model, box.No, levelTops);
    }

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                default:
                    // Characters XML 1.0 cannot carry at all are replaced rather than producing an unreadable file.
                    sb.Append(c < 0x20 && c != '\t' ? '?' : c);
                    break;
            }
        }

        return sb.ToString();
    }
}
