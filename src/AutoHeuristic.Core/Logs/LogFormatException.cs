using System;

namespace AutoHeuristic.Logs;

/// <summary>A training log that does not follow the format; carries the 1-based line (and column when known).</summary>
public sealed class LogFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LogFormatException(string message, int line, int column = 0)
        : base(message)
    {
        Line = line;
        Column = column;
    }

    /// <summary>1-based line in the log.</summary>
    public int Line { get; }

    /// <summary>1-based column, or 0 when unknown.</summary>
    public int Column { get; }
}
