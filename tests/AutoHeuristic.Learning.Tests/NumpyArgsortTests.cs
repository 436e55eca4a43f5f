using System;
using System.Globalization;
using System.IO;
using System.Linq;
using AutoHeuristic.Learning.Data;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>
/// numpy's unstable quicksort argsort, which decides PyTorch's winner among choices with exactly
/// equal median times; checked against numpy 1.24 (Sklearn/numpy_argsort.txt, written by
/// Sklearn/generate_argsort.py).
/// </summary>
public class NumpyArgsortTests
{
    private static double Parse(string text) => text switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    [Test]
    public void Tie_heavy_arrays_sort_as_numpy_does()
    {
        string[] lines = File.ReadAllLines(Path.Combine(TestContext.CurrentContext.TestDirectory, "Sklearn", "numpy_argsort.txt"));
        int checkedArrays = 0;
        foreach (string line in lines.Where(l => !l.StartsWith('#')))
        {
            string[] halves = line.Split('|');
            double[] values = halves[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToArray();
            int[] expected = halves[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            Assert.That(NumpyArgsort.Quicksort(values), Is.EqualTo(expected), line);
            checkedArrays++;
        }

        Assert.That(checkedArrays, Is.EqualTo(300));
    }

    [Test]
    public void Pytorchs_mixed_mm_tie_picks_the_later_choice()
    {
        // Median times of one mixed_mm A100 input (m=64, k=2048, n=11648) in choice order: choices 6
        // and 17 are equally fast; pandas' sort_values puts 17 first, so PyTorch's winner is 17.
        double[] times =
        {
            0.1513440012931823, 0.0724160000681877, 0.0907519981265068, 0.0751679986715316, 0.0937919989228248,
            0.0803840011358261, 0.0508799999952316, 0.0715840011835098, 0.055231999605894, 0.0954559966921806,
            0.0641279965639114, 0.0602080002427101, 0.0754880011081695, 0.0809279978275299, 0.0572800002992153,
            0.0762879997491836, 0.0537599995732307, 0.0508799999952316, 0.069472000002861,
        };
        Assert.That(NumpyArgsort.Quicksort(times).Take(3), Is.EqualTo(new[] { 17, 6, 16 }));
    }

    [Test]
    public void Short_arrays_are_insertion_sorted_so_ties_keep_their_order()
    {
        Assert.That(NumpyArgsort.Quicksort(new[] { 2.0, 1.0, 1.0, double.NaN, 1.0 }), Is.EqualTo(new[] { 1, 2, 4, 0, 3 }));
        Assert.That(NumpyArgsort.Quicksort(Array.Empty<double>()), Is.Empty);
    }
}
