using System.Globalization;
using System.Text;

namespace AutoHeuristic.Logs;

/// <summary>
/// The one encoding rule for training logs, applied by every reader (CLI, source generator,
/// analyzers): a log is UTF-8 text, with or without a byte order mark. UTF-16 and UTF-32, bytes
/// that are not UTF-8, NUL characters and U+FFFD are refused with the line and column where they
/// start (PyTorch's reader stops with <c>UnicodeDecodeError</c> on such a file; decoding it
/// leniently would merge distinct values such as <c>café</c> and <c>cafè</c> into one).
/// </summary>
/// <remarks>
/// U+FFFD is refused even when it is validly encoded: a compiler host decodes bytes that are not
/// UTF-8 into U+FFFD (Roslyn's fallback on Linux and macOS), so a build-time reader cannot tell
/// the character from a damaged file, and the CLI must give the same verdict.
/// </remarks>
public static class LogEncoding
{
    /// <summary>The replacement character that lenient decoders put in place of bytes that are not UTF-8.</summary>
    public const char ReplacementCharacter = '\uFFFD';

    /// <summary>Why a text is refused: UTF-16/32 or bytes that are not UTF-8 (also in messages of the readers).</summary>
    public const string Rule = "training logs are UTF-8 text, with or without a byte order mark";

    /// <summary>
    /// The end (an index into <paramref name="bytes"/>) of the longest prefix of
    /// <c>bytes[start, start + count)</c> made of complete, valid UTF-8 sequences (overlong forms,
    /// surrogates and code points above U+10FFFF are invalid). <paramref name="invalid"/> is true
    /// when the byte at the returned index starts an invalid sequence; when
    /// <paramref name="isFinal"/> is false, an incomplete sequence at the very end is not invalid
    /// (more bytes may complete it) and is left out of the prefix.
    /// </summary>
    public static int ValidUtf8Prefix(byte[] bytes, int start, int count, bool isFinal, out bool invalid)
    {
        int end = start + count;
        int i = start;
        while (i < end)
        {
            byte b = bytes[i];
            if (b < 0x80)
            {
                i++;
                continue;
            }

            // Unicode's table of well-formed byte sequences: the lead byte fixes the length and the
            // range of the first continuation byte.
            int need;
            byte low = 0x80, high = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) need = 1;
            else if (b == 0xE0) { need = 2; low = 0xA0; }
            else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) need = 2;
            else if (b == 0xED) { need = 2; high = 0x9F; }
            else if (b == 0xF0) { need = 3; low = 0x90; }
            else if (b >= 0xF1 && b <= 0xF3) need = 3;
            else if (b == 0xF4) { need = 3; high = 0x8F; }
            else
            {
                invalid = true;
                return i;
            }

            for (int k = 1; k <= need; k++)
            {
                if (i + k >= end)
                {
                    invalid = isFinal;
                    return i;
                }

                byte c = bytes[i + k];
                if (c < (k == 1 ? low : 0x80) || c > (k == 1 ? high : 0xBF))
                {
                    invalid = true;
                    return i;
                }
            }

            i += need + 1;
        }

        invalid = false;
        return end;
    }

    /// <summary>The name of a UTF-16 or UTF-32 byte order mark at the start of <paramref name="bytes"/>, or null.</summary>
    public static string? ForeignByteOrderMark(byte[] bytes, int count)
    {
        if (count >= 4 && bytes[0] == 0xFF && bytes[1] == 0xFE && bytes[2] == 0 && bytes[3] == 0) return "UTF-32";
        if (count >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0xFE && bytes[3] == 0xFF) return "UTF-32";
        if (count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))) return "UTF-16";
        return null;
    }

    /// <summary>Why <paramref name="c"/>, a character no log may hold (NUL or U+FFFD), is refused.</summary>
    public static string DescribeForbidden(char c) => c == '\0'
        ? "The log holds a NUL character, so it is not UTF-8 text (UTF-16 without a byte order mark, or a binary file?); " + Rule + ". Reading stopped here."
        : "The log holds U+FFFD, the character a decoder writes in place of bytes that are not UTF-8: the file is not valid UTF-8 (distinct values would merge); " + Rule + ". Reading stopped here.";

    /// <summary>The message for bytes that are not UTF-8 at <paramref name="offset"/> (up to four bytes are shown).</summary>
    public static string DescribeInvalidBytes(byte[] bytes, int offset, int end, long fileOffset)
    {
        var sb = new StringBuilder();
        for (int i = offset; i < end && i < offset + 4; i++)
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append("0x").Append(bytes[i].ToString("X2", CultureInfo.InvariantCulture));
        }

        return "The log is not valid UTF-8: the bytes " + sb + " at byte offset " + fileOffset.ToString(CultureInfo.InvariantCulture)
            + " do not form a UTF-8 character; " + Rule + ". Reading stopped here: save the log as UTF-8.";
    }

    /// <summary>The message for a UTF-16 or UTF-32 log.</summary>
    public static string DescribeForeignEncoding(string encodingName) =>
        "The log is " + encodingName + " text; " + Rule + ": save it as UTF-8.";

    /// <summary>
    /// The 1-based line and column (in UTF-16 characters, as editors count) of
    /// <paramref name="offset"/> in <paramref name="bytes"/>, whose bytes before it are valid UTF-8.
    /// </summary>
    public static void Locate(byte[] bytes, int offset, out int line, out int column)
    {
        line = 1;
        column = 1;
        for (int i = 0; i < offset; i++)
        {
            byte b = bytes[i];
            if (b == (byte)'\n')
            {
                line++;
                column = 1;
            }
            else if ((b & 0xC0) != 0x80)
            {
                column += b >= 0xF0 ? 2 : 1; // a four-byte sequence is a surrogate pair
            }
        }
    }

    /// <summary>
    /// Whether text decoded with <paramref name="encoding"/> needs <see cref="CheckDecodedText"/>
    /// (which takes the whole text); false for UTF-8 and for text given as text (null), which a
    /// reader may then read in blocks, never copying it whole.
    /// </summary>
    public static bool IsCheckedAsWhole(Encoding? encoding) => encoding is not null && encoding.CodePage != 65001;

    /// <summary>
    /// Checks a log that a compiler host has already decoded (Roslyn's <c>AdditionalText</c>): null
    /// when it was read as UTF-8 (or given as text, <paramref name="encoding"/> null), else why it
    /// is refused. Roslyn decodes a UTF-16/32 file by its byte order mark, and a file that is not
    /// UTF-8 with a fallback encoding (the ANSI code page on Windows; on other systems it decodes
    /// to U+FFFD, which <see cref="LogLineReader"/> refuses). For any other encoding the bytes are
    /// recovered and checked as UTF-8; when they are valid (an explicit code page over a UTF-8
    /// file), <paramref name="utf8Text"/> is their UTF-8 reading, else the text itself.
    /// </summary>
    public static LogTextProblem? CheckDecodedText(Encoding? encoding, string text, out string utf8Text)
    {
        utf8Text = text;
        if (!IsCheckedAsWhole(encoding)) return null;
        switch (encoding!.CodePage)
        {
            case 1200:
            case 1201:
                return new LogTextProblem(LogTextProblemKind.NotUtf8, DescribeForeignEncoding("UTF-16"), 1, 1);
            case 12000:
            case 12001:
                return new LogTextProblem(LogTextProblemKind.NotUtf8, DescribeForeignEncoding("UTF-32"), 1, 1);
        }

        byte[] bytes;
        try
        {
            bytes = encoding.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            return new LogTextProblem(LogTextProblemKind.NotUtf8,
                "The log was decoded as " + encoding.WebName + " and cannot be turned back into its bytes; " + Rule + ".", 1, 1);
        }

        int valid = ValidUtf8Prefix(bytes, 0, bytes.Length, isFinal: true, out bool invalid);
        if (invalid)
        {
            Locate(bytes, valid, out int line, out int column);
            return new LogTextProblem(LogTextProblemKind.NotUtf8, DescribeInvalidBytes(bytes, valid, bytes.Length, valid), line, column);
        }

        utf8Text = Encoding.UTF8.GetString(bytes);
        return null;
    }
}

/// <summary>What stopped a reader before the end of a log's text.</summary>
public enum LogTextProblemKind
{
    /// <summary>The text is not UTF-8 (UTF-16/32, invalid bytes, NUL, U+FFFD).</summary>
    NotUtf8,

    /// <summary>A line is at least <see cref="LogLineReader.MaxLineLength"/> characters long (not a log, or a damaged one).</summary>
    LineTooLong,
}

/// <summary>Why a log's text cannot be read on, and where (1-based line and column, in characters).</summary>
public sealed class LogTextProblem
{
    /// <summary>Creates the problem.</summary>
    public LogTextProblem(LogTextProblemKind kind, string message, int line, int column)
    {
        Kind = kind;
        Message = message;
        Line = line;
        Column = column;
    }

    /// <summary>What kind of problem.</summary>
    public LogTextProblemKind Kind { get; }

    /// <summary>The full message, naming what is wrong.</summary>
    public string Message { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }
}
