using System;
using System.Collections.Generic;

namespace AutoHeuristic.Learning.Data.Building;

/// <summary>
/// PyTorch's optional filter of noisy (input, choice) groups: a group is kept when it has at least
/// three measurements and their relative standard deviation is at most 5 %.
/// </summary>
internal static class NoiseFilter
{
    /// <summary>Whether the group with the finite <paramref name="measurements"/> is kept.</summary>
    public static bool Keeps(List<double> measurements) => measurements.Count >= 3 && RelativeStd(measurements) <= 5.0;

    // pandas' sample standard deviation over the mean, in percent; inf for a mean of zero.
    private static double RelativeStd(List<double> values)
    {
        double mean = 0;
        foreach (double v in values) mean += v;
        mean /= values.Count;
        if (mean == 0) return double.PositiveInfinity;
        double sum = 0;
        foreach (double v in values) sum += (v - mean) * (v - mean);
        return Math.Sqrt(sum / (values.Count - 1)) / mean * 100.0;
    }
}
