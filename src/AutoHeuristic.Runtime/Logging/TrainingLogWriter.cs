using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
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
/// for every row); a file that has shrunk since is verified again. Readers that open the file
/// while a writer holds it may get a sharing error on .NET; retry or read after collection.
/// The lock is advisory on Unix: it protects writers that use this class, and is off when .NET's
/// file locking is disabled (<c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>).
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

    private readonly string _expectedStart;
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
        _expectedStart = MetadataLine + "\n" + HeaderLine + "\n";
        _verified = Verified.GetOrAdd(Path + "\0" + _expectedStart, _ => new VerifiedFile());
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

    /// <summary>How long an append waits for other writers before giving up (default 60 s).</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Appends one row.</summary>
    public void AppendRow(IReadOnlyList<string> values, string choice, double feedback) =>
        AppendRows(values, new[] { new ChoiceFeedback(choice, feedback) });

    /// <summary>Appends one row per measurement, all with the same feature values, in one write.</summary>
    /// <exception cref="ArgumentException">Wrong number of values, or a value or choice the format cannot hold.</exception>
    /// <exception cref="InconsistentMetadataException">The file was written for other metadata or features.</exception>
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
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        using FileStream stream = OpenExclusive();
        long length = stream.Length;
        var text = new StringBuilder();
        if (length == 0)
        {
            text.Append(_expectedStart);
        }
        else
        {
            long known = Volatile.Read(ref _verified.KnownLength);
            if (known == 0 || length < known)
            {
                CheckHeader(stream);
            }

            // A writer that died mid-line must not glue its fragment to our first row.
            stream.Seek(length - 1, SeekOrigin.Begin);
            if (stream.ReadByte() != '\n') text.Append('\n');
        }

        text.Append(rowsText);
        byte[] bytes = Utf8.GetBytes(text.ToString());
        stream.Seek(0, SeekOrigin.End);
        stream.Write(bytes, 0, bytes.Length);
        stream.Flush();
        Volatile.Write(ref _verified.KnownLength, stream.Length);
    }

    private void CheckHeader(FileStream stream)
    {
        stream.Seek(0, SeekOrigin.Begin);
        string? first = ReadLine(stream);
        string? second = ReadLine(stream);
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

    private static string? ReadLine(FileStream stream)
    {
        var bytes = new List<byte>(256);
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            if (b == '\n') return Utf8.GetString(bytes.ToArray()).TrimEnd('\r');
            bytes.Add((byte)b);
        }

        return bytes.Count == 0 ? null : Utf8.GetString(bytes.ToArray());
    }

    private FileStream OpenExclusive()
    {
        var clock = Stopwatch.StartNew();
        int attempt = 0;
        while (true)
        {
            try
            {
                return new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 4096, FileOptions.None);
            }
            catch (IOException ex) when (IsSharingViolation(ex))
            {
                if (clock.Elapsed > LockTimeout)
                {
                    throw new IOException($"Gave up waiting {LockTimeout.TotalSeconds:0} s for other writers of the training log '{Path}'.", ex);
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
