using System;

namespace AutoHeuristic;

/// <summary>
/// An existing training log was written for other metadata (hardware, name or features) or
/// another header than this run would write (PyTorch's <c>InconsistentMetadata</c>). The message
/// shows both lines.
/// </summary>
public sealed class InconsistentMetadataException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InconsistentMetadataException(string path, int line, string existing, string expected)
        : base($"The training log '{path}' was written for different {(line == 1 ? "metadata" : "features")} than this run.{Environment.NewLine}"
               + $"  line {line} in the file: {existing}{Environment.NewLine}"
               + $"  this run would write:  {expected}{Environment.NewLine}"
               + "Use another log path (AUTOHEURISTIC_LOG_PATH) or move the old file away.")
    {
        Path = path;
        Line = line;
        ExistingLine = existing;
        ExpectedLine = expected;
    }

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <summary>1 for the metadata line, 2 for the CSV header.</summary>
    public int Line { get; }

    /// <summary>The line found in the file.</summary>
    public string ExistingLine { get; }

    /// <summary>The line this run would have written.</summary>
    public string ExpectedLine { get; }
}
