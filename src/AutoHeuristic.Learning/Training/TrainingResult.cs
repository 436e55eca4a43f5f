using System;
using System.Collections.Generic;
using System.Linq;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Problems;

namespace AutoHeuristic.Learning.Training;

/// <summary>One grid point's outcome: its hyper-parameters, threshold, size and metrics on every set.</summary>
/// <param name="Point">The hyper-parameters.</param>
/// <param name="Threshold">The safe confidence threshold chosen on validation (PyTorch's <c>safe_proba</c>; the ratio threshold for regression).</param>
/// <param name="Leaves">Leaves of the tree.</param>
/// <param name="Depth">Depth of the tree.</param>
/// <param name="Sets">Metrics per set name (train, val, test, extra sets), in that order.</param>
/// <param name="Eligible">Whether validation wrong ≤ total × allowed fraction.</param>
public sealed record GridResult(GridPoint Point, double Threshold, int Leaves, int Depth, IReadOnlyDictionary<string, SetMetrics> Sets, bool Eligible);

/// <summary>The rows behind a training run.</summary>
/// <param name="Rows">Log rows used.</param>
/// <param name="SkippedRows">Log rows skipped as malformed.</param>
/// <param name="Inputs">Distinct inputs with at least two measured choices and a winner.</param>
/// <param name="Choices">Distinct choices (the model's classes).</param>
/// <param name="SetSizes">Rows per set (train, val, test, extra sets); ranking sets count near-best duplicates.</param>
public sealed record DatasetSummary(int Rows, int SkippedRows, int Inputs, int Choices, IReadOnlyDictionary<string, int> SetSizes)
{
    /// <summary>Inputs left out because every choice failed (feedback inf): they have no winner.</summary>
    public int FailedInputs { get; init; }

    /// <summary>Inputs whose measured choices all took the same time: no real winner; kept with PyTorch's label (the first of the tie).</summary>
    public int TiedInputs { get; init; }
}

/// <summary>What training produced for one heuristic on one hardware.</summary>
public sealed class HeuristicTrainingResult
{
    /// <summary>
    /// Creates a result; the trainer makes them, and a report of an evaluated saved model (the
    /// CLI's <c>evaluate</c>) describes its one "grid point" with one. The arguments become the
    /// properties of the same names (<paramref name="selectedIndex"/>: -1 for none).
    /// </summary>
    public HeuristicTrainingResult(string name, HardwareKey hardware, LearnedModel? model, IReadOnlyList<GridResult> grid, int selectedIndex, DatasetSummary dataset, TimeSpan elapsed, HeuristicPreset preset)
    {
        Name = name;
        Hardware = hardware;
        Model = model;
        Grid = grid;
        SelectedIndex = selectedIndex;
        Dataset = dataset;
        Elapsed = elapsed;
        Preset = preset;
    }

    /// <summary>The heuristic name (from the logs).</summary>
    public string Name { get; }

    /// <summary>The hardware.</summary>
    public HardwareKey Hardware { get; }

    /// <summary>The selected model, or null when no grid point was eligible (see the result's problems).</summary>
    public LearnedModel? Model { get; }

    /// <summary>Every grid point, in grid order.</summary>
    public IReadOnlyList<GridResult> Grid { get; }

    /// <summary>Index of the selected grid point, or -1.</summary>
    public int SelectedIndex { get; }

    /// <summary>The selected grid point, or null.</summary>
    public GridResult? Selected => SelectedIndex >= 0 ? Grid[SelectedIndex] : null;

    /// <summary>Set names in report order (train, val, test, extra sets).</summary>
    public IReadOnlyList<string> SetNames => Grid.Count == 0 ? Array.Empty<string>() : Grid[0].Sets.Keys.ToList();

    /// <summary>The data behind the run.</summary>
    public DatasetSummary Dataset { get; }

    /// <summary>Wall time of this heuristic's training (dataset, grid, selection, evaluation).</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The preset that was applied (after option overrides).</summary>
    public HeuristicPreset Preset { get; }

    /// <summary>
    /// Every input's decision of the selected model, per set name, when
    /// <see cref="TrainingOptions.KeepDecisions"/> asked for them; empty otherwise.
    /// </summary>
    public IReadOnlyDictionary<string, Evaluation.DecisionListing> Decisions { get; internal init; } = new Dictionary<string, Evaluation.DecisionListing>();
}

/// <summary>The outcome of <see cref="HeuristicTrainer.Train"/>.</summary>
public sealed class TrainingResult
{
    /// <summary>Creates a result of <paramref name="heuristics"/> and the <paramref name="problems"/> met on the way.</summary>
    public TrainingResult(IReadOnlyList<HeuristicTrainingResult> heuristics, IReadOnlyList<LearningProblem> problems)
    {
        Heuristics = heuristics;
        Problems = problems;
    }

    /// <summary>One entry per (heuristic, hardware) found in the logs.</summary>
    public IReadOnlyList<HeuristicTrainingResult> Heuristics { get; }

    /// <summary>Every problem of reading, merging and training.</summary>
    public IReadOnlyList<LearningProblem> Problems { get; }

    /// <summary>The learned models (entries without an eligible model are left out).</summary>
    public IReadOnlyList<LearnedModel> Models => Heuristics.Where(h => h.Model is not null).Select(h => h.Model!).ToList();

    /// <summary>True when some problem is an error.</summary>
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);
}
