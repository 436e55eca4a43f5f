using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using AutoHeuristic.Generator.Helpers;
using AutoHeuristic.Generator.Model;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Problems;
using AutoHeuristic.Logs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AutoHeuristic.Generator.Parsing;

/// <summary>
/// Reads one training log (an AdditionalFile marked <c>AutoHeuristicLog="true"</c>) with the
/// learning engine's reader, the same one the CLI uses, and turns its problems into diagnostics
/// located at the file, line and column in the log. The compiler has already decoded the file;
/// <see cref="LogReader.Parse(string, string, Encoding)"/> refuses what was not UTF-8, as the CLI does.
/// A UTF-8 log is read from the <see cref="SourceText"/> in blocks (<see cref="SourceTextReader"/>),
/// so its text is not copied into one string.
/// </summary>
internal static class LogParser
{
    /// <summary>Whether the compiler was told this AdditionalFile is a training log (other .txt files are ignored).</summary>
    public static bool IsTrainingLog(AnalyzerConfigOptions options) =>
        options.TryGetValue(LogFormat.AdditionalFileMetadataKey, out string? value) && LogFormat.IsTrainingLogFlag(value);

    /// <summary>Parses <paramref name="text"/> (null when the file could not be read).</summary>
    public static ParsedLogSpec Parse(string path, SourceText? text, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        text ??= SourceText.From(string.Empty, Encoding.UTF8);
        ParsedLog log;
        try
        {
            log = Read(path, text, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The reader reports bad content as problems; an exception here is a defect, and still must not fail the build.
            log = LogReader.Parse(path, string.Empty);
            var failure = DiagnosticInfo.Create(DiagnosticDescriptors.Unreadable, Locate(path, text, 1, 0), "The log could not be read: " + e.GetType().Name + ": " + e.Message);
            return new ParsedLogSpec(path, Checksum(text), string.Empty, log, text, new[] { failure }.ToEquatableArray());
        }

        cancellationToken.ThrowIfCancellationRequested();
        var diagnostics = new List<DiagnosticInfo>();
        int[]? lineStarts = null; // one pass over the text for all of the log's problems, only when one names a line
        foreach (LearningProblem problem in log.Problems)
        {
            if (problem.Line > 1) lineStarts ??= LineStarts(text);
            DiagnosticDescriptor? descriptor = DiagnosticDescriptors.ForProblemCode(problem.Code);
            LocationInfo location = lineStarts is null ? Locate(path, text, problem.Line, problem.Column) : Locate(path, text, lineStarts, problem.Line, problem.Column);
            diagnostics.Add(Create(descriptor, location, problem));
        }

        return new ParsedLogSpec(path, Checksum(text), log.HeuristicName, log, text, diagnostics.ToEquatableArray());
    }

    // The same verdicts as the CLI: Roslyn decoded the bytes itself (UTF-16 by its byte order mark,
    // bytes that are not UTF-8 by a fallback), so the reader checks how. Text read as UTF-8 is read
    // in blocks, never copied whole; text decoded otherwise is checked as a whole (and mostly refused).
    private static ParsedLog Read(string path, SourceText text, CancellationToken cancellationToken) =>
        LogEncoding.IsCheckedAsWhole(text.Encoding)
            ? LogReader.Parse(path, text.ToString(), text.Encoding, cancellationToken)
            : LogReader.Parse(path, new SourceTextReader(text), text.Length, cancellationToken);

    /// <summary>A learning problem as a diagnostic, located in <paramref name="text"/> when it names a line.</summary>
    public static DiagnosticInfo ToDiagnostic(LearningProblem problem, string path, SourceText? text)
    {
        LocationInfo? location = text is null ? null : Locate(path, text, problem.Line, problem.Column);
        return Create(DiagnosticDescriptors.ForProblemCode(problem.Code), location, problem);
    }

    private static DiagnosticInfo Create(DiagnosticDescriptor? descriptor, LocationInfo? location, LearningProblem problem) => descriptor is null
        ? DiagnosticInfo.Create(DiagnosticDescriptors.TrainingFailed, location, "(log reader)", problem.Code + ": " + problem.Message)
        : DiagnosticInfo.Create(descriptor, location, problem.Message);

    // Where each line starts, lines counted at '\n' as the readers count them; the text is read in blocks.
    private static int[] LineStarts(SourceText text)
    {
        var starts = new List<int> { 0 };
        var block = new char[4096];
        for (int at = 0; at < text.Length; at += block.Length)
        {
            int count = System.Math.Min(block.Length, text.Length - at);
            text.CopyTo(at, block, 0, count);
            for (int i = 0; i < count; i++)
            {
                if (block[i] == '\n') starts.Add(at + i + 1);
            }
        }

        return starts.ToArray();
    }

    // Locate with the line starts of the whole text at hand.
    private static LocationInfo Locate(string path, SourceText text, int[] lineStarts, int line, int column)
    {
        if (line <= 0) return new LocationInfo(path, new TextSpan(0, 0), new LinePositionSpan(default, default));
        int index = System.Math.Min(line, lineStarts.Length) - 1;
        int end = index + 1 < lineStarts.Length ? lineStarts[index + 1] - 1 : text.Length;
        return LineLocation(path, text, index, lineStarts[index], end, column);
    }

    /// <summary>
    /// The location of a 1-based line (whole line) or line and column (to the line's end) in a log.
    /// Lines are counted as the log reader counts them, at <c>\n</c> only: a log cell may hold a
    /// lone <c>\r</c>, U+0085, U+2028 or U+2029, where <see cref="SourceText.Lines"/> would start a new line.
    /// </summary>
    public static LocationInfo Locate(string path, SourceText text, int line, int column)
    {
        if (line <= 0) return new LocationInfo(path, new TextSpan(0, 0), new LinePositionSpan(default, default));
        var block = new char[4096];
        int start = 0, lineIndex = 0;
        for (int at = 0; at < text.Length && lineIndex < line - 1; at += block.Length)
        {
            int count = System.Math.Min(block.Length, text.Length - at);
            text.CopyTo(at, block, 0, count);
            for (int i = 0; i < count && lineIndex < line - 1; i++)
            {
                if (block[i] == '\n') { lineIndex++; start = at + i + 1; }
            }
        }

        int end = IndexOfNewLine(text, start, block);
        return LineLocation(path, text, lineIndex, start, end < 0 ? text.Length : end, column);
    }

    // The whole line [start, end) (a final '\r' left out), or from the 1-based column to its end.
    private static LocationInfo LineLocation(string path, SourceText text, int lineIndex, int start, int end, int column)
    {
        if (end > start && text[end - 1] == '\r') end--;
        int startColumn = column > 0 ? System.Math.Min(column - 1, end - start) : 0;
        var span = TextSpan.FromBounds(start + startColumn, end);
        var lineSpan = new LinePositionSpan(new LinePosition(lineIndex, startColumn), new LinePosition(lineIndex, end - start));
        return new LocationInfo(path, span, lineSpan);
    }

    // The position of the next '\n' at or after start, or -1; reads the text in blocks.
    private static int IndexOfNewLine(SourceText text, int start, char[] block)
    {
        for (int at = start; at < text.Length; at += block.Length)
        {
            int count = System.Math.Min(block.Length, text.Length - at);
            text.CopyTo(at, block, 0, count);
            int found = System.Array.IndexOf(block, '\n', 0, count);
            if (found >= 0) return at + found;
        }

        return -1;
    }

    private static string Checksum(SourceText text)
    {
        var sb = new StringBuilder(64);
        foreach (byte b in text.GetChecksum()) sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        // The length guards against the (theoretical) case of a checksum-less text.
        return sb.Append(':').Append(text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToString();
    }
}
