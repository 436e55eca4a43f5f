using System;
using System.IO;
using System.Runtime.InteropServices;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests.Misuse;

/// <summary>A fresh folder with a copy of a training log in it, to misuse the tool on.</summary>
internal sealed class Scratch
{
    public Scratch()
    {
        Dir = CliRunner.TempDir();
        Log = Path.Combine(Dir, "log.txt");
        File.Copy(CliRunner.Fixture("toy_pad_a.txt"), Log);
        LogBytes = File.ReadAllBytes(Log);
    }

    /// <summary>The folder.</summary>
    public string Dir { get; }

    /// <summary>A usable training log (toy_pad_a).</summary>
    public string Log { get; }

    /// <summary>The log's bytes as copied, to show it was not touched.</summary>
    public byte[] LogBytes { get; }

    /// <summary>A path in the folder.</summary>
    public string In(string name) => Path.Combine(Dir, name);

    /// <summary>Asserts the log still holds exactly its original bytes.</summary>
    public void AssertLogUnchanged() => Assert.That(File.ReadAllBytes(Log), Is.EqualTo(LogBytes), "the training log was changed");
}

/// <summary>What the tests need of POSIX that .NET does not offer.</summary>
internal static class Posix
{
    /// <summary>Skips the test off Linux (devices, FIFOs and symbolic links as Linux has them).</summary>
    public static void RequireLinux()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("Needs Linux devices, FIFOs and symbolic links.");
    }

    /// <summary>Creates a FIFO at <paramref name="path"/>.</summary>
    public static void MakeFifo(string path)
    {
        if (mkfifo(path, Convert.ToUInt32("644", 8)) != 0) Assert.Ignore("mkfifo failed (errno " + Marshal.GetLastPInvokeError() + ").");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);
}
