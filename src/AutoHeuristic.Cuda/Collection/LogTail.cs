namespace AutoHeuristic.Cuda.Collection;

/// <summary>
/// Repairs the end of a training log before a collection continues it. Both resume paths use it:
/// <c>collect --resume</c> (through <see cref="ExistingRows.ReadForResume"/>) and the multi-GPU
/// fan-out before it restarts a shard. The rule is the run-time library's
/// (<see cref="TrainingLogTail"/>), which the log writer also applies before every append.
/// </summary>
public static class LogTail
{
    /// <summary>
    /// Cuts a final line that has no line break (a collector killed mid-write) so the next run
    /// appends to whole lines only. Returns the number of bytes removed (0 when the file is whole or missing).
    /// </summary>
    public static long TrimPartialLastLine(string path) => TrainingLogTail.TrimTornLine(path);
}
