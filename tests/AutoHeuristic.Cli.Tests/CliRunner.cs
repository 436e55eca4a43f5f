using System;
using System.IO;
using NUnit.Framework;
using Spectre.Console.Testing;

namespace AutoHeuristic.Cli.Tests;

/// <summary>Runs the tool in-process on a recording console.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output) Run(params string[] args) => Run(200, args);

    /// <summary>Runs on a console too wide to wrap any message, so a long message can be asserted whole.</summary>
    public static (int ExitCode, string Output) RunUnwrapped(params string[] args) => Run(100_000, args);

    private static (int ExitCode, string Output) Run(int width, string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = width;
        int code = Program.Run(args, console);
        return (code, console.Output);
    }

    public static string Fixture(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", name);

    /// <summary>This test run's scratch root, removed when the run ends (see <see cref="ScratchCleanup"/>).</summary>
    public static string ScratchRoot { get; } = Path.Combine(Path.GetTempPath(), "ah-cli-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A fresh, empty folder for one test's outputs.</summary>
    public static string TempDir()
    {
        string dir = Path.Combine(ScratchRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}

/// <summary>Removes the run's scratch folders once every test has finished.</summary>
[SetUpFixture]
public sealed class ScratchCleanup
{
    /// <summary>Deletes <see cref="CliRunner.ScratchRoot"/>.</summary>
    [OneTimeTearDown]
    public void RemoveScratch()
    {
        if (Directory.Exists(CliRunner.ScratchRoot)) Directory.Delete(CliRunner.ScratchRoot, recursive: true);
    }
}
