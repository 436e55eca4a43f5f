using System;
using System.Collections.Generic;
using System.Linq;

namespace AutoHeuristic.Cuda.Benchmarking;

/// <summary>Robust summaries of timing samples (quantiles interpolate linearly, as <c>torch.quantile</c> does).</summary>
public static class Statistics
{
    /// <summary>The <paramref name="q"/>-quantile (0..1) with linear interpolation between order statistics.</summary>
    public static double Quantile(IReadOnlyList<double> samples, double q)
    {
        if (samples.Count == 0) throw new ArgumentException("No samples to summarize.", nameof(samples));
        if (q < 0 || q > 1) throw new ArgumentOutOfRangeException(nameof(q), q, "A quantile lies in [0, 1].");
        double[] sorted = samples.OrderBy(x => x).ToArray();
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /// <summary>The median.</summary>
    public static double Median(IReadOnlyList<double> samples) => Quantile(samples, 0.5);

    /// <summary>Interquartile range divided by the median (0 for fewer than 2 samples).</summary>
    public static double RelativeIqr(IReadOnlyList<double> samples)
    {
        if (samples.Count < 2) return 0;
        double med = Median(samples);
        return med == 0 ? 0 : (Quantile(samples, 0.75) - Quantile(samples, 0.25)) / med;
    }

    /// <summary>Bessel-corrected standard deviation divided by the mean (0 for fewer than 2 samples).</summary>
    public static double RelativeStdev(IReadOnlyList<double> samples)
    {
        if (samples.Count < 2) return 0;
        double mean = samples.Average();
        if (mean == 0) return 0;
        double ss = samples.Sum(x => (x - mean) * (x - mean));
        return Math.Sqrt(ss / (samples.Count - 1)) / mean;
    }
}
