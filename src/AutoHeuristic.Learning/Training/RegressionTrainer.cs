using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using AutoHeuristic.Learning.Data;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Problems;

namespace AutoHeuristic.Learning.Training;

/// <summary>PyTorch's <c>train_regression.py</c>.</summary>
internal static class RegressionTrainer
{
    public static HeuristicTrainingResult? Train(LogGroup group, HeuristicPreset preset, TrainingOptions options, InputTable main, List<(ExtraDataSet Spec, InputTable Table)> extras, List<LearningProblem> problems, Stopwatch clock, CancellationToken ct)
    {
        problems.Add(new LearningProblem("AH3000", ProblemSeverity.Error, "The regression learner is not implemented yet."));
        return null;
    }
}
