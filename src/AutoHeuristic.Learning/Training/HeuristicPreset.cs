using System;
using System.Collections.Generic;
using AutoHeuristic.Features;

namespace AutoHeuristic.Learning.Training;

/// <summary>
/// Per-heuristic training settings, equal to PyTorch's trainer subclasses
/// (<c>train_decision_pad_mm.py</c>, <c>train_decision_mixedmm.py</c>, <c>train_decision_mm.py</c>,
/// <c>train_decision_flex_attention.py</c>),
/// chosen by the log's heuristic name. Every value can be overridden through <see cref="TrainingOptions"/>.
/// </summary>
public sealed record HeuristicPreset
{
    /// <summary>The heuristic name this preset is for (empty for the generic one).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The standard augmented features.</summary>
    public IReadOnlyList<AHOperation> Operations { get; init; } = Array.Empty<AHOperation>();

    /// <summary>The hyper-parameter grid.</summary>
    public TrainingGrid Grid { get; init; } = TrainingGrid.PyTorchDefault;

    /// <summary>Test fraction of all rows.</summary>
    public double TestFraction { get; init; } = 0.15;

    /// <summary>Validation fraction of all rows.</summary>
    public double ValFraction { get; init; } = 0.15;

    /// <summary>Allowed wrong fraction of validation predictions.</summary>
    public double AllowedWrongFraction { get; init; } = 0.01;

    /// <summary>The default choice (the caller's fallback), or null when there is none (pad_mm).</summary>
    public string? DefaultChoice { get; init; }

    /// <summary>
    /// A default that depends on the input (flex_attention: Inductor's default configuration for the
    /// input's dtype and head dimension); used when <see cref="DefaultChoice"/> is null.
    /// </summary>
    public DefaultChoiceRule? DefaultRule { get; init; }

    /// <summary>
    /// Choices whose rows are dropped from every log before training and evaluation (PyTorch's
    /// <c>filter_df</c>; flex_attention drops one configuration whose autotuning times disagree with real runs).
    /// </summary>
    public IReadOnlyList<string> ExcludedChoices { get; init; } = Array.Empty<string>();

    /// <summary>Whether inputs are compared against a default (fixed or per input).</summary>
    public bool HasDefault => DefaultChoice is not null || DefaultRule is not null;

    /// <summary>When set, a leaf is unsafe if for any training row that reaches it the predicted choice is slower than this factor × the default's time (mm, mixed_mm: 1.05).</summary>
    public double? UnsafeLeafSlowdown { get; init; }

    /// <summary>Choices always appended to a ranking (mm: <c>extern_mm</c>).</summary>
    public IReadOnlyList<string> AlwaysIncluded { get; init; } = Array.Empty<string>();

    /// <summary>Copies of named extra data sets added to training (mm: <c>train_timm</c> and <c>train_hf</c> × 3).</summary>
    public IReadOnlyDictionary<string, int> ExtraTrainingCopies { get; init; } = new Dictionary<string, int>();

    /// <summary>Always-choose-X baselines reported besides the default (pad_mm: <c>orig</c> and <c>pad</c>).</summary>
    public IReadOnlyList<string> BaselineChoices { get; init; } = Array.Empty<string>();

    /// <summary>The learner.</summary>
    public LearnerKind Learner { get; init; } = LearnerKind.DecisionTree;

    /// <summary>PyTorch's base trainer: 36-model grid, 15 % / 15 % split, 1 % wrong, no augmentation.</summary>
    public static HeuristicPreset Generic { get; } = new();

    /// <summary>pad_mm: the base trainer plus PyTorch's pad_mm operations; no default choice, baselines <c>orig</c> and <c>pad</c>.</summary>
    public static HeuristicPreset PadMm { get; } = new()
    {
        Name = "pad_mm",
        Operations = StandardOperations.PadMm,
        BaselineChoices = new[] { "orig", "pad" },
    };

    /// <summary>mixed_mm: depth 5, min leaf 0.01, entropy; 1 % / 19 % split; 100 % allowed wrong with the unsafe-leaf rule; default <c>extern_fallback_mixed_mm</c>.</summary>
    public static HeuristicPreset MixedMm { get; } = new()
    {
        Name = "mixed_mm",
        Operations = StandardOperations.MixedMm,
        Grid = TrainingGrid.PyTorchMm,
        TestFraction = 0.01,
        ValFraction = 0.19,
        AllowedWrongFraction = 1.0,
        DefaultChoice = "extern_fallback_mixed_mm",
        UnsafeLeafSlowdown = 1.05,
    };

    /// <summary>
    /// mm: as mixed_mm with default <c>extern_mm</c>, <c>extern_mm</c> always in rankings,
    /// <c>train_timm</c> / <c>train_hf</c> × 3 in training, and no unsafe-leaf rule
    /// (<c>train_decision_mm.py</c> keeps the base trainer's <c>is_unsafe_leaf</c>, which is never true).
    /// </summary>
    public static HeuristicPreset Mm { get; } = MixedMm with
    {
        Name = "mm",
        Operations = StandardOperations.Mm,
        DefaultChoice = "extern_mm",
        UnsafeLeafSlowdown = null,
        AlwaysIncluded = new[] { "extern_mm" },
        ExtraTrainingCopies = new Dictionary<string, int>(StringComparer.Ordinal) { ["train_timm"] = 3, ["train_hf"] = 3 },
    };

    /// <summary>
    /// flex_attention (<c>train_decision_flex_attention.py</c>): PyTorch's flex operations; depth 6,
    /// min leaf 0.01, entropy; 1 % / 19 % split; 100 % allowed wrong; the default is Inductor's
    /// default forward configuration of each input (<see cref="FlexAttentionDefaultConfig"/>); a leaf
    /// is unsafe when its choice is more than 1.12 × the default's time on a training input; the
    /// configuration (64, 16, 4 warps, 3 stages) is dropped from the logs, "because there are large
    /// discrepancies between autotuning results and real performance".
    /// </summary>
    public static HeuristicPreset FlexAttention { get; } = new()
    {
        Name = "flex_attention",
        Operations = StandardOperations.FlexAttention,
        Grid = TrainingGrid.PyTorchFlexAttention,
        TestFraction = 0.01,
        ValFraction = 0.19,
        AllowedWrongFraction = 1.0,
        DefaultRule = FlexAttentionDefaultConfig.Rule,
        UnsafeLeafSlowdown = 1.12,
        ExcludedChoices = new[] { FlexAttentionDefaultConfig.ChoiceName(64, 16, 4, 3) },
    };

    /// <summary>The preset for a heuristic name; <see cref="Generic"/> (named after it) for unknown names.</summary>
    public static HeuristicPreset ForName(string heuristicName) => heuristicName switch
    {
        "pad_mm" => PadMm,
        "mixed_mm" => MixedMm,
        "mm" => Mm,
        "flex_attention" => FlexAttention,
        _ => Generic with { Name = heuristicName ?? string.Empty },
    };
}
