using System;
using System.IO;
using System.Text;

namespace AutoHeuristic;

/// <summary>
/// Removes a torn last line from a training log: the bytes after the last line break, left by a
/// writer that died or ran out of disk mid-row. Appending after such a fragment would turn it into
/// a normal-looking row with a wrong value (<c>2,b,0.1</c> torn to <c>2,b,0.</c>), so every
/// continuation of a log goes through here: <see cref="TrainingLogWriter"/> before each append
/// (under its exclusive lock) and the collectors' resume. Complete lines are never touched.
/// </summary>
public static class TrainingLogTail
{
    private const int PreviewLength = 80;

    /// <summary>
    /// Cuts the torn last line of <paramref name="path"/>, opening it exclusively. Returns the
    /// number of bytes removed (0 when the file ends with a line break, is empty or is missing).
    /// </summary>
    public static long TrimTornLine(string path)
    {
        if (!File.Exists(path)) return 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        return TrimTornLine(stream);
    }

    /// <summary>
    /// Cuts the torn last line of an open, seekable, writable <paramref name="stream"/>. Returns the
    /// number of bytes removed; the position is left at the new end.
    /// </summary>
    public static long TrimTornLine(FileStream stream) => TrimTornLine(stream, out _);

    /// <summary>As <see cref="TrimTornLine(FileStream)"/>; <paramref name="fragment"/> is the start of the removed text (for reports).</summary>
    internal static long TrimTornLine(FileStream stream, out string fragment)
    {
        if (stream is null) throw new ArgumentNullException(nameof(stream));
        fragment = string.Empty;
        long length = stream.Length;
        if (length == 0 || EndsWithLineBreak(stream, length)) return 0;

        // Walk back to the last line break in blocks; a torn line is short, so this stays cheap.
        var buffer = new byte[4096];
        long end = length, keep = 0;
        while (end > 0)
        {
            int count = (int)Math.Min(buffer.Length, end);
            stream.Position = end - count;
            stream.ReadExactly(buffer, 0, count);
            int lineBreak = Array.LastIndexOf(buffer, (byte)'\n', count - 1, count);
            if (lineBreak >= 0)
            {
                keep = end - count + lineBreak + 1;
                break;
            }

            end -= count;
        }

        fragment = Preview(stream, keep, length);
        stream.SetLength(keep);
        stream.Position = keep;
        return length - keep;
    }

    private static bool EndsWithLineBreak(FileStream stream, long length)
    {
        stream.Position = length - 1;
        return stream.ReadByte() == '\n';
    }

    private static string Preview(FileStream stream, long start, long end)
    {
        var bytes = new byte[(int)Math.Min(PreviewLength, end - start)];
        stream.Position = start;
        stream.ReadExactly(bytes, 0, bytes.Length);
        string text = Encoding.UTF8.GetString(bytes);
        return end - start > PreviewLength ? text + "…" : text;
    }
}
