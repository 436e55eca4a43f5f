using System;
using System.Collections.Generic;
using AutoHeuristic.Cuda.Driver;
using AutoHeuristic.Cuda.Native;

namespace AutoHeuristic.Cuda.Benchmarking;

/// <summary>
/// <see cref="IGpuTimer"/> on a real device: one stream that the measured work must use, a
/// 256 MiB flush buffer (≥ 5× the H100's 50 MB L2) cleared with <c>cuMemsetD32Async</c>, a pool of
/// event pairs, and an SM-clock stamp kernel.
/// </summary>
public sealed class CudaGpuTimer : IGpuTimer, IDisposable
{
    /// <summary>Size of the L2 flush buffer.</summary>
    public const long FlushBytes = 256L << 20;

    private const int MaxStamps = 4096;
    private readonly CudaContext _context;
    private readonly DeviceKernels _kernels;
    private readonly DeviceBuffer _flush;
    private readonly DeviceBuffer _stamps;
    private readonly DeviceBuffer _claims;
    private readonly List<(CudaEvent Start, CudaEvent Stop)> _events = new();
    private ulong[]? _stampHost;

    /// <summary>Creates the timer's stream and buffers in <paramref name="context"/>.</summary>
    public CudaGpuTimer(CudaContext context, DeviceKernels kernels)
    {
        _context = context;
        _kernels = kernels;
        Stream = context.CreateStream();
        _flush = context.Allocate(FlushBytes);
        _stamps = context.Allocate(MaxStamps * 16L);
        _claims = context.Allocate(MaxStamps * 4L);
    }

    /// <summary>The stream every measured piece of work must be enqueued on.</summary>
    public CudaStream Stream { get; }

    /// <inheritdoc />
    public void Flush(uint value) => _flush.Fill32Async(value, Stream);

    /// <inheritdoc />
    public void RecordStart(int slot) => Pair(slot).Start.Record(Stream);

    /// <inheritdoc />
    public void RecordStop(int slot) => Pair(slot).Stop.Record(Stream);

    /// <inheritdoc />
    public void StampClock(int slot)
    {
        if (slot >= MaxStamps) throw new ArgumentOutOfRangeException(nameof(slot), slot, $"At most {MaxStamps} clock stamps per synchronization.");
        CudaException.Check(DriverApi.MemsetD32Async(_claims.Pointer + (ulong)slot * 4, 0, 1, Stream.Handle), "cuMemsetD32Async(claim)");
        CudaException.Check(DriverApi.MemsetD32Async(_stamps.Pointer + (ulong)slot * 16, 0, 4, Stream.Handle), "cuMemsetD32Async(stamp)");
        _kernels.ClockStamp(Stream, _stamps.Pointer + (ulong)slot * 16, _claims.Pointer + (ulong)slot * 4);
    }

    /// <inheritdoc />
    public void Synchronize()
    {
        Stream.Synchronize();
        _stampHost = null;
    }

    /// <inheritdoc />
    public double ElapsedMilliseconds(int slot) => CudaEvent.ElapsedMilliseconds(_events[slot].Start, _events[slot].Stop);

    /// <inheritdoc />
    public double? ClockMHz(int startStampSlot, int endStampSlot)
    {
        if (_stampHost is null)
        {
            _stampHost = new ulong[MaxStamps * 2];
            _stamps.CopyTo<ulong>(_stampHost);
        }

        ulong t0 = _stampHost[startStampSlot * 2], c0 = _stampHost[startStampSlot * 2 + 1];
        ulong t1 = _stampHost[endStampSlot * 2], c1 = _stampHost[endStampSlot * 2 + 1];
        if (t0 == 0 || t1 <= t0 || c1 <= c0) return null;
        return (c1 - c0) * 1000.0 / (t1 - t0);
    }

    /// <inheritdoc />
    /// <remarks>Work that cannot be captured (the driver refuses it) returns null, so the harness times it launch by launch.</remarks>
    public IReplayable? Capture(Action work, int copies)
    {
        Stream.BeginCapture();
        try
        {
            for (int i = 0; i < copies; i++) work();
        }
        catch (CudaException)
        {
            EndFailedCapture();
            return null;
        }

        try
        {
            return new Replay(Stream.EndCapture(), Stream);
        }
        catch (CudaException)
        {
            return null;
        }
    }

    private void EndFailedCapture()
    {
        try
        {
            Stream.EndCapture().Dispose();
        }
        catch (CudaException)
        {
            // An invalidated capture ends with an error; the stream is usable again afterwards.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (s, e) in _events)
        {
            s.Dispose();
            e.Dispose();
        }

        _claims.Dispose();
        _stamps.Dispose();
        _flush.Dispose();
        Stream.Dispose();
    }

    private (CudaEvent Start, CudaEvent Stop) Pair(int slot)
    {
        while (_events.Count <= slot) _events.Add((_context.CreateEvent(), _context.CreateEvent()));
        return _events[slot];
    }

    private sealed class Replay : IReplayable
    {
        private readonly CudaGraph _graph;
        private readonly CudaStream _stream;

        public Replay(CudaGraph graph, CudaStream stream)
        {
            _graph = graph;
            _stream = stream;
        }

        void IReplayable.Replay() => _graph.Launch(_stream);

        public void Dispose() => _graph.Dispose();
    }
}
