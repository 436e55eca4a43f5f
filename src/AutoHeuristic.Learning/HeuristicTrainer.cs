// Usage (CLI, generator, tests):
//
//   var logs = texts.Select(t => LogReader.Parse(t.Name, t.Text)).ToList();  // never throws for bad content
//                                                               // (files: the tools library's LogFiles.Read)
//   TrainingResult result = HeuristicTrainer.Train(logs, new TrainingOptions
//   {
//       Split = SplitMode.PyTorch,                                 // or Grouped (default)
//       RankingK = 10,                                             // ranking mode (mm)
//       ExtraData = new[] { new ExtraDataSet("train_timm", timmLogs) },
//       Fits = new ParallelFits(),                                 // tools library: every core (default: the calling thread)
//   }, cancellationToken);
//   foreach (LearningProblem p in result.Problems) Report(p);     // file, line, column, code, message
//   foreach (HeuristicTrainingResult h in result.Heuristics)
//       Use(h.Model /* LearnedModel IR, null if none eligible */, h.Grid /* per grid point, per set metrics */);
//
// The preset is chosen by the logs' heuristic name (pad_mm, mm, mixed_mm, else generic), exactly
// as PyTorch's trainer subclasses; every option left null comes from it.
using System;
using System.Collections.Generic;
using System.Threading;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Problems;
using AutoHeuristic.Learning.Training;

namespace AutoHeuristic.Learning;

/// <summary>The learning engine's entry point: logs in, learned models and an honest report out.</summary>
public static class HeuristicTrainer
{
    /// <summary>
    /// Trains one model per (heuristic, hardware) found in <paramref name="logs"/>: groups and merges
    /// the logs, builds the dataset, splits it, fits the grid, selects a model as PyTorch does and
    /// evaluates it on every set. Bad content and quality shortfalls become problems; only
    /// cancellation throws (<see cref="OperationCanceledException"/>).
    /// </summary>
    public static TrainingResult Train(IReadOnlyList<ParsedLog> logs, TrainingOptions options, CancellationToken cancellationToken = default)
    {
        if (logs is null) throw new ArgumentNullException(nameof(logs));
        if (options is null) throw new ArgumentNullException(nameof(options));
        return TrainingPipeline.Run(logs, options, cancellationToken);
    }
}
