using System.Collections.Generic;
using System.IO;
using System.Linq;
using AutoHeuristic.Cli.Pictures;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.Model;
using NUnit.Framework;
using SkiaSharp;

namespace AutoHeuristic.Cli.Tests;

/// <summary>The PNG tree, the time-over-best plots and <c>train --plots</c>: each rendered to a file and looked at pixel by pixel.</summary>
public class PictureTests
{
    private static LearnedModel Model() => new(
        "pad_mm", HardwareKey.A100, ModelKind.Decision, new[] { "orig", "pad" }, 0.0,
        new NumericSplit("m", 1024.5,
            new Leaf(1, new[] { new LeafChoice(0.9, 1), new LeafChoice(0.1, 0) }, new double[] { 1, 9 }, false) { Samples = 10 },
            new Leaf(2, new[] { new LeafChoice(0.6, 0), new LeafChoice(0.4, 1) }, new double[] { 6, 4 }, true) { Samples = 10 }) { Samples = 20 },
        new[] { new FeatureInfo("m", false, false) },
        new TrainingSummary(40, 20, "entropy", 3, 1, 1, 2, new Dictionary<string, SetMetrics>()));

    /// <summary>Decodes a PNG and returns its size and the share of pixels that are not white.</summary>
    private static (int Width, int Height, double Inked) Look(byte[] png)
    {
        using SKBitmap bitmap = SKBitmap.Decode(png) ?? throw new AssertionException("not a PNG");
        int inked = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                if (c.Red < 240 || c.Green < 240 || c.Blue < 240) inked++;
            }
        }

        return (bitmap.Width, bitmap.Height, (double)inked / (bitmap.Width * bitmap.Height));
    }

    [Test]
    public void Tree_png_is_a_picture_with_boxes_and_the_answers_colours()
    {
        byte[] png = PngTreeRenderer.Render(Model());
        string file = Path.Combine(CliRunner.TempDir(), "tree.png");
        File.WriteAllBytes(file, png);
        (int width, int height, double inked) = Look(File.ReadAllBytes(file));
        Assert.That(png.Length, Is.GreaterThan(2000));
        Assert.That((width, height), Is.EqualTo(((int)System.Math.Ceiling(Learning.Rendering.TreeLayout.Of(Model()).Width * 1.5), (int)System.Math.Ceiling(Learning.Rendering.TreeLayout.Of(Model()).Height * 1.5))));
        Assert.That(inked, Is.GreaterThan(0.03).And.LessThan(0.9), "neither blank nor solid");

        // The decided leaf is drawn in pad's colour (palette entry 1), stronger for its 0.9 confidence.
        Learning.Rendering.RgbColor fill = Learning.Rendering.TreeLayout.LeafFill(1, 0.9);
        using SKBitmap bitmap = SKBitmap.Decode(png);
        bool found = false;
        for (int y = 0; y < bitmap.Height && !found; y++)
        {
            for (int x = 0; x < bitmap.Width && !found; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                found = c.Red == fill.R && c.Green == fill.G && c.Blue == fill.B;
            }
        }

        Assert.That(found, Is.True, "a pixel of the decided leaf's fill " + fill.Hex);
    }

    [Test]
    public void Time_over_best_plot_draws_the_heuristic_and_its_baselines()
    {
        var curves = new List<TimeOverBestCurve>
        {
            new("heuristic", new[] { 1.0, 1.0, 1.02, 1.1 }),
            new("always the default", new[] { 1.0, 1.05, 1.2, 1.6 }),
        };
        (byte[] png, string svg) = TimeOverBestPlot.Render("toy: val set, 4 inputs", curves);
        string file = Path.Combine(CliRunner.TempDir(), "plot.png");
        File.WriteAllBytes(file, png);
        (int width, int height, double inked) = Look(File.ReadAllBytes(file));
        Assert.That((width, height), Is.EqualTo((TimeOverBestPlot.Width, TimeOverBestPlot.Height)));
        Assert.That(inked, Is.GreaterThan(0.01).And.LessThan(0.9));
        Assert.That(svg, Does.StartWith("<svg").Or.StartWith("<?xml"));
        Assert.That(curves[0].GeometricMean, Is.EqualTo(System.Math.Pow(1.02 * 1.1, 0.25)).Within(1e-12));
        Assert.That(TimeOverBestSeries.Legend(curves[1]), Does.StartWith("always the default (geomean 1.19"));
    }

    [Test]
    public void Train_plots_writes_tree_and_per_set_pictures()
    {
        string dir = Path.Combine(CliRunner.TempDir(), "plots");
        var (code, output) = CliRunner.Run("train", CliRunner.Fixture("toy_pad_a.txt"), "--brief", "--plots", dir);
        Assert.That(code, Is.EqualTo(0), output);
        string[] names = Directory.GetFiles(dir).Select(Path.GetFileName).OrderBy(n => n, System.StringComparer.Ordinal).ToArray()!;
        Assert.That(names, Is.EqualTo(new[]
        {
            "toy_pad_9_0_test_time-over-best.png", "toy_pad_9_0_test_time-over-best.svg",
            "toy_pad_9_0_train_time-over-best.png", "toy_pad_9_0_train_time-over-best.svg",
            "toy_pad_9_0_tree.png", "toy_pad_9_0_tree.svg",
            "toy_pad_9_0_val_time-over-best.png", "toy_pad_9_0_val_time-over-best.svg",
        }));
        foreach (string png in Directory.GetFiles(dir, "*.png"))
        {
            (int width, int height, double inked) = Look(File.ReadAllBytes(png));
            Assert.That(width * height, Is.GreaterThan(100 * 100), png);
            Assert.That(inked, Is.GreaterThan(0.01).And.LessThan(0.9), png);
        }
    }

    [Test]
    public void Plots_folder_that_is_a_file_is_refused_before_training()
    {
        string dir = CliRunner.TempDir();
        string file = Path.Combine(dir, "plots");
        File.WriteAllText(file, "x");
        var (code, output) = CliRunner.RunUnwrapped("train", CliRunner.Fixture("toy_pad_a.txt"), "--plots", file);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("--plots '" + file + "' is a file; give a folder").And.Not.Contain("grid"));
    }
}
