using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using AutoHeuristic.Hardware;
using AutoHeuristic.Logs;

namespace AutoHeuristic;

/// <summary>One measured row: the choice and its feedback in milliseconds.</summary>
public readonly record struct ChoiceFeedback(string Choice, double Feedback);

/// <summary>
/// Appends rows to a training log in PyTorch's exact format (metadata JSON line, CSV header,
/// one row per measurement), safely for concurrent writers in this and other processes.
/// </summary>
/// <remarks>
/// Every append opens the file exclusively (<see cref="FileShare.None"/>, an advisory
/// <c>flock</c> on Unix, a share lock on Windows), so check-and-append is atomic across threads
/// and processes: the first writer of an empty file writes the metadata line and the header,
/// everyone else only rows, and each batch goes out in one write. Writers of the same process
/// verify an existing file's first two lines once and remember it (PyTorch re-reads the file
/// for every row); a file that has shrunk since is verified again. Under the same lock a torn last
/// line (a writer that died or ran out of disk mid-row) is removed before appending, so it cannot
/// become a row (counted in <see cref="AutoHeuristicCounters.TornTailsTrimmed"/> and raised through
/// <see cref="AutoHeuristicStatistics.LogFault"/>), and a write that fails part-way is cut back.
/// Readers that open the file while a writer holds it may get a sharing error on .NET; retry or
/// read after collection. The lock is advisory on Unix: it protects writers that use this class,
/// and is off when .NET's file locking is disabled (<c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>).
/// </remarks>
public sealed class TrainingLogWriter
{
    private static readonly ConcurrentDictionary<string, VerifiedFile> Verified = new(StringComparer.Ordinal);
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // What this process knows about one (file, first two lines) pair, shared by its writers.
    private sealed class VerifiedFile
    {
        public long KnownLength;
    }

    // How far past our own first two lines a file's head is read when looking for its first two lines.
    private const int MaxForeignHeadBytes = 1 << 20;

    private readonly byte[] _expectedStartBytes;
    private readonly VerifiedFile _verified;

    /// <summary>Creates a writer for <paramref name="path"/>; nothing is touched until the first append.</summary>
    /// <exception cref="ArgumentException">The header's feature names differ from the metadata's features.</exception>
    public TrainingLogWriter(string path, LogMetadata metadata, IReadOnlyList<string> featureNames)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("A log path is required.", nameof(path));
        Metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
        if (featureNames is null) throw new ArgumentNullException(nameof(featureNames));
        if (featureNames.Count != metadata.NumericalFeatures.Count + metadata.CategoricalFeatures.Count)
        {
            throw new ArgumentException("The header's feature names must be the metadata's numerical and categorical features.", nameof(featureNames));
        }

        Path = System.IO.Path.GetFullPath(path);
        FeatureCount = featureNames.Count;
        MetadataLine = metadata.ToJson();
        HeaderLine = LogFormat.Header(featureNames);
        string expectedStart = MetadataLine + "\n" + HeaderLine + "\n";
        _expectedStartBytes = Utf8.GetBytes(expectedStart);
        _verified = Verified.GetOrAdd(Path + "\0" + expectedStart, _ => new VerifiedFile());
    }

    /// <summary>A writer for the features of <paramref name="context"/> under heuristic <paramref name="name"/> on <paramref name="hardware"/>.</summary>
    public static TrainingLogWriter ForContext(string path, string name, HardwareKey hardware, AHContext context)
    {
        if (context is null) throw new ArgumentNullException(nameof(context));
        var names = new List<string>(context.FeatureNames());
        return new TrainingLogWriter(path, context.ToLogMetadata(name, hardware), names);
    }

    /// <summary>The full path of the log.</summary>
    public string Path { get; }

    /// <summary>The metadata written on line 1.</summary>
    public LogMetadata Metadata { get; }

    /// <summary>Line 1 exactly as written.</summary>
    public string MetadataLine { get; }

    /// <summary>Line 2 exactly as written.</summary>
    public string HeaderLine { get; }

    /// <summary>Number of feature columns before <c>choice,feedback</c>.</summary>
    public int FeatureCount { get; }

    /// <summary>How long an append waits for other writers before giving up (default 60 s; decisions use <see cref="AutoHeuristicOptions.LogLockTimeout"/>).</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Appends one row.</summary>
    public void AppendRow(IReadOnlyList<string> values, string choice, double feedback) =>
        AppendRows(values, new[] { new ChoiceFeedback(choice, feedback) });

    /// <summary>Appends one row per measurement, all with the same feature values, in one write (all rows or none).</summary>
    /// <exception cref="ArgumentException">
    /// Wrong number of values, a value or choice the format cannot hold, or a feedback that is no
    /// time (NaN, negative, <c>-inf</c>; see <see cref="FeedbackRules"/>). Nothing is written.
    /// </exception>
    /// <exception cref="InconsistentMetadataException">The file was written for other metadata or features.</exception>
    /// <exception cref="TrainingLogException">The file could not be written; the message and <see cref="TrainingLogException.Kind"/> say why.</exception>
    public void AppendRows(IReadOnlyList<string> values, IReadOnlyList<ChoiceFeedback> rows)
    {
        if (values is null) throw new ArgumentNullException(nameof(values));
        if (rows is null) throw new ArgumentNullException(nameof(rows));
        if (values.Count != FeatureCount)
        {
            throw new ArgumentException($"A row of '{Path}' needs {FeatureCount} feature values, got {values.Count}.", nameof(values));
        }

        if (rows.Count == 0) return;
        foreach (string value in values) Formatting.PythonFormat.EnsureCsvSafe(value, "Feature value", nameof(values));
        var body = new StringBuilder();
        foreach (ChoiceFeedback row in rows)
        {
            Formatting.PythonFormat.EnsureCsvSafe(row.Choice, "Choice", nameof(rows));
            if (FeedbackRules.Problem(row.Feedback) is string problem)
            {
                throw new ArgumentException($"The feedback of choice '{row.Choice}' cannot go into the training log '{Path}': {problem}.", nameof(rows));
            }

            body.Append(LogFormat.Row(values, row.Choice, row.Feedback)).Append('\n');
        }

        Append(body.ToString());
    }

    /// <summary>Appends the rows for the logged features of <paramref name="context"/>.</summary>
    public void AppendRows(AHContext context, IReadOnlyList<ChoiceFeedback> rows)
    {
        if (context is null) throw new ArgumentNullException(nameof(context));
        AppendRows(new List<string>(context.FeatureTexts()), rows);
    }

    private void Append(string rowsText)
    {
        long trimmed = 0;
        string fragment = string.Empty;
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            using FileStream stream = OpenExclusive();
            AppendLocked(stream, Utf8.GetBytes(rowsText), ref trimmed, ref fragment);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not TrainingLogException)
        {
            throw LogFaultDiagnosis.Explain(Path, e);
        }
        finally
        {
            // Also when the write then failed: the tail is gone either way. Reported after the lock
            // is released, so a handler does not hold up other writers.
            if (trimmed > 0) LogFaultReporter.ReportTornTail(Metadata.Name, Path, trimmed, fragment);
        }
    }

    // Under the exclusive lock: completes or checks the first two lines, cuts a torn tail (its size
    // and start into `trimmed` and `fragment`), writes.
    private void AppendLocked(FileStream stream, byte[] rows, ref long trimmed, ref string fragment)
    {
        long length = stream.Length;
        byte[] start = Array.Empty<byte>();
        if (length < _expectedStartBytes.Length && IsPrefixOfExpectedStart(stream, length))
        {
            // A new file, or one whose first write was cut short by a writer of this same log: finish the start.
            start = new byte[_expectedStartBytes.Length - length];
            Array.Copy(_expectedStartBytes, length, start, 0, start.Length);
        }
        else
        {
            long known = Volatile.Read(ref _verified.KnownLength);
            if (known == 0 || length < known) CheckHeader(stream);

            // After the header check, so a foreign file is never edited.
            trimmed = TrainingLogTail.TrimTornLine(stream, out fragment);
            length -= trimmed;
        }

        byte[] bytes = start.Length == 0 ? rows : Concat(start, rows);
        stream.Position = length;
        try
        {
            stream.Write(bytes, 0, bytes.Length); // one write: the batch is whole or, after a crash, a torn tail
        }
        catch (IOException)
        {
            // A full disk can take part of a write: cut it, so no partial row is left behind.
            TryRestoreLength(stream, length);
            throw;
        }

        Volatile.Write(ref _verified.KnownLength, length + bytes.Length);
    }

    private static byte[] Concat(byte[] first, byte[] second)
    {
        var both = new byte[first.Length + second.Length];
        first.CopyTo(both, 0);
        second.CopyTo(both, first.Length);
        return both;
    }

    private bool IsPrefixOfExpectedStart(FileStream stream, long length)
    {
        if (length == 0) return true;
        var content = new byte[length];
        stream.Position = 0;
        stream.ReadExactly(content, 0, content.Length);
        for (int i = 0; i < content.Length; i++)
        {
            if (content[i] != _expectedStartBytes[i]) return false;
        }

        return true;
    }

    private static void TryRestoreLength(FileStream stream, long length)
    {
        try
        {
            stream.SetLength(length);
        }
        catch (IOException)
        {
            // Not every file can be truncated (a device); the next append trims a torn tail anyway.
        }
    }

    private void CheckHeader(FileStream stream)
    {
        List<string> lines = ReadFirstLines(stream, 2, _expectedStartBytes.Length + MaxForeignHeadBytes);
        string? first = lines.Count > 0 ? lines[0] : null;
        string? second = lines.Count > 1 ? lines[1] : null;
        if (first is null || first != MetadataLine)
        {
            // PyTorch compares the text; a file with the same metadata in another key order
            // (PyTorch's older writer) is accepted too.
            bool same = false;
            if (first is not null)
            {
                try
                {
                    same = LogMetadata.Parse(first).SameAs(Metadata);
                }
                catch (LogFormatException)
                {
                    same = false;
                }
            }

            if (!same) throw new InconsistentMetadataException(Path, 1, first ?? "(missing)", MetadataLine);
        }

        if (second is null || second != HeaderLine)
        {
            throw new InconsistentMetadataException(Path, 2, second ?? "(missing)", HeaderLine);
        }
    }

    // The first `count` complete lines (fewer when the file has fewer), reading at most `limit` bytes;
    // a line cut by the limit or the end of the file is returned as it is.
    private static List<string> ReadFirstLines(FileStream stream, int count, int limit)
    {
        var lines = new List<string>(count);
        var buffer = new byte[Math.Min(limit, 4096)];
        var line = new List<byte>(256);
        stream.Position = 0;
        int total = 0, read;
        while (lines.Count < count && total < limit && (read = stream.Read(buffer, 0, Math.Min(buffer.Length, limit - total))) > 0)
        {
            total += read;
            for (int i = 0; i < read && lines.Count < count; i++)
            {
                if (buffer[i] == '\n')
                {
                    lines.Add(Utf8.GetString(line.ToArray()).TrimEnd('\r'));
                    line.Clear();
                }
                else
                {
                    line.Add(buffer[i]);
                }
            }
        }

        if (lines.Count < count && line.Count > 0) lines.Add(Utf8.GetString(line.ToArray()));
        return lines;
    }

    private FileStream OpenExclusive()
    {
        var clock = Stopwatch.StartNew();
        int attempt = 0;
        while (true)
        {
            try
            {
                // Unbuffered: every write reaches the file at once, so a failed one can be undone here.
                return new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, FileOptions.None);
            }
            catch (IOException ex) when (IsSharingViolation(ex))
            {
                if (clock.Elapsed > LockTimeout)
                {
                    string seconds = LockTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                    throw new TrainingLogException(Path, LogFaultKind.LockTimeout, $"another writer held the log for more than {seconds} s.", ex);
                }

                // Short spins first (appends take microseconds), then sleep.
                if (attempt++ < 10) Thread.SpinWait(1 << Math.Min(attempt, 8));
                else Thread.Sleep(attempt < 50 ? 0 : 1);
            }
        }
    }

    // Another writer holds the file: EWOULDBLOCK from flock on Unix (11 on Linux, 35 on macOS),
    // ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION (32 / 33) on Windows. Anything else is a real error.
    private static bool IsSharingViolation(IOException ex)
    {
        if (ex is FileNotFoundException or DirectoryNotFoundException or PathTooLongException) return false;
        int code = ex.HResult;
        return code == 11 || code == 35 || (code & 0xFFFF) == 32 || (code & 0xFFFF) == 33;
    }
}
