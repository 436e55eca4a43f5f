using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using AutoHeuristic.Formatting;

namespace AutoHeuristic.Logs;

/// <summary>The verdict on one data row of a log.</summary>
public enum LogRowVerdict
{
    /// <summary>The row is a measurement.</summary>
    Accepted,

    /// <summary>The last row has no line break: it was cut off while being written (a crash, a full disk), whatever its cells.</summary>
    Torn,

    /// <summary>A cell holds a double quote or a carriage return, which no writer produces (the format has no quoting).</summary>
    QuotedValue,

    /// <summary>More or fewer cells than the header.</summary>
    WrongCellCount,

    /// <summary>An empty feature, choice or feedback cell.</summary>
    EmptyValue,

    /// <summary>A numerical feature or the feedback is not a number (or is NaN in a feature).</summary>
    NotANumber,

    /// <summary>The feedback is NaN, negative or -inf (see <see cref="FeedbackRules"/>).</summary>
    InvalidFeedback,

    /// <summary>A feature (numerical, or a categorical integer) is an integer beyond 2^53, which a double cannot hold exactly.</summary>
    InexactInteger,
}

/// <summary>
/// Reads the data rows of a log against its header, giving every reader the same verdicts: a row
/// is a measurement only when it ends with its line break, holds no double quote (nor a carriage
/// return inside it: <see cref="PythonFormat.IsCsvSafe"/> refuses both when writing), has the
/// header's number of cells, no empty cell, numbers in its numerical features, integers within
/// ±2^53 in every feature, and a valid feedback (a time ≥ 0, or <c>inf</c> for a failed run). The first problem of
/// a row decides its verdict. Reuses its arrays: the results of <see cref="Parse"/> are valid
/// until the next call.
/// </summary>
public sealed class LogRowParser
{
    private readonly int[] _roles;
    private readonly bool[] _isCategorical;

    /// <summary>Creates a parser for rows under <paramref name="header"/> (which must be valid).</summary>
    public LogRowParser(LogHeader header)
    {
        Header = header ?? throw new ArgumentNullException(nameof(header));
        _roles = new int[header.Roles.Count];
        for (int c = 0; c < _roles.Length; c++) _roles[c] = header.Roles[c];
        _isCategorical = new bool[header.Features.Count];
        for (int f = 0; f < _isCategorical.Length; f++) _isCategorical[f] = header.IsCategorical[f];
        CellStart = new int[_roles.Length];
        CellEnd = new int[_roles.Length];
        Numbers = new double[header.Features.Count];
        IsFloat = new bool[header.Features.Count];
    }

    /// <summary>The header the rows follow.</summary>
    public LogHeader Header { get; }

    /// <summary>Per header column: where its cell starts in the text (after an accepted row).</summary>
    public int[] CellStart { get; }

    /// <summary>Per header column: where its cell ends in the text (after an accepted row).</summary>
    public int[] CellEnd { get; }

    /// <summary>Per feature (index into <see cref="LogHeader.Features"/>): the value of a numerical feature.</summary>
    public double[] Numbers { get; }

    /// <summary>Per feature: whether the numerical value was written as a float (pandas then types the column float64).</summary>
    public bool[] IsFloat { get; }

    /// <summary>The feedback in milliseconds of an accepted row (+inf for a failed run).</summary>
    public double Feedback { get; private set; }

    /// <summary>Why the last row was not accepted (null when it was).</summary>
    public string? ProblemMessage { get; private set; }

    /// <summary>The 1-based column of the problem in the row (0 when it concerns the whole row).</summary>
    public int ProblemColumn { get; private set; }

    /// <summary>The cell of <c>choice</c> of an accepted row.</summary>
    public (int Start, int End) Choice => (CellStart[Header.ChoiceColumn], CellEnd[Header.ChoiceColumn]);

    /// <summary>Reads the row <c>text[start, end)</c> (a non-empty line without its terminator).</summary>
    [MethodImpl(HotPath.Optimized)]
    public LogRowVerdict Parse(char[] text, int start, int end, bool hadTerminator)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        ProblemMessage = null;
        ProblemColumn = 0;
        if (!hadTerminator)
        {
            return Refuse(LogRowVerdict.Torn, 0,
                "The last line ends without a line break, so it was cut off while being written (an interrupted writer, a full disk), even if its cells look complete; it was skipped.");
        }

        int unsafeAt = IndexOfQuoteOrCarriageReturn(text, start, end);
        if (unsafeAt >= 0)
        {
            return Refuse(LogRowVerdict.QuotedValue, unsafeAt - start + 1, text[unsafeAt] == '"'
                ? "A value holds a double quote; logs are written without quoting (a writer never writes quotes, and PyTorch's reader would strip them), so the row was skipped."
                : "A value holds a carriage return, a line break inside the row (a writer never writes one, and PyTorch's reader would split the row there), so the row was skipped.");
        }

        int cells = 0;
        int cellFrom = start;
        while (true)
        {
            int comma = Array.IndexOf(text, ',', cellFrom, end - cellFrom);
            if (cells == _roles.Length)
            {
                return Refuse(LogRowVerdict.WrongCellCount, 0,
                    "Expected " + Count(_roles.Length) + " cells as in the header, found more; the row was skipped.");
            }

            CellStart[cells] = cellFrom;
            CellEnd[cells] = comma < 0 ? end : comma;
            cells++;
            if (comma < 0) break;
            cellFrom = comma + 1;
        }

        if (cells != _roles.Length)
        {
            return Refuse(LogRowVerdict.WrongCellCount, 0,
                "Expected " + Count(_roles.Length) + " cells as in the header, found " + Count(cells) + "; the row was skipped.");
        }

        for (int c = 0; c < _roles.Length; c++)
        {
            int role = _roles[c];
            if (role == LogHeader.IgnoredRole) continue;
            int s = CellStart[c], e = CellEnd[c];
            int column = s - start + 1;
            if (s == e)
            {
                string what = role == LogHeader.ChoiceRole ? "choice" : role == LogHeader.FeedbackRole ? "feedback" : "'" + Header.Features[role] + "'";
                return Refuse(LogRowVerdict.EmptyValue, column, $"The {what} value is empty; the row was skipped.");
            }

            if (role == LogHeader.ChoiceRole) continue;
            if (role == LogHeader.FeedbackRole)
            {
                if (!LogNumber.TryParse(text, s, e, out double feedback, out _))
                {
                    return Refuse(LogRowVerdict.NotANumber, column, $"The feedback '{Clip(text, s, e)}' is not a number of milliseconds; the row was skipped.");
                }

                string? refused = FeedbackRules.Problem(feedback);
                if (refused is not null)
                {
                    return Refuse(LogRowVerdict.InvalidFeedback, column, $"The feedback '{Clip(text, s, e)}' is refused: {refused}; the row was skipped.");
                }

                Feedback = feedback;
            }
            else if (_isCategorical[role])
            {
                // pandas reads a categorical column of integers as int64; ours are doubles, so the same limit holds.
                if (IsLongIntegerToken(text, s, e) && LogNumber.TryParse(text, s, e, out double integer, out _) && !LogNumber.IsExactInteger(text, s, e, integer))
                {
                    return Refuse(LogRowVerdict.InexactInteger, column,
                        $"The categorical feature '{Header.Features[role]}' has the integer {Clip(text, s, e)}, beyond 2^53 = 9007199254740992, where a double cannot tell neighbouring integers apart (distinct inputs would merge); the row was skipped.");
                }
            }
            else
            {
                if (!LogNumber.TryParse(text, s, e, out double number, out bool isFloat) || double.IsNaN(number))
                {
                    return Refuse(LogRowVerdict.NotANumber, column,
                        $"The numerical feature '{Header.Features[role]}' has the value '{Clip(text, s, e)}', which is not a number; the row was skipped.");
                }

                if (!isFloat && !LogNumber.IsExactInteger(text, s, e, number))
                {
                    return Refuse(LogRowVerdict.InexactInteger, column,
                        $"The numerical feature '{Header.Features[role]}' has the integer {Clip(text, s, e)}, beyond 2^53 = 9007199254740992, where a double cannot tell neighbouring integers apart (distinct inputs would merge); the row was skipped.");
                }

                Numbers[role] = number;
                IsFloat[role] = isFloat;
            }
        }

        return LogRowVerdict.Accepted;
    }

    /// <summary>The first 40 characters of <c>text[start, end)</c>, with an ellipsis when longer.</summary>
    public static string Clip(char[] text, int start, int end)
    {
        int length = Math.Min(end - start, 40);
        return new string(text, start, length) + (end - start > length ? "…" : string.Empty);
    }

    // An optionally signed run of at least 16 digits: the only integer tokens that can exceed 2^53.
    private static bool IsLongIntegerToken(char[] text, int start, int end)
    {
        int i = start < end && (text[start] == '-' || text[start] == '+') ? start + 1 : start;
        if (end - i < 16) return false;
        for (; i < end; i++)
        {
            if (text[i] < '0' || text[i] > '9') return false;
        }

        return true;
    }

    private static int IndexOfQuoteOrCarriageReturn(char[] text, int start, int end)
    {
        int quote = Array.IndexOf(text, '"', start, end - start);
        int carriageReturn = Array.IndexOf(text, '\r', start, (quote < 0 ? end : quote) - start);
        return carriageReturn >= 0 ? carriageReturn : quote;
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private LogRowVerdict Refuse(LogRowVerdict verdict, int column, string message)
    {
        ProblemColumn = column;
        ProblemMessage = message;
        return verdict;
    }
}
