using System;

namespace AutoHeuristic.Cuda.Benchmarking;

/// <summary>
/// What <see cref="GpuBenchmark"/> needs from a GPU: enqueue an L2 flush, event pairs and clock
/// stamps on the stream the work runs on, wait, and read results back. The CUDA implementation is
/// <see cref="CudaGpuTimer"/>; tests use a simulated one.
/// </summary>
public interface IGpuTimer
{
    /// <summary>Enqueues an L2 flush (a large memset; <paramref name="value"/> varies per rep).</summary>
    void Flush(uint value);

    /// <summary>Enqueues a start event into timing slot <paramref name="slot"/>.</summary>
    void RecordStart(int slot);

    /// <summary>Enqueues the stop event of timing slot <paramref name="slot"/>.</summary>
    void RecordStop(int slot);

    /// <summary>Enqueues an SM-clock stamp into stamp slot <paramref name="slot"/>.</summary>
    void StampClock(int slot);

    /// <summary>Waits for everything enqueued.</summary>
    void Synchronize();

    /// <summary>Milliseconds of timing slot <paramref name="slot"/> (after <see cref="Synchronize"/>).</summary>
    double ElapsedMilliseconds(int slot);

    /// <summary>Average SM clock in MHz between two stamps (after <see cref="Synchronize"/>), or null when unknown.</summary>
    double? ClockMHz(int startStampSlot, int endStampSlot);

    /// <summary>
    /// Captures <paramref name="copies"/> back-to-back runs of <paramref name="work"/> as one
    /// replayable unit, or returns null when graphs are not supported.
    /// </summary>
    IReplayable? Capture(Action work, int copies);
}

/// <summary>A captured graph of several copies of one piece of work.</summary>
public interface IReplayable : IDisposable
{
    /// <summary>Enqueues one replay.</summary>
    void Replay();
}
