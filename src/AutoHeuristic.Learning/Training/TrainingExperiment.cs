using AutoHeuristic.Learning.Data;
using AutoHeuristic.Learning.Evaluation;

namespace AutoHeuristic.Learning.Training;

/// <summary>
/// The places where decision training may be changed by an experiment: the tools library's
/// experimental options (<c>ExperimentalTrainingOptions</c>: noisy-measurement filter, near-tie
/// labels, per-leaf confidence) derive from it. Every default is PyTorch's rule, and no build sets
/// one (<see cref="TrainingOptions.Experiment"/> is internal), so the code of those experiments stays out
/// of what the compiler loads.
/// </summary>
internal abstract class TrainingExperiment
{
    /// <summary>Keep only (input, choice) pairs with ≥ 3 measurements and ≤ 5 % relative standard deviation (PyTorch's disabled filter).</summary>
    public virtual bool FiltersNoisyMeasurements => false;

    /// <summary>Changes the labels of decision training rows after the split, before the classes are found (e.g. to <see cref="SampleSet.TieLabel"/>).</summary>
    public virtual void Relabel(SampleSet train)
    {
    }

    /// <summary>
    /// Decision mode: the leaves' answers to use instead of PyTorch's single safe threshold (then the
    /// threshold is 0), or null to keep PyTorch's rule.
    /// </summary>
    public virtual LeafAnswers? Calibrate(LeafAnswers answers, SampleSet train, int[] trainLeaves, SampleSet val, int[] valLeaves, double allowedWrongFraction) => null;
}
