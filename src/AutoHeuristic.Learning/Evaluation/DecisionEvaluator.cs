using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoHeuristic.Learning.Data;
using AutoHeuristic.Learning.Trees;

namespace AutoHeuristic.Learning.Evaluation;

/// <summary>What a decision tree answers at each leaf, precomputed once per fitted tree.</summary>
internal sealed class LeafAnswers
{
    public LeafAnswers(FittedTree tree, string[] classes, bool[] unsafeLeaves)
    {
        _tree = tree;
        Classes = classes;
        Unsafe = unsafeLeaves;
        int nodes = tree.NodeCount;
        Probabilities = new double[nodes][];
        Predicted = new int[nodes];
        MaxProbability = new double[nodes];
        Ranked = new int[nodes][];
        for (int node = 0; node < nodes; node++)
        {
            double[] p = tree.Probabilities(node);
            Probabilities[node] = p;
            int best = tree.PredictedClass(node);
            Predicted[node] = best;
            MaxProbability[node] = p.Length == 0 ? 0 : p[best];
            var ranked = new List<int>();
            for (int k = 0; k < p.Length; k++) if (p[k] > 0) ranked.Add(k);
            // Descending probability; Python's stable sort keeps class order among equals.
            ranked.Sort((a, b) => p[a] != p[b] ? p[b].CompareTo(p[a]) : a.CompareTo(b));
            Ranked[node] = ranked.ToArray();
        }
    }

    /// <summary>Answers of a saved model's leaves (indexed by leaf id), which has no fitted tree behind it.</summary>
    public LeafAnswers(string[] classes, bool[] unsafeLeaves, double[][] probabilities, int[] predicted, double[] maxProbability, int[][] ranked)
    {
        Classes = classes;
        Unsafe = unsafeLeaves;
        Probabilities = probabilities;
        Predicted = predicted;
        MaxProbability = maxProbability;
        Ranked = ranked;
    }

    private readonly FittedTree? _tree;

    public FittedTree Tree => _tree ?? throw new InvalidOperationException("These leaf answers come from a saved model, which has no fitted tree.");

    public string[] Classes { get; }

    public bool[] Unsafe { get; }

    public double[][] Probabilities { get; }

    public int[] Predicted { get; }

    public double[] MaxProbability { get; }

    /// <summary>Classes with probability &gt; 0, best first.</summary>
    public int[][] Ranked { get; }
}

/// <summary>Evaluation settings shared by every set of a run; <paramref name="Defaults"/> is null when the heuristic has no default.</summary>
internal sealed record EvaluationSettings(DefaultChoices? Defaults, int TopK, IReadOnlyList<string> AlwaysIncluded, IReadOnlyList<string> Baselines);

/// <summary>
/// PyTorch's <c>DecisionEvaluator</c>: correct / wrong / unsure, wrong speedups, top-k metrics and
/// the comparison with the default, with the same rules (an input is unsure when its leaf is
/// unsafe, the predicted choice was not measured for it, or its top probability is not 1.0 and at
/// most the threshold), plus oracle and time-saved metrics.
/// </summary>
internal static class DecisionEvaluator
{
    /// <summary>Routes every sample of <paramref name="set"/> to its leaf.</summary>
    [MethodImpl(HotPath.Optimized)]
    public static int[] Route(FittedTree tree, SampleSet set, SlotMap slots)
    {
        var leaves = new int[set.Count];
        for (int i = 0; i < set.Count; i++) leaves[i] = slots.LeafOf(tree, set.Tables[i], set.Inputs[i]);
        return leaves;
    }

    /// <summary>
    /// PyTorch's <c>get_safe_proba</c>: the top probabilities of the wrong decisions at threshold 0,
    /// sorted; allowed = ⌊total · pct⌋; 0 when within it, else the value at index
    /// <c>min(wrong − allowed, wrong − 1)</c>.
    /// </summary>
    [MethodImpl(HotPath.Optimized)]
    public static double SafeThreshold(LeafAnswers answers, SampleSet set, int[] leaves, double wrongFraction, bool ranking)
    {
        var wrongProbabilities = new List<double>();
        var classChoice = new ClassChoiceCache(answers.Classes);
        for (int i = 0; i < set.Count; i++)
        {
            InputTable table = set.Tables[i];
            int input = set.Inputs[i];
            int leaf = leaves[i];
            int predictedChoice = classChoice.Get(table, answers.Predicted[leaf]);
            if (answers.Unsafe[leaf] || predictedChoice < 0 || double.IsNaN(table.Time(input, predictedChoice))) continue;
            int truth = ranking ? table.Winner[input] : set.Labels[i];
            if (predictedChoice != truth) wrongProbabilities.Add(answers.MaxProbability[leaf]);
        }

        wrongProbabilities.Sort();
        int total = set.Count;
        int wrong = wrongProbabilities.Count;
        int allowed = (int)(total * wrongFraction);
        if (allowed >= wrong) return 0.0;
        int index = Math.Min(wrong - allowed, wrong - 1);
        return wrongProbabilities[index];
    }

    /// <summary>
    /// PyTorch's rule for "unsure": the leaf is unsafe, its predicted choice was not measured for the
    /// input (<paramref name="predictedTime"/> NaN), or its top probability is not 1.0 and at most the threshold.
    /// </summary>
    public static bool IsUnsure(LeafAnswers answers, int leaf, double predictedTime, double threshold)
    {
        double maxProbability = answers.MaxProbability[leaf];
        return answers.Unsafe[leaf] || double.IsNaN(predictedTime) || (maxProbability != 1.0 && maxProbability <= threshold);
    }

    /// <summary>Computes every metric of one set; ranking sets are first reduced to their winner rows.</summary>
    [MethodImpl(HotPath.Optimized)]
    public static Dictionary<string, double> Evaluate(LeafAnswers answers, SampleSet set, int[] leaves, double threshold, EvaluationSettings settings, bool ranking)
    {
        var classChoice = new ClassChoiceCache(answers.Classes);
        var alwaysIncluded = new NamedChoices(settings.AlwaysIncluded);
        var baselines = new NamedChoices(settings.Baselines);
        int correct = 0, wrong = 0, unsure = 0, total = 0;
        var wrongSpeedups = new List<double>();
        int topKCorrect = 0, topKWrong = 0, topKUnsure = 0;
        var topKSpeedups = new List<double>();
        var overDefault = new List<double>();
        int nonDefault = 0, defaultBetter = 0;
        var logSlowdown = 0.0;
        int oracleCount = 0;
        double heuristicTotal = 0, oracleTotal = 0;
        double defaultTotal = 0, heuristicVsDefault = 0;
        var baselineTotals = new double[settings.Baselines.Count];
        var baselineHeuristic = new double[settings.Baselines.Count];
        var topK = new List<int>();

        for (int i = 0; i < set.Count; i++)
        {
            if (ranking && !set.IsWinnerRow[i]) continue;
            total++;
            InputTable table = set.Tables[i];
            int input = set.Inputs[i];
            int leaf = leaves[i];
            int truth = table.Winner[input];
            double bestTime = table.Time(input, truth);
            int predicted = classChoice.Get(table, answers.Predicted[leaf]);
            double predictedTime = predicted >= 0 ? table.Time(input, predicted) : double.NaN;
            int defaultChoice = settings.Defaults is null ? -1 : settings.Defaults.IndexOf(table, input);
            double defaultTime = defaultChoice >= 0 ? table.Time(input, defaultChoice) : double.NaN;

            bool isUnsure = IsUnsure(answers, leaf, predictedTime, threshold);
            double realized;
            if (isUnsure)
            {
                unsure++;
                overDefault.Add(1.0); // PyTorch counts an unsure input as 1.0 even without a default
                realized = settings.Defaults is not null && !double.IsNaN(defaultTime) ? defaultTime : bestTime;
            }
            else
            {
                if (settings.Defaults is not null)
                {
                    if (predicted != defaultChoice) nonDefault++;
                    if (!double.IsNaN(defaultTime) && !double.IsInfinity(defaultTime))
                    {
                        double ratio = defaultTime / predictedTime;
                        if (ratio < 1) defaultBetter++;
                        overDefault.Add(ratio);
                    }
                }

                if (predicted == truth) correct++;
                else
                {
                    wrong++;
                    wrongSpeedups.Add(predictedTime / bestTime);
                }

                realized = predictedTime;
            }

            // Top-k: classes by descending probability with p > 0 and measured, K of them, then the always-included ones.
            topK.Clear();
            foreach (int cls in answers.Ranked[leaf])
            {
                if (topK.Count == settings.TopK) break;
                int choice = classChoice.Get(table, cls);
                if (choice >= 0 && !double.IsNaN(table.Time(input, choice))) topK.Add(choice);
            }

            foreach (int choice in alwaysIncluded.In(table))
            {
                if (choice >= 0 && !topK.Contains(choice)) topK.Add(choice);
                else if (choice < 0) topK.Add(-1 - topK.Count); // a name not in this table: never measured
            }

            if (topK.Contains(truth)) topKCorrect++;
            else
            {
                double min = double.NaN;
                foreach (int choice in topK)
                {
                    if (choice < 0) continue;
                    double t = table.Time(input, choice);
                    if (!double.IsNaN(t) && (double.IsNaN(min) || t < min)) min = t;
                }

                if (double.IsNaN(min)) topKUnsure++;
                else
                {
                    topKWrong++;
                    topKSpeedups.Add(min / bestTime);
                }
            }

            // Ours: the oracle and time saved.
            if (!double.IsInfinity(realized) && !double.IsInfinity(bestTime) && bestTime > 0)
            {
                logSlowdown += Math.Log(realized / bestTime);
                oracleCount++;
                heuristicTotal += realized;
                oracleTotal += bestTime;
            }

            if (!double.IsNaN(defaultTime) && !double.IsInfinity(defaultTime) && !double.IsInfinity(realized))
            {
                defaultTotal += defaultTime;
                heuristicVsDefault += realized;
            }

            int[] baselineChoices = baselines.In(table);
            for (int b = 0; b < baselineChoices.Length; b++)
            {
                int choice = baselineChoices[b];
                double t = choice >= 0 ? table.Time(input, choice) : double.NaN;
                if (!double.IsNaN(t) && !double.IsInfinity(t) && !double.IsInfinity(realized))
                {
                    baselineTotals[b] += t;
                    baselineHeuristic[b] += realized;
                }
            }
        }

        var m = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [MetricNames.Correct] = correct,
            [MetricNames.Wrong] = wrong,
            [MetricNames.Unsure] = unsure,
            [MetricNames.Total] = total,
            [MetricNames.WrongMaxSpeedup] = Max(wrongSpeedups),
            [MetricNames.WrongGmeanSpeedup] = GeometricMean(wrongSpeedups),
            [MetricNames.TopKCorrect] = topKCorrect,
            [MetricNames.TopKWrong] = topKWrong,
            [MetricNames.WrongMaxSpeedupK] = Max(topKSpeedups),
            [MetricNames.WrongGmeanSpeedupK] = GeometricMean(topKSpeedups),
            [MetricNames.TopKUnsure] = topKUnsure,
        };
        m[MetricNames.MaxSpeedupOverDefault] = Max(overDefault);
        m[MetricNames.GmeanSpeedupOverDefault] = GeometricMean(overDefault);
        m[MetricNames.MaxSpeedupDefaultOverHeuristic] = overDefault.Count == 0 ? 0 : Min(overDefault);
        m[MetricNames.NonDefaultPredictions] = nonDefault;
        m[MetricNames.DefaultBetter] = defaultBetter;

        m[MetricNames.UnsurePercent] = total == 0 ? 0 : 100.0 * unsure / total;
        m[MetricNames.WrongPercent] = total == 0 ? 0 : 100.0 * wrong / total;
        m[MetricNames.WrongCostly1Percent] = CountAbove(wrongSpeedups, 1.01);
        m[MetricNames.WrongCostly2Percent] = CountAbove(wrongSpeedups, 1.02);
        m[MetricNames.OracleGmeanSlowdown] = oracleCount == 0 ? double.NaN : Math.Exp(logSlowdown / oracleCount);
        m[MetricNames.OracleTotalSlowdown] = oracleTotal > 0 ? heuristicTotal / oracleTotal : double.NaN;
        if (settings.Defaults is not null)
        {
            m[MetricNames.TimeSavedVsDefaultMs] = defaultTotal - heuristicVsDefault;
            m[MetricNames.TimeSavedVsDefaultPercent] = defaultTotal > 0 ? 100.0 * (defaultTotal - heuristicVsDefault) / defaultTotal : double.NaN;
        }

        for (int b = 0; b < settings.Baselines.Count; b++)
        {
            m[MetricNames.TimeSavedVsChoiceMs(settings.Baselines[b])] = baselineTotals[b] - baselineHeuristic[b];
            m[MetricNames.TimeSavedVsChoicePercent(settings.Baselines[b])] = baselineTotals[b] > 0 ? 100.0 * (baselineTotals[b] - baselineHeuristic[b]) / baselineTotals[b] : double.NaN;
        }

        m[MetricNames.Threshold] = threshold;
        return m;
    }

    private static double Max(List<double> values)
    {
        if (values.Count == 0) return 0;
        double max = values[0];
        foreach (double v in values) if (v > max || double.IsNaN(v)) max = v;
        return max;
    }

    private static double Min(List<double> values)
    {
        double min = values[0];
        foreach (double v in values) if (v < min) min = v;
        return min;
    }

    /// <summary>scipy's <c>gmean</c>: exp(mean(log x)); 0 for an empty list (PyTorch's convention).</summary>
    private static int CountAbove(List<double> values, double limit)
    {
        int count = 0;
        foreach (double v in values)
        {
            if (v > limit) count++;
        }

        return count;
    }

    internal static double GeometricMean(List<double> values)
    {
        if (values.Count == 0) return 0;
        double sum = 0;
        foreach (double v in values) sum += Math.Log(v);
        return Math.Exp(sum / values.Count);
    }

    /// <summary>A table's indices of some choice names (-1 for a name it lacks), looked up once per table.</summary>
    private sealed class NamedChoices
    {
        private readonly IReadOnlyList<string> _names;
        private readonly Dictionary<InputTable, int[]> _perTable = new();
        private InputTable? _lastTable;
        private int[] _last = Array.Empty<int>();

        public NamedChoices(IReadOnlyList<string> names) => _names = names;

        public int[] In(InputTable table)
        {
            if (ReferenceEquals(table, _lastTable)) return _last;
            if (!_perTable.TryGetValue(table, out int[]? indices))
            {
                indices = new int[_names.Count];
                for (int i = 0; i < indices.Length; i++) indices[i] = table.ChoiceIndex(_names[i]);
                _perTable.Add(table, indices);
            }

            _lastTable = table;
            _last = indices;
            return indices;
        }
    }

    /// <summary>Maps a class index to a table's choice index, per table.</summary>
    internal sealed class ClassChoiceCache
    {
        private readonly string[] _classes;
        private readonly Dictionary<InputTable, int[]> _maps = new();
        private InputTable? _lastTable;
        private int[]? _lastMap;

        public ClassChoiceCache(string[] classes) => _classes = classes;

        public int Get(InputTable table, int cls)
        {
            if (ReferenceEquals(table, _lastTable)) return _lastMap![cls];
            if (!_maps.TryGetValue(table, out int[]? map))
            {
                map = new int[_classes.Length];
                for (int k = 0; k < map.Length; k++) map[k] = table.ChoiceIndex(_classes[k]);
                _maps.Add(table, map);
            }

            _lastTable = table;
            _lastMap = map;
            return map[cls];
        }
    }
}
