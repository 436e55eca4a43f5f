using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace AutoHeuristic.Learning.Training;

/// <summary>
/// Fits the grid on several cores (the CLI's and the tools' choice; a build keeps
/// <see cref="FitScheduler.Sequential"/>). The trained model does not depend on it.
/// </summary>
public sealed class ParallelFits : FitScheduler
{
    /// <summary>Fits up to <paramref name="maxParallelism"/> grid points at once; null: one per core.</summary>
    public ParallelFits(int? maxParallelism = null)
    {
        if (maxParallelism is < 1) throw new ArgumentOutOfRangeException(nameof(maxParallelism), maxParallelism, "At least one fit runs at a time.");
        MaxParallelism = maxParallelism ?? Environment.ProcessorCount;
    }

    /// <summary>How many grid points are fitted at once.</summary>
    public int MaxParallelism { get; }

    /// <inheritdoc />
    public override void Run(int count, Action<int> fit, CancellationToken cancellationToken)
    {
        if (fit is null) throw new ArgumentNullException(nameof(fit));
        if (MaxParallelism == 1)
        {
            // One at a time means the caller's thread: no pool thread is borrowed.
            Sequential.Run(count, fit, cancellationToken);
            return;
        }

        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = MaxParallelism }, fit);
    }

    /// <summary>
    /// <paramref name="options"/> for a command-line run: fits on up to <paramref name="maxParallelism"/>
    /// cores (null: all) and a stopwatch for <see cref="HeuristicTrainingResult.Elapsed"/>.
    /// </summary>
    public static TrainingOptions ForTool(TrainingOptions options, int? maxParallelism = null)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        Stopwatch clock = Stopwatch.StartNew();
        return options with { Fits = new ParallelFits(maxParallelism), Clock = () => clock.Elapsed };
    }
}
