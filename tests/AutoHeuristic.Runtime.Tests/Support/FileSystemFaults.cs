using System;
using System.Diagnostics;
using System.IO;
using NUnit.Framework;

namespace AutoHeuristic.Tests.Support;

/// <summary>
/// Real file-system faults for tests: a small or read-only tmpfs (needs root and a working
/// <c>mount</c>), a folder this process may not write (<c>chmod</c> for a normal user; for root,
/// whom <c>chmod</c> does not stop, the immutable attribute <c>chattr +i</c>). A test whose fault
/// cannot be made here is ignored with the reason.
/// </summary>
internal static class FileSystemFaults
{
    /// <summary>Mounts a tmpfs with <paramref name="options"/> (e.g. <c>size=64k</c>, <c>ro</c>) on <paramref name="folder"/> until disposed.</summary>
    public static IDisposable MountTmpfs(string folder, string options)
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("tmpfs mounts are a Linux feature.");
        if (!Environment.IsPrivilegedProcess) Assert.Ignore("mounting a tmpfs needs root; this test runs as a normal user.");
        Directory.CreateDirectory(folder);
        (int code, string output) = Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", folder);
        if (code != 0) Assert.Ignore($"mount -t tmpfs -o {options} failed here (exit {code}: {output.Trim()}); no container privileges?");
        return new Undo(() => Run("umount", folder));
    }

    /// <summary>Makes <paramref name="folder"/> unwritable for this process until disposed.</summary>
    public static IDisposable DenyWrites(string folder)
    {
        if (OperatingSystem.IsWindows()) throw new IgnoreException("this test uses Unix permissions.");
        if (!Environment.IsPrivilegedProcess)
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            return new Undo(() => RestoreMode(folder));
        }

        // chmod does not stop root; the immutable attribute does (EPERM), where the file system supports it.
        (int code, string output) = Run("chattr", "+i", folder);
        if (code != 0) Assert.Ignore($"running as root, where chmod does not deny writes, and chattr +i failed here (exit {code}: {output.Trim()}).");
        return new Undo(() => Run("chattr", "-i", folder));
    }

    private static void RestoreMode(string folder)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static (int Code, string Output) Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in args) info.ArgumentList.Add(arg);
        try
        {
            using Process process = Process.Start(info)!;
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, program + " is not available: " + e.Message);
        }
    }

    private sealed class Undo(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
