using System.IO;

namespace AutoHeuristic.Cli.FanOut;

/// <summary>Small, format-agnostic operations on a shard's training log.</summary>
public static class ShardLogFile
{
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
}
