using System;
using System.Threading;

namespace AutoHeuristic.Learning.Training;

/// <summary>
/// Runs the grid's fits, which share only read-only data and never depend on each other, so the
/// trained model is the same whichever scheduler runs them. The default,
/// <see cref="Sequential"/>, fits one after the other on the calling thread, as a compiler host
/// needs (it decides how many cores a build uses); the tools library's <c>ParallelFits</c> spreads
/// them over the cores for the CLI.
/// </summary>
public abstract class FitScheduler
{
    /// <summary>One fit after the other on the calling thread; no pool thread is borrowed.</summary>
    public static FitScheduler Sequential { get; } = new SequentialFits();

    /// <summary>
    /// Calls <paramref name="fit"/> once for every index in [0, <paramref name="count"/>), in any
    /// order and on any threads, and returns when all have returned. Stops early with
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public abstract void Run(int count, Action<int> fit, CancellationToken cancellationToken);

    private sealed class SequentialFits : FitScheduler
    {
        public override void Run(int count, Action<int> fit, CancellationToken cancellationToken)
        {
            for (int i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                fit(i);
            }
        }
    }
}
