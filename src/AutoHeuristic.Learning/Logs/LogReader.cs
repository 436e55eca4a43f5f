using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using AutoHeuristic.Learning.Problems;
using AutoHeuristic.Logs;

namespace AutoHeuristic.Learning.Logs;

/// <summary>
/// Reads PyTorch-format training logs (line 1 metadata JSON in any key order, line 2 the CSV
/// header, then rows) into <see cref="ParsedLog"/>s, with the verdicts every log reader shares
/// (<see cref="LogScanner"/>). Never throws for bad content: every problem becomes a
/// <see cref="LearningProblem"/> with file, line and column. Rows that are not measurements are
/// skipped and counted (PyTorch's <c>on_bad_lines="skip"</c> drops them silently): a last row
/// without its line break, a quoted value, a wrong number of cells, an empty value, a number that
/// is not one, an integer feature beyond 2^53, a NaN, negative or -inf feedback. Text that is not
/// UTF-8 (a UTF-8 byte order mark is accepted) or a line of 1 MiB or more stops reading with an
/// error. CRLF endings are accepted. One pass over the text, no per-cell allocation for numbers.
/// </summary>
public static class LogReader
{
    /// <summary>How many problems of one kind are listed per file before they are summarised.</summary>
    public const int MaxProblemsPerKind = 20;

    /// <summary>Every problem code the reader reports (a log's own problems, as opposed to those of training on it).</summary>
    public static IReadOnlyCollection<string> Codes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ProblemCodes.EmptyLog, ProblemCodes.BadMetadata, ProblemCodes.BadHeader, ProblemCodes.WrongColumnCount, ProblemCodes.NotANumber,
        ProblemCodes.TruncatedLastLine, ProblemCodes.EmptyValue, ProblemCodes.NoDataRows, ProblemCodes.EncodingNote, ProblemCodes.Unreadable,
        ProblemCodes.UnknownColumn, ProblemCodes.InvalidEncoding, ProblemCodes.LineTooLong, ProblemCodes.QuotedValue, ProblemCodes.InvalidFeedback,
        ProblemCodes.InexactInteger, ProblemCodes.AllRunsFailed,
    };

    /// <summary>Parses log text; <paramref name="fileName"/> names it in problems. A leading BOM character is accepted.</summary>
    public static ParsedLog Parse(string fileName, string text)
    {
        if (fileName is null) throw new ArgumentNullException(nameof(fileName));
        if (text is null) throw new ArgumentNullException(nameof(text));
        return Parse(fileName, new StringReader(text), text.Length, CancellationToken.None);
    }

    /// <summary>
    /// Parses log text that a host decoded from the file's bytes with <paramref name="decodedWith"/>
    /// (Roslyn's <c>AdditionalText</c>; null when the text did not come from bytes): a log that was
    /// not UTF-8 gives the same located error as reading the file (the tools library's <c>LogFiles.Read</c>; see <see cref="LogEncoding.CheckDecodedText"/>).
    /// </summary>
    public static ParsedLog Parse(string fileName, string text, Encoding? decodedWith) => Parse(fileName, text, decodedWith, CancellationToken.None);

    /// <summary>
    /// <see cref="Parse(string, string, Encoding)"/> that stops with <see cref="OperationCanceledException"/>
    /// when <paramref name="cancellationToken"/> is cancelled (checked every few thousand rows), as a
    /// compiler host cancels a generator when the project changes again.
    /// </summary>
    public static ParsedLog Parse(string fileName, string text, Encoding? decodedWith, CancellationToken cancellationToken)
    {
        if (fileName is null) throw new ArgumentNullException(nameof(fileName));
        if (text is null) throw new ArgumentNullException(nameof(text));
        LogTextProblem? problem = LogEncoding.CheckDecodedText(decodedWith, text, out string utf8Text);
        if (problem is null) return Parse(fileName, new StringReader(utf8Text), utf8Text.Length, cancellationToken);
        var error = new LearningProblem(ProblemCodes.InvalidEncoding, ProblemSeverity.Error, problem.Message, fileName, problem.Line, problem.Column);
        return new ParsedLog(fileName, null, Array.Empty<string>(), null, 0, new[] { error });
    }

    /// <summary>Parses a log from <paramref name="reader"/> (read to its end, line by line, in constant memory besides the rows).</summary>
    public static ParsedLog Parse(string fileName, TextReader reader) => Parse(fileName, reader, 0, CancellationToken.None);

    /// <summary>
    /// Parses a log from <paramref name="reader"/>, read to its end in blocks, so a host never holds
    /// the whole text twice (a file's stream, a compiler's <c>SourceText</c>). <paramref name="sizeHint"/>
    /// is the text's length in characters or bytes when known (0 when not): it sizes the columns
    /// once instead of growing them. Stops with <see cref="OperationCanceledException"/> when
    /// <paramref name="cancellationToken"/> is cancelled (checked every few thousand rows).
    /// </summary>
    public static ParsedLog Parse(string fileName, TextReader reader, long sizeHint, CancellationToken cancellationToken)
    {
        if (fileName is null) throw new ArgumentNullException(nameof(fileName));
        if (reader is null) throw new ArgumentNullException(nameof(reader));
        var handler = new Handler(fileName, sizeHint, cancellationToken);
        LogScanSummary summary = LogScanner.Scan(reader, handler);
        return new ParsedLog(fileName, summary.Metadata, summary.Header?.Columns ?? Array.Empty<string>(), handler.Columns?.Build(),
            summary.SkippedRows, handler.Problems.ToList());
    }

    /// <summary>The problem code of a scanner finding.</summary>
    internal static string CodeOf(in LogIssue issue) => issue.Kind switch
    {
        LogIssueKind.ByteOrderMark or LogIssueKind.CrLfEndings => ProblemCodes.EncodingNote,
        LogIssueKind.EmptyLog => ProblemCodes.EmptyLog,
        LogIssueKind.BadMetadata => ProblemCodes.BadMetadata,
        LogIssueKind.BadHeader => ProblemCodes.BadHeader,
        LogIssueKind.UnknownColumn => ProblemCodes.UnknownColumn,
        LogIssueKind.NotUtf8 => ProblemCodes.InvalidEncoding,
        LogIssueKind.LineTooLong => ProblemCodes.LineTooLong,
        LogIssueKind.NoDataRows => ProblemCodes.NoDataRows,
        LogIssueKind.AllRunsFailed => ProblemCodes.AllRunsFailed,
        _ => issue.RowVerdict switch
        {
            LogRowVerdict.Torn => ProblemCodes.TruncatedLastLine,
            LogRowVerdict.QuotedValue => ProblemCodes.QuotedValue,
            LogRowVerdict.WrongCellCount => ProblemCodes.WrongColumnCount,
            LogRowVerdict.EmptyValue => ProblemCodes.EmptyValue,
            LogRowVerdict.InvalidFeedback => ProblemCodes.InvalidFeedback,
            LogRowVerdict.InexactInteger => ProblemCodes.InexactInteger,
            _ => ProblemCodes.NotANumber,
        },
    };

    private static ProblemSeverity SeverityOf(in LogIssue issue) =>
        issue.IsNote ? ProblemSeverity.Info : issue.MakesLogUnusable ? ProblemSeverity.Error : ProblemSeverity.Warning;

    // Turns scanner findings into problems and accepted rows into columns.
    private sealed class Handler : LogScanHandler
    {
        private readonly long _sizeHint;

        private readonly CancellationToken _cancellationToken;

        public Handler(string fileName, long sizeHint, CancellationToken cancellationToken)
        {
            _cancellationToken = cancellationToken;
            Problems = new ProblemList(fileName);
            _sizeHint = sizeHint;
        }

        public ProblemList Problems { get; }

        public LogColumnsBuilder? Columns { get; private set; }

        public override void OnIssue(in LogIssue issue) => Problems.Add(CodeOf(issue), SeverityOf(issue), issue.Message, issue.Line, issue.Column);

        public override void OnHeader(LogMetadata metadata, LogHeader header)
        {
            int headerLength = header.Columns.Count;
            foreach (string column in header.Columns) headerLength += column.Length;
            int capacity = (int)Math.Min(1 << 24, Math.Max(1024, _sizeHint / Math.Max(8, headerLength)));
            Columns = new LogColumnsBuilder(header, capacity);
        }

        public override void OnRow(LogRowParser row, char[] text, int line)
        {
            if ((line & 4095) == 0) _cancellationToken.ThrowIfCancellationRequested();
            Columns!.Add(row, text, line);
        }
    }

    private sealed class ProblemList
    {
        private readonly string _file;
        private readonly List<LearningProblem> _problems = new();
        private readonly Dictionary<string, int> _perCode = new(StringComparer.Ordinal);

        public ProblemList(string file) => _file = file;

        public void Add(string code, ProblemSeverity severity, string message, int line, int column)
        {
            _perCode.TryGetValue(code, out int count);
            _perCode[code] = count + 1;
            if (count < MaxProblemsPerKind) _problems.Add(new LearningProblem(code, severity, message, _file, line, column));
        }

        public List<LearningProblem> ToList()
        {
            var result = new List<LearningProblem>(_problems);
            foreach (KeyValuePair<string, int> pair in _perCode)
            {
                if (pair.Value > MaxProblemsPerKind)
                {
                    result.Add(new LearningProblem(pair.Key, ProblemSeverity.Warning,
                        $"{(pair.Value - MaxProblemsPerKind).ToString(CultureInfo.InvariantCulture)} more problems of this kind are not listed.", _file));
                }
            }

            return result;
        }
    }
}
