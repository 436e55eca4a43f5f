using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using AutoHeuristic.Formatting;
using AutoHeuristic.Learning.Problems;
using AutoHeuristic.Logs;

namespace AutoHeuristic.Learning.Logs;

/// <summary>
/// Reads PyTorch-format training logs (line 1 metadata JSON in any key order, line 2 the CSV
/// header, then rows) into <see cref="ParsedLog"/>s. Never throws for bad content: every problem
/// becomes a <see cref="LearningProblem"/> with file, line and column, and malformed rows are
/// skipped and counted (PyTorch's <c>on_bad_lines="skip"</c> drops them silently). Accepts a
/// UTF-8 byte order mark and CRLF endings. One pass over the text, no per-cell allocation for
/// numbers.
/// </summary>
public static class LogReader
{
    /// <summary>How many problems of one kind are listed per file before they are summarised.</summary>
    public const int MaxProblemsPerKind = 20;

    /// <summary>Reads the log at <paramref name="path"/>; I/O failures become an <see cref="ProblemCodes.Unreadable"/> problem.</summary>
    public static ParsedLog Read(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
            var bom = new byte[3];
            int got = stream.Read(bom, 0, 3);
            bool hadBom = got == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF;
            if (!hadBom) stream.Position = 0;
            using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
            return Parse(path, reader, hadBom, stream.Length);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException)
        {
            var problem = new LearningProblem(ProblemCodes.Unreadable, ProblemSeverity.Error, "The log could not be read: " + e.Message, path);
            return new ParsedLog(path, null, Array.Empty<string>(), null, 0, new[] { problem });
        }
    }

    /// <summary>Reads several logs in parallel (one per core at most); the result keeps the order of <paramref name="paths"/>.</summary>
    public static IReadOnlyList<ParsedLog> ReadMany(IReadOnlyList<string> paths)
    {
        if (paths is null) throw new ArgumentNullException(nameof(paths));
        var result = new ParsedLog[paths.Count];
        System.Threading.Tasks.Parallel.For(0, paths.Count, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => result[i] = Read(paths[i]));
        return result;
    }

    /// <summary>Parses log text; <paramref name="fileName"/> names it in problems. A leading BOM character is accepted.</summary>
    public static ParsedLog Parse(string fileName, string text)
    {
        if (fileName is null) throw new ArgumentNullException(nameof(fileName));
        if (text is null) throw new ArgumentNullException(nameof(text));
        bool hadBom = text.Length > 0 && text[0] == '\uFEFF';
        using var reader = new StringReader(hadBom ? text.Substring(1) : text);
        return Parse(fileName, reader, hadBom, text.Length);
    }

    /// <summary>Parses a log from <paramref name="reader"/> (read to its end, line by line, in constant memory besides the rows).</summary>
    public static ParsedLog Parse(string fileName, TextReader reader)
    {
        if (fileName is null) throw new ArgumentNullException(nameof(fileName));
        if (reader is null) throw new ArgumentNullException(nameof(reader));
        return Parse(fileName, reader, false, 0);
    }

    private static ParsedLog Parse(string fileName, TextReader reader, bool hadBom, long sizeHint)
    {
        var lines = new LineSource(reader);
        var problems = new ProblemList(fileName);
        if (hadBom) problems.Add(ProblemCodes.EncodingNote, ProblemSeverity.Info, "The file starts with a UTF-8 byte order mark; it was ignored.", 1, 1);

        int lineNo = 0;
        bool sawCrLf = false;
        if (!lines.Next(out int lineStart, out int lineEnd, ref sawCrLf, out bool firstTerminated) || (lineEnd == lineStart && !firstTerminated))
        {
            problems.Add(ProblemCodes.EmptyLog, ProblemSeverity.Error, "The log is empty: line 1 must be the metadata JSON and line 2 the CSV header.", 1, 0);
            return Fail(fileName, null, Array.Empty<string>(), problems);
        }

        lineNo = 1;
        LogMetadata metadata;
        try
        {
            metadata = LogMetadata.Parse(new string(lines.Buffer, lineStart, lineEnd - lineStart));
        }
        catch (LogFormatException e)
        {
            problems.Add(ProblemCodes.BadMetadata, ProblemSeverity.Error, e.Message, 1, e.Column);
            return Fail(fileName, null, Array.Empty<string>(), problems);
        }

        if (!lines.Next(out lineStart, out lineEnd, ref sawCrLf, out _) || lineEnd == lineStart)
        {
            problems.Add(ProblemCodes.BadHeader, ProblemSeverity.Error, "Line 2, the CSV header (feature names, then choice,feedback), is missing.", 2, 0);
            return Fail(fileName, metadata, Array.Empty<string>(), problems);
        }

        lineNo = 2;
        string[] header = new string(lines.Buffer, lineStart, lineEnd - lineStart).Split(',');
        string[] features = new string[metadata.NumericalFeatures.Count + metadata.CategoricalFeatures.Count];
        bool[] isCategorical = new bool[features.Length];
        for (int i = 0; i < metadata.NumericalFeatures.Count; i++) features[i] = metadata.NumericalFeatures[i];
        for (int i = 0; i < metadata.CategoricalFeatures.Count; i++)
        {
            features[metadata.NumericalFeatures.Count + i] = metadata.CategoricalFeatures[i];
            isCategorical[metadata.NumericalFeatures.Count + i] = true;
        }

        // Role of each header column: feature index, ChoiceRole, FeedbackRole or IgnoredRole.
        const int ChoiceRole = -2, FeedbackRole = -3, IgnoredRole = -1;
        int[] roles = new int[header.Length];
        var seen = new bool[features.Length];
        int choiceCol = -1, feedbackCol = -1;
        int column = 1;
        for (int c = 0; c < header.Length; c++)
        {
            string name = header[c];
            int f = Array.IndexOf(features, name);
            if (name == LogFormat.ChoiceColumn) { roles[c] = ChoiceRole; choiceCol = c; }
            else if (name == LogFormat.FeedbackColumn) { roles[c] = FeedbackRole; feedbackCol = c; }
            else if (f >= 0 && !seen[f]) { roles[c] = f; seen[f] = true; }
            else
            {
                roles[c] = IgnoredRole;
                problems.Add(ProblemCodes.UnknownColumn, ProblemSeverity.Warning, $"The header column '{name}' is not a feature of the metadata; it is ignored.", 2, column);
            }

            column += name.Length + 1;
        }

        var missing = new List<string>();
        for (int f = 0; f < features.Length; f++) if (!seen[f]) missing.Add(features[f]);
        if (choiceCol < 0) missing.Add(LogFormat.ChoiceColumn);
        if (feedbackCol < 0) missing.Add(LogFormat.FeedbackColumn);
        if (missing.Count > 0)
        {
            problems.Add(ProblemCodes.BadHeader, ProblemSeverity.Error,
                "Line 2 must be the CSV header naming every metadata feature, then choice,feedback; missing: " + string.Join(", ", missing) + ".", 2, 1);
            return Fail(fileName, metadata, header, problems);
        }

        int capacity = (int)Math.Min(1 << 24, Math.Max(1024, sizeHint / Math.Max(8, (lineEnd - lineStart) + 1)));
        var builder = new ColumnsBuilder(features, isCategorical, capacity);
        int[] cellStart = new int[header.Length];
        int[] cellEnd = new int[header.Length];
        int skipped = 0;
        while (lines.Next(out lineStart, out lineEnd, ref sawCrLf, out bool hadTerminator))
        {
            char[] text = lines.Buffer;
            lineNo++;
            if (lineEnd == lineStart) continue; // blank lines (a trailing one, or between appended runs) carry nothing
            bool isLast = !hadTerminator;

            // Split into cells without allocating; Array.IndexOf is vectorized on modern runtimes.
            int cells = 0;
            int start = lineStart;
            bool tooMany = false;
            while (true)
            {
                int comma = Array.IndexOf(text, ',', start, lineEnd - start);
                if (cells == header.Length) { tooMany = true; break; }
                cellStart[cells] = start;
                cellEnd[cells] = comma < 0 ? lineEnd : comma;
                cells++;
                if (comma < 0) break;
                start = comma + 1;
            }

            if (tooMany || cells != header.Length)
            {
                skipped++;
                if (isLast && !tooMany)
                {
                    problems.Add(ProblemCodes.TruncatedLastLine, ProblemSeverity.Warning,
                        $"The last line has {cells} of {header.Length} cells and no line break: it was cut off while being written; skipped.", lineNo, 0);
                }
                else
                {
                    problems.Add(ProblemCodes.WrongColumnCount, ProblemSeverity.Warning,
                        $"Expected {header.Length} cells as in the header, found {(tooMany ? "more" : cells.ToString(CultureInfo.InvariantCulture))}; the row was skipped.", lineNo, 0);
                }

                continue;
            }

            builder.BeginRow();
            bool ok = true;
            for (int c = 0; c < header.Length && ok; c++)
            {
                int role = roles[c];
                if (role == IgnoredRole) continue;
                int s = cellStart[c], e = cellEnd[c];
                if (s == e)
                {
                    string what = role == ChoiceRole ? "choice" : role == FeedbackRole ? "feedback" : "'" + features[role] + "'";
                    problems.Add(ProblemCodes.EmptyValue, ProblemSeverity.Warning, $"The {what} value is empty; the row was skipped.", lineNo, s - lineStart + 1);
                    ok = false;
                    break;
                }

                if (role == ChoiceRole)
                {
                    builder.SetChoice(text, s, e);
                }
                else if (role == FeedbackRole)
                {
                    if (!NumberParser.TryParse(text, s, e, out double feedback, out _) || double.IsNaN(feedback))
                    {
                        problems.Add(ProblemCodes.NotANumber, ProblemSeverity.Warning,
                            $"The feedback '{Clip(text, s, e)}' is not a number of milliseconds; the row was skipped.", lineNo, s - lineStart + 1);
                        ok = false;
                    }
                    else
                    {
                        builder.SetFeedback(feedback);
                    }
                }
                else if (isCategorical[role])
                {
                    builder.SetCategory(role, text, s, e);
                }
                else if (!NumberParser.TryParse(text, s, e, out double number, out bool isFloat) || double.IsNaN(number))
                {
                    problems.Add(ProblemCodes.NotANumber, ProblemSeverity.Warning,
                        $"The numerical feature '{features[role]}' has the value '{Clip(text, s, e)}', which is not a number; the row was skipped.", lineNo, s - lineStart + 1);
                    ok = false;
                }
                else
                {
                    builder.SetNumber(role, number, isFloat);
                }
            }

            if (ok) builder.CommitRow(lineNo);
            else skipped++;
        }

        if (sawCrLf) problems.Add(ProblemCodes.EncodingNote, ProblemSeverity.Info, "The file uses CRLF line endings; they were accepted.", 1, 0);
        LogColumns columns = builder.Build();
        if (columns.RowCount == 0)
        {
            problems.Add(ProblemCodes.NoDataRows, ProblemSeverity.Error, "The log has no usable data row after the header.", Math.Max(3, lineNo), 0);
        }

        return new ParsedLog(fileName, metadata, header, columns, skipped, problems.ToList());
    }

    private static ParsedLog Fail(string fileName, LogMetadata? metadata, IReadOnlyList<string> header, ProblemList problems) =>
        new(fileName, metadata, header, null, 0, problems.ToList());

    private static string Clip(char[] text, int start, int end)
    {
        int length = Math.Min(end - start, 40);
        return new string(text, start, length) + (end - start > length ? "…" : string.Empty);
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

    private sealed class ColumnsBuilder
    {
        private readonly string[] _features;
        private readonly bool[] _isCategorical;
        private readonly double[][] _numbers;
        private readonly bool[] _hasFloat;
        private readonly int[][] _codes;
        private readonly List<string>[] _texts;
        private readonly Dictionary<string, int>[] _textIndex;
        private readonly int[] _lastCode;
        private int[] _choices;
        private readonly List<string> _choiceNames = new();
        private readonly SliceInterner _choiceInterner = new();
        private readonly List<int> _successor = new(); // per choice code, the code seen right after it last time (-1: none yet)
        private int _lastChoice = -1;
        private double[] _feedback;
        private int[] _lines;
        private int _count;
        private int _capacity;

        // Row being parsed; written into the arrays only on commit.
        private readonly double[] _rowNumbers;
        private readonly bool[] _rowFloat;
        private readonly int[] _rowCodes;
        private int _rowChoice;
        private double _rowFeedback;

        public ColumnsBuilder(string[] features, bool[] isCategorical, int capacity)
        {
            _features = features;
            _isCategorical = isCategorical;
            _capacity = capacity;
            int n = features.Length;
            _numbers = new double[n][];
            _hasFloat = new bool[n];
            _codes = new int[n][];
            _texts = new List<string>[n];
            _textIndex = new Dictionary<string, int>[n];
            _lastCode = new int[n];
            for (int f = 0; f < n; f++)
            {
                if (isCategorical[f])
                {
                    _codes[f] = new int[capacity];
                    _texts[f] = new List<string>();
                    _textIndex[f] = new Dictionary<string, int>(StringComparer.Ordinal);
                    _lastCode[f] = -1;
                }
                else
                {
                    _numbers[f] = new double[capacity];
                }
            }

            _choices = new int[capacity];
            _feedback = new double[capacity];
            _lines = new int[capacity];
            _rowNumbers = new double[n];
            _rowFloat = new bool[n];
            _rowCodes = new int[n];
        }

        public void BeginRow() { }

        public void SetNumber(int f, double value, bool isFloat)
        {
            _rowNumbers[f] = value;
            _rowFloat[f] = isFloat;
        }

        public void SetCategory(int f, char[] text, int start, int end)
        {
            // Logs repeat each input's values on consecutive rows: compare with the last value first.
            int last = _lastCode[f];
            if (last >= 0 && SameText(_texts[f][last], text, start, end))
            {
                _rowCodes[f] = last;
                return;
            }

            string value = new string(text, start, end - start);
            if (!_textIndex[f].TryGetValue(value, out int code))
            {
                code = _texts[f].Count;
                _texts[f].Add(value);
                _textIndex[f].Add(value, code);
            }

            _rowCodes[f] = code;
            _lastCode[f] = code;
        }

        public void SetChoice(char[] text, int start, int end)
        {
            int last = _lastChoice;
            if (last >= 0 && SameText(_choiceNames[last], text, start, end))
            {
                _rowChoice = last;
                return;
            }

            // Kernel-choice logs list the choices of every input in the same order: try the choice
            // that followed the last one before hashing the slice.
            int predicted = last >= 0 ? _successor[last] : -1;
            int code;
            if (predicted >= 0 && SameText(_choiceNames[predicted], text, start, end))
            {
                code = predicted;
            }
            else
            {
                // Look the slice up without allocating.
                code = _choiceInterner.Find(text, start, end);
                if (code < 0)
                {
                    string value = new string(text, start, end - start);
                    code = _choiceNames.Count;
                    _choiceNames.Add(value);
                    _successor.Add(-1);
                    _choiceInterner.Add(value, code);
                }

                if (last >= 0) _successor[last] = code;
            }

            _rowChoice = code;
            _lastChoice = code;
        }

        public void SetFeedback(double value) => _rowFeedback = value;

        public void CommitRow(int line)
        {
            if (_count == _capacity) Grow();
            for (int f = 0; f < _features.Length; f++)
            {
                if (_isCategorical[f]) _codes[f][_count] = _rowCodes[f];
                else
                {
                    _numbers[f][_count] = _rowNumbers[f];
                    if (_rowFloat[f]) _hasFloat[f] = true;
                }
            }

            _choices[_count] = _rowChoice;
            _feedback[_count] = _rowFeedback;
            _lines[_count] = line;
            _count++;
        }

        public LogColumns Build()
        {
            for (int f = 0; f < _features.Length; f++)
            {
                if (_isCategorical[f]) Array.Resize(ref _codes[f], _count);
                else Array.Resize(ref _numbers[f], _count);
            }

            Array.Resize(ref _choices, _count);
            Array.Resize(ref _feedback, _count);
            Array.Resize(ref _lines, _count);
            return new LogColumns(_features, _isCategorical, _count, _numbers, _hasFloat, _codes, _texts, _choices, _choiceNames, _feedback, _lines);
        }

        private void Grow()
        {
            _capacity *= 2;
            for (int f = 0; f < _features.Length; f++)
            {
                if (_isCategorical[f]) Array.Resize(ref _codes[f], _capacity);
                else Array.Resize(ref _numbers[f], _capacity);
            }

            Array.Resize(ref _choices, _capacity);
            Array.Resize(ref _feedback, _capacity);
            Array.Resize(ref _lines, _capacity);
        }

        private static bool SameText(string value, char[] text, int start, int end) => SliceInterner.Equal(value, text, start, end);
    }
}

/// <summary>Parses Python-written numbers from a slice of text without allocating in the common cases.</summary>
internal static class NumberParser
{
    private static readonly double[] PowersOf10 =
    {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    /// <summary>
    /// Parses [start, end). Integers and decimals whose digits form an integer of at most 2^53 take an exact
    /// fast path (both operands exact doubles, one correctly rounded division or multiplication);
    /// everything else goes through the framework's correctly rounded parser.
    /// </summary>
    public static bool TryParse(char[] text, int start, int end, out double value, out bool isFloat)
    {
        isFloat = false;
        int i = start;
        bool negative = false;
        if (i < end && (text[i] == '-' || text[i] == '+'))
        {
            negative = text[i] == '-';
            i++;
        }

        ulong mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        bool sawDot = false;
        bool simple = i < end;
        for (; i < end; i++)
        {
            char c = text[i];
            if (c >= '0' && c <= '9')
            {
                if (mantissa != 0 || c != '0') digits++;
                mantissa = (mantissa * 10) + (ulong)(c - '0');
                if (sawDot) fractionDigits++;
                if (digits > 19) { simple = false; break; }
            }
            else if (c == '.' && !sawDot)
            {
                sawDot = true;
                isFloat = true;
            }
            else
            {
                simple = false;
                break;
            }
        }

        if (simple && (i - start) > (negative || text[start] == '+' ? 1 : 0) && !(sawDot && i - start == 1))
        {
            if (mantissa <= (1UL << 53))
            {
                double m = mantissa;
                value = fractionDigits == 0 ? m : m / PowersOf10[fractionDigits];
                if (negative) value = -value;
                return true;
            }

            // 16–19 significant digits (most measured times): verified exact rounding, else the slow path.
            if (fractionDigits > 0 && TryQuotient(mantissa, fractionDigits, out double q))
            {
                value = negative ? -q : q;
                return true;
            }
        }

        isFloat = true;
        string token = new string(text, start, end - start);
        bool parsed = PythonFormat.TryParseFloat(token, out value);
        if (parsed)
        {
            // "12" written with a leading '+' or with many digits is still an integer token.
            isFloat = token.IndexOfAny(FloatMarkers) >= 0;
        }

        return parsed;
    }

    private static readonly char[] FloatMarkers = { '.', 'e', 'E', 'n', 'N', 'i', 'I' };

    private static readonly ulong[] IntegerPowersOf10 =
    {
        1UL, 10UL, 100UL, 1000UL, 10000UL, 100000UL, 1000000UL, 10000000UL, 100000000UL, 1000000000UL, 10000000000UL,
        100000000000UL, 1000000000000UL, 10000000000000UL, 100000000000000UL, 1000000000000000UL, 10000000000000000UL,
        100000000000000000UL, 1000000000000000000UL, 10000000000000000000UL,
    };

    /// <summary>
    /// The double nearest to <c>m / 10^k</c> (k ≤ 19), found without a big-number library: the
    /// quotient of the two doubles is within one unit in the last place, and each candidate is
    /// checked exactly in 128-bit integers (|m·2^s − F·10^k| &lt; 10^k / 2, ties to even, where the
    /// candidate is F·2^−s). Returns false when the check cannot decide (then the caller parses slowly).
    /// </summary>
    internal static bool TryQuotient(ulong m, int k, out double result)
    {
        result = 0;
        if (k > 19) return false;
        double d = m / PowersOf10[k];
        ulong p = IntegerPowersOf10[k];
        if (IsNearest(m, p, d)) { result = d; return true; }
        double up = NextUp(d), down = NextDown(d);
        if (IsNearest(m, p, up)) { result = up; return true; }
        if (IsNearest(m, p, down)) { result = down; return true; }
        return false;
    }

    private static bool IsNearest(ulong m, ulong p, double candidate)
    {
        long bits = BitConverter.DoubleToInt64Bits(candidate);
        int exponent = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & ((1L << 52) - 1);
        if (exponent == 0 || exponent == 0x7FF || fraction == 0) return false; // subnormal, special, or a power of two (uneven neighbours)
        ulong f = (ulong)fraction | (1UL << 52);
        int shift = 1075 - exponent; // candidate = f · 2^-shift
        if (shift <= 0 || shift >= 64) return false;
        ulong aHi = m >> (64 - shift), aLo = m << shift;     // m · 2^shift
        Multiply(f, p, out ulong bHi, out ulong bLo);        // f · 10^k
        ulong dHi, dLo;
        if (aHi > bHi || (aHi == bHi && aLo >= bLo))
        {
            dLo = aLo - bLo;
            dHi = aHi - bHi - (aLo < bLo ? 1UL : 0UL);
        }
        else
        {
            dLo = bLo - aLo;
            dHi = bHi - aHi - (bLo < aLo ? 1UL : 0UL);
        }

        if (dHi != 0 || dLo >= (1UL << 63)) return false;
        ulong twice = dLo << 1;
        return twice < p || (twice == p && (f & 1) == 0);
    }

    private static void Multiply(ulong a, ulong b, out ulong hi, out ulong lo)
    {
        ulong aLo = (uint)a, aHi = a >> 32, bLo = (uint)b, bHi = b >> 32;
        ulong ll = aLo * bLo, lh = aLo * bHi, hl = aHi * bLo, hh = aHi * bHi;
        ulong mid = (ll >> 32) + (uint)lh + (uint)hl;
        lo = (mid << 32) | (uint)ll;
        hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
    }

    private static double NextUp(double d) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(d) + 1);

    private static double NextDown(double d) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(d) - 1);
}

/// <summary>A string → code table that looks up slices of a larger string without allocating them.</summary>
internal sealed class SliceInterner
{
    private int[] _buckets = new int[64];
    private readonly List<string> _keys = new();
    private readonly List<int> _codes = new();
    private readonly List<int> _next = new();
    private readonly List<int> _hashes = new();

    public SliceInterner()
    {
        for (int i = 0; i < _buckets.Length; i++) _buckets[i] = -1;
    }

    public int Find(char[] text, int start, int end)
    {
        int hash = Hash(text, start, end);
        for (int e = _buckets[hash & (_buckets.Length - 1)]; e >= 0; e = _next[e])
        {
            string key = _keys[e];
            if (_hashes[e] == hash && Equal(key, text, start, end)) return _codes[e];
        }

        return -1;
    }

    public void Add(string key, int code)
    {
        if (_keys.Count * 2 >= _buckets.Length) Grow();
        int hash = Hash(key.ToCharArray(), 0, key.Length);
        int bucket = hash & (_buckets.Length - 1);
        _keys.Add(key);
        _codes.Add(code);
        _hashes.Add(hash);
        _next.Add(_buckets[bucket]);
        _buckets[bucket] = _keys.Count - 1;
    }

    private void Grow()
    {
        _buckets = new int[_buckets.Length * 2];
        for (int i = 0; i < _buckets.Length; i++) _buckets[i] = -1;
        for (int e = 0; e < _keys.Count; e++)
        {
            int bucket = _hashes[e] & (_buckets.Length - 1);
            _next[e] = _buckets[bucket];
            _buckets[bucket] = e;
        }
    }

    /// <summary>Ordinal equality of a string and a slice.</summary>
    public static bool Equal(string value, char[] text, int start, int end)
    {
        if (value.Length != end - start) return false;
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] != text[start + i]) return false;
        }

        return true;
    }

    private static int Hash(char[] text, int start, int end)
    {
        unchecked
        {
            uint h = 2166136261;
            for (int i = start; i < end; i++) h = (h ^ text[i]) * 16777619;
            return (int)(h ^ (h >> 15));
        }
    }
}

/// <summary>
/// Lines of a <see cref="TextReader"/> in a reusable buffer: a line is valid until the next call.
/// The terminator (\n or \r\n) is excluded.
/// </summary>
internal sealed class LineSource
{
    private readonly TextReader _reader;
    private char[] _buffer = new char[1 << 16];
    private int _length;
    private int _position;
    private bool _eof;

    public LineSource(TextReader reader) => _reader = reader;

    public char[] Buffer => _buffer;

    public bool Next(out int start, out int end, ref bool sawCrLf, out bool hadTerminator)
    {
        int scanFrom = _position;
        while (true)
        {
            int nl = Array.IndexOf(_buffer, '\n', scanFrom, _length - scanFrom);
            if (nl >= 0)
            {
                start = _position;
                end = nl;
                _position = nl + 1;
                hadTerminator = true;
                break;
            }

            if (_eof)
            {
                start = _position;
                end = _length;
                hadTerminator = false;
                if (start == end)
                {
                    return false;
                }

                _position = _length;
                break;
            }

            // Move the partial line to the front (growing for long lines) and read more.
            int partial = _length - _position;
            if (partial == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            if (_position > 0) Array.Copy(_buffer, _position, _buffer, 0, partial);
            _position = 0;
            _length = partial;
            scanFrom = partial;
            int read = _reader.Read(_buffer, _length, _buffer.Length - _length);
            if (read <= 0) _eof = true;
            else _length += read;
        }

        if (end > start && _buffer[end - 1] == '\r')
        {
            end--;
            sawCrLf = true;
        }

        return true;
    }
}
