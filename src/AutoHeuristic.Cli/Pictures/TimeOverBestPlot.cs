using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace AutoHeuristic.Cli.Pictures;

/// <summary>
/// Draws a set's time-over-best curves (<see cref="TimeOverBestSeries"/>) with ScottPlot: x the
/// share of inputs (each curve sorted on its own, so it reads as "on x % of the inputs the policy
/// is within y of the best"), y the time over the best time, from 1 up to the 99th percentile of
/// the worst curve (at most 3×, so one outlier does not flatten the rest).
/// </summary>
internal static class TimeOverBestPlot
{
    public const int Width = 1000;
    public const int Height = 560;

    /// <summary>The plot as PNG bytes and as SVG text.</summary>
    public static (byte[] Png, string Svg) Render(string title, IReadOnlyList<TimeOverBestCurve> curves)
    {
        var plot = new Plot();
        if (PictureFonts.Sans is string family) plot.Font.Set(family);
        double top = 1.05;
        foreach (TimeOverBestCurve curve in curves.Where(c => c.Ratios.Length > 0))
        {
            var xs = new double[curve.Ratios.Length];
            for (int i = 0; i < xs.Length; i++) xs[i] = xs.Length == 1 ? 100 : 100.0 * i / (xs.Length - 1);
            var line = plot.Add.ScatterLine(xs, curve.Ratios);
            line.LegendText = TimeOverBestSeries.Legend(curve);
            line.LineWidth = curve.Label == "heuristic" ? 3 : 1.5f;
            line.MarkerSize = 0;
            top = Math.Max(top, curve.Ratios[(int)Math.Floor(0.99 * (curve.Ratios.Length - 1))] * 1.05);
        }

        plot.Title(title);
        plot.XLabel("inputs, each curve sorted (%)");
        plot.YLabel("time / best measured time");
        plot.Axes.SetLimits(0, 100, 0.98, Math.Min(3.0, top));
        plot.ShowLegend(Alignment.UpperLeft);
        return (plot.GetImageBytes(Width, Height, ImageFormat.Png), plot.GetSvgXml(Width, Height));
    }
}
