using System;
using System.IO;

namespace AutoHeuristic.Cli.Infrastructure;

/// <summary>
/// Which file a path really names: its full path with every symbolic link on the way resolved, so
/// <c>out.txt</c>, <c>./out.txt</c> and a link to it compare equal.
/// </summary>
internal static class PathIdentity
{
    // Linux's own limit on links followed while resolving one path.
    private const int MaxLinks = 40;

    /// <summary>Paths compare as the file system does: case-sensitive on Linux, not on Windows and macOS.</summary>
    public static StringComparer Comparer { get; } = OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    /// <summary>
    /// The full path <paramref name="path"/> ends at once every symbolic link in it (folders and the
    /// file itself) is followed. A missing part stays as written; a link loop is an <see cref="IOException"/>.
    /// </summary>
    public static string Resolve(string path)
    {
        int links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    private static string Resolve(string fullPath, ref int links)
    {
        string? parent = Path.GetDirectoryName(fullPath);
        if (parent is null) return fullPath; // the root
        string resolved = Path.Combine(Resolve(parent, ref links), Path.GetFileName(fullPath));
        var info = new FileInfo(resolved);
        if (info.LinkTarget is not string target) return resolved;
        if (++links > MaxLinks) throw new IOException($"Too many levels of symbolic links in '{fullPath}'.");

        // A relative target is relative to the link's own folder.
        string next = Path.GetFullPath(target, Path.GetDirectoryName(resolved)!);
        return Resolve(next, ref links);
    }
}
