using System;
using System.Collections.Generic;
using System.Linq;

namespace AutoHeuristic.Collection;

/// <summary>
/// Sequential measurement: after each round (every choice of an input measured once more), decide
/// whether the input's label is already settled, so that clear inputs stop early and the saved
/// measurements go to the inputs whose choices are close.
/// </summary>
/// <remarks>
/// The rule: after round r ≥ <see cref="MinRounds"/>, take each choice's median of its r times so
/// far; stop when the relative gap between the best and the second-best median exceeds
/// <see cref="NoiseBound"/>, or when r reaches <see cref="MaxRounds"/>. A choice whose run failed
/// (+∞) is as slow as can be, so a failed run never keeps an input open. The bound comes from the
/// repetition spread of an existing log (<see cref="NoiseBoundFromSpreads"/>): a gap larger than what
/// repetitions of the same (input, choice) differ by is unlikely to be noise.
/// </remarks>
public sealed class SequentialStopping
{
    /// <summary>Creates the rule.</summary>
    /// <param name="noiseBound">Relative gap (e.g. 0.03 for 3 %) above which the leader is taken as settled; ≥ 0.</param>
    /// <param name="minRounds">Rounds always measured (≥ 1).</param>
    /// <param name="maxRounds">Rounds measured at most (≥ <paramref name="minRounds"/>); PyTorch always measures 3.</param>
    public SequentialStopping(double noiseBound, int minRounds = 1, int maxRounds = 3)
    {
        if (double.IsNaN(noiseBound) || noiseBound < 0)
            throw new ArgumentOutOfRangeException(nameof(noiseBound), noiseBound, "The noise bound must be a number ≥ 0.");
        if (minRounds < 1) throw new ArgumentOutOfRangeException(nameof(minRounds), minRounds, "At least one round must be measured.");
        if (maxRounds < minRounds) throw new ArgumentOutOfRangeException(nameof(maxRounds), maxRounds, "The most rounds must be at least the fewest rounds.");
        NoiseBound = noiseBound;
        MinRounds = minRounds;
        MaxRounds = maxRounds;
    }

    /// <summary>Relative gap above which the leader is taken as settled.</summary>
    public double NoiseBound { get; }

    /// <summary>Rounds always measured.</summary>
    public int MinRounds { get; }

    /// <summary>Rounds measured at most.</summary>
    public int MaxRounds { get; }

    /// <summary>
    /// Whether measuring can stop after the rounds in <paramref name="timesByChoice"/>: one list of
    /// times per choice, in measurement order (its length is the rounds measured for that choice;
    /// the smallest length counts). Fewer than two choices: nothing to compare, stop.
    /// </summary>
    public bool ShouldStop(IReadOnlyList<IReadOnlyList<double>> timesByChoice)
    {
        if (timesByChoice is null) throw new ArgumentNullException(nameof(timesByChoice));
        if (timesByChoice.Count < 2) return true;
        int rounds = timesByChoice.Min(t => t.Count);
        if (rounds >= MaxRounds) return true;
        if (rounds < MinRounds) return false;
        return RelativeGap(timesByChoice, rounds) > NoiseBound;
    }

    /// <summary>
    /// The index of the choice with the smallest median over its first <paramref name="rounds"/>
    /// times (the first such choice on a tie), or −1 without choices.
    /// </summary>
    public static int Leader(IReadOnlyList<IReadOnlyList<double>> timesByChoice, int rounds)
    {
        if (timesByChoice is null) throw new ArgumentNullException(nameof(timesByChoice));
        int best = -1;
        double bestMedian = double.PositiveInfinity;
        for (int c = 0; c < timesByChoice.Count; c++)
        {
            double m = MedianOfFirst(timesByChoice[c], rounds);
            if (best < 0 || m < bestMedian) { best = c; bestMedian = m; }
        }

        return best;
    }

    /// <summary>
    /// Second-best median / best median − 1 over each choice's first <paramref name="rounds"/> times:
    /// 0 on a tie, +∞ when the best median is 0 (and the second is not) or the second is +∞.
    /// </summary>
    public static double RelativeGap(IReadOnlyList<IReadOnlyList<double>> timesByChoice, int rounds)
    {
        if (timesByChoice is null) throw new ArgumentNullException(nameof(timesByChoice));
        if (timesByChoice.Count < 2) return double.PositiveInfinity;
        double best = double.PositiveInfinity, second = double.PositiveInfinity;
        foreach (IReadOnlyList<double> times in timesByChoice)
        {
            double m = MedianOfFirst(times, rounds);
            if (m < best) { second = best; best = m; }
            else if (m < second) second = m;
        }

        if (double.IsPositiveInfinity(best)) return 0; // every choice failed: nothing to tell apart
        if (second == best) return 0;
        if (best == 0 || double.IsPositiveInfinity(second)) return double.PositiveInfinity;
        return second / best - 1;
    }

    /// <summary>
    /// The noise bound derived from a log's repetition spreads: the <paramref name="quantile"/>
    /// (e.g. 0.99) of the relative spreads (max − min) / median of each (input, choice)'s repeated
    /// times, times <paramref name="factor"/>. Two single measurements of the same kernel differ by
    /// less than that bound in that share of cases, so a larger gap between two choices is a real
    /// difference with at least that confidence. Non-finite spreads are ignored.
    /// </summary>
    public static double NoiseBoundFromSpreads(IEnumerable<double> relativeSpreads, double quantile, double factor = 1.0)
    {
        if (relativeSpreads is null) throw new ArgumentNullException(nameof(relativeSpreads));
        if (double.IsNaN(quantile) || quantile < 0 || quantile > 1) throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "The quantile must be between 0 and 1.");
        if (double.IsNaN(factor) || factor < 0) throw new ArgumentOutOfRangeException(nameof(factor), factor, "The factor must be a number ≥ 0.");
        double[] sorted = relativeSpreads.Where(s => !double.IsNaN(s) && !double.IsInfinity(s)).OrderBy(s => s).ToArray();
        if (sorted.Length == 0) throw new ArgumentException("No finite spread to derive a noise bound from.", nameof(relativeSpreads));
        // Nearest-rank quantile: the smallest spread with at least `quantile` of the spreads at or below it.
        int rank = (int)Math.Ceiling(quantile * sorted.Length);
        return factor * sorted[Math.Max(0, Math.Min(sorted.Length - 1, rank - 1))];
    }

    /// <summary>(max − min) / median of repeated times of one (input, choice): NaN with fewer than two finite times or a zero median.</summary>
    public static double RelativeSpread(IReadOnlyList<double> times)
    {
        if (times is null) throw new ArgumentNullException(nameof(times));
        double[] finite = times.Where(t => !double.IsNaN(t) && !double.IsInfinity(t)).ToArray();
        if (finite.Length < 2) return double.NaN;
        double median = MedianOfFirst(finite, finite.Length);
        if (median == 0) return double.NaN;
        return (finite.Max() - finite.Min()) / median;
    }

    /// <summary>Median of the first <paramref name="count"/> times (the mean of the middle two for an even count); +∞ without times.</summary>
    internal static double MedianOfFirst(IReadOnlyList<double> times, int count)
    {
        int n = Math.Min(count, times.Count);
        if (n <= 0) return double.PositiveInfinity;
        double[] sorted = new double[n];
        for (int i = 0; i < n; i++) sorted[i] = times[i];
        Array.Sort(sorted);
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
