using System.Collections.Generic;
using System.Threading;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Problems;

namespace AutoHeuristic.Learning.Training;

/// <summary>Runs training for every (heuristic, hardware) group.</summary>
internal static class TrainingPipeline
{
    public static TrainingResult Run(IReadOnlyList<ParsedLog> logs, TrainingOptions options, CancellationToken ct)
    {
        var problems = new List<LearningProblem>();
        foreach (ParsedLog log in logs) problems.AddRange(log.Problems);
        IReadOnlyList<LogGroup> groups = LogGroups.Combine(logs, problems);
        problems.Add(new LearningProblem("AH3000", ProblemSeverity.Error, "Training is not implemented yet: the log reader works; the dataset, CART and selection are being filled in."));
        return new TrainingResult(new List<HeuristicTrainingResult>(), problems);
    }
}
