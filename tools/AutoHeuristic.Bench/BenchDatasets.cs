using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;

namespace AutoHeuristic.Tools.Bench;

/// <summary>One of PyTorch's published training runs, with PyTorch's own wall time on a 2-core machine.</summary>
/// <param name="Name">Short name (<c>pad_mm</c>, <c>mixed_mm</c>, <c>mm</c>).</param>
/// <param name="Zip">The zip in <c>shared/data/pytorch</c>.</param>
/// <param name="Log">The training log inside the zip.</param>
/// <param name="Extra">Extra <c>--data</c> sets inside the zip.</param>
/// <param name="RankingK">PyTorch's <c>--ranking</c>, or null.</param>
/// <param name="PyTorchSeconds">PyTorch's trainer wall time on this kind of machine (from the project's issue).</param>
internal sealed record BenchDataset(string Name, string Zip, string Log, IReadOnlyList<(string Name, string Entry)> Extra, int? RankingK, double PyTorchSeconds)
{
    /// <summary>The three datasets PyTorch trained its shipped heuristics on.</summary>
    public static IReadOnlyList<BenchDataset> All { get; } = new[]
    {
        new BenchDataset("pad_mm", "pad_mm_a100_data.zip", "pad_mm_a100_data.txt", Array.Empty<(string, string)>(), null, 94),
        new BenchDataset("mixed_mm", "mixedmm_a100_data.zip", "mixedmm_a100_data.txt", Array.Empty<(string, string)>(), null, 32),
        new BenchDataset("mm", "h100_mm.zip", "h100/h100_mm.txt",
            new[] { ("train_timm", "h100/h100_timm_train_mm.txt"), ("train_hf", "h100/h100_hf_train_mm.txt") }, 10, 33),
    };
}

/// <summary>Finds the repository and PyTorch's zipped datasets, and unzips them into a temporary folder.</summary>
internal static class BenchFiles
{
    /// <summary>The repository root (the folder holding AutoHeuristic.sln) above the working directory or the tool, or null.</summary>
    public static string? FindRepositoryRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AutoHeuristic.sln"))) return dir.FullName;
            }
        }

        return null;
    }

    /// <summary><c>../shared/data/pytorch</c> beside the repository, or null when absent.</summary>
    public static string? FindDataDirectory(string? repositoryRoot)
    {
        if (repositoryRoot is null) return null;
        string dir = Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared", "data", "pytorch"));
        return Directory.Exists(dir) ? dir : null;
    }

    /// <summary>Extracts the dataset's log and extra sets from its zip into <paramref name="target"/>; returns the log path and extra (name, path) pairs.</summary>
    public static (string Log, List<(string Name, string Path)> Extra) Extract(BenchDataset dataset, string dataDir, string target)
    {
        string zip = Path.Combine(dataDir, dataset.Zip);
        if (!File.Exists(zip)) throw new FileNotFoundException($"The dataset zip '{zip}' does not exist.", zip);
        string folder = Path.Combine(target, dataset.Name);
        Directory.CreateDirectory(folder);
        using ZipArchive archive = ZipFile.OpenRead(zip);
        string ExtractEntry(string entryName)
        {
            ZipArchiveEntry entry = archive.GetEntry(entryName) ?? throw new FileNotFoundException($"'{zip}' has no entry '{entryName}'.");
            string path = Path.Combine(folder, entryName.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!File.Exists(path)) entry.ExtractToFile(path);
            return path;
        }

        string log = ExtractEntry(dataset.Log);
        var extra = new List<(string, string)>();
        foreach (var (name, entry) in dataset.Extra) extra.Add((name, ExtractEntry(entry)));
        return (log, extra);
    }
}
