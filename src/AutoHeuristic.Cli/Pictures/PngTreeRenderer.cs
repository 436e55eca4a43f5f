using System;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Rendering;
using SkiaSharp;

namespace AutoHeuristic.Cli.Pictures;

/// <summary>
/// The tree picture as PNG: the same layout, words and colours as the SVG picture
/// (<see cref="TreeLayout"/>), drawn with SkiaSharp at 1.5× for crisp text (less for very wide trees).
/// </summary>
internal static class PngTreeRenderer
{
    /// <summary>Wider pictures are drawn smaller: beyond this many pixels a PNG is no longer practical.</summary>
    private const double MaxPixels = 16000;

    /// <summary>The PNG bytes of <paramref name="model"/>'s tree.</summary>
    public static byte[] Render(LearnedModel model, TreeRenderOptions? options = null)
    {
        TreeLayout layout = TreeLayout.Of(model, options);
        float scale = (float)Math.Min(1.5, MaxPixels / Math.Max(layout.Width, layout.Height));
        int width = (int)Math.Ceiling(layout.Width * scale), height = (int)Math.Ceiling(layout.Height * scale);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"A {width}×{height} picture could not be created.");
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(scale);

        using var font = new SKFont(PictureFonts.Monospace, (float)TreeLayout.FontSize);
        using var bold = new SKFont(PictureFonts.Monospace, (float)TreeLayout.FontSize) { Embolden = true };
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var grey = new SKPaint { Color = new SKColor(0x55, 0x55, 0x55), IsAntialias = true, StrokeWidth = 1, Style = SKPaintStyle.Stroke };
        using var greyText = new SKPaint { Color = new SKColor(0x55, 0x55, 0x55), IsAntialias = true };
        using var white = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Fill };
        float line = (float)TreeLayout.LineHeight, padding = (float)TreeLayout.Padding, margin = (float)TreeLayout.Margin;

        for (int i = 0; i < layout.Title.Count; i++)
        {
            canvas.DrawText(layout.Title[i], margin, margin + padding + (i + 0.8f) * line, i == 0 ? bold : font, ink);
        }

        if (layout.Legend.Count > 0)
        {
            float top = (float)layout.LegendTop;
            canvas.DrawText(layout.LegendTitle, margin, top + 0.8f * line, font, ink);
            for (int i = 0; i < layout.Legend.Count; i++)
            {
                float rowTop = top + (i + 1) * line;
                using var swatch = new SKPaint { Color = Color(layout.Legend[i].Color), Style = SKPaintStyle.Fill };
                canvas.DrawRect(margin, rowTop + 2, 2 * (float)TreeLayout.CharWidth, line - 4, swatch);
                canvas.DrawText(layout.Legend[i].Choice, margin + 3 * (float)TreeLayout.CharWidth, rowTop + 0.8f * line, font, ink);
            }
        }

        foreach (TreeEdge edge in layout.Edges)
        {
            canvas.DrawLine((float)edge.X1, (float)edge.Y1, (float)edge.X2, (float)edge.Y2, grey);
            float lx = (float)(edge.X1 + (edge.X2 - edge.X1) * 0.55), ly = (float)(edge.Y1 + (edge.Y2 - edge.Y1) * 0.55);
            float lw = edge.Label.Length * (float)TreeLayout.CharWidth + 4;
            canvas.DrawRect(lx - lw / 2, ly - line / 2, lw, line, white);
            canvas.DrawText(edge.Label, lx, ly + (float)TreeLayout.FontSize * 0.35f, SKTextAlign.Center, font, greyText);
        }

        foreach (TreeBox box in layout.Boxes)
        {
            var rect = SKRect.Create((float)box.X, (float)box.Y, (float)box.Width, (float)box.Height);
            float radius = box.Kind == TreeBoxKind.Split ? 8 : 2;
            using var fill = new SKPaint { Color = Color(box.Fill), Style = SKPaintStyle.Fill, IsAntialias = true };
            using var stroke = new SKPaint { Color = Color(box.Stroke), Style = SKPaintStyle.Stroke, StrokeWidth = 1.2f, IsAntialias = true };
            if (box.Kind == TreeBoxKind.UnsureLeaf) stroke.PathEffect = SKPathEffect.CreateDash(new[] { 4f, 2f }, 0);
            canvas.DrawRoundRect(rect, radius, radius, fill);
            canvas.DrawRoundRect(rect, radius, radius, stroke);
            for (int i = 0; i < box.Lines.Count; i++)
            {
                canvas.DrawText(box.Lines[i], (float)box.X + padding, (float)box.Y + padding + (i + 0.8f) * line, i == 0 ? bold : font, ink);
            }
        }

        using SKImage image = surface.Snapshot();
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static SKColor Color(RgbColor c) => new(c.R, c.G, c.B);
}
