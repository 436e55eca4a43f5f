using System.Linq;
using System.Threading;
using AutoHeuristic.Cli.Infrastructure;
using AutoHeuristic.Learning;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Training;

namespace AutoHeuristic.Cli.UseMode;

/// <summary>The mm ranking model that <c>use-evaluate</c> and <c>collect-evaluate</c> put in use mode, trained in-process.</summary>
public static class MmUseTraining
{
    /// <summary>Trains the mm ranking model on <paramref name="logs"/> (PyTorch's mm preset, ranking the top <paramref name="topK"/>).</summary>
    /// <exception cref="CliUserException">The logs hold no mm model.</exception>
    public static LearnedModel Train(string[] logs, int topK, CancellationToken cancellationToken)
    {
        var options = ParallelFits.ForTool(new TrainingOptions { HeuristicName = "mm", RankingK = topK, Preset = HeuristicPreset.Mm });
        TrainingResult training = HeuristicTrainer.Train(LogFiles.ReadMany(logs), options, cancellationToken);
        return training.Models.FirstOrDefault(m => m.Name == "mm") ?? throw new CliUserException("Training produced no mm model (are these mm logs?).");
    }
}
