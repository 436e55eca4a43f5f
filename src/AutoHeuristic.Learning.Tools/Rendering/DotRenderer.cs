using System.Collections.Generic;
using System.Globalization;
using System.Text;
using AutoHeuristic.Learning.Model;

namespace AutoHeuristic.Learning.Rendering;

/// <summary>
/// Writes a learned tree as a graphviz <c>digraph</c>: split nodes are ellipses labelled with
/// their test in positive words (<c>feature &lt;= threshold</c>, <c>dtype is torch.float16</c>, <c>n is a multiple of 32</c> for categorical
/// splits), leaves are boxes with their id, samples and best choices; the edge to the child that
/// passes the test is labelled "yes", the other "no". Nodes are named <c>n0</c>, <c>n1</c>, … in
/// pre-order, so the output is deterministic.
/// </summary>
public static class DotRenderer
{
    /// <summary>The DOT text of <paramref name="model"/>'s tree.</summary>
    public static string Render(LearnedModel model, TreeRenderOptions? options = null)
    {
        options ??= TreeRenderOptions.Default;
        var sb = new StringBuilder();
        sb.Append("digraph DecisionTree {\n");
        if (options.IncludeTitle)
        {
            sb.Append("  labelloc=\"t\";\n  label=").Append(Quote(string.Join("\n", TreeLabels.Title(model)))).Append(";\n");
        }

        sb.Append("  node [fontname=\"monospace\", fontsize=10];\n");
        sb.Append("  edge [fontname=\"monospace\", fontsize=10];\n");
        int next = 0;
        Write(sb, model, model.Root, options, ref next);
        sb.Append("}\n");
        return sb.ToString();
    }

    private static int Write(StringBuilder sb, LearnedModel model, TreeNode node, TreeRenderOptions options, ref int next)
    {
        int id = next++;
        List<string> lines = TreeLabels.Lines(model, node, options);
        string shape = node is Leaf ? "box" : "ellipse";
        sb.Append("  n").Append(id.ToString(CultureInfo.InvariantCulture))
          .Append(" [shape=").Append(shape).Append(", label=").Append(Quote(string.Join("\n", lines))).Append("];\n");
        var children = TreeLabels.Children(model, node);
        if (children is { } c)
        {
            int yes = Write(sb, model, c.Yes, options, ref next);
            int no = Write(sb, model, c.No, options, ref next);
            Edge(sb, id, yes, TreeLabels.Yes);
            Edge(sb, id, no, TreeLabels.No);
        }

        return id;
    }

    private static void Edge(StringBuilder sb, int from, int to, string label) =>
        sb.Append("  n").Append(from.ToString(CultureInfo.InvariantCulture))
          .Append(" -> n").Append(to.ToString(CultureInfo.InvariantCulture))
          .Append(" [label=\"").Append(label).Append("\"];\n");

    // DOT strings: escape quotes and backslashes; "\n" (backslash n) is graphviz's centred line break.
    private static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        sb.Append('"');
        foreach (char ch in text)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': break;
                default: sb.Append(ch); break;
            }
        }

        return sb.Append('"').ToString();
    }
}
