using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using NUnit.Framework;

namespace AutoHeuristic.Integration.Tests;

/// <summary>
/// The shipped package, as a user gets it: pack to a local folder feed, restore a brand-new console
/// project against the .nupkg (with a private package cache, so no stale copy is used), build it
/// with a training log under heuristics/, run it.
/// </summary>
[NonParallelizable]
public class PackageTests
{
    private string _work = null!;

    [OneTimeSetUp]
    public void CreateWorkFolder()
    {
        _work = Path.Combine(Path.GetTempPath(), "ah-integration-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_work);
    }

    [OneTimeTearDown]
    public void DeleteWorkFolder()
    {
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Test]
    public void AFreshConsumerBuildsAgainstThePackedPackageAndDecides()
    {
        string root = DotNet.RepositoryRoot();
        string feed = Path.Combine(_work, "feed");
        string version = "0.1.0-it" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var pack = DotNet.Run(root, null, "pack", Path.Combine("src", "AutoHeuristic", "AutoHeuristic.csproj"), "-o", feed, "-p:PackageVersion=" + version);
        Assert.That(pack.ExitCode, Is.EqualTo(0), pack.Output);

        string nupkg = Path.Combine(feed, "AutoHeuristic." + version + ".nupkg");
        using (ZipArchive zip = ZipFile.OpenRead(nupkg))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            Assert.That(entries, Is.SupersetOf(new[]
            {
                "lib/net10.0/AutoHeuristic.Runtime.dll", "lib/net10.0/AutoHeuristic.Core.dll",
                "analyzers/dotnet/cs/AutoHeuristic.Generator.dll", "analyzers/dotnet/cs/AutoHeuristic.Learning.dll", "analyzers/dotnet/cs/AutoHeuristic.Core.dll",
                "analyzers/dotnet/cs/AutoHeuristic.Analyzers.dll", "analyzers/dotnet/cs/AutoHeuristic.CodeFixes.dll",
                "build/AutoHeuristic.props", "build/AutoHeuristic.targets",
            }));
        }

        string consumer = Path.Combine(_work, "Consumer");
        Directory.CreateDirectory(Path.Combine(consumer, "heuristics"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "pad_mm_a100_subset.txt"), Path.Combine(consumer, "heuristics", "pad_mm_a100.txt"));
        // The local feed plus whatever sources the machine already has (not cleared): the SDK's own packages still restore.
        File.WriteAllText(Path.Combine(consumer, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="autoheuristic-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <AutoHeuristicAllowedWrongPercent>5</AutoHeuristicAllowedWrongPercent>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AutoHeuristic" Version="{version}" />
                <!-- Another .txt AdditionalFile: not a training log, must be ignored. -->
                <AdditionalFiles Include="notes.txt" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "notes.txt"), "not a log");
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            using System;
            using AutoHeuristic;
            using AutoHeuristic.Hardware;

            var a100 = new AHMetadata(HardwareKey.A100.SharedMemory, HardwareKey.A100.Capability, new[] { "orig", "pad" }, "pad_mm");
            var context = new AHContext();
            foreach (var (name, value) in new (string, long)[] { ("m", 4096), ("k", 4095), ("n", 4096), ("mat1_stride_0", 4095), ("mat1_stride_1", 1),
                ("mat2_stride_0", 4096), ("mat2_stride_1", 1), ("m_padded_length", 0), ("k_padded_length", 1), ("n_padded_length", 0),
                ("mat1_align_size", 8), ("mat2_align_size", 8) })
            {
                context.AddFeature(name, value);
            }
            foreach (var (name, value) in new[] { ("mat1_dtype", "torch.float16"), ("mat2_dtype", "torch.float16"), ("prepadded_mat1", "False"), ("prepadded_mat2", "False"), ("using_tf32", "not_float_32") })
            {
                context.AddFeature(name, value, isCategorical: true);
            }

            Console.WriteLine("report: " + Consumer.PadMmHeuristic.TrainingReport.Split('\n')[0]);
            Console.WriteLine("trees: " + Consumer.PadMmHeuristic.Trees.Count);
            Console.WriteLine("registered: " + LearnedHeuristicRegistry.ForName("pad_mm").Count);
            Console.WriteLine("decision: " + (Consumer.PadMmHeuristic.GetDecision(a100, context) ?? "unsure"));

            namespace Consumer
            {
                [AutoHeuristic("pad_mm")]
                public static partial class PadMmHeuristic { }
            }
            """);

        var environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(_work, "packages"),
            ["AH_ARTIFACTS"] = Path.Combine(_work, "artifacts"),
        };
        var run = DotNet.Run(consumer, environment, "run");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(run.Output, Does.Contain("report: Learned 'pad_mm' (decision) for A100"));
        Assert.That(run.Output, Does.Contain("trees: 1"));
        Assert.That(run.Output, Does.Contain("registered: 1"));
        Assert.That(run.Output, Does.Match("decision: (orig|pad|unsure)"));
        Assert.That(run.Output, Does.Not.Contain("warning AH"));
    }
}
