using System;
using System.IO;
using System.Linq;
using AutoHeuristic.Cli.Infrastructure;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests.Misuse;

/// <summary><c>merge --output</c> under the output-path policy: never deletes the target first.</summary>
public class MergeOutputTests
{
    private static string B => CliRunner.Fixture("toy_pad_b.txt");

    [Test]
    public void Merging_over_a_folder_is_a_clean_error_and_the_folder_is_untouched()
    {
        var s = new Scratch();
        string folder = s.In("out");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "keep.txt"), "keep");

        var (code, output) = CliRunner.RunUnwrapped("merge", s.Log, B, "--output", folder);

        Assert.That(code, Is.EqualTo(CliErrors.UserError), output);
        Assert.That(output, Does.Contain("--output '" + folder + "' is a folder; give a file path."));
        Assert.That(File.ReadAllText(Path.Combine(folder, "keep.txt")), Is.EqualTo("keep"));
        Assert.That(Directory.GetFileSystemEntries(s.Dir).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "log.txt", "out" }));
    }

    [Test]
    public void A_mismatch_leaves_an_existing_output_as_it_was()
    {
        var s = new Scratch();
        string merged = s.In("merged.txt");
        File.WriteAllText(merged, "previous merge\n");

        var (code, output) = CliRunner.RunUnwrapped("merge", s.Log, CliRunner.Fixture("toy_pad_a100.txt"), "-o", merged);

        Assert.That(code, Is.EqualTo(CliErrors.UserError), output);
        Assert.That(output, Does.Contain("differ"));
        Assert.That(File.ReadAllText(merged), Is.EqualTo("previous merge\n"));
        Assert.That(Directory.GetFiles(s.Dir).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "log.txt", "merged.txt" }));
    }

    [Test]
    public void Merging_into_dev_full_is_a_disk_full_error_and_it_stays_a_device()
    {
        Posix.RequireLinux();
        if (!File.Exists("/dev/full")) Assert.Ignore("No /dev/full here.");
        var s = new Scratch();

        var (code, output) = CliRunner.RunUnwrapped("merge", s.Log, B, "--output", "/dev/full");

        Assert.That(code, Is.EqualTo(CliErrors.UserError), output);
        Assert.That(output, Does.Contain("Could not write --output '/dev/full': the disk is full"));
        Assert.That(FileKinds.Of("/dev/full"), Is.EqualTo(FileKind.Special));
    }

    [Test]
    public void Merging_into_a_link_writes_its_target_and_keeps_the_link()
    {
        Posix.RequireLinux();
        var s = new Scratch();
        Directory.CreateDirectory(s.In("data"));
        string link = s.In("merged.txt");
        File.CreateSymbolicLink(link, Path.Combine("data", "real.txt"));

        var (code, output) = CliRunner.RunUnwrapped("merge", s.Log, B, "--output", link);

        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(Path.Combine("data", "real.txt")));
        string[] lines = File.ReadAllLines(s.In(Path.Combine("data", "real.txt")));
        Assert.That(lines.Length, Is.EqualTo(2 + 600 + 360));
        Assert.That(Directory.GetFiles(s.In("data")).Select(Path.GetFileName), Is.EqualTo(new[] { "real.txt" }));
    }

    [Test]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Replacing_a_merged_file_keeps_its_permissions()
    {
        if (!System.OperatingSystem.IsLinux()) Assert.Ignore("Needs Unix file modes.");
        var s = new Scratch();
        string merged = s.In("merged.txt");
        File.WriteAllText(merged, "old\n");
        File.SetUnixFileMode(merged, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var (code, output) = CliRunner.RunUnwrapped("merge", s.Log, B, "--output", merged);

        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(File.GetUnixFileMode(merged), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead));
        Assert.That(File.ReadAllLines(merged).Length, Is.EqualTo(962));
    }

    [Test]
    public void A_device_or_fifo_log_is_refused_as_merge_input()
    {
        Posix.RequireLinux();
        var s = new Scratch();
        var (code, output) = CliRunner.RunUnwrapped("merge", s.Log, "/dev/zero", "--output", s.In("m.txt"));
        Assert.That(code, Is.EqualTo(CliErrors.UserError), output);
        Assert.That(output, Does.Contain("The log '/dev/zero' is a device, FIFO or socket, not a regular file"));
        Assert.That(File.Exists(s.In("m.txt")), Is.False);
    }

    [Test]
    public void The_library_file_merge_replaces_an_output_only_on_success_and_refuses_a_folder()
    {
        var s = new Scratch();
        string merged = s.In("merged.txt");
        File.WriteAllText(merged, "previous\n");

        Assert.Throws<AutoHeuristic.Learning.Logs.LogMergeException>(() =>
            AutoHeuristic.Learning.Logs.LogMerger.Merge(new[] { s.Log, CliRunner.Fixture("toy_pad_a100.txt") }, merged));
        Assert.That(File.ReadAllText(merged), Is.EqualTo("previous\n"));

        AutoHeuristic.Learning.Logs.LogMerger.Merge(new[] { s.Log, B }, merged);
        Assert.That(File.ReadAllLines(merged).Length, Is.EqualTo(962));
        Assert.That(Directory.GetFiles(s.Dir).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "log.txt", "merged.txt" }));

        Directory.CreateDirectory(s.In("folder"));
        var ex = Assert.Throws<AutoHeuristic.Learning.Logs.LogMergeException>(() =>
            AutoHeuristic.Learning.Logs.LogMerger.Merge(new[] { s.Log }, s.In("folder")));
        Assert.That(ex!.Message, Does.Contain("is a folder"));
    }

    [Test]
    public void The_library_model_save_replaces_a_file_and_refuses_a_folder()
    {
        var s = new Scratch();
        string model = s.In("m.json");
        Assert.That(CliRunner.RunUnwrapped("train", s.Log, "--brief", "--save-model", model).ExitCode, Is.EqualTo(0));
        var models = AutoHeuristic.Learning.Model.ModelFile.Load(model);
        string copy = s.In("copy.json");
        File.WriteAllText(copy, "old");

        AutoHeuristic.Learning.Model.ModelFile.Save(copy, models);

        Assert.That(File.ReadAllText(copy), Is.EqualTo(File.ReadAllText(model)));
        Assert.That(Directory.GetFiles(s.Dir).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "copy.json", "log.txt", "m.json" }));
        Directory.CreateDirectory(s.In("folder"));
        var ex = Assert.Throws<IOException>(() => AutoHeuristic.Learning.Model.ModelFile.Save(s.In("folder"), models));
        Assert.That(ex!.Message, Does.Contain("is a folder"));
    }
}
