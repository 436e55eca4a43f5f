using System;
using System.Collections.Generic;

namespace AutoHeuristic.Tests.Support;

/// <summary>
/// Collects the <see cref="AutoHeuristicStatistics.LogFault"/> events of one heuristic name and the
/// warnings written meanwhile, for the duration of a using block. The once-per-process warning is
/// re-armed at the start, so each test sees its own first warning.
/// </summary>
internal sealed class LogFaultWatch : IDisposable
{
    private readonly string _name;
    private readonly WarningCapture _warnings = new();

    public LogFaultWatch(string name)
    {
        _name = name;
        AutoHeuristicStatistics.LogFault += OnFault;
    }

    /// <summary>The events raised for the name, in order.</summary>
    public List<LogFaultEventArgs> Faults { get; } = new();

    /// <summary>The warning lines written (for any name).</summary>
    public string[] Warnings => _warnings.Lines;

    /// <summary>The counters of the name.</summary>
    public AutoHeuristicCounters Counters => AutoHeuristicStatistics.For(_name);

    public void Dispose()
    {
        AutoHeuristicStatistics.LogFault -= OnFault;
        _warnings.Dispose();
    }

    private void OnFault(object? sender, LogFaultEventArgs e)
    {
        if (e.Name == _name) Faults.Add(e);
    }
}
