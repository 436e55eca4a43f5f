using System;
using System.IO;
using System.Text;

namespace AutoHeuristic.Logs;

/// <summary>
/// Decodes a log file's bytes as strict UTF-8 (see <see cref="LogEncoding"/>), streaming: at the
/// first byte that is not UTF-8, or at a UTF-16/UTF-32 byte order mark, it ends the text there and
/// sets <see cref="Failure"/>, so the reader reports the line and column where the text stopped
/// instead of decoding garbage. A UTF-8 byte order mark is passed on as U+FEFF.
/// </summary>
public sealed class Utf8LogTextReader : TextReader
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte[] _bytes;
    private readonly char[] _chars;
    private int _carry;        // undecoded bytes at the start of _bytes (an incomplete sequence)
    private int _charPosition;
    private int _charLength;
    private long _consumed;    // file offset of _bytes[0]
    private bool _started;
    private bool _done;

    /// <summary>Reads <paramref name="stream"/> from its current position.</summary>
    public Utf8LogTextReader(Stream stream, int bufferSize = 1 << 16, bool leaveOpen = false)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _leaveOpen = leaveOpen;
        _bytes = new byte[Math.Max(16, bufferSize)];
        _chars = new char[_bytes.Length];
    }

    /// <summary>Why the text ended early (bytes that are not UTF-8, a UTF-16/32 file), or null.</summary>
    public string? Failure { get; private set; }

    /// <inheritdoc />
    public override int Read(char[] buffer, int index, int count)
    {
        while (_charPosition == _charLength)
        {
            if (_done) return 0;
            Fill();
        }

        int n = Math.Min(count, _charLength - _charPosition);
        Array.Copy(_chars, _charPosition, buffer, index, n);
        _charPosition += n;
        return n;
    }

    /// <inheritdoc />
    public override int Peek() => -1; // not needed by the log readers; avoids a second buffer

    /// <inheritdoc />
    public override int Read()
    {
        var one = new char[1];
        return Read(one, 0, 1) == 1 ? one[0] : -1;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen) _stream.Dispose();
        base.Dispose(disposing);
    }

    private void Fill()
    {
        int got = _stream.Read(_bytes, _carry, _bytes.Length - _carry);
        bool isFinal = got <= 0;
        int total = _carry + Math.Max(0, got);
        if (!_started && (total >= 4 || isFinal))
        {
            _started = true;
            string? foreign = LogEncoding.ForeignByteOrderMark(_bytes, total);
            if (foreign is not null)
            {
                Failure = LogEncoding.DescribeForeignEncoding(foreign);
                _done = true;
                return;
            }
        }
        else if (!_started)
        {
            _carry = total; // too few bytes yet to see a byte order mark
            return;
        }

        // The framework's strict decoder is fast and validates; an incomplete sequence at the end of
        // the chunk waits for the next one. Only when it refuses does the scan below find where.
        int complete = isFinal ? total : total - IncompleteTail(_bytes, total);
        int valid = complete;
        bool invalid = false;
        try
        {
            _charLength = Strict.GetChars(_bytes, 0, complete, _chars, 0);
        }
        catch (DecoderFallbackException)
        {
            valid = LogEncoding.ValidUtf8Prefix(_bytes, 0, total, isFinal, out invalid);
            _charLength = Encoding.UTF8.GetChars(_bytes, 0, valid, _chars, 0);
        }

        _charPosition = 0;
        if (invalid)
        {
            Failure = LogEncoding.DescribeInvalidBytes(_bytes, valid, total, _consumed + valid);
            _done = true;
            return;
        }

        _carry = total - valid;
        Array.Copy(_bytes, valid, _bytes, 0, _carry);
        _consumed += valid;
        if (isFinal) _done = true; // an incomplete tail at the end is invalid, so _carry is 0 here
    }

    // How many bytes at the end of bytes[0, count) start a sequence that is not complete yet (0–3).
    private static int IncompleteTail(byte[] bytes, int count)
    {
        for (int back = 1; back <= 3 && back <= count; back++)
        {
            byte b = bytes[count - back];
            if ((b & 0xC0) == 0x80) continue; // a continuation byte: look further back
            int length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return length > back ? back : 0;
        }

        return 0;
    }
}
