using System;
using System.IO;

namespace AutoHeuristic.Cuda.Collection;

/// <summary>
/// Repairs the end of a training log before a collection continues it. Both resume paths use it:
/// <c>collect --resume</c> (through <see cref="ExistingRows.ReadForResume"/>) and the multi-GPU
/// fan-out before it restarts a shard.
/// </summary>
public static class LogTail
{
    /// <summary>
    /// Cuts a final line that has no line break (a collector killed mid-write) so the next run
    /// appends to whole lines only; otherwise the log writer would keep the fragment as a row of
    /// its own. Returns the number of bytes removed (0 when the file is whole or missing).
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
            int count = (int)Math.Min(buffer.Length, end);
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
