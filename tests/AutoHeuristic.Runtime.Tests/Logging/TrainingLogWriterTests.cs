using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using AutoHeuristic.Features;
using AutoHeuristic.Formatting;
using AutoHeuristic.Hardware;
using AutoHeuristic.Logs;
using AutoHeuristic.Tests.Shared;
using AutoHeuristic.Tests.Support;
using NUnit.Framework;

namespace AutoHeuristic.Tests.Logging;

public sealed class TrainingLogWriterTests
{
    private static string Fixture(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", name);

    [Test]
    public void Writes_a_pytorch_log_byte_for_byte()
    {
        // Fixtures/pytorch_h100_mm_excerpt.txt: the first lines (and an inf row) of PyTorch's h100_mm.txt.
        byte[] original = File.ReadAllBytes(Fixture("pytorch_h100_mm_excerpt.txt"));
        string[] lines = Encoding.UTF8.GetString(original).TrimEnd('\n').Split('\n');
        LogMetadata metadata = LogMetadata.Parse(lines[0]);
        string[] header = LogFormat.SplitCells(lines[1]);

        using var temp = new TempFolder();
        string path = temp.File("mm.txt");
        foreach (string line in lines.Skip(2))
        {
            string[] cells = LogFormat.SplitCells(line);
            // Rebuild the context as instrumented code would: typed values, categorical flags from the metadata.
            var context = new AHContext();
            for (int i = 0; i < header.Length - 2; i++)
            {
                context.AddFeature(header[i], FeatureValue.Parse(cells[i]), metadata.IsCategorical(header[i]));
            }

            var writer = TrainingLogWriter.ForContext(path, metadata.Name, metadata.Hardware, context);
            Assert.That(PythonFormat.TryParseFloat(cells[^1], out double feedback), Is.True);
            writer.AppendRows(context, new[] { new ChoiceFeedback(cells[^2], feedback) });
        }

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(original));
    }

    [Test]
    public void Our_log_reads_back_with_the_same_metadata_and_rows()
    {
        using var temp = new TempFolder();
        string path = temp.File("pad_mm.txt");
        AHContext context = Context.PadMmContexts.Create(m: 1000, k: 3000, n: 500, dtype: "torch.bfloat16");
        context.AddFeature("ratio", 1e-05);
        var writer = TrainingLogWriter.ForContext(path, "pad_mm", HardwareKey.A100, context);
        writer.AppendRows(context, new[] { new ChoiceFeedback("orig", 0.125), new ChoiceFeedback("pad", double.PositiveInfinity) });

        string[] lines = File.ReadAllLines(path);
        LogMetadata read = LogMetadata.Parse(lines[0]);
        Assert.That(read.SameAs(writer.Metadata), Is.True);
        Assert.That(read.Hardware, Is.EqualTo(HardwareKey.A100));
        var (numerical, categorical) = context.GetNumericalAndCategoricalFeatures();
        Assert.That(read.NumericalFeatures, Is.EqualTo(numerical));
        Assert.That(read.CategoricalFeatures, Is.EqualTo(categorical));
        string[] columns = LogFormat.SplitCells(lines[1]);
        Assert.That(columns[^2..], Is.EqualTo(new[] { "choice", "feedback" }));
        Assert.That(lines, Has.Length.EqualTo(4));
        for (int row = 0; row < 2; row++)
        {
            string[] cells = LogFormat.SplitCells(lines[2 + row]);
            Assert.That(cells, Has.Length.EqualTo(columns.Length));
            for (int i = 0; i < context.Count; i++)
            {
                Assert.That(FeatureValue.Parse(cells[i]), Is.EqualTo(context.Features[i].Value), $"column {columns[i]}");
            }
        }

        Assert.That(lines[2], Does.EndWith(",1e-05,orig,0.125"));
        Assert.That(lines[3], Does.EndWith(",pad,inf"));
    }

    [Test]
    public void Metadata_mismatch_throws_showing_both_lines()
    {
        using var temp = new TempFolder();
        string path = temp.File("log.txt");
        var a100 = new TrainingLogWriter(path, new LogMetadata(166912, new DeviceCapability(8, 0), "x", new[] { "m" }, Array.Empty<string>()), new[] { "m" });
        a100.AppendRow(new[] { "1" }, "a", 1.0);
        var h100 = new TrainingLogWriter(path, new LogMetadata(232448, new DeviceCapability(9, 0), "x", new[] { "m" }, Array.Empty<string>()), new[] { "m" });
        var ex = Assert.Throws<InconsistentMetadataException>(() => h100.AppendRow(new[] { "1" }, "a", 1.0));
        Assert.That(ex!.Message, Does.Contain(a100.MetadataLine).And.Contain(h100.MetadataLine));
        Assert.That(ex.Line, Is.EqualTo(1));
        Assert.That(File.ReadAllLines(path), Has.Length.EqualTo(3), "nothing appended");
    }

    [Test]
    public void Header_mismatch_throws_showing_both_lines()
    {
        using var temp = new TempFolder();
        string path = temp.File("log.txt");
        var meta = new LogMetadata(0, default, "x", new[] { "m", "k" }, Array.Empty<string>());
        new TrainingLogWriter(path, meta, new[] { "m", "k" }).AppendRow(new[] { "1", "2" }, "a", 1.0);
        var swapped = new TrainingLogWriter(path, meta, new[] { "k", "m" });
        var ex = Assert.Throws<InconsistentMetadataException>(() => swapped.AppendRow(new[] { "2", "1" }, "a", 1.0));
        Assert.That(ex!.Line, Is.EqualTo(2));
        Assert.That(ex.Message, Does.Contain("m,k,choice,feedback").And.Contain("k,m,choice,feedback"));
    }

    [Test]
    public void Existing_file_with_the_same_metadata_in_an_older_key_order_is_accepted()
    {
        using var temp = new TempFolder();
        string path = temp.File("log.txt");
        File.WriteAllText(path,
            "{\"numerical_features\": [\"m\"], \"categorical_features\": [], \"choices\": [\"orig\", \"pad\"], \"shared_memory\": 166912, \"device_capa\": [8, 0], \"name\": \"pad_mm\"}\n"
            + "m,choice,feedback\n7,orig,1.0\n");
        var writer = new TrainingLogWriter(path, new LogMetadata(166912, new DeviceCapability(8, 0), "pad_mm", new[] { "m" }, Array.Empty<string>()), new[] { "m" });
        writer.AppendRow(new[] { "8" }, "pad", 2.0);
        Assert.That(File.ReadAllLines(path)[^1], Is.EqualTo("8,pad,2.0"));
    }

    [Test]
    public void A_torn_last_line_is_removed_before_the_next_row_and_reported()
    {
        using var temp = new TempFolder();
        string path = temp.File("log.txt");
        string name = Names.Unique("torn");
        using var watch = new LogFaultWatch(name);
        var writer = new TrainingLogWriter(path, new LogMetadata(0, default, name, new[] { "m" }, Array.Empty<string>()), new[] { "m" });
        writer.AppendRow(new[] { "1" }, "a", 1.0);
        writer.AppendRow(new[] { "2" }, "b", 2.0);
        File.AppendAllText(path, "3,c,0."); // a writer that died mid-row: with a line break it would read as 0.0 ms
        writer.AppendRow(new[] { "4" }, "d", 4.0);

        Assert.That(File.ReadAllLines(path)[2..], Is.EqualTo(new[] { "1,a,1.0", "2,b,2.0", "4,d,4.0" }), "fragment gone, complete rows kept");
        Assert.That(watch.Counters.TornTailsTrimmed, Is.EqualTo(1));
        Assert.That(watch.Counters.LogFaults, Is.Zero, "a repaired tail is not a failed append");
        Assert.That(watch.Faults, Has.Count.EqualTo(1));
        Assert.That(watch.Faults[0].Kind, Is.EqualTo(LogFaultKind.TornTailTrimmed));
        Assert.That(watch.Faults[0].Message, Is.EqualTo($"Removed the incomplete last line of the training log '{path}' (6 bytes: '3,c,0.'); "
                                                       + "a writer died or the disk filled up mid-row. Complete rows are kept."));
        Assert.That(watch.Warnings, Is.Empty);
    }

    [Test]
    public void A_log_whose_first_write_was_cut_short_is_completed()
    {
        using var temp = new TempFolder();
        string path = temp.File("log.txt");
        var metadata = new LogMetadata(0, default, Names.Unique("start"), new[] { "m" }, Array.Empty<string>());
        var writer = new TrainingLogWriter(path, metadata, new[] { "m" });
        File.WriteAllText(path, writer.MetadataLine + "\nm,cho"); // died inside the header
        writer.AppendRow(new[] { "1" }, "a", 1.0);
        Assert.That(File.ReadAllText(path), Is.EqualTo(writer.MetadataLine + "\nm,choice,feedback\n1,a,1.0\n"));
    }

    [Test]
    public void A_foreign_log_with_a_torn_tail_is_left_as_it_is()
    {
        using var temp = new TempFolder();
        string path = temp.File("log.txt");
        const string foreign = "{\"shared_memory\": 1, \"device_capa\": [8, 0], \"name\": \"other\", \"numerical_features\": [\"m\"], \"categorical_features\": []}\nm,choice,feedback\n1,a,1.0\n2,b";
        File.WriteAllText(path, foreign);
        var writer = new TrainingLogWriter(path, new LogMetadata(0, default, Names.Unique("mine"), new[] { "m" }, Array.Empty<string>()), new[] { "m" });
        var ex = Assert.Throws<InconsistentMetadataException>(() => writer.AppendRow(new[] { "3" }, "c", 3.0));
        Assert.That(ex!.Line, Is.EqualTo(1));
        Assert.That(File.ReadAllText(path), Is.EqualTo(foreign));
    }

    [TestCase(double.NaN, "NaN is not a time (a failed run is written as inf)")]
    [TestCase(-0.5, "a time cannot be negative (-0.5 ms)")]
    [TestCase(double.NegativeInfinity, "-inf is not a time (a failed run is written as inf)")]
    public void Feedback_that_is_no_time_is_refused_naming_the_choice_and_value(double feedback, string problem)
    {
        using var temp = new TempFolder();
        string path = temp.File("log.txt");
        var writer = new TrainingLogWriter(path, new LogMetadata(0, default, "x", new[] { "m" }, Array.Empty<string>()), new[] { "m" });
        writer.AppendRow(new[] { "1" }, "a", 1.0);
        var ex = Assert.Throws<ArgumentException>(() => writer.AppendRows(new[] { "2" }, new[] { new ChoiceFeedback("a", 2.0), new ChoiceFeedback("b", feedback) }));
        Assert.That(ex!.Message, Does.StartWith($"The feedback of choice 'b' cannot go into the training log '{path}': {problem}."));
        Assert.That(File.ReadAllLines(path)[2..], Is.EqualTo(new[] { "1,a,1.0" }), "the whole batch is refused");
    }

    [Test]
    public void A_failed_run_is_written_as_inf()
    {
        using var temp = new TempFolder();
        string path = temp.File("log.txt");
        var writer = new TrainingLogWriter(path, new LogMetadata(0, default, "x", new[] { "m" }, Array.Empty<string>()), new[] { "m" });
        writer.AppendRows(new[] { "1" }, new[] { new ChoiceFeedback("a", double.PositiveInfinity), new ChoiceFeedback("b", 0.0) });
        Assert.That(File.ReadAllLines(path)[2..], Is.EqualTo(new[] { "1,a,inf", "1,b,0.0" }));
    }

    [Test]
    public void Wrong_row_width_and_unsafe_cells_are_rejected()
    {
        using var temp = new TempFolder();
        var writer = new TrainingLogWriter(temp.File("log.txt"), new LogMetadata(0, default, "x", new[] { "m" }, Array.Empty<string>()), new[] { "m" });
        Assert.Throws<ArgumentException>(() => writer.AppendRow(new[] { "1", "2" }, "a", 1.0));
        var ex = Assert.Throws<ArgumentException>(() => writer.AppendRow(new[] { "1" }, "a,b", 1.0));
        Assert.That(ex!.Message, Does.Contain("a,b"));
        Assert.That(File.Exists(temp.File("log.txt")), Is.False);
    }

    [Test]
    public void Threads_writing_one_file_leave_one_header_and_whole_rows()
    {
        using var temp = new TempFolder();
        string path = temp.File("threads.txt");
        const int threads = 8, rows = 200;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var writer = new TrainingLogWriter(path, Runtime.LogProbe.Program.Metadata, new[] { "writer", "row", "dtype" });
            for (int i = 0; i < rows; i++) writer.AppendRow(new[] { t.ToString(CultureInfo.InvariantCulture), i.ToString(CultureInfo.InvariantCulture), "torch.bfloat16" }, "choice_x", 0.5);
        });
        CheckConcurrentLog(path, threads, rows, "choice_x", i => "0.5");
    }

    [Test]
    public void Processes_writing_one_file_leave_one_metadata_line_one_header_and_whole_rows()
    {
        const int processes = 8, rows = 500;
        using var temp = new TempFolder();
        string path = temp.File("processes.txt");
        string start = temp.File("go");
        var started = new List<Process>();
        try
        {
            for (int p = 0; p < processes; p++)
            {
                started.Add(LogProbeProcess.Start(path, p.ToString(CultureInfo.InvariantCulture), rows.ToString(CultureInfo.InvariantCulture), start));
            }

            // Release all writers at once, once each has started.
            var clock = Stopwatch.StartNew();
            while (Directory.GetFiles(temp.Path, "go.ready.*").Length < processes)
            {
                Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(90)), "the probe processes did not start");
                Assert.That(started.Any(pr => pr.HasExited), Is.False, () => "a probe exited early: " + string.Join("\n", started.Where(pr => pr.HasExited).Select(pr => pr.StandardError.ReadToEnd())));
                System.Threading.Thread.Sleep(10);
            }

            File.WriteAllText(start, string.Empty);
            foreach (Process process in started)
            {
                Assert.That(process.WaitForExit(120_000), Is.True, "a probe did not finish");
                Assert.That(process.ExitCode, Is.Zero, process.StandardError.ReadToEnd());
            }
        }
        finally
        {
            foreach (Process process in started)
            {
                if (!process.HasExited) process.Kill();
                process.Dispose();
            }
        }

        CheckConcurrentLog(path, processes, rows, "type=triton_BLOCK-M=64_BLOCK-K=32_BLOCK-N=128_numstages=3_numwarps=4",
            i => AutoHeuristic.Formatting.PythonFormat.Str(0.1 + i));
    }

    [Test]
    public void A_writer_killed_mid_run_leaves_whole_rows_and_releases_the_lock()
    {
        using var temp = new TempFolder();
        string path = temp.File("killed.txt");
        string start = temp.File("go");
        File.WriteAllText(start, string.Empty); // no waiting for a start signal
        using (Process probe = LogProbeProcess.Start(path, "0", "100000000", start))
        {
            try
            {
                var clock = Stopwatch.StartNew();
                while (!File.Exists(path) || new FileInfo(path).Length < 50_000)
                {
                    Assert.That(probe.HasExited, Is.False, () => "the probe exited early: " + probe.StandardError.ReadToEnd());
                    Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(90)), "the probe wrote nothing");
                    System.Threading.Thread.Sleep(5);
                }
            }
            finally
            {
                probe.Kill(); // SIGKILL on Unix: no chance to finish a row or release anything
                probe.WaitForExit();
            }
        }

        var writer = new TrainingLogWriter(path, Runtime.LogProbe.Program.Metadata, new[] { "writer", "row", "dtype" }) { LockTimeout = TimeSpan.FromSeconds(30) };
        writer.AppendRow(new[] { "9", "0", "torch.bfloat16" }, "after_kill", 1.0);

        string[] lines = File.ReadAllText(path).Split('\n');
        Assert.That(lines[^1], Is.Empty, "the file ends with a line break");
        Assert.That(lines[^2], Is.EqualTo("9,0,torch.bfloat16,after_kill,1.0"));
        string[] probeRows = lines[2..^2];
        Assert.That(probeRows, Is.Not.Empty);
        for (int i = 0; i < probeRows.Length; i++)
        {
            Assert.That(probeRows[i], Is.EqualTo($"0,{i},torch.bfloat16,type=triton_BLOCK-M=64_BLOCK-K=32_BLOCK-N=128_numstages=3_numwarps=4,{PythonFormat.Str(0.1 + i)}"));
        }
    }

    private static void CheckConcurrentLog(string path, int writers, int rows, string choice, Func<int, string> feedback)
    {
        string text = File.ReadAllText(path);
        Assert.That(text, Does.EndWith("\n"));
        string[] lines = text.TrimEnd('\n').Split('\n');
        string metadataLine = Runtime.LogProbe.Program.Metadata.ToJson();
        Assert.That(lines.Count(l => l == metadataLine), Is.EqualTo(1), "exactly one metadata line");
        Assert.That(lines.Count(l => l == "writer,row,dtype,choice,feedback"), Is.EqualTo(1), "exactly one header");
        Assert.That(lines[0], Is.EqualTo(metadataLine));
        Assert.That(lines[1], Is.EqualTo("writer,row,dtype,choice,feedback"));
        Assert.That(lines.Length - 2, Is.EqualTo(writers * rows));
        var seen = new HashSet<(int, int)>();
        foreach (string line in lines.Skip(2))
        {
            string[] cells = line.Split(',');
            Assert.That(cells, Has.Length.EqualTo(5), line);
            int w = int.Parse(cells[0], CultureInfo.InvariantCulture), i = int.Parse(cells[1], CultureInfo.InvariantCulture);
            Assert.That(cells[2..], Is.EqualTo(new[] { "torch.bfloat16", choice, feedback(i) }), line);
            Assert.That(seen.Add((w, i)), Is.True, "duplicate row " + line);
        }

        Assert.That(seen, Has.Count.EqualTo(writers * rows));
    }
}
