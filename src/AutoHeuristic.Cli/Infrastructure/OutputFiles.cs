using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace AutoHeuristic.Cli.Infrastructure;

/// <summary>
/// The output-path policy, the same for every option of every command that writes a file. A
/// command registers its inputs and each output option before any work, so a mistake costs no
/// training time; every output must then
/// <list type="bullet">
/// <item>be a file path, not empty and not a folder;</item>
/// <item>not be one of the command's inputs (compared after following symbolic links), which writing would destroy;</item>
/// <item>not be another output of the same command (devices such as <c>/dev/null</c> excepted: they are streams);</item>
/// <item>have a folder that exists or can be created (no file in the way).</item>
/// </list>
/// Files named after a heuristic (<see cref="AddDerived"/>) get a sanitised name and must stay in
/// their folder. How the files are then written is <see cref="OutputFile"/>'s job.
/// </summary>
public sealed class OutputFiles
{
    private readonly Dictionary<string, string> _inputs = new(PathIdentity.Comparer);
    private readonly Dictionary<string, OutputFile> _outputs = new(PathIdentity.Comparer);

    /// <summary>Creates the policy for a command reading <paramref name="inputs"/> (as given on the command line).</summary>
    public OutputFiles(IEnumerable<string> inputs)
    {
        foreach (string input in inputs)
        {
            if (string.IsNullOrWhiteSpace(input)) continue;
            _inputs.TryAdd(Resolve(input, input), input);
        }
    }

    /// <summary>
    /// Checks the output of <paramref name="option"/> (e.g. <c>--json</c>); null when the option was not given.
    /// </summary>
    /// <exception cref="CliUserException">The path breaks a rule; the message names the option and the path.</exception>
    public OutputFile? Add(string option, string? path)
    {
        if (path is null) return null;
        if (string.IsNullOrWhiteSpace(path)) throw new CliUserException($"{option} needs a file path.");
        if (path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar) || Path.GetFileName(FullPath(option, path)).Length == 0)
        {
            throw new CliUserException($"{option} '{path}' names a folder; give a file path.");
        }

        return Register(option, path);
    }

    /// <summary>
    /// Checks one of the files an output option writes per model: <paramref name="basis"/>'s name with
    /// <paramref name="suffix"/> (a heuristic name, capability, …) appended before the extension.
    /// The suffix is sanitised (only letters, digits, '.', '-' and '_'; anything else becomes '_'),
    /// so a name such as <c>../../x</c> cannot leave the folder. A device or FIFO basis takes every
    /// model itself, in turn.
    /// </summary>
    public OutputFile AddDerived(OutputFile basis, string suffix)
    {
        if (basis.IsSpecial) return basis;
        string dir = Path.GetDirectoryName(Path.GetFullPath(basis.Path)) ?? string.Empty;
        string name = Path.GetFileNameWithoutExtension(basis.Path) + "_" + SafeName(suffix) + Path.GetExtension(basis.Path);
        string path = Path.Combine(Path.GetDirectoryName(basis.Path) ?? string.Empty, name);
        string? actualDir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (actualDir is null || !PathIdentity.Comparer.Equals(actualDir, dir))
        {
            throw new CliUserException($"{basis.Option}: the file for '{suffix}' would be written outside the folder of '{basis.Path}'.");
        }

        return Register(basis.Option, path);
    }

    /// <summary><paramref name="text"/> with every character other than a letter, digit, '.', '-' or '_' replaced by '_'.</summary>
    public static string SafeName(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text) sb.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '-' or '_' ? c : '_');

        // ".." alone would still name the parent folder once joined to nothing.
        string safe = sb.ToString();
        return safe.Trim('.').Length == 0 ? safe.Replace('.', '_') : safe;
    }

    private OutputFile Register(string option, string path)
    {
        // Devices, FIFOs and the process's own descriptors (/dev/stdout, /dev/fd/N) are streams:
        // written in place, never replaced, and never one of the inputs (those are regular files).
        string full = FullPath(option, path);
        if (FileKinds.Of(full) == FileKind.Special || IsDescriptorAlias(full)) return new OutputFile(option, path, full, isSpecial: true);

        string target = Resolve(path, option + " '" + path + "'");
        switch (FileKinds.Of(target))
        {
            case FileKind.Directory:
                throw new CliUserException($"{option} '{path}' is a folder; give a file path.");
            case FileKind.Missing when FileKinds.FileInTheWay(target) is string inTheWay:
                throw new CliUserException($"{option} '{path}' cannot be created: '{inTheWay}' is a file, not a folder.");
        }

        if (_inputs.TryGetValue(target, out string? input))
        {
            throw new CliUserException($"{option} '{path}' is also an input of this command ('{input}'); writing it would destroy the input. Choose another file.");
        }

        var output = new OutputFile(option, path, target, isSpecial: false);
        if (_outputs.TryGetValue(target, out OutputFile? other))
        {
            string both = other.Option == option ? option + " (twice)" : other.Option + " and " + option;
            throw new CliUserException($"{both} both name '{path}'; give each output its own file.");
        }

        _outputs.Add(target, output);
        return output;
    }

    // /dev/stdout, /dev/fd/3, /proc/self/fd/1: replacing what they point at (a terminal, a pipe, the
    // file a shell redirects into) would lose the stream; they are appended to instead.
    private static bool IsDescriptorAlias(string fullPath) =>
        !OperatingSystem.IsWindows()
        && (fullPath.StartsWith("/dev/fd/", StringComparison.Ordinal) || fullPath.StartsWith("/proc/", StringComparison.Ordinal)
            || fullPath is "/dev/stdout" or "/dev/stderr" or "/dev/stdin");

    private static string FullPath(string option, string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new CliUserException($"{option} '{path}' is not a usable path ({e.Message}).");
        }
    }

    private static string Resolve(string path, string what)
    {
        try
        {
            return PathIdentity.Resolve(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliUserException($"{what}: the path cannot be resolved ({e.Message}).");
        }
    }
}
