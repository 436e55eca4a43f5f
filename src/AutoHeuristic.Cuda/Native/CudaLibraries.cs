using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace AutoHeuristic.Cuda.Native;

/// <summary>
/// Finds the three native libraries (driver, NVRTC, cuBLASLt). The imports name logical
/// libraries; this resolver maps them to the CUDA 13 sonames, or to a path given in an
/// environment variable (<c>AUTOHEURISTIC_LIBCUDA</c>, <c>AUTOHEURISTIC_LIBNVRTC</c>,
/// <c>AUTOHEURISTIC_LIBCUBLASLT</c>: a file, or a folder holding the soname).
/// </summary>
public static class CudaLibraries
{
    /// <summary>Logical name of the driver library in the imports.</summary>
    public const string Driver = "cuda";

    /// <summary>Logical name of the NVRTC library in the imports.</summary>
    public const string Nvrtc = "nvrtc";

    /// <summary>Logical name of the cuBLASLt library in the imports.</summary>
    public const string CublasLt = "cublasLt";

    private static int _installed;

    /// <summary>The environment variable that overrides where a logical library is loaded from.</summary>
    public static string EnvironmentVariableFor(string logicalName) => logicalName switch
    {
        Driver => "AUTOHEURISTIC_LIBCUDA",
        Nvrtc => "AUTOHEURISTIC_LIBNVRTC",
        CublasLt => "AUTOHEURISTIC_LIBCUBLASLT",
        _ => throw new ArgumentException($"Unknown CUDA library '{logicalName}'.", nameof(logicalName)),
    };

    /// <summary>
    /// The file names tried, in order, for a logical library on an OS (<c>linux</c> or <c>windows</c>):
    /// the sonames a runtime-only CUDA 13 install guarantees, then the unversioned development links.
    /// </summary>
    public static IReadOnlyList<string> CandidateNames(string logicalName, bool windows) => (logicalName, windows) switch
    {
        (Driver, false) => new[] { "libcuda.so.1", "libcuda.so" },
        (Nvrtc, false) => new[] { "libnvrtc.so.13", "libnvrtc.so" },
        (CublasLt, false) => new[] { "libcublasLt.so.13", "libcublasLt.so" },
        (Driver, true) => new[] { "nvcuda.dll" },
        (Nvrtc, true) => new[] { "nvrtc64_130_0.dll" },
        (CublasLt, true) => new[] { "cublasLt64_13.dll" },
        _ => throw new ArgumentException($"Unknown CUDA library '{logicalName}'.", nameof(logicalName)),
    };

    /// <summary>
    /// The full probe list: the environment override first (a file, or a folder joined with each
    /// candidate name), then the candidate names for the loader's default search.
    /// </summary>
    public static IReadOnlyList<string> ProbeList(string logicalName, bool windows, string? overrideValue)
    {
        var names = CandidateNames(logicalName, windows);
        var list = new List<string>();
        if (!string.IsNullOrWhiteSpace(overrideValue))
        {
            if (Directory.Exists(overrideValue))
            {
                foreach (string n in names) list.Add(Path.Combine(overrideValue!, n));
            }
            else
            {
                list.Add(overrideValue!);
            }
        }

        list.AddRange(names);
        return list;
    }

    /// <summary>Installs the resolver for this assembly (idempotent).</summary>
    public static void EnsureResolver()
    {
        if (System.Threading.Interlocked.Exchange(ref _installed, 1) != 0) return;
        NativeLibrary.SetDllImportResolver(typeof(CudaLibraries).Assembly, Resolve);
    }

    /// <summary>Loads a logical library; throws <see cref="DllNotFoundException"/> listing every path tried.</summary>
    public static IntPtr Load(string logicalName)
    {
        bool windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        var probes = ProbeList(logicalName, windows, Environment.GetEnvironmentVariable(EnvironmentVariableFor(logicalName)));
        foreach (string p in probes)
        {
            if (NativeLibrary.TryLoad(p, out IntPtr handle)) return handle;
        }

        throw new DllNotFoundException(
            $"CUDA library '{logicalName}' not found; tried {string.Join(", ", probes)}. Set {EnvironmentVariableFor(logicalName)} to its path.");
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName is Driver or Nvrtc or CublasLt ? Load(libraryName) : IntPtr.Zero;
}
