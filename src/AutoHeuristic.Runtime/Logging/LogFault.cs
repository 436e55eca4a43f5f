using System;

namespace AutoHeuristic;

/// <summary>Why rows could not be appended to a training log (or what was repaired in it).</summary>
public enum LogFaultKind
{
    /// <summary>The log path names a directory.</summary>
    PathIsDirectory,

    /// <summary>A folder on the log's path is a regular file.</summary>
    PathThroughFile,

    /// <summary>The file system holding the log is read-only.</summary>
    ReadOnlyFileSystem,

    /// <summary>The disk (or the user's quota) is full.</summary>
    DiskFull,

    /// <summary>This process may not create or write the log (or its folder).</summary>
    PermissionDenied,

    /// <summary>Another writer held the log longer than the lock timeout (<see cref="AutoHeuristicOptions.LogLockTimeout"/>).</summary>
    LockTimeout,

    /// <summary>The log was written for other metadata or features (<see cref="InconsistentMetadataException"/>).</summary>
    InconsistentMetadata,

    /// <summary>The rows cannot be written: a feedback value that is no time (NaN, negative, <c>-inf</c>) or a cell the format cannot hold.</summary>
    RowRefused,

    /// <summary>
    /// Not a failure of this append: an incomplete last line (left by a writer that died or ran out of
    /// disk mid-row) was removed before appending, so it cannot pass for a row. Complete rows are kept.
    /// </summary>
    TornTailTrimmed,

    /// <summary>Any other I/O error; the message carries the system's text.</summary>
    Other,
}

/// <summary>One fault of a training log, as raised by <see cref="AutoHeuristicStatistics.LogFault"/>.</summary>
public sealed class LogFaultEventArgs : EventArgs
{
    internal LogFaultEventArgs(string name, string path, LogFaultKind kind, string message, Exception? exception)
    {
        Name = name;
        Path = path;
        Kind = kind;
        Message = message;
        Exception = exception;
    }

    /// <summary>The heuristic name the log belongs to.</summary>
    public string Name { get; }

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <summary>What went wrong.</summary>
    public LogFaultKind Kind { get; }

    /// <summary>A message that names the file and the cause.</summary>
    public string Message { get; }

    /// <summary>The exception the write failed with; null for <see cref="LogFaultKind.TornTailTrimmed"/>.</summary>
    public Exception? Exception { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Kind}: {Message}";
}

/// <summary>
/// A training log could not be written; <see cref="Kind"/> and the message say why in plain words
/// (a directory where the file should be, a read-only file system, a full disk, …). The system's
/// own exception is the <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class TrainingLogException : System.IO.IOException
{
    /// <summary>Creates the exception.</summary>
    public TrainingLogException(string path, LogFaultKind kind, string reason, Exception? inner)
        : base($"Could not write the training log '{path}': {reason}", inner)
    {
        Path = path;
        Kind = kind;
    }

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <summary>The cause.</summary>
    public LogFaultKind Kind { get; }
}
