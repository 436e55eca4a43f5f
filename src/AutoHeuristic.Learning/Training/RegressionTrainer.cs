using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using AutoHeuristic.Learning.Data;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Problems;
using AutoHeuristic.Learning.Splits;
using AutoHeuristic.Learning.Trees;

namespace AutoHeuristic.Learning.Training;

/// <summary>
/// PyTorch's <c>train_regression.py</c>: measurements filtered (≥ 3, ≤ 5 % relative std), one
/// row per (input, choice) with target = mean of the input's medians / this choice's median
/// (higher is better) and <c>choice</c> as a categorical feature; inputs split 60/20/20; a grid of
/// squared-error regression trees; per input the predicted best choice is the highest score and
/// the answer is unsure when best / second-best score ≤ the threshold, which is the largest such
/// ratio among wrong validation predictions; the model with most validation correct wins.
/// </summary>
internal static class RegressionTrainer
{
    public const string ChoiceFeature = "choice";

    public static HeuristicTrainingResult? Train(LogGroup group, HeuristicPreset preset, TrainingOptions options, InputTable main, List<(ExtraDataSet Spec, InputTable Table)> extras, List<LearningProblem> problems, Func<TimeSpan> elapsed, CancellationToken ct)
    {
        string name = group.Metadata.Name;
        string label = name + " (" + group.Hardware + ")";
        // PyTorch's regression trainer always filters noisy measurements; rebuild the table when the caller did not.
        if (!TrainingPipeline.FiltersNoisyMeasurements(options))
        {
            var operations = new List<Features.AHOperation>(preset.Operations);
            operations.AddRange(options.ExtraOperations);
            main = InputTableBuilder.Build(name, group.Logs, operations, true, null, ct);
        }

        if (main.Count < TrainingPipeline.MinimumInputs)
        {
            problems.Add(new LearningProblem(ProblemCodes.TooFewInputs, ProblemSeverity.Error,
                $"Too few inputs to learn '{name}' after the measurement filter: {main.Count.ToString(CultureInfo.InvariantCulture)}.", group.Logs[0].FileName));
            return null;
        }

        SplitIndices split = DatasetSplitter.Split(main.Count, options.TestFraction ?? 0.2, options.ValFraction ?? 0.2, options.SplitSeed);
        var slots = new SlotMap(main);
        var sets = new Dictionary<string, int[]>(StringComparer.Ordinal)
        {
            [DecisionTrainer.TrainSet] = split.Train,
            [DecisionTrainer.ValSet] = split.Val,
            [DecisionTrainer.TestSet] = split.Test,
        };
        var matrices = sets.ToDictionary(s => s.Key, s => BuildRows(main, slots, s.Value), StringComparer.Ordinal);
        RegressionRows train = matrices[DecisionTrainer.TrainSet];

        IReadOnlyList<GridPoint> points = preset.Grid.Points;
        var grid = new List<GridResult>();
        var trees = new List<FittedTree>();
        int selected = -1;
        double bestCorrect = -1;
        for (int g = 0; g < points.Count; g++)
        {
            ct.ThrowIfCancellationRequested();
            options.Progress?.Report(new TrainingProgress(label, "grid", g, points.Count));
            GridPoint point = points[g];
            FittedTree tree = CartLearner.Fit(train.Matrix, new CartParameters(point.Criterion, point.MaxDepth, point.MinSamplesLeaf, Regression: true), ct);
            RegressionRows val = matrices[DecisionTrainer.ValSet];
            double threshold = WrongRatioMax(tree, main, val);
            var metrics = new Dictionary<string, SetMetrics>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, RegressionRows> set in matrices)
            {
                metrics[set.Key] = new SetMetrics(Evaluate(tree, main, set.Value, threshold));
            }

            double correct = metrics[DecisionTrainer.ValSet][MetricNames.Correct];
            if (correct > bestCorrect)
            {
                bestCorrect = correct;
                selected = g;
            }

            grid.Add(new GridResult(point, threshold, tree.LeafCount, tree.Depth, metrics, true));
            trees.Add(tree);
        }

        LearnedModel? model = null;
        if (selected >= 0)
        {
            GridResult chosen = grid[selected];
            var summary = new TrainingSummary(main.Rows, main.Count, "squared_error", chosen.Point.MaxDepth, chosen.Point.MinSamplesLeaf, chosen.Depth, chosen.Leaves, chosen.Sets);
            model = ToModel(name, group, trees[selected], chosen.Threshold, slots, main, summary);
            DecisionTrainer.ReportManyUnsure(name, chosen, group.Logs[0].FileName, problems);
        }

        var sizes = matrices.ToDictionary(s => s.Key, s => s.Value.Inputs.Length, StringComparer.Ordinal);
        return new HeuristicTrainingResult(name, group.Hardware, model, grid, selected, new DatasetSummary(main.Rows, main.SkippedRows, main.Count, main.Choices.Length, sizes) { FailedInputs = main.FailedInputs, TiedInputs = main.TiedInputs }, elapsed(), preset);
    }

    /// <summary>(input, choice) rows of some inputs: the matrix (slots plus a trailing categorical <c>choice</c> slot) and per row its input and choice.</summary>
    internal sealed record RegressionRows(TrainingMatrix Matrix, int[] Inputs, int[] RowInput, int[] RowChoice);

    internal static RegressionRows BuildRows(InputTable table, SlotMap slots, int[] inputs)
    {
        (double[][] tn, int[][] tc) = slots.For(table);
        var rowInput = new List<int>();
        var rowChoice = new List<int>();
        var targets = new List<double>();
        int choices = table.Choices.Length;
        foreach (int input in inputs)
        {
            double sum = 0;
            int measured = 0;
            for (int c = 0; c < choices; c++)
            {
                double t = table.Time(input, c);
                if (double.IsNaN(t)) continue;
                sum += t;
                measured++;
            }

            double mean = sum / measured;
            for (int c = 0; c < choices; c++)
            {
                double t = table.Time(input, c);
                if (double.IsNaN(t)) continue;
                rowInput.Add(input);
                rowChoice.Add(c);
                targets.Add(mean / t);
            }
        }

        int n = rowInput.Count;
        var numeric = new double[tn.Length][];
        for (int s = 0; s < tn.Length; s++)
        {
            numeric[s] = new double[n];
            for (int i = 0; i < n; i++) numeric[s][i] = tn[s][rowInput[i]];
        }

        var categorical = new int[tc.Length + 1][];
        var counts = new int[tc.Length + 1];
        for (int s = 0; s < tc.Length; s++)
        {
            categorical[s] = new int[n];
            for (int i = 0; i < n; i++) categorical[s][i] = tc[s][rowInput[i]];
            counts[s] = slots.CategoricalColumns[s].Categories!.Count;
        }

        categorical[tc.Length] = rowChoice.ToArray();
        counts[tc.Length] = choices;
        var weights = new double[n];
        for (int i = 0; i < n; i++) weights[i] = 1.0;
        var matrix = new TrainingMatrix(numeric, categorical, counts, new int[n], weights, 0, targets.ToArray());
        return new RegressionRows(matrix, inputs, rowInput.ToArray(), rowChoice.ToArray());
    }

    private static double Predict(FittedTree tree, TrainingMatrix m, int row)
    {
        int node = 0;
        while (tree.Left[node] >= 0)
        {
            int slot = tree.Slot[node];
            bool goLeft = slot < m.Numeric.Length ? m.Numeric[slot][row] <= tree.Threshold[node] : m.Categorical[slot - m.Numeric.Length][row] != tree.Category[node];
            node = goLeft ? tree.Left[node] : tree.Right[node];
        }

        return tree.Value[node];
    }

    private static IEnumerable<(int Input, int Predicted, double Ratio)> Decide(FittedTree tree, RegressionRows rows) =>
        Decide(rows.RowInput, rows.RowChoice, row => Predict(tree, rows.Matrix, row));

    /// <summary>
    /// Per input: (predicted best choice, best / second-best score), from (input, choice) rows grouped
    /// by input and a score per row. The first of equal best scores wins, as in training.
    /// </summary>
    internal static IEnumerable<(int Input, int Predicted, double Ratio)> Decide(int[] rowInput, int[] rowChoice, Func<int, double> score)
    {
        int i = 0;
        int n = rowInput.Length;
        while (i < n)
        {
            int input = rowInput[i];
            int best = -1;
            double top = double.NegativeInfinity, second = double.NegativeInfinity;
            for (; i < n && rowInput[i] == input; i++)
            {
                double s = score(i);
                if (s > top)
                {
                    second = top;
                    top = s;
                    best = rowChoice[i];
                }
                else if (s > second)
                {
                    second = s;
                }
            }

            yield return (input, best, top / second);
        }
    }

    private static double WrongRatioMax(FittedTree tree, InputTable table, RegressionRows val)
    {
        double max = double.NaN;
        foreach ((int input, int predicted, double ratio) in Decide(tree, val))
        {
            if (predicted != table.Winner[input] && (double.IsNaN(max) || ratio > max)) max = ratio;
        }

        // No wrong validation prediction: PyTorch's threshold would be NaN; 1.0 answers whenever the best score is strictly ahead.
        return double.IsNaN(max) ? 1.0 : max;
    }

    private static Dictionary<string, double> Evaluate(FittedTree tree, InputTable table, RegressionRows rows, double threshold) =>
        Metrics(Decide(tree, rows), table, threshold);

    /// <summary>
    /// PyTorch's regression metrics from per-input decisions (predicted best choice, best / second-best
    /// score): unsure when the ratio is at or below the threshold. Shared by training and
    /// <see cref="ModelEvaluator"/>, so a saved model reports what the trainer reported.
    /// </summary>
    internal static Dictionary<string, double> Metrics(IEnumerable<(int Input, int Predicted, double Ratio)> decisions, InputTable table, double threshold)
    {
        int correct = 0, wrong = 0, unsure = 0, total = 0;
        var wrongSpeedups = new List<double>();
        foreach ((int input, int predicted, double ratio) in decisions)
        {
            total++;
            if (ratio <= threshold) unsure++;
            else if (predicted == table.Winner[input]) correct++;
            else
            {
                wrong++;
                wrongSpeedups.Add(table.Speedup[input]);
            }
        }

        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [MetricNames.Correct] = correct,
            [MetricNames.Wrong] = wrong,
            [MetricNames.Unsure] = unsure,
            [MetricNames.Total] = total,
            ["max_wrong_speedup"] = wrongSpeedups.Count == 0 ? 0 : wrongSpeedups.Max(),
            ["gman_wrong_speedup"] = DecisionEvaluator.GeometricMean(wrongSpeedups),
            [MetricNames.UnsurePercent] = total == 0 ? 0 : 100.0 * unsure / total,
            [MetricNames.WrongPercent] = total == 0 ? 0 : 100.0 * wrong / total,
            [MetricNames.Threshold] = threshold,
        };
    }

    private static LearnedModel ToModel(string name, LogGroup group, FittedTree tree, double threshold, SlotMap slots, InputTable table, TrainingSummary summary)
    {
        LearnedModel model = ModelConverter.ToModel(name, group.Hardware, ModelKind.Regression, tree, null, threshold, slots, summary, table.Choices);
        // The trailing categorical slot is the choice itself.
        var features = new List<FeatureInfo>(model.Features) { new FeatureInfo(ChoiceFeature, true, false) };
        return model with { Features = features };
    }
}
