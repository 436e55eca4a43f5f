using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using AutoHeuristic.Logs;

namespace AutoHeuristic.Learning.Logs;

/// <summary>
/// Merges several training logs of one heuristic into one, with the semantics of PyTorch's
/// <c>merge_data.py</c>: every input needs its metadata line and its CSV header, those two lines
/// must be identical in every input, and the output holds them once followed by every input's
/// data rows in input order. Used by the CLI's <c>merge</c> command and by the multi-GPU fan-out,
/// which writes one log per GPU.
/// </summary>
/// <remarks>
/// Lines are compared without their line terminators and without a leading UTF-8 byte order mark,
/// so a log that went through a Windows editor still merges with its siblings; the output always
/// uses <c>\n</c>. Blank lines are dropped. Inputs are read as the log readers read them (strict
/// UTF-8, lines split at <c>\n</c>, <see cref="LogLineReader"/>): text that is not UTF-8 or a line of
/// 1 MiB or more is an error naming the file, line and column, and a last row without its line
/// break (cut off while being written) is not copied, since the line break the output would give it
/// would make it look complete; <see cref="LogMergeResult.TornRows"/> lists such rows. Inputs are
/// streamed, so logs of any size merge in constant memory.
/// </remarks>
public static class LogMerger
{
    /// <summary>
    /// Merges the logs at <paramref name="inputPaths"/> into a new file at <paramref name="outputPath"/>
    /// (replaced once the merge succeeded). The CLI writes through its own output policy instead
    /// (the <see cref="Merge(IReadOnlyList{KeyValuePair{string, Func{TextReader}}}, TextWriter)"/> overload),
    /// which also follows links and writes devices in place.
    /// </summary>
    /// <exception cref="LogMergeException">An input is missing, too short, or its first two lines differ from the first input's; the output is not written.</exception>
    public static LogMergeResult Merge(IReadOnlyList<string> inputPaths, string outputPath)
    {
        if (inputPaths is null) throw new ArgumentNullException(nameof(inputPaths));
        if (outputPath is null) throw new ArgumentNullException(nameof(outputPath));
        if (inputPaths.Count == 0) throw new LogMergeException("Nothing to merge: no input logs were given.", null, null);

        string fullOutput = Path.GetFullPath(outputPath);
        foreach (string input in inputPaths)
        {
            if (string.Equals(Path.GetFullPath(input), fullOutput, StringComparison.Ordinal))
            {
                throw new LogMergeException($"The output '{outputPath}' is also an input; merging would overwrite it.", input, null);
            }

            if (!File.Exists(input)) throw new LogMergeException($"The log '{input}' does not exist.", input, null);
        }

        var sources = new List<KeyValuePair<string, Func<TextReader>>>(inputPaths.Count);
        foreach (string input in inputPaths)
        {
            string path = input;
            sources.Add(new KeyValuePair<string, Func<TextReader>>(path, () => new Utf8LogTextReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16))));
        }

        if (Directory.Exists(fullOutput)) throw new LogMergeException($"The output '{outputPath}' is a folder; give a file path.", null, null);

        // Written beside the output and moved into place at the end, so a mismatch leaves nothing
        // behind; an existing output is replaced in one step, never deleted first.
        string temp = fullOutput + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".merging";
        try
        {
            LogMergeResult result;
            using (var writer = new StreamWriter(temp, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                writer.NewLine = "\n";
                result = Merge(sources, writer);
            }

            if (File.Exists(fullOutput)) File.Replace(temp, fullOutput, destinationBackupFileName: null);
            else File.Move(temp, fullOutput);
            return result;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// Merges named inputs into <paramref name="output"/>. Each input is a display name (used in
    /// errors) and a factory that opens it; an input is opened at most twice (once to check its
    /// header, once to copy its rows).
    /// </summary>
    /// <exception cref="LogMergeException">An input is too short or its first two lines differ from the first input's (nothing is written), or an input is not UTF-8 text or has a line of 1 MiB or more.</exception>
    public static LogMergeResult Merge(IReadOnlyList<KeyValuePair<string, Func<TextReader>>> inputs, TextWriter output)
    {
        if (inputs is null) throw new ArgumentNullException(nameof(inputs));
        if (output is null) throw new ArgumentNullException(nameof(output));
        if (inputs.Count == 0) throw new LogMergeException("Nothing to merge: no input logs were given.", null, null);

        string[] header = ValidateHeaders(inputs);
        output.Write(header[0]);
        output.Write('\n');
        output.Write(header[1]);
        output.Write('\n');

        var rows = new long[inputs.Count];
        var torn = new List<KeyValuePair<string, int>>();
        for (int i = 0; i < inputs.Count; i++)
        {
            using TextReader reader = inputs[i].Value();
            var lines = new LogLineReader(reader);
            ReadLine(lines, inputs[i].Key);
            ReadLine(lines, inputs[i].Key);
            while (lines.Next(out int start, out int end, out bool hadTerminator))
            {
                if (end == start) continue;
                if (!hadTerminator)
                {
                    torn.Add(new KeyValuePair<string, int>(inputs[i].Key, lines.LineNumber));
                    continue;
                }

                output.Write(lines.Buffer, start, end - start);
                output.Write('\n');
                rows[i]++;
            }

            ThrowIfStopped(lines, inputs[i].Key);
        }

        output.Flush();
        var perInput = new List<KeyValuePair<string, long>>(inputs.Count);
        for (int i = 0; i < inputs.Count; i++) perInput.Add(new KeyValuePair<string, long>(inputs[i].Key, rows[i]));
        return new LogMergeResult(header[0], header[1], perInput) { TornRows = torn };
    }

    private static string[] ValidateHeaders(IReadOnlyList<KeyValuePair<string, Func<TextReader>>> inputs)
    {
        string[]? first = null;
        string firstName = inputs[0].Key;
        foreach (KeyValuePair<string, Func<TextReader>> input in inputs)
        {
            string[] header;
            using (TextReader reader = input.Value()) header = ReadHeader(reader, input.Key);
            if (first is null)
            {
                first = header;
                continue;
            }

            for (int line = 0; line < 2; line++)
            {
                if (!string.Equals(first[line], header[line], StringComparison.Ordinal))
                {
                    string what = line == 0 ? "metadata (line 1)" : "CSV header (line 2)";
                    throw new LogMergeException(
                        $"Cannot merge '{input.Key}' with '{firstName}': their {what} differ.\n  {firstName}: {Shorten(first[line])}\n  {input.Key}: {Shorten(header[line])}",
                        firstName,
                        input.Key);
                }
            }
        }

        return first!;
    }

    private static string[] ReadHeader(TextReader reader, string name)
    {
        var lines = new LogLineReader(reader);
        string? metadata = ReadLine(lines, name);
        string? header = ReadLine(lines, name);
        if (metadata is null || header is null)
        {
            throw new LogMergeException(
                $"The log '{name}' has {(metadata is null ? "no lines" : "only one line")}; a log needs its metadata line and its CSV header.",
                name,
                null);
        }

        return new[] { metadata, header };
    }

    // One line without its terminator and without a leading byte order mark; null at the end.
    private static string? ReadLine(LogLineReader lines, string name)
    {
        if (!lines.Next(out int start, out int end, out _))
        {
            ThrowIfStopped(lines, name);
            return null;
        }

        if (end > start && lines.Buffer[start] == '\uFEFF') start++;
        return new string(lines.Buffer, start, end - start);
    }

    private static void ThrowIfStopped(LogLineReader lines, string name)
    {
        if (lines.Problem is { } problem)
        {
            throw new LogMergeException(
                $"{name}({problem.Line.ToString(CultureInfo.InvariantCulture)},{problem.Column.ToString(CultureInfo.InvariantCulture)}): {problem.Message}", name, null);
        }
    }

    private static string Shorten(string line) => line.Length <= 300 ? line : line.Substring(0, 297) + "...";
}

/// <summary>What a merge wrote.</summary>
/// <param name="MetadataLine">The common metadata line.</param>
/// <param name="HeaderLine">The common CSV header.</param>
/// <param name="RowsPerInput">Data rows copied from each input, in input order.</param>
public sealed record LogMergeResult(string MetadataLine, string HeaderLine, IReadOnlyList<KeyValuePair<string, long>> RowsPerInput)
{
    /// <summary>Last rows without their line break (cut off while being written), by file and line: not copied.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> TornRows { get; init; } = Array.Empty<KeyValuePair<string, int>>();

    /// <summary>All data rows written.</summary>
    public long TotalRows
    {
        get
        {
            long total = 0;
            foreach (KeyValuePair<string, long> entry in RowsPerInput) total += entry.Value;
            return total;
        }
    }
}

/// <summary>Logs that cannot be merged; names the file or the two files concerned.</summary>
public sealed class LogMergeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LogMergeException(string message, string? file, string? otherFile)
        : base(message)
    {
        File = file;
        OtherFile = otherFile;
    }

    /// <summary>The file at fault, or for a mismatch the first input it was compared with.</summary>
    public string? File { get; }

    /// <summary>For a mismatch, the file whose lines differ from <see cref="File"/>.</summary>
    public string? OtherFile { get; }
}
