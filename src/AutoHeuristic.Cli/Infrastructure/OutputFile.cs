using System;
using System.IO;
using System.Text;

namespace AutoHeuristic.Cli.Infrastructure;

/// <summary>
/// One output file, checked by <see cref="OutputFiles"/>, and the one way every command writes it:
/// <list type="bullet">
/// <item>a regular file (or a new one) is written to a temporary file beside it, then renamed over
/// it, so a failed or cancelled write leaves the old file whole, never half a file;</item>
/// <item>a symbolic link is written through: its final target is replaced, the link stays;</item>
/// <item>a device or FIFO (<c>/dev/null</c>, a pipe) and a descriptor alias (<c>/dev/stdout</c>,
/// <c>/dev/fd/N</c>) are opened and appended to, never renamed over, so they stay what they are;
/// <c>/dev/full</c> gives a "disk full" error.</item>
/// </list>
/// Every I/O failure becomes a one-line <see cref="CliUserException"/> naming the option and path.
/// </summary>
public sealed class OutputFile
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    internal OutputFile(string option, string path, string target, bool isSpecial)
    {
        Option = option;
        Path = path;
        Target = target;
        IsSpecial = isSpecial;
    }

    /// <summary>The option that names the file (<c>--json</c>).</summary>
    public string Option { get; }

    /// <summary>The path as the user gave it (or as derived from it), for messages.</summary>
    public string Path { get; }

    /// <summary>The file actually written: the full path with every symbolic link followed.</summary>
    public string Target { get; }

    /// <summary>Whether the target is a device, FIFO, socket or descriptor alias, written in place.</summary>
    public bool IsSpecial { get; }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte order mark.</summary>
    public void WriteText(string text) => Write(stream =>
    {
        byte[] bytes = Utf8.GetBytes(text);
        stream.Write(bytes, 0, bytes.Length);
    });

    /// <summary>Writes <paramref name="bytes"/>.</summary>
    public void WriteBytes(byte[] bytes) => Write(stream => stream.Write(bytes, 0, bytes.Length));

    /// <summary>
    /// Writes the file with <paramref name="write"/>. An exception thrown by <paramref name="write"/>
    /// (say, a merge mismatch) leaves an existing file unchanged and propagates as it is.
    /// </summary>
    public void Write(Action<Stream> write)
    {
        try
        {
            // Checked again now: the file may have changed since the command started.
            switch (IsSpecial ? FileKind.Special : FileKinds.Of(Target))
            {
                case FileKind.Special:
                    WriteInPlace(write);
                    return;
                case FileKind.Directory:
                    throw new CliUserException($"Could not write {Option} '{Path}': it is a folder.");
                default:
                    WriteAndReplace(write);
                    return;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUserException($"Could not write {Option} '{Path}': {Describe(e)}");
        }
    }

    // Appending: a device or pipe does not care, and /dev/stdout redirected into a file keeps what the console wrote there.
    private void WriteInPlace(Action<Stream> write)
    {
        using var stream = new FileStream(Target, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1 << 16);
        write(stream);
        stream.Flush();
    }

    private void WriteAndReplace(Action<Stream> write)
    {
        string dir = System.IO.Path.GetDirectoryName(Target)!;
        Directory.CreateDirectory(dir);
        string temp = System.IO.Path.Combine(dir, "." + System.IO.Path.GetFileName(Target) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            // The replaced file keeps its permissions (a rename would otherwise give it the temporary file's).
            if (!OperatingSystem.IsWindows() && File.Exists(Target)) File.SetUnixFileMode(temp, File.GetUnixFileMode(Target));
            File.Move(temp, Target, overwrite: true);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path)) File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temporary file is hidden and harmless; the write's own error matters more.
        }
    }

    // ENOSPC (Linux 28, macOS 28) and Windows' ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL.
    private static string Describe(Exception e)
    {
        int code = e.HResult & 0xFFFF;
        bool full = e is IOException && (e.HResult == 28 || code == 0x70 || code == 0x27);
        if (full) return "the disk is full (no space left on the device).";
        if (e is UnauthorizedAccessException) return "permission denied (" + e.Message + ").";
        return e.Message;
    }
}
