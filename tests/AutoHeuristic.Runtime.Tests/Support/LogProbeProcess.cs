using System;
using System.Diagnostics;
using System.IO;
using NUnit.Framework;

namespace AutoHeuristic.Tests.Support;

/// <summary>Starts the LogProbe helper (tests/AutoHeuristic.Runtime.LogProbe) as a separate process.</summary>
internal static class LogProbeProcess
{
    /// <summary>Starts <c>dotnet AutoHeuristic.Runtime.LogProbe.dll args…</c> with its output redirected.</summary>
    public static Process Start(params string[] args)
    {
        string probe = Path.Combine(TestContext.CurrentContext.TestDirectory, "AutoHeuristic.Runtime.LogProbe.dll");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add(probe);
        foreach (string arg in args) info.ArgumentList.Add(arg);
        return Process.Start(info)!;
    }

    /// <summary>Waits (up to 90 s) until <paramref name="path"/> exists; fails when the probe exits first.</summary>
    public static void WaitForFile(Process probe, string path)
    {
        var clock = Stopwatch.StartNew();
        while (!File.Exists(path))
        {
            Assert.That(probe.HasExited, Is.False, () => "the probe exited early: " + probe.StandardError.ReadToEnd());
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(90)), "the probe did not start");
            System.Threading.Thread.Sleep(10);
        }
    }
}
