using System;
using System.Collections.Generic;
using AutoHeuristic.Cuda.Benchmarking;

namespace AutoHeuristic.Cuda.Tests.Benchmarking;

/// <summary>
/// A simulated GPU: work is enqueued by name and takes a simulated duration; flushes take
/// <see cref="FlushMs"/>; events read the simulated clock. Every operation is traced in order.
/// </summary>
internal sealed class FakeGpuTimer : IGpuTimer
{
    private readonly Dictionary<int, double> _starts = new();
    private readonly Dictionary<int, double> _stops = new();
    private readonly Dictionary<int, (double Time, double Cycles)> _stamps = new();
    private double _now;
    private double _cycles;

    public List<string> Trace { get; } = new();

    public Func<string, int, double> Duration { get; set; } = (_, _) => 1.0;

    public Func<double, double> ClockMHzAt { get; set; } = _ => 1500;

    public double FlushMs { get; set; } = 0.1;

    public bool SupportsGraphs { get; set; } = true;

    public int Captures { get; private set; }

    public Dictionary<string, int> Calls { get; } = new();

    public void Work(string name)
    {
        Calls[name] = Calls.TryGetValue(name, out int c) ? c + 1 : 1;
        Trace.Add("work:" + name);
        Advance(Duration(name, Calls[name]));
    }

    public void Flush(uint value)
    {
        Trace.Add("flush");
        Advance(FlushMs);
    }

    public void RecordStart(int slot)
    {
        Trace.Add("start");
        _starts[slot] = _now;
    }

    public void RecordStop(int slot)
    {
        Trace.Add("stop");
        _stops[slot] = _now;
    }

    public void StampClock(int slot)
    {
        Trace.Add("stamp");
        _stamps[slot] = (_now, _cycles);
    }

    public void Synchronize() => Trace.Add("sync");

    public double ElapsedMilliseconds(int slot) => _stops[slot] - _starts[slot];

    public double? ClockMHz(int startStampSlot, int endStampSlot)
    {
        var (t0, c0) = _stamps[startStampSlot];
        var (t1, c1) = _stamps[endStampSlot];
        return t1 > t0 ? (c1 - c0) / ((t1 - t0) * 1000) : null;
    }

    public IReplayable? Capture(Action work, int copies)
    {
        if (!SupportsGraphs) return null;
        Captures++;
        Trace.Add("capture:" + copies);
        return new Graph(work, copies, this);
    }

    private void Advance(double ms)
    {
        _cycles += ms * 1000 * ClockMHzAt(_now);
        _now += ms;
    }

    private sealed class Graph(Action work, int copies, FakeGpuTimer owner) : IReplayable
    {
        public void Replay()
        {
            owner.Trace.Add("replay");
            for (int i = 0; i < copies; i++) work();
        }

        public void Dispose()
        {
        }
    }
}
