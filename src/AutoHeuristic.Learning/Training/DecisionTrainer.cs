using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
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
/// PyTorch's <c>AHTrainDecisionTree</c>: split, grid of CART classifiers, unsafe leaves, safe
/// threshold on validation, evaluation of every set, selection (eligible when validation wrong ≤
/// total × allowed fraction; most correct wins; ties keep the earlier grid point).
/// </summary>
internal static class DecisionTrainer
{
    public const string TrainSet = "train";
    public const string ValSet = "val";
    public const string TestSet = "test";

    public static HeuristicTrainingResult Train(LogGroup group, HeuristicPreset preset, TrainingOptions options, InputTable main, List<(ExtraDataSet Spec, InputTable Table)> extras, List<LearningProblem> problems, Func<TimeSpan> elapsed, CancellationToken ct)
    {
        string name = group.Metadata.Name;
        string label = name + " (" + group.Hardware + ")";
        bool ranking = options.RankingK is not null;
        int topK = options.RankingK ?? 5;
        Prepared data = Prepare(preset, options, main, extras, ranking);
        SampleSet train = data.Sets[TrainSet];
        string[] classes = data.Classes;
        var slots = new SlotMap(main);
        TrainingMatrix matrix = slots.Matrix(train, classes);
        // PyTorch appends the always-included choices to every top-k list, ranking or not.
        var settings = new EvaluationSettings(DefaultChoices.For(preset, group.Hardware), topK, preset.AlwaysIncluded, preset.BaselineChoices);

        IReadOnlyList<GridPoint> points = preset.Grid.Points;
        var outcomes = new (GridResult Result, FittedTree Tree, LeafAnswers Answers)[points.Count];
        int done = 0;

        // Fits are independent: they share only read-only data (computed here first), so the scheduler may
        // run them on several cores; selection below walks the grid in order, so the result does not depend on it.
        matrix.SortedOrder(ct);
        _ = matrix.XLogXTable;
        DeepFits deepFits = new(matrix, points, options.TieBreaking, ct);
        void FitPoint(int g)
        {
            ct.ThrowIfCancellationRequested();
            outcomes[g] = FitAndEvaluate(points[g], deepFits, data, classes, main, preset, options, settings, ranking, topK, ct);
            options.Progress?.Report(new TrainingProgress(label, "grid", Interlocked.Increment(ref done), points.Count));
        }

        options.Progress?.Report(new TrainingProgress(label, "grid", 0, points.Count));
        options.Fits.Run(points.Count, FitPoint, ct);

        var grid = new List<GridResult>();
        var models = new List<(FittedTree Tree, LeafAnswers Answers, double Threshold)>();
        int selected = -1;
        double bestCorrect = 0;
        for (int g = 0; g < points.Count; g++)
        {
            GridResult result = outcomes[g].Result;
            SetMetrics v = result.Sets[ValSet];
            if (result.Eligible && v[MetricNames.Correct] > bestCorrect)
            {
                bestCorrect = v[MetricNames.Correct];
                selected = g;
            }

            grid.Add(result);
            models.Add((outcomes[g].Tree, outcomes[g].Answers, result.Threshold));
        }

        if (selected >= 0 && !options.KeepGridMetrics)
        {
            // Only the validation set was evaluated for the grid: the selected point's summary reports every set.
            (FittedTree tree, LeafAnswers answers, double threshold) = models[selected];
            grid[selected] = grid[selected] with { Sets = EvaluateSets(tree, answers, threshold, data, slots, settings, ranking, everySet: true, null, null, ct) };
        }

        options.Progress?.Report(new TrainingProgress(label, "grid", points.Count, points.Count));
        LearnedModel? model = null;
        if (selected < 0)
        {
            problems.Add(new LearningProblem(ProblemCodes.NoEligibleModel, ProblemSeverity.Error,
                $"No model of the {points.Count.ToString(CultureInfo.InvariantCulture)}-point grid for '{name}' stays within {(preset.AllowedWrongFraction * 100).ToString("0.##", CultureInfo.InvariantCulture)} % wrong predictions on the validation set, so no heuristic was produced.",
                group.Logs[0].FileName));
        }
        else
        {
            (FittedTree tree, LeafAnswers answers, double threshold) = models[selected];
            GridResult chosen = grid[selected];
            var summary = new TrainingSummary(main.Rows, main.Count, chosen.Point.CriterionName, chosen.Point.MaxDepth, chosen.Point.MinSamplesLeaf, chosen.Depth, chosen.Leaves, chosen.Sets);
            model = ModelConverter.ToModel(name, group.Hardware, ranking ? ModelKind.Ranking : ModelKind.Decision, tree, answers, threshold, slots, summary) with
            {
                RankingK = ranking ? topK : 0,
                AlwaysIncluded = ranking ? preset.AlwaysIncluded : Array.Empty<string>(),
            };
            if (!ranking) ReportManyUnsure(name, chosen, group.Logs[0].FileName, problems);
        }

        var decisions = new Dictionary<string, DecisionListing>(StringComparer.Ordinal);
        if (options.KeepDecisions && selected >= 0)
        {
            (FittedTree tree, LeafAnswers answers, double threshold) = models[selected];
            IReadOnlyList<string> logged = ModelEvaluator.LoggedFeatures(group.Header);
            foreach (KeyValuePair<string, SampleSet> set in data.Sets)
            {
                int[] leaves = DecisionEvaluator.Route(tree, set.Value, slots);
                decisions[set.Key] = DecisionListingBuilder.Build(set.Key, answers, set.Value, leaves, threshold, settings.Defaults, logged);
            }
        }

        var sizes = data.Sets.ToDictionary(s => s.Key, s => s.Value.Count, StringComparer.Ordinal);
        var dataset = new DatasetSummary(main.Rows, main.SkippedRows, main.Count, classes.Length, sizes) { FailedInputs = main.FailedInputs, TiedInputs = main.TiedInputs };
        return new HeuristicTrainingResult(name, group.Hardware, model, grid, selected, dataset, elapsed(), preset) { Decisions = decisions };
    }

    /// <summary>Above this unsure share on held-out data, an informational <see cref="ProblemCodes.ManyUnsure"/> is reported.</summary>
    public const double ManyUnsurePercent = 25.0;

    internal static void ReportManyUnsure(string name, GridResult chosen, string file, List<LearningProblem> problems)
    {
        string set = chosen.Sets.TryGetValue(TestSet, out SetMetrics? test) && test[MetricNames.Total] > 0 ? TestSet : ValSet;
        SetMetrics m = chosen.Sets[set];
        double total = m[MetricNames.Total];
        if (total <= 0) return;
        double share = 100.0 * m[MetricNames.Unsure] / total;
        if (share < ManyUnsurePercent) return;
        problems.Add(new LearningProblem(ProblemCodes.ManyUnsure, ProblemSeverity.Info,
            string.Format(CultureInfo.InvariantCulture,
                "The learned '{0}' heuristic is unsure on {1:0.#} % of the held-out {2} inputs ({3} of {4}); there the caller falls back (pad_mm: benchmarks).",
                name, share, set, m[MetricNames.Unsure], total),
            file));
    }

    private static (GridResult Result, FittedTree Tree, LeafAnswers Answers) FitAndEvaluate(
        GridPoint point, DeepFits fits, Prepared data, string[] classes, InputTable main, HeuristicPreset preset, TrainingOptions options, EvaluationSettings settings, bool ranking, int topK, CancellationToken ct)
    {
        var slots = new SlotMap(main); // per fit: its lookup caches are not shared between threads
        SampleSet train = data.Sets[TrainSet];
        SampleSet val = data.Sets[ValSet];
        FittedTree tree = fits.Tree(point);
        if (ranking) Prune(tree, fits.Matrix, topK, ct);

        int[] trainLeaves = DecisionEvaluator.Route(tree, train, slots);
        bool[] unsafeLeaves = UnsafeLeaves(tree, classes, train, trainLeaves, preset, settings.Defaults);
        var answers = new LeafAnswers(tree, classes, unsafeLeaves);
        int[] valLeaves = DecisionEvaluator.Route(tree, val, slots);
        LeafAnswers? calibrated = ranking ? null : options.Experiment?.Calibrate(answers, train, trainLeaves, val, valLeaves, preset.AllowedWrongFraction);
        double threshold;
        if (calibrated is not null)
        {
            answers = calibrated;
            threshold = 0;
        }
        else
        {
            threshold = DecisionEvaluator.SafeThreshold(answers, val, valLeaves, preset.AllowedWrongFraction, ranking);
        }

        Dictionary<string, SetMetrics> sets = EvaluateSets(tree, answers, threshold, data, slots, settings, ranking, options.KeepGridMetrics, trainLeaves, valLeaves, ct);
        SetMetrics v = sets[ValSet];
        bool eligible = v[MetricNames.Wrong] <= v[MetricNames.Total] * preset.AllowedWrongFraction;
        return (new GridResult(point, threshold, tree.LeafCount, tree.Depth, sets, eligible), tree, answers);
    }

    // The metrics of one fitted tree on every set (in the sets' order), or on the validation set only.
    private static Dictionary<string, SetMetrics> EvaluateSets(
        FittedTree tree, LeafAnswers answers, double threshold, Prepared data, SlotMap slots, EvaluationSettings settings, bool ranking, bool everySet, int[]? trainLeaves, int[]? valLeaves, CancellationToken ct)
    {
        var sets = new Dictionary<string, SetMetrics>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, SampleSet> set in data.Sets)
        {
            ct.ThrowIfCancellationRequested();
            if (!everySet && set.Key != ValSet) continue;
            int[] leaves = (set.Key == TrainSet ? trainLeaves : set.Key == ValSet ? valLeaves : null) ?? DecisionEvaluator.Route(tree, set.Value, slots);
            sets[set.Key] = new SetMetrics(DecisionEvaluator.Evaluate(answers, set.Value, leaves, threshold, settings, ranking));
        }

        return sets;
    }

    internal sealed record Prepared(Dictionary<string, SampleSet> Sets, string[] Classes);

    /// <summary>Splits, adds extra training copies and finds the classes (sklearn's sorted unique training labels).</summary>
    internal static Prepared Prepare(HeuristicPreset preset, TrainingOptions options, InputTable main, List<(ExtraDataSet Spec, InputTable Table)> extras, bool ranking)
    {
        SampleSet train, val, test;
        if (options.Split == SplitMode.PyTorch && ranking)
        {
            // PyTorch splits the near-best rows themselves, so one input can land in several sets.
            SampleSet all = SampleSet.FromInputs("all", main, Enumerable.Range(0, main.Count), nearBest: true);
            SplitIndices split = DatasetSplitter.Split(all.Count, preset.TestFraction, preset.ValFraction, options.SplitSeed);
            train = all.Subset(TrainSet, split.Train);
            val = all.Subset(ValSet, split.Val);
            test = all.Subset(TestSet, split.Test);
        }
        else
        {
            // One row per input (PyTorch's decision split), or whole inputs (grouped ranking split).
            SplitIndices split = DatasetSplitter.Split(main.Count, preset.TestFraction, preset.ValFraction, options.SplitSeed);
            train = SampleSet.FromInputs(TrainSet, main, split.Train, ranking);
            val = SampleSet.FromInputs(ValSet, main, split.Val, ranking);
            test = SampleSet.FromInputs(TestSet, main, split.Test, ranking);
        }

        var sets = new Dictionary<string, SampleSet>(StringComparer.Ordinal) { [TrainSet] = train, [ValSet] = val, [TestSet] = test };
        foreach ((ExtraDataSet spec, InputTable table) in extras)
        {
            SampleSet extra = SampleSet.FromInputs(spec.Name, table, Enumerable.Range(0, table.Count), ranking);
            sets[spec.Name] = extra;
            int copies = spec.TrainingCopies ?? (preset.ExtraTrainingCopies.TryGetValue(spec.Name, out int c) ? c : 0);
            if (options.TieBreaking == TieBreaking.Sklearn)
            {
                // PyTorch's add_training_data (index.repeat): each row's copies side by side, the
                // row order scikit-learn then sums weights in.
                train.AddEachRepeated(extra, copies);
            }
            else
            {
                for (int i = 0; i < copies; i++) train.AddAll(extra);
            }
        }

        if (!ranking) options.Experiment?.Relabel(train);

        var classSet = new SortedSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < train.Count; i++) classSet.Add(train.Labels[i] == SampleSet.TieLabel ? SampleSet.TieClass : train.Tables[i].Choices[train.Labels[i]]);
        return new Prepared(sets, classSet.ToArray());
    }

    /// <summary>
    /// PyTorch's ranking pruning: walking down with the training rows, a node whose left or right
    /// rows hold fewer than K distinct labels becomes a leaf with its own class distribution. Unlike
    /// PyTorch (which gives every collapsed leaf id 0), the leaf keeps its node id, so ids stay unique.
    /// </summary>
    internal static void Prune(FittedTree tree, TrainingMatrix matrix, int k, CancellationToken ct)
    {
        var all = new List<int>(matrix.SampleCount);
        for (int i = 0; i < matrix.SampleCount; i++) all.Add(i);
        PruneNode(tree, matrix, 0, all, k, ct);
    }

    private static void PruneNode(FittedTree tree, TrainingMatrix matrix, int node, List<int> samples, int k, CancellationToken ct)
    {
        if (tree.IsLeaf(node)) return;
        ct.ThrowIfCancellationRequested();
        var left = new List<int>();
        var right = new List<int>();
        int slot = tree.Slot[node];
        foreach (int s in samples)
        {
            bool goLeft = slot < matrix.Numeric.Length
                ? matrix.Numeric[slot][s] <= tree.Threshold[node]
                : matrix.Categorical[slot - matrix.Numeric.Length][s] != tree.Category[node];
            (goLeft ? left : right).Add(s);
        }

        if (Distinct(left, matrix.Labels) < k || Distinct(right, matrix.Labels) < k)
        {
            tree.Collapse(node);
            return;
        }

        PruneNode(tree, matrix, tree.Left[node], left, k, ct);
        PruneNode(tree, matrix, tree.Right[node], right, k, ct);
    }

    private static int Distinct(List<int> samples, int[] labels)
    {
        var set = new HashSet<int>();
        foreach (int s in samples) set.Add(labels[s]);
        return set.Count;
    }

    /// <summary>
    /// PyTorch's mixed_mm / flex_attention rule: a leaf is unsafe when, for some training row
    /// reaching it, the leaf's predicted choice and the row's default were measured and the choice
    /// is slower than <c>slowdown × default time</c>.
    /// </summary>
    [MethodImpl(HotPath.Optimized)]
    internal static bool[] UnsafeLeaves(FittedTree tree, string[] classes, SampleSet train, int[] trainLeaves, HeuristicPreset preset, DefaultChoices? defaults)
    {
        var result = new bool[tree.NodeCount];
        if (preset.UnsafeLeafSlowdown is not double slowdown || defaults is null) return result;
        for (int i = 0; i < train.Count; i++)
        {
            int leaf = trainLeaves[i];
            if (result[leaf]) continue;
            InputTable table = train.Tables[i];
            int input = train.Inputs[i];
            int predicted = table.ChoiceIndex(classes[tree.PredictedClass(leaf)]);
            int fallback = defaults.IndexOf(table, input);
            if (predicted < 0 || fallback < 0) continue;
            double predictedTime = table.Time(input, predicted);
            double fallbackTime = table.Time(input, fallback);
            if (double.IsNaN(predictedTime) || double.IsNaN(fallbackTime)) continue;
            if (slowdown * fallbackTime < predictedTime) result[leaf] = true;
        }

        return result;
    }
}
