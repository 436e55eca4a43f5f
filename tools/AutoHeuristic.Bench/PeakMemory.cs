using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace AutoHeuristic.Tools.Bench;

/// <summary>The process's peak resident memory.</summary>
internal static class PeakMemory
{
    /// <summary>Peak resident set in MiB: Linux's VmHWM, else the runtime's peak working set.</summary>
    public static double CurrentProcessMegabytes()
    {
        try
        {
            if (File.Exists("/proc/self/status"))
            {
                foreach (string line in File.ReadLines("/proc/self/status"))
                {
                    if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                    string[] parts = line.Substring(6).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return double.Parse(parts[0], CultureInfo.InvariantCulture) / 1024.0; // kB
                }
            }
        }
        catch (IOException)
        {
            // Fall through to the portable measure.
        }

        using Process self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
