using System;
using System.Collections.Generic;
using System.Globalization;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Text;
using System.Threading;
using AutoHeuristic.Learning.Data;
using AutoHeuristic.Learning.Data.Building;
using AutoHeuristic.Learning.Experimental;
using AutoHeuristic.Learning.Logs;

namespace AutoHeuristic.Learning.Noise;

/// <summary>Settings of <see cref="MeasurementNoise.Analyze"/>.</summary>
[Experimental(ExperimentalTrainingOptions.DiagnosticId)]
public sealed record MeasurementNoiseOptions
{
    /// <summary>
    /// Upper edges of the gap buckets (gap = second-best median / best median − 1); a last bucket
    /// holds everything above the last edge. Default: 0.5 %, 1 %, 2 %, 5 %.
    /// </summary>
    public IReadOnlyList<double> BucketEdges { get; init; } = new[] { 0.005, 0.01, 0.02, 0.05 };

    /// <summary>Bootstrap resamples per input for the label-flip probability (0 skips the bootstrap).</summary>
    public int Bootstraps { get; init; } = 1000;

    /// <summary>Seed of the bootstrap's generator: the same seed gives the same report.</summary>
    public ulong Seed { get; init; } = 42;
}

/// <summary>One input of the log as the repetition analysis sees it.</summary>
/// <param name="Label">The choice with the smallest median time: the label the trainer learns.</param>
/// <param name="Gap">Second-best median / best median − 1 (+∞ when the best time is 0 or the second is infinite).</param>
/// <param name="Repetitions">Repetitions compared: the smallest number of measurements of any of the input's choices.</param>
/// <param name="RepetitionsAgainstLabel">Repetitions whose own winner (the k-th measurement of each choice compared) is not the label.</param>
/// <param name="RepetitionPairsDisagreeing">Pairs of repetitions whose winners differ (of Repetitions·(Repetitions−1)/2).</param>
/// <param name="LabelFlipProbability">Share of bootstrap resamples (each choice's times drawn with replacement) whose median winner is not the label.</param>
[Experimental(ExperimentalTrainingOptions.DiagnosticId)]
public sealed record InputNoise(string Label, double Gap, int Repetitions, int RepetitionsAgainstLabel, int RepetitionPairsDisagreeing, double LabelFlipProbability)
{
    /// <summary>Pairs of repetitions compared.</summary>
    public int RepetitionPairs => Repetitions * (Repetitions - 1) / 2;
}

/// <summary>The inputs whose gap falls in [<paramref name="LowerGap"/>, <paramref name="UpperGap"/>).</summary>
/// <param name="LowerGap">Inclusive lower edge.</param>
/// <param name="UpperGap">Exclusive upper edge (+∞ for the last bucket).</param>
/// <param name="Inputs">Inputs in the bucket.</param>
/// <param name="Repetitions">Repetitions compared, summed over the inputs.</param>
/// <param name="RepetitionsAgainstLabel">Repetitions whose winner is not the label.</param>
/// <param name="RepetitionPairs">Pairs of repetitions compared.</param>
/// <param name="RepetitionPairsDisagreeing">Pairs whose winners differ.</param>
/// <param name="ExpectedLabelFlips">Sum of the inputs' label-flip probabilities.</param>
[Experimental(ExperimentalTrainingOptions.DiagnosticId)]
public sealed record NoiseBucket(double LowerGap, double UpperGap, int Inputs, int Repetitions, int RepetitionsAgainstLabel, int RepetitionPairs, int RepetitionPairsDisagreeing, double ExpectedLabelFlips)
{
    /// <summary>Repetitions whose winner is not the label, as a fraction (NaN without repetitions).</summary>
    public double RepetitionAgainstLabelRate => Repetitions == 0 ? double.NaN : (double)RepetitionsAgainstLabel / Repetitions;

    /// <summary>Test-retest disagreement: pairs of repetitions whose winners differ, as a fraction (NaN without pairs). 0.5 would be a coin flip for two choices.</summary>
    public double RepetitionPairDisagreementRate => RepetitionPairs == 0 ? double.NaN : (double)RepetitionPairsDisagreeing / RepetitionPairs;

    /// <summary>Mean label-flip probability of the bucket's inputs (NaN when empty).</summary>
    public double MeanLabelFlipProbability => Inputs == 0 ? double.NaN : ExpectedLabelFlips / Inputs;
}

/// <summary>What <see cref="MeasurementNoise.Analyze"/> found.</summary>
[Experimental(ExperimentalTrainingOptions.DiagnosticId)]
public sealed class MeasurementNoiseReport
{
    internal MeasurementNoiseReport(IReadOnlyList<InputNoise> inputs, IReadOnlyList<NoiseBucket> buckets, int singleChoiceInputs)
    {
        Inputs = inputs;
        Buckets = buckets;
        SingleChoiceInputs = singleChoiceInputs;
    }

    /// <summary>Every input with at least two measured choices, in order of first appearance in the logs.</summary>
    public IReadOnlyList<InputNoise> Inputs { get; }

    /// <summary>The inputs grouped by gap.</summary>
    public IReadOnlyList<NoiseBucket> Buckets { get; }

    /// <summary>Inputs skipped because only one choice was measured (the trainer drops them too).</summary>
    public int SingleChoiceInputs { get; }

    /// <summary>Expected number of labels that differ from a fresh measurement's winner, over all inputs.</summary>
    public double ExpectedLabelFlips => Inputs.Sum(i => i.LabelFlipProbability);

    /// <summary>
    /// The noise floor of "wrong": the expected label flips among the inputs a model answers when it
    /// knows every input's true gap, is unsure on the <paramref name="unsureFraction"/> of inputs with
    /// the smallest gaps, and answers every other input with its label. A learned model cannot do
    /// better than this on average; if the floor at the target unsure share is within the wrong
    /// budget, the gap to the target is in the features or the learner, not in the measurements.
    /// </summary>
    /// <param name="unsureFraction">Between 0 and 1.</param>
    public double ExpectedNoiseWrong(double unsureFraction)
    {
        if (double.IsNaN(unsureFraction) || unsureFraction < 0 || unsureFraction > 1)
            throw new ArgumentOutOfRangeException(nameof(unsureFraction), unsureFraction, "The unsure fraction must be between 0 and 1.");
        InputNoise[] byGap = Inputs.OrderBy(i => i.Gap).ToArray(); // OrderBy is stable: equal gaps keep log order
        int skip = (int)Math.Round(byGap.Length * unsureFraction, MidpointRounding.AwayFromZero);
        double sum = 0;
        for (int i = skip; i < byGap.Length; i++) sum += byGap[i].LabelFlipProbability;
        return sum;
    }

    /// <summary>A Markdown table of the buckets (invariant culture).</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| gap | inputs | share | repetition winner ≠ label | repetition vs repetition disagree | bootstrap label flip | expected flipped labels |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (NoiseBucket b in Buckets)
        {
            string range = double.IsPositiveInfinity(b.UpperGap)
                ? string.Format(CultureInfo.InvariantCulture, "≥ {0:0.##} %", b.LowerGap * 100)
                : string.Format(CultureInfo.InvariantCulture, "{0:0.##}–{1:0.##} %", b.LowerGap * 100, b.UpperGap * 100);
            sb.AppendLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2:0.0} % | {3:0.0} % | {4:0.0} % | {5:0.0} % | {6:0.0} |",
                range, b.Inputs, Inputs.Count == 0 ? 0 : 100.0 * b.Inputs / Inputs.Count, 100 * b.RepetitionAgainstLabelRate,
                100 * b.RepetitionPairDisagreementRate, 100 * b.MeanLabelFlipProbability, b.ExpectedLabelFlips));
        }

        return sb.ToString();
    }
}

/// <summary>
/// Repetition analysis of autotuning logs: are an input's close choices a coin flip or a
/// systematic difference? Logs measure each (input, choice) several times (PyTorch: three times,
/// the choices interleaved, so the k-th measurements of the choices were taken back to back).
/// Per input it compares the k-th measurements (each repetition's winner) with the median label
/// and with each other, and bootstraps the median label. Grouped by the gap between the best two
/// medians, this tells whether a model's unsure share on near-ties is forced by measurement noise.
/// </summary>
[Experimental(ExperimentalTrainingOptions.DiagnosticId)]
public static class MeasurementNoise
{
    /// <summary>Analyses the rows of one heuristic's logs (all logs must have the same features).</summary>
    /// <param name="logs">Parsed logs; unusable ones (no metadata or rows) are skipped.</param>
    /// <param name="options">Buckets and bootstrap settings (null: defaults).</param>
    /// <param name="cancellationToken">Checked once per input.</param>
    /// <exception cref="ArgumentException">No usable log, or logs whose features differ (both files named).</exception>
    public static MeasurementNoiseReport Analyze(IReadOnlyList<ParsedLog> logs, MeasurementNoiseOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (logs is null) throw new ArgumentNullException(nameof(logs));
        options ??= new MeasurementNoiseOptions();
        double[] edges = options.BucketEdges.ToArray();
        for (int i = 0; i < edges.Length; i++)
        {
            if (double.IsNaN(edges[i]) || edges[i] <= 0 || (i > 0 && edges[i] <= edges[i - 1]))
                throw new ArgumentException("Bucket edges must be positive and strictly increasing.", nameof(options));
        }

        if (options.Bootstraps < 0) throw new ArgumentException("Bootstraps must not be negative.", nameof(options));

        List<ParsedLog> usable = logs.Where(l => l.IsUsable).ToList();
        if (usable.Count == 0) throw new ArgumentException("No usable log: every log lacks metadata, a header or data rows.", nameof(logs));
        string[] features = usable[0].Columns!.FeatureNames;
        foreach (ParsedLog log in usable.Skip(1))
        {
            if (!log.Columns!.FeatureNames.SequenceEqual(features, StringComparer.Ordinal))
                throw new ArgumentException($"Logs '{usable[0].FileName}' and '{log.FileName}' have different features: ({string.Join(", ", features)}) vs ({string.Join(", ", log.Columns.FeatureNames)}).", nameof(logs));
        }

        // Input key -> choice -> times in log order.
        var order = new List<string>();
        var times = new Dictionary<string, SortedDictionary<string, List<double>>>(StringComparer.Ordinal);
        var key = new StringBuilder();
        foreach (ParsedLog log in usable)
        {
            LogColumns c = log.Columns!;
            for (int row = 0; row < c.RowCount; row++)
            {
                key.Clear();
                for (int f = 0; f < c.FeatureNames.Length; f++)
                {
                    if (f > 0) key.Append('\u001f');
                    if (c.IsCategorical[f]) key.Append(c.CategoryTexts[f][c.CategoryCodes[f][row]]);
                    else key.Append(c.Numbers[f][row].ToString("R", CultureInfo.InvariantCulture));
                }

                string k = key.ToString();
                if (!times.TryGetValue(k, out SortedDictionary<string, List<double>>? byChoice))
                {
                    byChoice = new SortedDictionary<string, List<double>>(StringComparer.Ordinal);
                    times.Add(k, byChoice);
                    order.Add(k);
                }

                string choice = c.ChoiceNames[c.ChoiceCodes[row]];
                if (!byChoice.TryGetValue(choice, out List<double>? list)) byChoice.Add(choice, list = new List<double>());
                list.Add(c.Feedback[row]);
            }
        }

        var rng = new SplitMix64(options.Seed);
        var inputs = new List<InputNoise>(order.Count);
        int singleChoice = 0;
        foreach (string k in order)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SortedDictionary<string, List<double>> byChoice = times[k];
            if (byChoice.Count < 2)
            {
                singleChoice++;
                continue;
            }

            inputs.Add(AnalyzeInput(byChoice.Keys.ToArray(), byChoice.Values.Select(v => v.ToArray()).ToArray(), options.Bootstraps, rng));
        }

        return new MeasurementNoiseReport(inputs, Bucket(inputs, edges), singleChoice);
    }

    private static InputNoise AnalyzeInput(string[] choices, double[][] measured, int bootstraps, SplitMix64 rng)
    {
        double[] medians = measured.Select(Median).ToArray();
        int label = ArgMin(medians);
        double best = medians[label];
        double second = medians.Where((_, i) => i != label).Min();
        double gap = best > 0 && !double.IsInfinity(second) ? (second / best) - 1 : double.PositiveInfinity;

        int reps = measured.Min(m => m.Length);
        var repWinner = new int[reps];
        var column = new double[choices.Length];
        int againstLabel = 0;
        for (int r = 0; r < reps; r++)
        {
            for (int c = 0; c < choices.Length; c++) column[c] = measured[c][r];
            repWinner[r] = ArgMin(column);
            if (repWinner[r] != label) againstLabel++;
        }

        int pairsDisagreeing = 0;
        for (int a = 0; a < reps; a++)
        {
            for (int b = a + 1; b < reps; b++)
            {
                if (repWinner[a] != repWinner[b]) pairsDisagreeing++;
            }
        }

        double flip = 0;
        if (bootstraps > 0)
        {
            int flips = 0;
            var resampled = new double[choices.Length];
            double[][] buffers = measured.Select(m => new double[m.Length]).ToArray();
            for (int s = 0; s < bootstraps; s++)
            {
                for (int c = 0; c < choices.Length; c++)
                {
                    double[] source = measured[c], buffer = buffers[c];
                    for (int i = 0; i < buffer.Length; i++) buffer[i] = source[rng.NextIndex(source.Length)];
                    resampled[c] = Median(buffer);
                }

                if (ArgMin(resampled) != label) flips++;
            }

            flip = (double)flips / bootstraps;
        }

        return new InputNoise(choices[label], gap, reps, againstLabel, pairsDisagreeing, flip);
    }

    private static List<NoiseBucket> Bucket(List<InputNoise> inputs, double[] edges)
    {
        var buckets = new List<NoiseBucket>(edges.Length + 1);
        for (int b = 0; b <= edges.Length; b++)
        {
            double lower = b == 0 ? 0 : edges[b - 1];
            double upper = b == edges.Length ? double.PositiveInfinity : edges[b];
            List<InputNoise> members = inputs.Where(i => b == edges.Length ? i.Gap >= lower : i.Gap >= lower && i.Gap < upper).ToList();
            buckets.Add(new NoiseBucket(lower, upper, members.Count, members.Sum(i => i.Repetitions), members.Sum(i => i.RepetitionsAgainstLabel),
                members.Sum(i => i.RepetitionPairs), members.Sum(i => i.RepetitionPairsDisagreeing), members.Sum(i => i.LabelFlipProbability)));
        }

        return buckets;
    }

    /// <summary>The first index of the smallest value: ties go to the choice first in ordinal order, as the trainer's label.</summary>
    private static int ArgMin(double[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] < values[best]) best = i;
        }

        return best;
    }

    /// <summary>pandas' median: the middle value, or the mean of the two middle values; +∞ when any value is.</summary>
    private static double Median(double[] values)
    {
        double[] sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return double.IsPositiveInfinity(sorted[sorted.Length - 1]) ? double.PositiveInfinity : ChoiceMedians.MedianOfSorted(sorted);
    }

    /// <summary>A small seeded generator with a fixed algorithm, so reports are identical across runtimes (System.Random's algorithm is not guaranteed).</summary>
    private sealed class SplitMix64
    {
        private ulong state;

        public SplitMix64(ulong seed) => state = seed;

        public int NextIndex(int count)
        {
            state += 0x9E3779B97F4A7C15UL;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)((z >> 11) * (1.0 / (1UL << 53)) * count);
        }
    }
}
