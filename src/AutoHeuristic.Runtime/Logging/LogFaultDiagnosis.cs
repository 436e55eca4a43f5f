using System;
using System.IO;

namespace AutoHeuristic;

/// <summary>
/// Turns the system's exception for a failed log write into a message that names the real cause.
/// .NET's own texts mislead here: a directory as the log reads "Access denied", a file in the
/// middle of the path "file already exists" or "could not find a part of the path". The path is
/// looked at after the failure, and the error number read where .NET keeps it.
/// </summary>
internal static class LogFaultDiagnosis
{
    /// <summary>The exception to throw for <paramref name="error"/>, raised while writing <paramref name="path"/>.</summary>
    public static TrainingLogException Explain(string path, Exception error)
    {
        if (Directory.Exists(path)) return new TrainingLogException(path, LogFaultKind.PathIsDirectory, $"'{path}' is a directory, not a log file.", error);
        if (FileOnPath(path) is string file)
        {
            return new TrainingLogException(path, LogFaultKind.PathThroughFile, $"'{file}' in the path is a file, not a directory.", error);
        }

        int code = ErrorCode(error);
        if (IsReadOnlyFileSystem(code)) return new TrainingLogException(path, LogFaultKind.ReadOnlyFileSystem, "the file system is read-only.", error);
        if (IsDiskFull(code)) return new TrainingLogException(path, LogFaultKind.DiskFull, "the disk is full (or the disk quota is used up).", error);
        if (error is UnauthorizedAccessException)
        {
            return new TrainingLogException(path, LogFaultKind.PermissionDenied, "permission denied (this process may not create or write the file or its folder).", error);
        }

        return new TrainingLogException(path, LogFaultKind.Other, error.Message, error);
    }

    // The nearest folder of the path that exists as a regular file, or null.
    private static string? FileOnPath(string path)
    {
        for (string? folder = Path.GetDirectoryName(path); !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(folder)) return folder;
            if (Directory.Exists(folder)) return null;
        }

        return null;
    }

    // On Unix .NET keeps the raw errno as HResult for errors it has no exception type for; on Windows, 0x8007xxxx.
    private static int ErrorCode(Exception error) => HostPlatform.IsWindows ? error.HResult & 0xFFFF : error.HResult;

    // EROFS is 30 on Linux and macOS; ERROR_WRITE_PROTECT is 19.
    private static bool IsReadOnlyFileSystem(int code) => HostPlatform.IsWindows ? code == 19 : code == 30;

    // ENOSPC is 28; EDQUOT is 122 on Linux, 69 on macOS; ERROR_HANDLE_DISK_FULL 39, ERROR_DISK_FULL 112.
    private static bool IsDiskFull(int code) =>
        HostPlatform.IsWindows ? code is 39 or 112 : code == 28 || code == (HostPlatform.IsMacOS ? 69 : 122);
}
