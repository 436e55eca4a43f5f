using System.Globalization;
using System.Text;

namespace AutoHeuristic.Learning.Problems;

/// <summary>How bad a <see cref="LearningProblem"/> is.</summary>
public enum ProblemSeverity
{
    /// <summary>Worth knowing; nothing was dropped (a byte order mark, CRLF endings).</summary>
    Info,
    /// <summary>Something was skipped or degraded (bad rows, a model that selects nothing); training goes on.</summary>
    Warning,
    /// <summary>The log or the training cannot be used as asked.</summary>
    Error,
}

/// <summary>
/// A structured problem found while reading logs or training: what (a stable <see cref="Code"/>
/// from <see cref="ProblemCodes"/>), how bad, and where (file, 1-based line and column; 0 when
/// unknown). The engine reports problems instead of throwing, so the generator can turn them into
/// diagnostics and the CLI into messages.
/// </summary>
public sealed record LearningProblem(string Code, ProblemSeverity Severity, string Message, string? File = null, int Line = 0, int Column = 0)
{
    /// <summary>MSBuild-style text: <c>file(line,column): error AH1005: message</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (File is not null)
        {
            sb.Append(File);
            if (Line > 0)
            {
                sb.Append('(').Append(Line.ToString(CultureInfo.InvariantCulture));
                if (Column > 0) sb.Append(',').Append(Column.ToString(CultureInfo.InvariantCulture));
                sb.Append(')');
            }

            sb.Append(": ");
        }

        sb.Append(Severity switch { ProblemSeverity.Error => "error", ProblemSeverity.Warning => "warning", _ => "info" });
        return sb.Append(' ').Append(Code).Append(": ").Append(Message).ToString();
    }
}

/// <summary>
/// The stable codes of <see cref="LearningProblem"/>. Log-format codes live in the generator's
/// AH1001–AH1099 range and model-quality codes in AH3001–AH3099, so the generator reports them
/// unchanged.
/// </summary>
public static class ProblemCodes
{
    /// <summary>The log file is empty.</summary>
    public const string EmptyLog = "AH1001";
    /// <summary>Line 1 is not valid metadata JSON (or lacks a required key).</summary>
    public const string BadMetadata = "AH1002";
    /// <summary>Line 2, the CSV header, is missing or does not name the metadata's features plus <c>choice</c> and <c>feedback</c>.</summary>
    public const string BadHeader = "AH1003";
    /// <summary>A data row has the wrong number of cells; it was skipped.</summary>
    public const string WrongColumnCount = "AH1004";
    /// <summary>A numerical feature or the feedback is not a number; the row was skipped.</summary>
    public const string NotANumber = "AH1005";
    /// <summary>The last line ends without a line break: it was cut off while being written (even when its cells look complete); it was skipped.</summary>
    public const string TruncatedLastLine = "AH1006";
    /// <summary>A value is empty; the row was skipped (pandas would read NaN and its group-by drops it).</summary>
    public const string EmptyValue = "AH1007";
    /// <summary>Two logs of one heuristic and hardware disagree in metadata or header; the later one was not merged.</summary>
    public const string LogsDisagree = "AH1008";
    /// <summary>The log has a header but no usable data row.</summary>
    public const string NoDataRows = "AH1009";
    /// <summary>The file starts with a UTF-8 byte order mark or uses CRLF line endings (accepted).</summary>
    public const string EncodingNote = "AH1010";
    /// <summary>The file could not be read.</summary>
    public const string Unreadable = "AH1011";
    /// <summary>The header has a column the metadata does not declare; it is ignored.</summary>
    public const string UnknownColumn = "AH1012";
    /// <summary>An option does not make sense for these logs (unknown default choice, extra data set of another heuristic, …).</summary>
    public const string BadOption = "AH1013";
    /// <summary>The log is not UTF-8 text (UTF-16/32, bytes that are not UTF-8, NUL, U+FFFD); reading stopped there and the log is not used.</summary>
    public const string InvalidEncoding = "AH1014";
    /// <summary>A line of 1 MiB or more (not a log, or a damaged one); reading stopped there and the log is not used.</summary>
    public const string LineTooLong = "AH1015";
    /// <summary>A value holds a double quote, which no writer produces; the row was skipped.</summary>
    public const string QuotedValue = "AH1016";
    /// <summary>The feedback is NaN, negative or -inf (a failed run is written as inf); the row was skipped.</summary>
    public const string InvalidFeedback = "AH1017";
    /// <summary>A numerical feature is an integer beyond 2^53, where doubles merge neighbouring integers; the row was skipped.</summary>
    public const string InexactInteger = "AH1018";
    /// <summary>Every run in the log failed (feedback inf); the log is not used.</summary>
    public const string AllRunsFailed = "AH1019";
    /// <summary>Inputs whose every choice failed carry no decision; they were left out (and counted).</summary>
    public const string FailedInputs = "AH1020";
    /// <summary>Inputs whose every choice took the same time carry no decision; they were left out (and counted).</summary>
    public const string TiedInputs = "AH1021";
    /// <summary>The logs hold no input with a decision (at least two measured choices, not all failed or tied): nothing to train or evaluate on.</summary>
    public const string NoUsableInput = "AH1022";

    /// <summary>Too few inputs (with at least two measured choices) to split and learn.</summary>
    public const string TooFewInputs = "AH3001";
    /// <summary>No model of the grid stays within the allowed wrong percentage on the validation set; no heuristic was produced.</summary>
    public const string NoEligibleModel = "AH3002";
    /// <summary>The selected model is unsure on a large share of inputs (informational quality note).</summary>
    public const string ManyUnsure = "AH3003";
}
