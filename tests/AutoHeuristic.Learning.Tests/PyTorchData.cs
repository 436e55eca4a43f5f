using System.Collections.Concurrent;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace AutoHeuristic.Learning.Tests;

/// <summary>Reads PyTorch's zipped datasets straight from ../shared/data (never unzipped into the repository).</summary>
internal static class PyTorchData
{
    private static readonly ConcurrentDictionary<string, string> Cache = new();

    public static string Unzip(string folder, string zip, string entryName) =>
        Cache.GetOrAdd(zip + "|" + entryName, _ =>
        {
            using ZipArchive archive = ZipFile.OpenRead(Path.Combine(folder, zip));
            ZipArchiveEntry entry = archive.Entries.First(e => e.FullName.EndsWith(entryName, System.StringComparison.Ordinal));
            using var reader = new StreamReader(entry.Open());
            return reader.ReadToEnd();
        });
}
