using System;
using System.IO;
using NUnit.Framework;
using Spectre.Console.Testing;

namespace AutoHeuristic.Cli.Tests;

/// <summary>Runs the tool in-process on a recording console.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        int code = Program.Run(args, console);
        return (code, console.Output);
    }

    public static string Fixture(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", name);

    /// <summary>A fresh, empty folder for one test's outputs.</summary>
    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ah-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
