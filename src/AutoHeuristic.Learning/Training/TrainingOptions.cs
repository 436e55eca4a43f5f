using System;
using System.Collections.Generic;
using System.Linq;
using AutoHeuristic.Features;
using AutoHeuristic.Learning.Logs;

namespace AutoHeuristic.Learning.Training;

/// <summary>How rows are split into train, validation and test sets.</summary>
public enum SplitMode
{
    /// <summary>
    /// All rows of one input stay in one set (the default): a ranking's near-best duplicates of an
    /// input never leak from train into val or test. Inputs are shuffled with the same generator
    /// as <see cref="PyTorch"/>.
    /// </summary>
    Grouped,

    /// <summary>
    /// PyTorch's split, row for row: rows sorted as pandas' group-by sorts them, then sklearn's
    /// <c>train_test_split(random_state=42)</c> twice (numpy <c>RandomState(42)</c> permutations).
    /// </summary>
    PyTorch,
}

/// <summary>The impurity a CART split minimises.</summary>
public enum SplitCriterion
{
    /// <summary>Gini impurity.</summary>
    Gini,
    /// <summary>Shannon entropy (log base 2, as sklearn's "entropy").</summary>
    Entropy,
}

/// <summary>Which learner is trained.</summary>
public enum LearnerKind
{
    /// <summary>PyTorch's <c>train_decision.py</c>: a classifier over the winning choice (or a ranking with <see cref="TrainingOptions.RankingK"/>).</summary>
    DecisionTree,
    /// <summary>PyTorch's <c>train_regression.py</c>: a regression tree over (input, choice) scores.</summary>
    Regression,
}

/// <summary>How a decision tree chooses between equally good splits.</summary>
public enum TieBreaking
{
    /// <summary>The earlier feature slot, then the lower threshold; thresholds are midpoints of the exact double values.</summary>
    Deterministic,

    /// <summary>
    /// As scikit-learn's <c>DecisionTreeClassifier(random_state=42)</c>: float32 features, its random
    /// feature order over PyTorch's one-hot column layout, its in-node sort and float32 midpoints, and
    /// PyTorch's data set to the last bit (times read as pandas reads them, extra training rows
    /// repeated in place): with <see cref="SplitMode.PyTorch"/> the pad_mm, mixed_mm and mm trees equal
    /// those scikit-learn 1.2 grows in PyTorch's own trainer scripts, and the results equal PyTorch's
    /// published pad_mm, mixed_mm and mm numbers.
    /// Decision trees only (the regression learner keeps <see cref="Deterministic"/>).
    /// </summary>
    Sklearn,
}

/// <summary>One hyper-parameter combination of the grid.</summary>
/// <param name="Criterion">The impurity.</param>
/// <param name="MaxDepth">The maximum depth (root at depth 0).</param>
/// <param name="MinSamplesLeaf">At least this many training rows per leaf when ≥ 1; a fraction of the training rows (rounded up, as sklearn) when below 1.</param>
public sealed record GridPoint(SplitCriterion Criterion, int MaxDepth, double MinSamplesLeaf)
{
    /// <summary>The criterion as sklearn names it (<c>gini</c>, <c>entropy</c>).</summary>
    public string CriterionName => Criterion == SplitCriterion.Gini ? "gini" : "entropy";
}

/// <summary>A hyper-parameter grid; <see cref="Points"/> enumerates it in PyTorch's <c>itertools.product(depths, leafs, criteria)</c> order.</summary>
public sealed record TrainingGrid(IReadOnlyList<int> MaxDepths, IReadOnlyList<double> MinSamplesLeafs, IReadOnlyList<SplitCriterion> Criteria)
{
    /// <summary>PyTorch's default 36-model grid: depth 5–7 × min leaf {1, 5, 10, 0.01, 0.05, 0.02} × {gini, entropy}.</summary>
    public static TrainingGrid PyTorchDefault { get; } = new(new[] { 5, 6, 7 }, new[] { 1, 5, 10, 0.01, 0.05, 0.02 }, new[] { SplitCriterion.Gini, SplitCriterion.Entropy });

    /// <summary>PyTorch's fixed mm / mixed_mm grid: depth 5, min leaf 0.01, entropy.</summary>
    public static TrainingGrid PyTorchMm { get; } = new(new[] { 5 }, new[] { 0.01 }, new[] { SplitCriterion.Entropy });

    /// <summary>PyTorch's fixed flex_attention grid: depth 6, min leaf 0.01, entropy.</summary>
    public static TrainingGrid PyTorchFlexAttention { get; } = new(new[] { 6 }, new[] { 0.01 }, new[] { SplitCriterion.Entropy });

    /// <summary>PyTorch's regression grid: depth 5–7 × min leaf {1, 2, 5, 10}, squared error.</summary>
    public static TrainingGrid PyTorchRegression { get; } = new(new[] { 5, 6, 7 }, new double[] { 1, 2, 5, 10 }, new[] { SplitCriterion.Gini });

    /// <summary>All combinations, depth-major, then min leaf, then criterion.</summary>
    public IReadOnlyList<GridPoint> Points =>
        (from d in MaxDepths from m in MinSamplesLeafs from c in Criteria select new GridPoint(c, d, m)).ToList();
}

/// <summary>An extra named data set (PyTorch's <c>--data NAME PATH</c>): always evaluated, and added to training <see cref="TrainingCopies"/> times.</summary>
public sealed record ExtraDataSet(string Name, IReadOnlyList<ParsedLog> Logs)
{
    /// <summary>How many copies join the training set (PyTorch's mm preset adds <c>train_timm</c> and <c>train_hf</c> three times). Null: the preset decides.</summary>
    public int? TrainingCopies { get; init; }
}

/// <summary>What a long training run reports.</summary>
/// <param name="Heuristic">The heuristic and hardware being trained.</param>
/// <param name="Stage">What is happening ("reading", "dataset", "grid", "evaluating").</param>
/// <param name="Done">Steps done in this stage.</param>
/// <param name="Total">Steps of this stage.</param>
public readonly record struct TrainingProgress(string Heuristic, string Stage, int Done, int Total);

/// <summary>
/// Everything a training run can be told. Unset (null) values come from the preset chosen by the
/// log's heuristic name (<see cref="HeuristicPreset.ForName"/>), which reproduces PyTorch's trainer
/// subclasses.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Train only logs of this heuristic name; null trains every heuristic found (one model per heuristic and hardware).</summary>
    public string? HeuristicName { get; init; }

    /// <summary>The preset; null picks it by the log's heuristic name.</summary>
    public HeuristicPreset? Preset { get; init; }

    /// <summary>Overrides the preset's grid.</summary>
    public TrainingGrid? Grid { get; init; }

    /// <summary>How rows are split (default <see cref="SplitMode.Grouped"/>).</summary>
    public SplitMode Split { get; init; } = SplitMode.Grouped;

    /// <summary>Overrides the preset's test fraction (PyTorch: 0.15; mm and mixed_mm 0.01).</summary>
    public double? TestFraction { get; init; }

    /// <summary>Overrides the preset's validation fraction of all rows (PyTorch: 0.15; mm and mixed_mm 0.19).</summary>
    public double? ValFraction { get; init; }

    /// <summary>
    /// Seed of the train / validation / test split (PyTorch's <c>random_state=42</c> by default).
    /// Another seed shows how much a result depends on which inputs land in validation, which
    /// matters with a few hundred inputs.
    /// </summary>
    public uint SplitSeed { get; init; } = 42;

    /// <summary>Overrides the allowed wrong fraction on validation (PyTorch: 0.01; mm and mixed_mm 1.0).</summary>
    public double? AllowedWrongFraction { get; init; }

    /// <summary>Overrides the default choice (the fallback the heuristic is compared against).</summary>
    public string? DefaultChoice { get; init; }

    /// <summary>Learn a ranking that returns this many choices (PyTorch's <c>--ranking K</c>); null learns a single decision.</summary>
    public int? RankingK { get; init; }

    /// <summary>Overrides the choices always appended to a ranking (mm: <c>extern_mm</c>).</summary>
    public IReadOnlyList<string>? AlwaysIncluded { get; init; }

    /// <summary>Extra named data sets (PyTorch's <c>--data</c>).</summary>
    public IReadOnlyList<ExtraDataSet> ExtraData { get; init; } = Array.Empty<ExtraDataSet>();

    /// <summary>User-defined augmented features, added after the preset's standard operations.</summary>
    public IReadOnlyList<AHOperation> ExtraOperations { get; init; } = Array.Empty<AHOperation>();

    /// <summary>Overrides the preset's standard operations (null keeps them; empty uses none).</summary>
    public IReadOnlyList<AHOperation>? Operations { get; init; }

    /// <summary>Which learner (default: the preset's, a decision tree for every PyTorch preset).</summary>
    public LearnerKind? Learner { get; init; }

    /// <summary>Overrides the always-choose-X baselines reported (pad_mm: <c>orig</c> and <c>pad</c>).</summary>
    public IReadOnlyList<string>? BaselineChoices { get; init; }

    /// <summary>How decision trees break ties between equally good splits (default <see cref="TieBreaking.Deterministic"/>).</summary>
    public TieBreaking TieBreaking { get; init; } = TieBreaking.Deterministic;

    /// <summary>
    /// Runs the grid's fits (default <see cref="FitScheduler.Sequential"/>: one after the other on
    /// the calling thread, as inside a compiler host). The result does not depend on it.
    /// </summary>
    public FitScheduler Fits { get; init; } = FitScheduler.Sequential;

    /// <summary>
    /// Reads a running clock (e.g. a started stopwatch's elapsed time), from which each
    /// <see cref="HeuristicTrainingResult.Elapsed"/> is measured. Null (the default) reports zero:
    /// a build must not read the clock, and the time never takes part in a decision.
    /// </summary>
    public Func<TimeSpan>? Clock { get; init; }

    /// <summary>An experiment that changes decision training (the tools library's experimental options); null trains by PyTorch's rules.</summary>
    internal TrainingExperiment? Experiment { get; init; }

    /// <summary>
    /// Keep every input's decision of the selected model per set
    /// (<see cref="HeuristicTrainingResult.Decisions"/>), for per-input reports and plots; decision
    /// and ranking models only.
    /// </summary>
    public bool KeepDecisions { get; init; }

    /// <summary>
    /// Keep every set's metrics of every grid point (the default). False evaluates the points the
    /// selection passes over on the validation set only, which is all the selection reads, and the
    /// selected point on every set: the model and its summary are the same, and a build (which shows
    /// no grid report) skips most of the evaluation. <see cref="HeuristicTrainingResult.Grid"/> then
    /// holds only validation metrics for the other points. Decision and ranking models only.
    /// </summary>
    public bool KeepGridMetrics { get; init; } = true;

    /// <summary>Overrides the preset's excluded choices (null keeps them; empty excludes none).</summary>
    public IReadOnlyList<string>? ExcludedChoices { get; init; }

    /// <summary>Receives progress of long runs; called from the threads <see cref="Fits"/> uses while the grid is fitted.</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }
}
