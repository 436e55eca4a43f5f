using AutoHeuristic.Learning.Data;
using AutoHeuristic.Learning.Evaluation;

namespace AutoHeuristic.Learning.Training;

/// <summary>Per-leaf confidence (<see cref="ConfidenceStrategy.CalibratedLeaves"/>).</summary>
internal static class LeafCalibration
{
    public static LeafAnswers Calibrate(LeafAnswers answers, SampleSet train, int[] trainLeaves, SampleSet val, int[] valLeaves, double allowedWrongFraction)
    {
        return answers;
    }
}
