using System.IO;

namespace AutoHeuristic.Cli.FanOut;

/// <summary>Small, format-agnostic operations on a shard's training log.</summary>
public static class ShardLogFile
{
    /// <summary>
    /// Cuts a final line that has no line break (a worker killed mid-write) so the next worker
    /// appends to whole lines only. Returns the number of bytes removed (0 when the file is whole
    /// or missing).
    /// </summary>
    public static long TrimPartialLastLine(string path)
    {
        if (!File.Exists(path)) return 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        long length = stream.Length;
        if (length == 0) return 0;
        stream.Position = length - 1;
        if (stream.ReadByte() == '\n') return 0;

        // Walk back to the last line break in blocks; a partial line is short, so this stays cheap.
        var buffer = new byte[4096];
        long end = length;
        while (end > 0)
        {
            int count = (int)System.Math.Min(buffer.Length, end);
            stream.Position = end - count;
            ReadExactly(stream, buffer, count);
            for (int i = count - 1; i >= 0; i--)
            {
                if (buffer[i] == '\n')
                {
                    long keep = end - count + i + 1;
                    stream.SetLength(keep);
                    return length - keep;
                }
            }

            end -= count;
        }

        stream.SetLength(0);
        return length;
    }

    /// <summary>Counts the line breaks in <paramref name="path"/> from byte <paramref name="offset"/> on and moves the offset to the end; used to follow a growing log cheaply.</summary>
    public static long CountNewLines(string path, ref long offset)
    {
        if (!File.Exists(path)) return 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length < offset) offset = 0; // replaced or truncated underneath us
        stream.Position = offset;
        var buffer = new byte[65536];
        long lines = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (int i = 0; i < read; i++)
            {
                if (buffer[i] == '\n') lines++;
            }

            offset += read;
        }

        return lines;
    }

    /// <summary>Data rows of a log: its complete lines minus the metadata line and the header (never negative).</summary>
    public static long CountDataRows(string path)
    {
        long offset = 0;
        long lines = CountNewLines(path, ref offset);
        return lines > 2 ? lines - 2 : 0;
    }

    private static void ReadExactly(Stream stream, byte[] buffer, int count)
    {
        int done = 0;
        while (done < count)
        {
            int n = stream.Read(buffer, done, count - done);
            if (n == 0) throw new EndOfStreamException();
            done += n;
        }
    }
}
