using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AutoHeuristic.Learning.Evaluation;

namespace AutoHeuristic.Cli.Pictures;

/// <summary>One curve of a time-over-best plot: a policy's time over the best measured time, per input, sorted.</summary>
/// <param name="Label">The policy: "heuristic", "always the default", "always X".</param>
/// <param name="Ratios">Time / best time per input where the policy's choice was measured, ascending.</param>
internal sealed record TimeOverBestCurve(string Label, double[] Ratios)
{
    /// <summary>The geometric mean ratio (1.0 is perfect).</summary>
    public double GeometricMean => Ratios.Length == 0 ? double.NaN : Math.Exp(Ratios.Average(Math.Log));
}

/// <summary>
/// The curves of one set's plot: the heuristic (an unsure input costs the default's time, or the
/// best's when there is no default: the caller benchmarks, as the evaluator counts it), always
/// the default, the named baselines (pad_mm: orig, pad) and the single choice that is best on
/// average (by geometric mean, among choices measured for at least 90 % of the inputs).
/// </summary>
internal static class TimeOverBestSeries
{
    public static IReadOnlyList<TimeOverBestCurve> Of(DecisionListing listing, IReadOnlyList<string> baselines)
    {
        var curves = new List<TimeOverBestCurve>
        {
            new("heuristic", Sorted(listing.Inputs.Select(d => d.RealizedTime / d.BestTime))),
        };

        if (listing.Inputs.Any(d => d.DefaultChoice is not null))
        {
            curves.Add(new("always the default", Sorted(listing.Inputs.Select(d => d.DefaultTime / d.BestTime))));
        }

        var named = new List<string>(baselines.Where(b => listing.Choices.Contains(b)));
        string? bestFixed = BestFixedChoice(listing);
        if (bestFixed is not null && !named.Contains(bestFixed)) named.Add(bestFixed);
        foreach (string choice in named)
        {
            int c = IndexOf(listing.Choices, choice);
            string label = (choice == bestFixed ? "best single choice: always " : "always ") + choice;
            curves.Add(new(label, Sorted(listing.Inputs.Select(d => d.Times[c] / d.BestTime))));
        }

        return curves;
    }

    /// <summary>A curve's legend text: its label and geometric mean.</summary>
    public static string Legend(TimeOverBestCurve curve) =>
        curve.Label + " (geomean " + curve.GeometricMean.ToString("0.000", CultureInfo.InvariantCulture) + ")";

    private static string? BestFixedChoice(DecisionListing listing)
    {
        string? best = null;
        double bestMean = double.PositiveInfinity;
        for (int c = 0; c < listing.Choices.Count; c++)
        {
            double[] ratios = Sorted(listing.Inputs.Select(d => d.Times[c] / d.BestTime));
            if (ratios.Length == 0 || ratios.Length < 0.9 * listing.Inputs.Count) continue;
            double mean = Math.Exp(ratios.Average(Math.Log));
            if (mean < bestMean)
            {
                bestMean = mean;
                best = listing.Choices[c];
            }
        }

        return best;
    }

    // Finite ratios only: an unmeasured (NaN) or failed (inf) time has no place on the curve.
    private static double[] Sorted(IEnumerable<double> ratios)
    {
        double[] finite = ratios.Where(r => !double.IsNaN(r) && !double.IsInfinity(r) && r > 0).ToArray();
        Array.Sort(finite);
        return finite;
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] == value) return i;
        }

        return -1;
    }
}
