using System;
using System.Collections.Generic;
using System.Linq;
using System.ComponentModel;
using AutoHeuristic.Learning.Experimental;
using AutoHeuristic.Learning.Training;
using Spectre.Console;
using Spectre.Console.Cli;

// The tool offers the experimental training options as --experimental-… flags.
#pragma warning disable AHEXP001

namespace AutoHeuristic.Cli.Commands;

/// <summary>The training options <c>train</c> and <c>evaluate</c> share (PyTorch's trainer arguments plus ours).</summary>
public abstract class TrainingSettings : CommandSettings
{
    /// <summary>Train only this heuristic (PyTorch's <c>--heuristic-name</c> names the output; here it selects logs by their metadata name).</summary>
    [CommandOption("--name <NAME>")]
    [Description("Train only logs of this heuristic name (default: every heuristic found, one model per heuristic and hardware).")]
    public string? Name { get; init; }

    /// <summary>Ranking mode's K.</summary>
    [CommandOption("--ranking <K>")]
    [Description("Learn a ranking that returns K choices (PyTorch's --ranking; the mm heuristic uses 10).")]
    public int? Ranking { get; init; }

    /// <summary>Extra named data sets, <c>NAME=PATH</c> (the two-value form <c>--data NAME PATH</c> is accepted too).</summary>
    [CommandOption("--data <NAME=PATH>")]
    [Description("An extra named data set, evaluated and (for mm's train_timm / train_hf) added to training: --data NAME PATH. Repeatable.")]
    public string[] Data { get; init; } = Array.Empty<string>();

    /// <summary>The split mode.</summary>
    [CommandOption("--split <MODE>")]
    [Description("grouped (default: all rows of one input in one set) or pytorch (PyTorch's split, row for row).")]
    [DefaultValue("grouped")]
    public string Split { get; init; } = "grouped";

    /// <summary>scikit-learn's tie-breaking between equally good splits.</summary>
    [CommandOption("--sklearn-ties")]
    [Description("Break ties between equally good splits as scikit-learn's DecisionTreeClassifier(random_state=42) (scikit-learn 1.2) does: float32 features, its seeded random feature order and in-node sort; logged times are read as pandas reads them, as in PyTorch's scripts. Default: the earlier feature, exact double thresholds, exact times.")]
    public bool SklearnTies { get; init; }

    /// <summary>How many grid points are fitted at once.</summary>
    [CommandOption("--parallelism <N>")]
    [Description("Grid points fitted at once (default: one per core). The result does not depend on it.")]
    public int? Parallelism { get; init; }

    /// <summary>Use the regression learner.</summary>
    [CommandOption("--regression")]
    [Description("Learn PyTorch's regression tree (train_regression.py) instead of the classifier.")]
    public bool Regression { get; init; }

    /// <summary>The training recipe.</summary>
    [CommandOption("--preset <NAME>")]
    [Description("The training recipe: auto (default: by the log's heuristic name), generic (PyTorch's base trainer), pad_mm, mm, mixed_mm or flex_attention.")]
    [DefaultValue("auto")]
    public string Preset { get; init; } = "auto";

    /// <summary>Overrides the allowed wrong fraction.</summary>
    [CommandOption("--allowed-wrong <FRACTION>")]
    [Description("Allowed wrong predictions on validation as a fraction (default: the preset's; pad_mm 0.01, mm and mixed_mm 1.0).")]
    public double? AllowedWrong { get; init; }

    /// <summary>Experimental: how "unsure" is decided.</summary>
    [CommandOption("--experimental-confidence <MODE>")]
    [Description("Experimental (missed its goal; docs/training-quality.md): pytorch (default: one global threshold at the allowed wrong %, as PyTorch) or calibrated (per-leaf confidence; answers more, may exceed the wrong % on new data).")]
    [DefaultValue("pytorch")]
    public string Confidence { get; init; } = "pytorch";

    /// <summary>Experimental: near-tie inputs learned as "unsure".</summary>
    [CommandOption("--experimental-tie-margin <FACTOR>")]
    [Description("Experimental (missed its goal; docs/training-quality.md): learn inputs whose two best choices are within this factor (e.g. 1.02) as a tie that answers unsure (default: off, as PyTorch).")]
    public double? TieMargin { get; init; }

    /// <summary>Experimental: PyTorch's disabled measurement filter.</summary>
    [CommandOption("--experimental-filter")]
    [Description("Experimental (PyTorch's disabled filter): drop (input, choice) pairs with fewer than 3 measurements or more than 5 % relative standard deviation.")]
    public bool Filter { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (Ranking is <= 0) return ValidationResult.Error("--ranking K needs K ≥ 1.");
        // Written so that NaN fails too (every comparison with NaN is false).
        if (AllowedWrong is double wrong && !(wrong >= 0 && wrong <= 1)) return ValidationResult.Error("--allowed-wrong is a fraction between 0 and 1.");
        if (TieMargin is double margin && !(margin >= 1 && double.IsFinite(margin))) return ValidationResult.Error("--experimental-tie-margin is a finite factor of at least 1 (e.g. 1.02).");
        if (Parallelism is < 1) return ValidationResult.Error("--parallelism needs at least 1.");
        if (ParseSplit(Split) is null) return ValidationResult.Error($"--split must be 'grouped' or 'pytorch', not '{Split}'.");
        if (!PresetNames.Contains(Preset.ToLowerInvariant())) return ValidationResult.Error($"--preset must be one of {string.Join(", ", PresetNames)}, not '{Preset}'.");
        if (ParseConfidence(Confidence) is null) return ValidationResult.Error($"--experimental-confidence must be 'calibrated' or 'pytorch', not '{Confidence}'.");
        foreach (string data in Data)
        {
            int eq = data.IndexOf('=');
            if (eq <= 0 || eq == data.Length - 1) return ValidationResult.Error($"--data needs a name and a path (--data NAME PATH), got '{data}'.");
        }

        return ValidationResult.Success();
    }

    /// <summary>The extra data sets as (name, path) pairs, in the order given.</summary>
    public IReadOnlyList<(string Name, string Path)> DataSets()
    {
        var sets = new List<(string, string)>();
        foreach (string data in Data)
        {
            int eq = data.IndexOf('=');
            sets.Add((data.Substring(0, eq), data.Substring(eq + 1)));
        }

        return sets;
    }

    /// <summary>
    /// The engine options these settings ask for (extra data sets are added by the caller once read):
    /// the grid on <see cref="Parallelism"/> cores (default all), timed, with the experimental options applied.
    /// </summary>
    public TrainingOptions ToOptions()
    {
        var options = new TrainingOptions
        {
            HeuristicName = Name,
            RankingK = Ranking,
            Split = ParseSplit(Split)!.Value,
            Learner = Regression ? LearnerKind.Regression : null,
            AllowedWrongFraction = AllowedWrong,
            TieBreaking = SklearnTies ? TieBreaking.Sklearn : TieBreaking.Deterministic,
            Preset = ParsePreset(Preset),
        };
        return Experiments().ApplyTo(ParallelFits.ForTool(options, Parallelism));
    }

    /// <summary>The <c>--experimental-…</c> options (the tool opts in to AHEXP001 here and nowhere else).</summary>
    internal ExperimentalTrainingOptions Experiments() => new()
    {
        Confidence = ParseConfidence(Confidence)!.Value,
        TieMargin = TieMargin,
        FilterNoisyMeasurements = Filter,
    };

    private static readonly string[] PresetNames = { "auto", "generic", "pad_mm", "mm", "mixed_mm", "flex_attention" };

    // auto: null, so the engine picks the preset by each log's heuristic name.
    private static HeuristicPreset? ParsePreset(string text) => text.ToLowerInvariant() switch
    {
        "auto" => null,
        "generic" => HeuristicPreset.Generic,
        string name => HeuristicPreset.ForName(name),
    };

    private static SplitMode? ParseSplit(string text) => text.ToLowerInvariant() switch
    {
        "grouped" => SplitMode.Grouped,
        "pytorch" => SplitMode.PyTorch,
        _ => null,
    };

    private static ConfidenceStrategy? ParseConfidence(string text) => text.ToLowerInvariant() switch
    {
        "calibrated" => ConfidenceStrategy.CalibratedLeaves,
        "pytorch" => ConfidenceStrategy.PyTorchThreshold,
        _ => null,
    };
}
