using System.IO;
using AutoHeuristic.Cli.Infrastructure;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests.Misuse;

/// <summary>Inputs must be regular files (<see cref="InputFiles"/>): devices and FIFOs are refused, not read without end.</summary>
public class InputFileTests
{
    [TestCase("inspect")]
    [TestCase("train")]
    public void Dev_zero_is_refused_with_a_clear_message(string command)
    {
        Posix.RequireLinux();
        var (code, output) = CliRunner.RunUnwrapped(command, "/dev/zero");
        Assert.That(code, Is.EqualTo(CliErrors.UserError), output);
        Assert.That(output, Does.Contain("The log '/dev/zero' is a device, FIFO or socket, not a regular file; logs are read from regular files only"));
    }

    [Test]
    public void A_fifo_is_refused_without_blocking_on_it()
    {
        Posix.RequireLinux();
        var s = new Scratch();
        string fifo = s.In("pipe");
        Posix.MakeFifo(fifo);

        var (code, output) = CliRunner.RunUnwrapped("inspect", fifo);

        Assert.That(code, Is.EqualTo(CliErrors.UserError), output);
        Assert.That(output, Does.Contain("is a device, FIFO or socket"));
    }

    [Test]
    public void A_saved_model_that_is_a_device_is_refused()
    {
        Posix.RequireLinux();
        var s = new Scratch();
        var (code, output) = CliRunner.RunUnwrapped("evaluate", "--model", "/dev/zero", s.Log);
        Assert.That(code, Is.EqualTo(CliErrors.UserError), output);
        Assert.That(output, Does.Contain("The model file '/dev/zero' is a device, FIFO or socket"));
    }

    [Test]
    public void A_folder_is_named_as_a_folder_not_as_missing_or_access_denied()
    {
        var s = new Scratch();
        var (logCode, logOutput) = CliRunner.RunUnwrapped("inspect", s.Dir);
        var (modelCode, modelOutput) = CliRunner.RunUnwrapped("evaluate", "--model", s.Dir, s.Log);

        Assert.That((logCode, modelCode), Is.EqualTo((1, 1)));
        Assert.That(logOutput, Does.Contain("The log '" + s.Dir + "' is a folder, not a file."));
        Assert.That(modelOutput, Does.Contain("The model file '" + s.Dir + "' is a folder, not a file."));
        Assert.That(modelOutput, Does.Not.Contain("denied"));
    }

    [Test]
    public void A_path_through_a_file_says_which_part_is_a_file()
    {
        var s = new Scratch();
        var (code, output) = CliRunner.RunUnwrapped("train", Path.Combine(s.Log, "inner.txt"));
        Assert.That(code, Is.EqualTo(CliErrors.UserError), output);
        Assert.That(output, Does.Contain("does not exist: '" + s.Log + "' is a file, not a folder."));
    }

    [Test]
    public void Kinds_of_paths_are_told_apart()
    {
        var s = new Scratch();
        Assert.That(FileKinds.Of(s.Log), Is.EqualTo(FileKind.Regular));
        Assert.That(FileKinds.Of(s.Dir), Is.EqualTo(FileKind.Directory));
        Assert.That(FileKinds.Of(s.In("absent")), Is.EqualTo(FileKind.Missing));
        if (System.OperatingSystem.IsLinux()) Assert.That(FileKinds.Of("/dev/null"), Is.EqualTo(FileKind.Special));
        Assert.That(FileKinds.FileInTheWay(Path.Combine(s.Log, "a", "b")), Is.EqualTo(s.Log));
        Assert.That(FileKinds.FileInTheWay(Path.Combine(s.Dir, "a", "b")), Is.Null);
    }
}
