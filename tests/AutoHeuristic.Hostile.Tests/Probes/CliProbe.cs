using System;
using System.Linq;
using AutoHeuristic.Cli;
using AutoHeuristic.Hostile.Tests.Corpus;
using Spectre.Console.Testing;

namespace AutoHeuristic.Hostile.Tests.Probes;

/// <summary><c>autoheuristic train LOG --brief</c>, in process on a recording console.</summary>
internal static class CliProbe
{
    /// <summary>The tool's exit code for a failure of its own (a stack trace was printed).</summary>
    private const int InternalError = 70;

    public static ProbeResult Run(CorpusLog log, string path)
    {
        var console = new TestConsole();
        console.Profile.Width = 400;
        int code;
        try
        {
            code = Program.Run(new[] { "train", path, "--brief" }, console);
        }
        catch (Exception e)
        {
            return new ProbeResult(Verdict.Crash, e.GetType().Name + ": " + e.Message);
        }

        string output = console.Output;
        string[] lines = output.Split('\n');
        string? error = lines.FirstOrDefault(l => l.Contains("error", StringComparison.Ordinal) && l.Contains(": ", StringComparison.Ordinal));
        string? warning = lines.FirstOrDefault(l => l.Contains(": warning ", StringComparison.Ordinal));
        if (code == InternalError || output.Contains("   at ", StringComparison.Ordinal)) return new ProbeResult(Verdict.Crash, "exit " + code + ": " + First(lines));
        if (code != 0)
        {
            string? why = error ?? warning;
            return why is null ? new ProbeResult(Verdict.SilentWrong, "exit " + code + " without a message") : new ProbeResult(Verdict.CleanError, "exit " + code + ": " + why.Trim());
        }

        if (error is not null) return new ProbeResult(Verdict.Warned, error.Trim());
        if (warning is not null) return new ProbeResult(Verdict.Warned, warning.Trim());
        return new ProbeResult(Verdict.Ok, "exit 0");
    }

    private static string First(string[] lines) => lines.FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? string.Empty;
}
