using System;
using System.Globalization;
using System.Text;
using AutoHeuristic.Learning.Model;

namespace AutoHeuristic.Learning.Rendering;

/// <summary>
/// Draws a learned tree as a standalone SVG picture a person can read without graphviz (laid out by
/// <see cref="TreeLayout"/>, as the PNG picture): each split a blue box with its test in positive
/// words and its sample count; each leaf coloured by its answer, the stronger the more confident,
/// with its id, samples and best choices; unsure leaves grey with an orange border; a legend of
/// the answers' colours; edges labelled "yes" (the test holds) and "no".
/// </summary>
/// <remarks>
/// Split boxes carry <c>class="node split"</c> and leaf boxes <c>class="node leaf"</c> (unsure
/// ones also <c>data-unsure="true"</c>), edges <c>class="edge"</c>, for styling and for tests.
/// </remarks>
public static class SvgRenderer
{
    /// <summary>The SVG document of <paramref name="model"/>'s tree.</summary>
    public static string Render(LearnedModel model, TreeRenderOptions? options = null)
    {
        if (model is null) throw new ArgumentNullException(nameof(model));
        TreeLayout layout = TreeLayout.Of(model, options);
        double lineHeight = TreeLayout.LineHeight, padding = TreeLayout.Padding, margin = TreeLayout.Margin;

        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(N(layout.Width)).Append("\" height=\"").Append(N(layout.Height))
          .Append("\" viewBox=\"0 0 ").Append(N(layout.Width)).Append(' ').Append(N(layout.Height))
          .Append("\" font-family=\"monospace\" font-size=\"").Append(N(TreeLayout.FontSize)).Append("\">\n");
        sb.Append("  <title>").Append(Escape(model.Name)).Append(" decision tree</title>\n");
        sb.Append("  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (int i = 0; i < layout.Title.Count; i++)
        {
            sb.Append("  <text class=\"title\" x=\"").Append(N(margin)).Append("\" y=\"").Append(N(margin + padding + (i + 0.8) * lineHeight))
              .Append('"').Append(i == 0 ? " font-weight=\"bold\"" : string.Empty).Append('>').Append(Escape(layout.Title[i])).Append("</text>\n");
        }

        if (layout.Legend.Count > 0)
        {
            double y = layout.LegendTop;
            sb.Append("  <g class=\"legend\"><text x=\"").Append(N(margin)).Append("\" y=\"").Append(N(y + 0.8 * lineHeight)).Append("\">").Append(Escape(layout.LegendTitle)).Append("</text>");
            for (int i = 0; i < layout.Legend.Count; i++)
            {
                double rowTop = y + (i + 1) * lineHeight;
                sb.Append("<rect x=\"").Append(N(margin)).Append("\" y=\"").Append(N(rowTop + 2)).Append("\" width=\"").Append(N(2 * TreeLayout.CharWidth))
                  .Append("\" height=\"").Append(N(lineHeight - 4)).Append("\" fill=\"").Append(layout.Legend[i].Color.Hex).Append("\"/>");
                sb.Append("<text x=\"").Append(N(margin + 3 * TreeLayout.CharWidth)).Append("\" y=\"").Append(N(rowTop + 0.8 * lineHeight)).Append("\">")
                  .Append(Escape(layout.Legend[i].Choice)).Append("</text>");
            }

            sb.Append("</g>\n");
        }

        foreach (TreeEdge edge in layout.Edges)
        {
            sb.Append("  <g class=\"edge\"><line x1=\"").Append(N(edge.X1)).Append("\" y1=\"").Append(N(edge.Y1))
              .Append("\" x2=\"").Append(N(edge.X2)).Append("\" y2=\"").Append(N(edge.Y2)).Append("\" stroke=\"#555555\"/>");
            // The label sits on the edge, a little nearer the child, on a white patch so it stays legible.
            double lx = edge.X1 + (edge.X2 - edge.X1) * 0.55;
            double ly = edge.Y1 + (edge.Y2 - edge.Y1) * 0.55;
            double lw = edge.Label.Length * TreeLayout.CharWidth + 4;
            sb.Append("<rect x=\"").Append(N(lx - lw / 2)).Append("\" y=\"").Append(N(ly - lineHeight / 2))
              .Append("\" width=\"").Append(N(lw)).Append("\" height=\"").Append(N(lineHeight)).Append("\" fill=\"white\"/>");
            sb.Append("<text x=\"").Append(N(lx)).Append("\" y=\"").Append(N(ly + TreeLayout.FontSize * 0.35))
              .Append("\" text-anchor=\"middle\" fill=\"#555555\">").Append(edge.Label).Append("</text></g>\n");
        }

        foreach (TreeBox box in layout.Boxes)
        {
            bool isLeaf = box.Kind != TreeBoxKind.Split;
            sb.Append("  <g class=\"").Append(isLeaf ? "node leaf" : "node split").Append('"')
              .Append(box.Kind == TreeBoxKind.UnsureLeaf ? " data-unsure=\"true\"" : string.Empty)
              .Append("><rect x=\"").Append(N(box.X)).Append("\" y=\"").Append(N(box.Y))
              .Append("\" width=\"").Append(N(box.Width)).Append("\" height=\"").Append(N(box.Height))
              .Append("\" rx=\"").Append(isLeaf ? "2" : "8").Append("\" fill=\"").Append(box.Fill.Hex).Append("\" stroke=\"").Append(box.Stroke.Hex).Append('"')
              .Append(box.Kind == TreeBoxKind.UnsureLeaf ? " stroke-dasharray=\"4 2\"" : string.Empty).Append("/>");
            for (int i = 0; i < box.Lines.Count; i++)
            {
                sb.Append("<text x=\"").Append(N(box.X + padding)).Append("\" y=\"").Append(N(box.Y + padding + (i + 0.8) * lineHeight)).Append('"')
                  .Append(i == 0 ? " font-weight=\"bold\"" : string.Empty).Append(" xml:space=\"preserve\">").Append(Escape(box.Lines[i])).Append("</text>");
            }

            sb.Append("</g>\n");
        }

        sb.Append("</svg>\n");
        return sb.ToString();
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
