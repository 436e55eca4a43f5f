using System;
using System.IO;

namespace AutoHeuristic.Tests.Support;

/// <summary>Captures the <c>AutoHeuristic warning:</c> lines written during a using block, with the once-per-process no-match warning re-armed.</summary>
internal sealed class WarningCapture : IDisposable
{
    private readonly StringWriter _warnings = new();
    private readonly Func<TextWriter> _previousOutput;

    public WarningCapture()
    {
        _previousOutput = LogFaultReporter.WarningOutput;
        LogFaultReporter.WarningOutput = () => _warnings;
        NoMatchWarning.Reset();
    }

    /// <summary>The warning lines written.</summary>
    public string[] Lines => _warnings.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public void Dispose()
    {
        LogFaultReporter.WarningOutput = _previousOutput;
        NoMatchWarning.Reset();
    }
}
