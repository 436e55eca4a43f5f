using System;
using System.Diagnostics.CodeAnalysis;
using AutoHeuristic.Learning.Data;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Training;

namespace AutoHeuristic.Learning.Experimental;

/// <summary>
/// Experimental: how a decision tree decides to answer "unsure". Only <see cref="PyTorchThreshold"/>
/// is supported; the alternative missed its goal (docs/training-quality.md).
/// </summary>
[Experimental(ExperimentalTrainingOptions.DiagnosticId)]
public enum ConfidenceStrategy
{
    /// <summary>PyTorch's rule: one global probability threshold chosen on the validation set at the allowed wrong percentage.</summary>
    PyTorchThreshold,

    /// <summary>
    /// Per-leaf safety: a leaf answers only when its confidence, checked on training and validation rows
    /// that reach it, keeps the validation wrong count within the allowed percentage; leaves are
    /// admitted greedily from the most to the least reliable. Answers more inputs, but chosen on
    /// validation it can exceed the allowed wrong percentage on test data.
    /// </summary>
    CalibratedLeaves,
}

/// <summary>
/// Experimental training options: research that missed its goal (fewer "unsure" answers at
/// PyTorch's 1 % wrong on held-out data; docs/training-quality.md). Kept for users who accept more
/// mistakes and for reproducing those measurements; not supported, may change or go. Nothing of
/// it is loaded by a build: the trainer exposes internal hooks (<c>TrainingExperiment</c>) and
/// this library plugs into them. The CLI offers it as <c>--experimental-…</c> options.
/// </summary>
[Experimental(DiagnosticId)]
public sealed record ExperimentalTrainingOptions
{
    /// <summary>The diagnostic id a caller suppresses to use these options.</summary>
    public const string DiagnosticId = "AHEXP001";

    /// <summary>How the decision tree answers "unsure" (default <see cref="ConfidenceStrategy.PyTorchThreshold"/>).</summary>
    public ConfidenceStrategy Confidence { get; init; } = ConfidenceStrategy.PyTorchThreshold;

    /// <summary>
    /// Decision mode: training inputs whose second-best choice is within this factor of the best
    /// (e.g. 1.02: within 2 %, below measurement noise) are learned as a "tie" class that answers
    /// unsure, instead of as a coin-flip winner. Null or ≤ 1 turns it off (PyTorch's behaviour).
    /// </summary>
    public double? TieMargin { get; init; }

    /// <summary>Keep only (input, choice) pairs with ≥ 3 measurements and ≤ 5 % relative standard deviation (PyTorch's disabled filter).</summary>
    public bool FilterNoisyMeasurements { get; init; }

    /// <summary>Whether every option keeps PyTorch's rule.</summary>
    public bool IsDefault => Confidence == ConfidenceStrategy.PyTorchThreshold && !(TieMargin > 1) && !FilterNoisyMeasurements;

    /// <summary><paramref name="options"/> with these experiments (unchanged when <see cref="IsDefault"/>).</summary>
    public TrainingOptions ApplyTo(TrainingOptions options)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        return IsDefault ? options : options with { Experiment = new Hooks(this) };
    }

    /// <summary><paramref name="options"/> evaluating as a model trained with these options needs (the measurement filter).</summary>
    public ModelEvaluationOptions ApplyTo(ModelEvaluationOptions options)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        return options with { FilterNoisyMeasurements = FilterNoisyMeasurements };
    }

    // The trainer's hooks, answered from the options.
    private sealed class Hooks : TrainingExperiment
    {
        private readonly ExperimentalTrainingOptions _options;

        public Hooks(ExperimentalTrainingOptions options) => _options = options;

        public override bool FiltersNoisyMeasurements => _options.FilterNoisyMeasurements;

        public override void Relabel(SampleSet train)
        {
            if (_options.TieMargin is not double margin || margin <= 1) return;
            for (int i = 0; i < train.Count; i++)
            {
                if (train.Tables[i].Speedup[train.Inputs[i]] < margin) train.Labels[i] = SampleSet.TieLabel;
            }
        }

        public override LeafAnswers? Calibrate(LeafAnswers answers, SampleSet train, int[] trainLeaves, SampleSet val, int[] valLeaves, double allowedWrongFraction) =>
            _options.Confidence == ConfidenceStrategy.CalibratedLeaves
                ? LeafCalibration.Calibrate(answers, train, trainLeaves, val, valLeaves, allowedWrongFraction)
                : null;
    }
}
