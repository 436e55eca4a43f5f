using System;
using System.IO;

namespace AutoHeuristic.Tests.Support;

/// <summary>
/// Captures the <c>AutoHeuristic warning:</c> lines written during a using block. The
/// once-per-process warnings (log fault, no match, decision problem) are re-armed at the start and
/// at the end, so each test sees its own first warning.
/// </summary>
internal sealed class WarningCapture : IDisposable
{
    private readonly StringWriter _warnings = new();
    private readonly Func<TextWriter> _previousOutput;

    public WarningCapture()
    {
        _previousOutput = LogFaultReporter.WarningOutput;
        LogFaultReporter.WarningOutput = () => _warnings;
        RearmOncePerProcessWarnings();
    }

    /// <summary>Everything written.</summary>
    public string Text => _warnings.ToString();

    /// <summary>The warning lines written.</summary>
    public string[] Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public void Dispose()
    {
        LogFaultReporter.WarningOutput = _previousOutput;
        RearmOncePerProcessWarnings();
    }

    private static void RearmOncePerProcessWarnings()
    {
        LogFaultReporter.ResetWarning();
        NoMatchWarning.Reset();
        DecisionProblemReporter.ResetWarning();
    }
}
