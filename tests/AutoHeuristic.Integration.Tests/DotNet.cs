using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;

namespace AutoHeuristic.Integration.Tests;

/// <summary>Runs the dotnet CLI (or a program it built) as a child process and captures its output.</summary>
internal static class DotNet
{
    /// <summary>Runs <c>dotnet ARGS</c>. An environment value of null removes that variable for the child.</summary>
    public static (int ExitCode, string Output, TimeSpan Elapsed) Run(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] arguments) =>
        Exec("dotnet", workingDirectory, environment, arguments);

    /// <summary>Runs <paramref name="fileName"/> with the same environment handling as <see cref="Run"/>.</summary>
    public static (int ExitCode, string Output, TimeSpan Elapsed) Exec(string fileName, string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // A test host's MSBuild variables must not leak into the child build.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        if (environment is not null)
        {
            foreach (KeyValuePair<string, string?> kv in environment)
            {
                if (kv.Value is null) start.Environment.Remove(kv.Key);
                else start.Environment[kv.Key] = kv.Value;
            }
        }

        var output = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start " + fileName + ".");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(fileName + " " + string.Join(" ", arguments) + " did not finish in 8 minutes:\n" + output);
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString(), watch.Elapsed);
    }
}
