using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AutoHeuristic.Cli.FanOut;

/// <summary>Finds the GPUs that <c>--devices all</c> means.</summary>
public interface IDeviceEnumerator
{
    /// <summary>
    /// The device ids to hand to workers as <c>CUDA_VISIBLE_DEVICES</c> (indices such as <c>0</c>,
    /// or UUIDs), in order; empty when no GPU was found. <paramref name="tried"/> receives a line
    /// per method tried, for the error message when nothing is found.
    /// </summary>
    IReadOnlyList<string> Enumerate(IList<string> tried);
}

/// <summary>
/// Parses <c>--devices</c>: <c>all</c>, or a comma-separated list of device indices (<c>0,1,3</c>)
/// or GPU/MIG UUIDs, exactly as <c>CUDA_VISIBLE_DEVICES</c> accepts them.
/// </summary>
public static class DeviceSelection
{
    /// <summary>The value that selects every visible GPU.</summary>
    public const string All = "all";

    /// <summary>Resolves <paramref name="value"/> to device ids; <c>all</c> asks <paramref name="enumerator"/>.</summary>
    /// <exception cref="ArgumentException">The list is malformed, repeats a device, or <c>all</c> found none.</exception>
    public static IReadOnlyList<string> Resolve(string value, IDeviceEnumerator enumerator)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException("--devices is empty; use 'all' or a list such as 0,1.");
        string trimmed = value.Trim();
        if (string.Equals(trimmed, All, StringComparison.OrdinalIgnoreCase))
        {
            var tried = new List<string>();
            IReadOnlyList<string> found = enumerator.Enumerate(tried);
            if (found.Count == 0)
            {
                throw new ArgumentException("--devices all found no GPU (" + string.Join("; ", tried) + "). Name the devices, e.g. --devices 0,1.");
            }

            return found;
        }

        var devices = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string[] parts = trimmed.Split(',');
        for (int i = 0; i < parts.Length; i++)
        {
            string part = parts[i].Trim();
            if (!IsDeviceId(part))
            {
                throw new ArgumentException($"--devices '{value}': item {i + 1} ('{part}') is not a device index (0, 1, ...) or a GPU-/MIG- UUID.");
            }

            if (!seen.Add(part)) throw new ArgumentException($"--devices '{value}' names device {part} twice.");
            devices.Add(part);
        }

        return devices;
    }

    /// <summary>Whether <paramref name="id"/> is a non-negative index or a GPU/MIG UUID.</summary>
    public static bool IsDeviceId(string id)
    {
        if (id.Length == 0) return false;
        if (id.StartsWith("GPU-", StringComparison.Ordinal) || id.StartsWith("MIG-", StringComparison.Ordinal)) return id.Length > 4;
        foreach (char c in id)
        {
            if (c < '0' || c > '9') return false;
        }

        return true;
    }
}

/// <summary>
/// The default enumerator. In order: a <c>CUDA_VISIBLE_DEVICES</c> already set for this process
/// (its entries are the only GPUs we may use, e.g. under Slurm); the CUDA driver's device count
/// (when a probe is given); <c>nvidia-smi -L</c>.
/// </summary>
public sealed class SystemDeviceEnumerator : IDeviceEnumerator
{
    private readonly Func<string, string?> _environment;
    private readonly Func<int?>? _driverDeviceCount;
    private readonly Func<string?> _nvidiaSmiList;

    /// <summary>Creates the enumerator; every source can be replaced (tests inject them).</summary>
    /// <param name="driverDeviceCount">The CUDA driver's device count, or null when the driver is unavailable.</param>
    /// <param name="environment">Reads an environment variable; defaults to the process environment.</param>
    /// <param name="nvidiaSmiList">The output of <c>nvidia-smi -L</c>, or null when it cannot run.</param>
    public SystemDeviceEnumerator(Func<int?>? driverDeviceCount = null, Func<string, string?>? environment = null, Func<string?>? nvidiaSmiList = null)
    {
        _driverDeviceCount = driverDeviceCount;
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _nvidiaSmiList = nvidiaSmiList ?? RunNvidiaSmiList;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Enumerate(IList<string> tried)
    {
        string? visible = _environment("CUDA_VISIBLE_DEVICES");
        if (visible is not null)
        {
            // Set (even to empty) means the scheduler decided; CUDA stops at the first invalid entry.
            var ids = new List<string>();
            foreach (string part in visible.Split(','))
            {
                string id = part.Trim();
                if (!DeviceSelection.IsDeviceId(id)) break;
                ids.Add(id);
            }

            tried.Add($"CUDA_VISIBLE_DEVICES='{visible}' gave {ids.Count}");
            return ids;
        }

        if (_driverDeviceCount is not null)
        {
            try
            {
                int? count = _driverDeviceCount();
                if (count is > 0) return Indices(count.Value);
                tried.Add(count is null ? "CUDA driver unavailable" : $"CUDA driver reported {count} devices");
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
            {
                tried.Add("CUDA driver: " + e.Message);
            }
        }

        string? list = _nvidiaSmiList();
        if (list is null)
        {
            tried.Add("nvidia-smi -L could not run");
            return Array.Empty<string>();
        }

        int gpus = ParseNvidiaSmiList(list);
        tried.Add($"nvidia-smi -L listed {gpus}");
        return Indices(gpus);
    }

    /// <summary>Counts the <c>GPU n: ...</c> lines of <c>nvidia-smi -L</c> (MIG lines are indented and not counted).</summary>
    public static int ParseNvidiaSmiList(string output)
    {
        int count = 0;
        foreach (string line in output.Split('\n'))
        {
            if (Regex.IsMatch(line, @"^GPU \d+:", RegexOptions.CultureInvariant)) count++;
        }

        return count;
    }

    private static IReadOnlyList<string> Indices(int count)
    {
        var ids = new string[count];
        for (int i = 0; i < count; i++) ids[i] = i.ToString(CultureInfo.InvariantCulture);
        return ids;
    }

    private static string? RunNvidiaSmiList()
    {
        try
        {
            var start = new ProcessStartInfo("nvidia-smi", "-L")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using Process? process = Process.Start(start);
            if (process is null) return null;
            var errors = process.StandardError.ReadToEndAsync(); // drained so a chatty stderr cannot block it
            string output = process.StandardOutput.ReadToEnd();
            _ = errors;
            if (!process.WaitForExit(30_000))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not installed
        }
    }
}
