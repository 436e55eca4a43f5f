using System;
using System.IO;
using System.Runtime.CompilerServices;
using NUnit.Framework;

namespace AutoHeuristic.Generator.Tests.Helpers;

/// <summary>
/// Checked-in expected outputs: compares text with <c>Snapshots/&lt;name&gt;.verified.cs.txt</c> next to
/// this test project's sources and fails with the first differing line. Run the tests with
/// <c>AH_ACCEPT_SNAPSHOTS=1</c> to write (re-accept) the received text instead; review the diff in git.
/// The generator's version is scrubbed first (<see cref="ScrubVersion"/>).
/// </summary>
internal static class Snapshot
{
    public static void Match(string received, string name, [CallerFilePath] string callerPath = "")
    {
        received = ScrubVersion(received);
        string directory = Path.Combine(ProjectDirectory(callerPath), "Snapshots");
        string path = Path.Combine(directory, name + ".verified.cs.txt");
        if (Environment.GetEnvironmentVariable("AH_ACCEPT_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(path, received);
            Assert.Warn("Accepted snapshot " + path);
            return;
        }

        if (!File.Exists(path))
        {
            File.WriteAllText(path + ".received", received);
            Assert.Fail("No snapshot " + path + "; the output was written to .received. Run with AH_ACCEPT_SNAPSHOTS=1 to accept it.");
        }

        string expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected == received) return;
        File.WriteAllText(path + ".received", received);
        Assert.Fail("Output differs from " + path + " (written to .received; AH_ACCEPT_SNAPSHOTS=1 re-accepts):\n" + FirstDifference(expected, received));
    }

    /// <summary>
    /// The tool version in <c>[GeneratedCode("…", "0.1.0")]</c> as <c>{version}</c>, so a release does
    /// not change every snapshot (another test checks the attribute itself).
    /// </summary>
    public static string ScrubVersion(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"(GeneratedCode\(""[^""]*"", "")[^""]*("")", "${1}{version}${2}");

    private static string FirstDifference(string expected, string received)
    {
        string[] e = expected.Split('\n'), r = received.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, r.Length); i++)
        {
            string el = i < e.Length ? e[i] : "<end>", rl = i < r.Length ? r[i] : "<end>";
            if (el != rl) return "line " + (i + 1) + ":\n  expected: " + el + "\n  received: " + rl;
        }

        return "(line endings only)";
    }

    // The test sources live two levels above Helpers/; [CallerFilePath] points into them.
    private static string ProjectDirectory(string callerPath)
    {
        string? dir = Path.GetDirectoryName(callerPath);
        while (dir is not null && !File.Exists(Path.Combine(dir, "AutoHeuristic.Generator.Tests.csproj"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("Cannot find the test project directory from " + callerPath);
    }
}
