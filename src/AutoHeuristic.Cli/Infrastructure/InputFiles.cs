using System.Collections.Generic;
using System.IO;

namespace AutoHeuristic.Cli.Infrastructure;

/// <summary>
/// The one check of a file a command reads (a log, a model file, a side file): it must be a
/// regular file, or a link to one. Devices, FIFOs and sockets are refused: a command reads its
/// inputs whole, and <c>/dev/zero</c> or a pipe has no end to read to (copy such data to a file first).
/// </summary>
internal static class InputFiles
{
    /// <summary>Checks <paramref name="path"/>; <paramref name="what"/> names it in the message ("log", "model file").</summary>
    /// <exception cref="CliUserException">The path is empty, missing, a folder or not a regular file.</exception>
    public static void Require(string path, string what)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new CliUserException($"A {what} path is empty; give the {what}'s file path.");
        switch (FileKinds.Of(path))
        {
            case FileKind.Regular:
                return;
            case FileKind.Directory:
                throw new CliUserException($"The {what} '{path}' is a folder, not a file.");
            case FileKind.Special:
                throw new CliUserException($"The {what} '{path}' is a device, FIFO or socket, not a regular file; {what}s are read from regular files only (copy the data to a file first).");
            default:
                string? inTheWay = FileKinds.FileInTheWay(Path.GetFullPath(path));
                throw new CliUserException(inTheWay is null
                    ? $"The {what} '{path}' does not exist."
                    : $"The {what} '{path}' does not exist: '{inTheWay}' is a file, not a folder.");
        }
    }

    /// <summary>Checks every path of <paramref name="paths"/> (see <see cref="Require(string, string)"/>).</summary>
    public static void Require(IEnumerable<string> paths, string what)
    {
        foreach (string path in paths) Require(path, what);
    }
}
