using System.Runtime.InteropServices;

namespace AutoHeuristic;

/// <summary>
/// The operating system this process runs on. <c>OperatingSystem.IsWindows()</c> is not in
/// netstandard2.0; <see cref="RuntimeInformation"/> is, so every target framework asks it.
/// </summary>
internal static class HostPlatform
{
    /// <summary>True on Windows.</summary>
    public static bool IsWindows { get; } = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>True on macOS.</summary>
    public static bool IsMacOS { get; } = RuntimeInformation.IsOSPlatform(OSPlatform.OSX);
}
