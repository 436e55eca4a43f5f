using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using AutoHeuristic.Hardware;
using AutoHeuristic.Logs;
using AutoHeuristic.Tests.Shared;
using AutoHeuristic.Tests.Support;
using NUnit.Framework;

namespace AutoHeuristic.Tests.Logging;

/// <summary>
/// Real file-system faults under <see cref="TrainingLogWriter"/>: each gives a <see cref="TrainingLogException"/>
/// whose kind and message name the real cause, and leaves complete rows as they were.
/// </summary>
public sealed class TrainingLogFaultTests
{
    private static TrainingLogWriter Writer(string path) =>
        new(path, new LogMetadata(0, default, "faults", new[] { "m" }, Array.Empty<string>()), new[] { "m" });

    private static TrainingLogException AppendFails(TrainingLogWriter writer) =>
        Assert.Throws<TrainingLogException>(() => writer.AppendRow(new[] { "1" }, "a", 1.0))!;

    [Test]
    public void A_directory_where_the_log_should_be_is_named_as_such()
    {
        using var temp = new TempFolder();
        string path = temp.File("log.txt");
        Directory.CreateDirectory(path);
        TrainingLogException ex = AppendFails(Writer(path));
        Assert.That(ex.Kind, Is.EqualTo(LogFaultKind.PathIsDirectory));
        Assert.That(ex.Message, Is.EqualTo($"Could not write the training log '{path}': '{path}' is a directory, not a log file."));
        Assert.That(ex.InnerException, Is.Not.Null);
    }

    [TestCase("log.txt")]
    [TestCase("sub/log.txt")]
    [TestCase("sub/deeper/log.txt")]
    public void A_file_in_the_middle_of_the_path_is_named_as_such(string below)
    {
        using var temp = new TempFolder();
        string file = temp.File("plain");
        File.WriteAllText(file, "not a folder");
        string path = Path.Combine(file, below);
        TrainingLogException ex = AppendFails(Writer(path));
        Assert.That(ex.Kind, Is.EqualTo(LogFaultKind.PathThroughFile));
        Assert.That(ex.Message, Is.EqualTo($"Could not write the training log '{path}': '{file}' in the path is a file, not a directory."));
        Assert.That(File.ReadAllText(file), Is.EqualTo("not a folder"));
    }

    [Test]
    public void A_full_device_gives_disk_full()
    {
        // /dev/full takes the open and fails every write with ENOSPC, like a full disk.
        if (!File.Exists("/dev/full")) Assert.Ignore("/dev/full exists on Linux only.");
        using var temp = new TempFolder();
        string path = temp.File("log.txt");
        File.CreateSymbolicLink(path, "/dev/full");
        TrainingLogException ex = AppendFails(Writer(path));
        Assert.That(ex.Kind, Is.EqualTo(LogFaultKind.DiskFull));
        Assert.That(ex.Message, Is.EqualTo($"Could not write the training log '{path}': the disk is full (or the disk quota is used up)."));
        Assert.That(ex.InnerException!.HResult, Is.EqualTo(28), "ENOSPC");
    }

    [Test]
    public void A_disk_that_fills_up_mid_write_keeps_the_complete_rows_and_no_fragment()
    {
        using var temp = new TempFolder();
        string mount = temp.File("small");
        using (FileSystemFaults.MountTmpfs(mount, "size=64k"))
        {
            string path = Path.Combine(mount, "log.txt");
            TrainingLogWriter writer = Writer(path);
            for (int i = 0; i < 5; i++) writer.AppendRow(new[] { i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "a", 1.0);
            byte[] before = File.ReadAllBytes(path);
            FillUp(Path.Combine(mount, "filler"));

            // The log's last page still has room for part of this batch: the write starts, then hits ENOSPC.
            var rows = Enumerable.Range(0, 400).Select(i => new ChoiceFeedback("choice_" + i, 2.0)).ToArray();
            var ex = Assert.Throws<TrainingLogException>(() => writer.AppendRows(new[] { "9" }, rows))!;
            Assert.That(ex.Kind, Is.EqualTo(LogFaultKind.DiskFull));
            Assert.That(ex.Message, Does.EndWith(": the disk is full (or the disk quota is used up)."));
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(before), "the part written before the disk filled up is cut again");
        }
    }

    [Test]
    public void A_read_only_file_system_is_named_as_such()
    {
        using var temp = new TempFolder();
        string mount = temp.File("ro");
        using (FileSystemFaults.MountTmpfs(mount, "size=64k,ro"))
        {
            string path = Path.Combine(mount, "autoheuristic", "log.txt");
            TrainingLogException ex = AppendFails(Writer(path));
            Assert.That(ex.Kind, Is.EqualTo(LogFaultKind.ReadOnlyFileSystem));
            Assert.That(ex.Message, Is.EqualTo($"Could not write the training log '{path}': the file system is read-only."));
        }
    }

    [Test]
    public void A_folder_this_process_may_not_write_gives_permission_denied()
    {
        using var temp = new TempFolder();
        string folder = temp.File("locked");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "log.txt");
        using (FileSystemFaults.DenyWrites(folder))
        {
            TrainingLogException ex = AppendFails(Writer(path));
            Assert.That(ex.Kind, Is.EqualTo(LogFaultKind.PermissionDenied));
            Assert.That(ex.Message, Is.EqualTo($"Could not write the training log '{path}': permission denied (this process may not create or write the file or its folder)."));
        }

        Assert.That(File.Exists(path), Is.False);
    }

    [Test]
    public void A_lock_held_past_the_timeout_gives_lock_timeout()
    {
        using var temp = new TempFolder();
        string path = temp.File("log.txt");
        TrainingLogWriter writer = Writer(path);
        writer.AppendRow(new[] { "1" }, "a", 1.0);
        writer.LockTimeout = TimeSpan.FromSeconds(0.2);

        // .NET's exclusive open is a flock on the open file, so it excludes this process's own writers too.
        using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            TrainingLogException ex = AppendFails(writer);
            Assert.That(ex.Kind, Is.EqualTo(LogFaultKind.LockTimeout));
            Assert.That(ex.Message, Is.EqualTo($"Could not write the training log '{path}': another writer held the log for more than 0.2 s."));
        }

        writer.AppendRow(new[] { "2" }, "b", 2.0);
        Assert.That(File.ReadAllLines(path)[2..], Is.EqualTo(new[] { "1,a,1.0", "2,b,2.0" }));
    }

    [Test]
    public void A_lock_held_by_another_process_is_waited_for_only_up_to_the_timeout()
    {
        using var temp = new TempFolder();
        string path = temp.File("log.txt");
        string release = temp.File("release");
        TrainingLogWriter writer = Writer(path);
        writer.LockTimeout = TimeSpan.Zero;
        using Process holder = LogProbeProcess.Start("hold", path, release);
        try
        {
            LogProbeProcess.WaitForFile(holder, release + ".held");
            TrainingLogException ex = AppendFails(writer);
            Assert.That(ex.Kind, Is.EqualTo(LogFaultKind.LockTimeout));
            Assert.That(ex.Message, Does.EndWith(": another writer held the log for more than 0 s."));
        }
        finally
        {
            File.WriteAllText(release, string.Empty);
            if (!holder.WaitForExit(60_000)) holder.Kill();
        }

        Assert.That(holder.ExitCode, Is.Zero, holder.StandardError.ReadToEnd());
        writer.AppendRow(new[] { "1" }, "a", 1.0);
        Assert.That(File.ReadAllLines(path)[^1], Is.EqualTo("1,a,1.0"));
    }

    // Writes page-sized blocks until the file system refuses the next one.
    private static void FillUp(string filler)
    {
        var block = new byte[4096];
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            while (true) stream.Write(block);
        }
        catch (IOException)
        {
            // full
        }
    }
}
