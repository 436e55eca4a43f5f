using System;
using System.Globalization;
using System.IO;
using System.Threading;
using AutoHeuristic;
using AutoHeuristic.Hardware;
using AutoHeuristic.Logs;

namespace AutoHeuristic.Runtime.LogProbe;

/// <summary>
/// Appends rows to one training log, one append per row, as a separate OS process:
/// <c>LogProbe &lt;log&gt; &lt;writer id&gt; &lt;rows&gt; &lt;start-signal file&gt;</c>. It announces itself
/// with <c>&lt;start-signal&gt;.ready.&lt;id&gt;</c> and waits for the start-signal file, so all
/// writers contend at once. <c>LogProbe hold &lt;log&gt; &lt;release file&gt;</c> instead holds the
/// log's exclusive lock, as a writer does, announces it with <c>&lt;release file&gt;.held</c> and
/// lets go when the release file appears (or after 60 s).
/// </summary>
public static class Program
{
    /// <summary>The metadata every probe writes (the test checks for exactly this line).</summary>
    public static LogMetadata Metadata { get; } = new(232448, new DeviceCapability(9, 0), "probe", new[] { "writer", "row" }, new[] { "dtype" });

    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        if (args.Length == 3 && args[0] == "hold") return Hold(args[1], args[2]);
        if (args.Length != 4)
        {
            Console.Error.WriteLine("usage: LogProbe <log> <writer id> <rows> <start-signal file> | LogProbe hold <log> <release file>");
            return 2;
        }

        string log = args[0];
        int writer = int.Parse(args[1], CultureInfo.InvariantCulture);
        int rows = int.Parse(args[2], CultureInfo.InvariantCulture);
        string start = args[3];
        File.WriteAllText(start + ".ready." + writer.ToString(CultureInfo.InvariantCulture), string.Empty);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(start))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) return 3;
            Thread.Sleep(1);
        }

        var log1 = new TrainingLogWriter(log, Metadata, new[] { "writer", "row", "dtype" });
        string id = writer.ToString(CultureInfo.InvariantCulture);
        for (int i = 0; i < rows; i++)
        {
            // Long enough rows that a torn write would show.
            log1.AppendRow(new[] { id, i.ToString(CultureInfo.InvariantCulture), "torch.bfloat16" }, "type=triton_BLOCK-M=64_BLOCK-K=32_BLOCK-N=128_numstages=3_numwarps=4", 0.1 + i);
        }

        return 0;
    }

    // Holds the lock the way TrainingLogWriter takes it (an exclusive open) until released.
    private static int Hold(string log, string release)
    {
        using var held = new FileStream(log, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        File.WriteAllText(release + ".held", string.Empty);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(release))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) return 3;
            Thread.Sleep(5);
        }

        return 0;
    }
}
