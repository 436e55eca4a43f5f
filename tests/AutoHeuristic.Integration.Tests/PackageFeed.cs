using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using AutoHeuristic.Tests.Shared;
using NUnit.Framework;

namespace AutoHeuristic.Integration.Tests;

/// <summary>
/// The three packages a user installs (AutoHeuristic, AutoHeuristic.Cuda, the AutoHeuristic.Cli tool),
/// packed once per test run into a local folder feed with a version of their own, with pack warnings
/// as errors. Consumers restore from it with a private package cache (so no stale copy is used) that
/// falls back to the machine's cache for the SDK's own packages (the .NET 8 runtime pack).
/// </summary>
internal static class PackageFeed
{
    private static readonly Lazy<(string Feed, string Version)> Packed = new(PackAll);

    /// <summary>The folder every package test works in; removed after the run.</summary>
    public static string Work { get; } = Path.Combine(Path.GetTempPath(), "ah-integration-" + Guid.NewGuid().ToString("N"));

    /// <summary>The feed folder (packs on first use).</summary>
    public static string Folder => Packed.Value.Feed;

    /// <summary>The version every package was packed with.</summary>
    public static string Version => Packed.Value.Version;

    /// <summary>The .nupkg of <paramref name="id"/>.</summary>
    public static string Package(string id) => Path.Combine(Folder, id + "." + Version + ".nupkg");

    /// <summary>What consumers build with: a private package cache; AUTOHEURISTIC_HARDWARE not inherited.</summary>
    public static Dictionary<string, string?> Environment() => new()
    {
        ["NUGET_PACKAGES"] = Path.Combine(Work, "packages"),
        ["AUTOHEURISTIC_HARDWARE"] = null,
    };

    /// <summary>A new empty consumer folder under <see cref="Work"/> with a NuGet.config naming the feed.</summary>
    public static string NewConsumer(string name)
    {
        string folder = Path.Combine(Work, name);
        Directory.CreateDirectory(folder);
        string fallback = MachinePackageCache() is string cache
            ? $"""
                <fallbackPackageFolders>
                  <add key="machine" value="{cache}" />
                </fallbackPackageFolders>
              """
            : string.Empty;
        // The local feed plus whatever sources the machine already has (not cleared): the SDK's own packages still restore.
        File.WriteAllText(Path.Combine(folder, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="autoheuristic-local" value="{Folder}" />
              </packageSources>
              {fallback}
            </configuration>
            """);
        return folder;
    }

    /// <summary>The runtime identifier to publish self-contained apps for on this machine.</summary>
    public static string RuntimeIdentifier()
    {
        string os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win" : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx" : "linux";
        return os + "-" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
    }

    /// <summary>The path of a program published to <paramref name="folder"/> (its app host).</summary>
    public static string AppHost(string folder, string name) =>
        Path.Combine(folder, RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? name + ".exe" : name);

    /// <summary>Removes <see cref="Work"/>.</summary>
    public static void Delete()
    {
        try { Directory.Delete(Work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static (string, string) PackAll()
    {
        string root = TestRepository.Root;
        string feed = Path.Combine(Work, "feed");
        string version = "0.1.0-it" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        foreach (string project in new[] { "AutoHeuristic", "AutoHeuristic.Cuda", "AutoHeuristic.Cli" })
        {
            var pack = DotNet.Run(root, null, "pack", Path.Combine("src", project, project + ".csproj"), "-o", feed, "-p:PackageVersion=" + version, "-warnaserror");
            Assert.That(pack.ExitCode, Is.EqualTo(0), "dotnet pack " + project + ":\n" + pack.Output);
            Assert.That(pack.Output, Does.Not.Contain("warning"), "dotnet pack " + project + " warned:\n" + pack.Output);
        }

        return (feed, version);
    }

    private static string? MachinePackageCache()
    {
        string cache = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Directory.Exists(cache) ? cache : null;
    }
}

/// <summary>Removes the package tests' work folder once every test of the assembly has finished.</summary>
[SetUpFixture]
public sealed class PackageFeedCleanup
{
    /// <summary>Deletes the feed, the consumers and their private package cache.</summary>
    [OneTimeTearDown]
    public void DeleteWorkFolder() => PackageFeed.Delete();
}
