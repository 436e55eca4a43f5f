using System;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;

namespace AutoHeuristic.Logs;

/// <summary>
/// The lines of a log, in a reusable buffer (a line is valid until the next call), as every log
/// reader splits them: at <c>\n</c> only, a trailing <c>\r</c> removed. Reading stops with a
/// located <see cref="Problem"/> at a line of <see cref="MaxLineLength"/> characters or more (so a
/// huge or special file such as <c>/dev/zero</c> gives an error, not an out-of-memory), at a NUL
/// or U+FFFD character, and where a <see cref="Utf8LogTextReader"/> met bytes that are not UTF-8.
/// </summary>
public sealed class LogLineReader
{
    /// <summary>The longest line accepted, exclusive: 1 MiB of characters (real rows are a few hundred).</summary>
    public const int MaxLineLength = 1 << 20;

    private readonly TextReader _reader;
    private char[] _buffer = new char[1 << 16];
    private int _length;
    private int _position;
    private bool _eof;
    private LogTextProblemKind _stopKind;
    private string? _stopMessage; // set when the text ends early at _length because of a problem

    /// <summary>Reads the lines of <paramref name="reader"/>.</summary>
    public LogLineReader(TextReader reader) => _reader = reader ?? throw new ArgumentNullException(nameof(reader));

    /// <summary>The buffer that holds the current line.</summary>
    public char[] Buffer => _buffer;

    /// <summary>The 1-based number of the line returned last (0 before the first).</summary>
    public int LineNumber { get; private set; }

    /// <summary>Whether some line ended with <c>\r\n</c>.</summary>
    public bool SawCrLf { get; private set; }

    /// <summary>Why reading stopped before the end of the text, once <see cref="Next"/> returned false; null at a normal end.</summary>
    public LogTextProblem? Problem { get; private set; }

    /// <summary>
    /// The next line as <c>Buffer[start, end)</c>; <paramref name="hadTerminator"/> is false for a
    /// last line without its line break. False at the end of the text or at a problem.
    /// </summary>
    [MethodImpl(HotPath.Optimized)]
    public bool Next(out int start, out int end, out bool hadTerminator)
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
                if (_stopMessage is not null)
                {
                    // The line where the text stopped is not returned: its column is where the problem is.
                    Problem ??= new LogTextProblem(_stopKind, _stopMessage, LineNumber + 1, end - start + 1);
                    return false;
                }

                if (start == end) return false;
                _position = _length;
                break;
            }

            int partial = _length - _position;
            if (partial >= MaxLineLength)
            {
                start = end = _position;
                hadTerminator = false;
                Problem ??= new LogTextProblem(LogTextProblemKind.LineTooLong,
                    "Line " + (LineNumber + 1).ToString(CultureInfo.InvariantCulture) + " is " + MaxLineLength.ToString(CultureInfo.InvariantCulture)
                    + " characters long or more without a line break: this is not a training log (rows are a few hundred characters); reading stopped here.",
                    LineNumber + 1, MaxLineLength);
                return false;
            }

            // Move the partial line to the front (growing for long lines) and read more.
            if (partial == _buffer.Length) Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxLineLength));
            if (_position > 0) Array.Copy(_buffer, _position, _buffer, 0, partial);
            _position = 0;
            _length = partial;
            scanFrom = partial;
            int read = _reader.Read(_buffer, _length, _buffer.Length - _length);
            if (read <= 0)
            {
                _eof = true;
                if (_reader is Utf8LogTextReader { Failure: string failure }) Stop(LogTextProblemKind.NotUtf8, failure);
            }
            else
            {
                int forbidden = IndexOfForbidden(_buffer, _length, read);
                if (forbidden >= 0)
                {
                    Stop(LogTextProblemKind.NotUtf8, LogEncoding.DescribeForbidden(_buffer[forbidden]));
                    _length = forbidden;
                    _eof = true;
                }
                else
                {
                    _length += read;
                }
            }
        }

        LineNumber++;
        if (end > start && _buffer[end - 1] == '\r')
        {
            end--;
            SawCrLf = true;
        }

        return true;
    }

    private void Stop(LogTextProblemKind kind, string message)
    {
        _stopKind = kind;
        _stopMessage = message;
    }

    private static int IndexOfForbidden(char[] text, int start, int count)
    {
        // Two vectorized searches beat one scalar loop over every character.
        int nul = Array.IndexOf(text, '\0', start, count);
        int replacement = Array.IndexOf(text, LogEncoding.ReplacementCharacter, start, nul < 0 ? count : nul - start);
        return replacement >= 0 ? replacement : nul;
    }
}
