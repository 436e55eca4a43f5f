using System;
using System.IO;
using System.Runtime.InteropServices;

namespace AutoHeuristic.Cli.Infrastructure;

/// <summary>What a path names, after following symbolic links.</summary>
internal enum FileKind
{
    /// <summary>Nothing exists at the path (or a dangling link).</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>A character or block device, a FIFO or a socket: a stream, not a file that can be replaced.</summary>
    Special,
}

/// <summary>
/// Tells regular files from folders and special files (<c>/dev/null</c>, <c>/dev/zero</c>, a FIFO).
/// .NET has no public call for a file's type: <see cref="File.Exists"/> is true for devices too.
/// </summary>
internal static class FileKinds
{
    // The file-type bits of the runtime's own stat shim (System.Native's PAL_S_IF* constants).
    private const int TypeMask = 0xF000;
    private const int DirectoryType = 0x4000;
    private const int RegularType = 0x8000;

    /// <summary>The kind of <paramref name="path"/>, following symbolic links as opening it would.</summary>
    public static FileKind Of(string path)
    {
        if (!OperatingSystem.IsWindows() && TryStatMode(path, out int mode))
        {
            return (mode & TypeMask) switch
            {
                DirectoryType => FileKind.Directory,
                RegularType => FileKind.Regular,
                _ => FileKind.Special,
            };
        }

        if (Directory.Exists(path)) return FileKind.Directory;
        return File.Exists(path) ? FileKind.Regular : FileKind.Missing;
    }

    /// <summary>
    /// The closest existing folder-or-file above a missing <paramref name="fullPath"/>, when it is not a folder:
    /// <c>notes.txt</c> for <c>notes.txt/out.json</c>. Null when every existing ancestor is a folder.
    /// </summary>
    public static string? FileInTheWay(string fullPath)
    {
        for (string? dir = Path.GetDirectoryName(fullPath); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            FileKind kind = Of(dir);
            if (kind == FileKind.Missing) continue;
            return kind == FileKind.Directory ? null : dir;
        }

        return null;
    }

    // stat(2) through the runtime's own native shim (libSystem.Native ships with every .NET on
    // Linux and macOS): its FileStatus starts {int Flags; int Mode; ...} on every platform, so no
    // per-architecture struct layout is needed. Mode is read from a generously sized buffer.
    private static bool TryStatMode(string path, out int mode)
    {
        mode = 0;
        try
        {
            var status = new byte[512];
            if (NativeMethods.Stat(path, status) != 0) return false;
            mode = BitConverter.ToInt32(status, 4);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static class NativeMethods
    {
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
        public static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);
    }
}
