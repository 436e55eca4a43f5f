using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace AutoHeuristic.Logs;

/// <summary>What a <see cref="LogScanner"/> found that a reader reports.</summary>
public enum LogIssueKind
{
    /// <summary>Note: the text starts with a UTF-8 byte order mark (accepted).</summary>
    ByteOrderMark,

    /// <summary>Note: lines end with CRLF (accepted).</summary>
    CrLfEndings,

    /// <summary>The log is empty (unusable).</summary>
    EmptyLog,

    /// <summary>Line 1 is not valid metadata (unusable).</summary>
    BadMetadata,

    /// <summary>Line 2 is missing or lacks a feature, <c>choice</c> or <c>feedback</c> (unusable).</summary>
    BadHeader,

    /// <summary>A header column that is ignored (undeclared or repeated).</summary>
    UnknownColumn,

    /// <summary>A data row that was skipped; <see cref="LogIssue.RowVerdict"/> says why.</summary>
    SkippedRow,

    /// <summary>The text is not UTF-8; reading stopped there (unusable).</summary>
    NotUtf8,

    /// <summary>A line of <see cref="LogLineReader.MaxLineLength"/> characters or more; reading stopped there (unusable).</summary>
    LineTooLong,

    /// <summary>No data row was accepted (unusable).</summary>
    NoDataRows,

    /// <summary>Every accepted row is a failed run (feedback inf): no measurement at all (unusable).</summary>
    AllRunsFailed,
}

/// <summary>One finding of a <see cref="LogScanner"/>, located in the log (1-based line and column; 0 when it concerns a whole line).</summary>
public readonly struct LogIssue
{
    /// <summary>Creates an issue.</summary>
    public LogIssue(LogIssueKind kind, string message, int line, int column, LogRowVerdict rowVerdict = LogRowVerdict.Accepted)
    {
        Kind = kind;
        Message = message;
        Line = line;
        Column = column;
        RowVerdict = rowVerdict;
    }

    /// <summary>What was found.</summary>
    public LogIssueKind Kind { get; }

    /// <summary>The message, naming what and why.</summary>
    public string Message { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column, or 0.</summary>
    public int Column { get; }

    /// <summary>For <see cref="LogIssueKind.SkippedRow"/>: why the row was skipped.</summary>
    public LogRowVerdict RowVerdict { get; }

    /// <summary>Whether the log cannot be used at all (nothing of it is trained on).</summary>
    public bool MakesLogUnusable => Kind switch
    {
        LogIssueKind.ByteOrderMark or LogIssueKind.CrLfEndings or LogIssueKind.UnknownColumn or LogIssueKind.SkippedRow => false,
        _ => true,
    };

    /// <summary>Whether the issue is only worth knowing (nothing was dropped).</summary>
    public bool IsNote => Kind is LogIssueKind.ByteOrderMark or LogIssueKind.CrLfEndings;
}

/// <summary>What a log reader does with what <see cref="LogScanner"/> reads; every method may be left as is.</summary>
public abstract class LogScanHandler
{
    /// <summary>Something to report (in reading order, except the CRLF note, which comes after the rows).</summary>
    public virtual void OnIssue(in LogIssue issue)
    {
    }

    /// <summary>Metadata and a valid header were read; rows follow.</summary>
    public virtual void OnHeader(LogMetadata metadata, LogHeader header)
    {
    }

    /// <summary>An accepted row at <paramref name="line"/>: its cells and values are in <paramref name="row"/>, its text in <paramref name="text"/>.</summary>
    public virtual void OnRow(LogRowParser row, char[] text, int line)
    {
    }
}

/// <summary>What <see cref="LogScanner.Scan"/> read.</summary>
public sealed class LogScanSummary
{
    internal LogScanSummary(LogMetadata? metadata, LogHeader? header, int acceptedRows, int skippedRows, int failedRuns, bool isUsable)
    {
        Metadata = metadata;
        Header = header;
        AcceptedRows = acceptedRows;
        SkippedRows = skippedRows;
        FailedRuns = failedRuns;
        IsUsable = isUsable;
    }

    /// <summary>Line 1, or null when it could not be read.</summary>
    public LogMetadata? Metadata { get; }

    /// <summary>Line 2, or null when missing; see <see cref="LogHeader.IsValid"/>.</summary>
    public LogHeader? Header { get; }

    /// <summary>Rows that are measurements (including failed runs).</summary>
    public int AcceptedRows { get; }

    /// <summary>Rows skipped, each with a <see cref="LogIssueKind.SkippedRow"/> issue.</summary>
    public int SkippedRows { get; }

    /// <summary>Accepted rows whose feedback is inf (a failed run).</summary>
    public int FailedRuns { get; }

    /// <summary>False when an issue made the log unusable (see <see cref="LogIssue.MakesLogUnusable"/>).</summary>
    public bool IsUsable { get; }
}

/// <summary>
/// Reads a training log from start to end with the verdicts every reader shares (the CLI's and
/// generator's <c>LogReader</c>, the analyzers' log reader): the text rules of
/// <see cref="LogLineReader"/> and <see cref="LogEncoding"/>, line 1 by <see cref="LogMetadata"/>,
/// line 2 by <see cref="LogHeader"/>, rows by <see cref="LogRowParser"/>. Blank lines carry
/// nothing and are passed over. One pass, constant memory; never throws for bad content.
/// </summary>
public static class LogScanner
{
    /// <summary>Scans <paramref name="reader"/> to its end (or to a problem that stops it), telling <paramref name="handler"/>.</summary>
    [MethodImpl(HotPath.Optimized)]
    public static LogScanSummary Scan(TextReader reader, LogScanHandler handler)
    {
        if (reader is null) throw new ArgumentNullException(nameof(reader));
        if (handler is null) throw new ArgumentNullException(nameof(handler));
        var lines = new LogLineReader(reader);
        LogScanSummary Stop(LogIssueKind kind, string message, int line, int column, LogMetadata? metadata = null, LogHeader? header = null)
        {
            handler.OnIssue(new LogIssue(kind, message, line, column));
            return new LogScanSummary(metadata, header, 0, 0, 0, false);
        }

        LogScanSummary StopAtTextProblem(LogTextProblem problem, LogMetadata? metadata = null, LogHeader? header = null) =>
            Stop(problem.Kind == LogTextProblemKind.LineTooLong ? LogIssueKind.LineTooLong : LogIssueKind.NotUtf8, problem.Message, problem.Line, problem.Column, metadata, header);

        if (!lines.Next(out int start, out int end, out _))
        {
            return lines.Problem is { } problem
                ? StopAtTextProblem(problem)
                : Stop(LogIssueKind.EmptyLog, "The log is empty: line 1 must be the metadata JSON and line 2 the CSV header.", 1, 0);
        }

        if (end > start && lines.Buffer[start] == '\uFEFF')
        {
            start++;
            handler.OnIssue(new LogIssue(LogIssueKind.ByteOrderMark, "The file starts with a UTF-8 byte order mark; it was ignored.", 1, 1));
        }

        LogMetadata metadata;
        try
        {
            metadata = LogMetadata.Parse(new string(lines.Buffer, start, end - start));
        }
        catch (LogFormatException e)
        {
            return Stop(LogIssueKind.BadMetadata, e.Message, 1, e.Column);
        }

        if (!lines.Next(out start, out end, out _) || end == start)
        {
            return lines.Problem is { } problem
                ? StopAtTextProblem(problem, metadata)
                : Stop(LogIssueKind.BadHeader, "Line 2, the CSV header (feature names, then choice,feedback), is missing.", 2, 0, metadata);
        }

        LogHeader header = LogHeader.Parse(metadata, new string(lines.Buffer, start, end - start));
        foreach ((string _, int column, string message) in header.UnknownColumns)
        {
            handler.OnIssue(new LogIssue(LogIssueKind.UnknownColumn, message, 2, column));
        }

        if (!header.IsValid) return Stop(LogIssueKind.BadHeader, header.DescribeMissing(), 2, 1, metadata, header);

        handler.OnHeader(metadata, header);
        var parser = new LogRowParser(header);
        int accepted = 0, skipped = 0, failed = 0, firstRowLine = 0;
        while (lines.Next(out start, out end, out bool hadTerminator))
        {
            if (end == start) continue; // blank lines (a trailing one, or between appended runs) carry nothing
            char[] text = lines.Buffer;
            LogRowVerdict verdict = parser.Parse(text, start, end, hadTerminator);
            if (verdict != LogRowVerdict.Accepted)
            {
                skipped++;
                handler.OnIssue(new LogIssue(LogIssueKind.SkippedRow, parser.ProblemMessage!, lines.LineNumber, parser.ProblemColumn, verdict));
                continue;
            }

            accepted++;
            if (firstRowLine == 0) firstRowLine = lines.LineNumber;
            if (FeedbackRules.Classify(parser.Feedback) == FeedbackKind.FailedRun) failed++;
            handler.OnRow(parser, text, lines.LineNumber);
        }

        if (lines.SawCrLf) handler.OnIssue(new LogIssue(LogIssueKind.CrLfEndings, "The file uses CRLF line endings; they were accepted.", 1, 0));
        if (lines.Problem is { } stopped)
        {
            // Its own message says why; "no rows" or "every run failed" would only repeat it.
            StopAtTextProblem(stopped, metadata, header);
        }
        else if (accepted == 0)
        {
            handler.OnIssue(new LogIssue(LogIssueKind.NoDataRows, "The log has no usable data row after the header.", Math.Max(3, lines.LineNumber), 0));
        }
        else if (failed == accepted)
        {
            handler.OnIssue(new LogIssue(LogIssueKind.AllRunsFailed,
                "Every run in the log failed (every feedback is inf): it holds no measurement to learn from or evaluate on.", firstRowLine, 0));
        }

        bool usable = lines.Problem is null && accepted > failed;
        return new LogScanSummary(metadata, header, accepted, skipped, failed, usable);
    }
}
