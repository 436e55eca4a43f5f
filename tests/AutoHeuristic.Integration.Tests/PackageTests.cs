using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using NUnit.Framework;

namespace AutoHeuristic.Integration.Tests;

/// <summary>
/// The shipped packages, as a user gets them: what each .nupkg holds, and a brand-new net10.0 console
/// project restored against the feed (AutoHeuristic and AutoHeuristic.Cuda), built with a training log
/// under heuristics/, run.
/// </summary>
[NonParallelizable]
public class PackageTests
{
    private static string[] Entries(string id)
    {
        using ZipArchive zip = ZipFile.OpenRead(PackageFeed.Package(id));
        return zip.Entries.Select(e => e.FullName).ToArray();
    }

    private static string Nuspec(string id)
    {
        using ZipArchive zip = ZipFile.OpenRead(PackageFeed.Package(id));
        using var reader = new StreamReader(zip.GetEntry(id + ".nuspec")!.Open());
        return reader.ReadToEnd();
    }

    [Test]
    public void TheAutoHeuristicPackageShipsTheRunTimeForEachFrameworkAndTheGeneratorOnce()
    {
        string[] entries = Entries("AutoHeuristic");
        foreach (string framework in new[] { "netstandard2.0", "net8.0" })
        {
            Assert.That(entries, Is.SupersetOf(new[]
            {
                $"lib/{framework}/AutoHeuristic.Runtime.dll", $"lib/{framework}/AutoHeuristic.Runtime.xml", $"lib/{framework}/AutoHeuristic.Core.dll",
            }), framework);
        }

        Assert.That(entries, Is.SupersetOf(new[]
        {
            "analyzers/dotnet/cs/AutoHeuristic.Generator.dll", "analyzers/dotnet/cs/AutoHeuristic.Learning.dll", "analyzers/dotnet/cs/AutoHeuristic.Core.dll",
            "analyzers/dotnet/cs/AutoHeuristic.Analyzers.dll", "analyzers/dotnet/cs/AutoHeuristic.CodeFixes.dll",
            "build/AutoHeuristic.props", "build/AutoHeuristic.targets", "build/AutoHeuristic.ModuleInitializerAttribute.cs", "PACKAGE.md",
        }));
        Assert.That(entries.Count(e => e.StartsWith("analyzers/", StringComparison.Ordinal)), Is.EqualTo(5), "each analyzer DLL once");
        Assert.That(entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).Select(e => e.Split('/')[1]).Distinct(), Is.EquivalentTo(new[] { "netstandard2.0", "net8.0" }),
            "no lib/net10.0: .NET 10 apps use lib/net8.0 (docs/measurements/runtime-frameworks.md)");
        string nuspec = Nuspec("AutoHeuristic");
        Assert.That(nuspec, Does.Contain("<license type=\"expression\">MIT</license>").And.Contain("<readme>PACKAGE.md</readme>")
            .And.Contain("<description>").And.Contain("<repository type=\"git\""));
    }

    [Test]
    public void TheRunTimeHasTheSamePublicApiOnEveryFramework()
    {
        string folder = Path.Combine(PackageFeed.Work, "api");
        ZipFile.ExtractToDirectory(PackageFeed.Package("AutoHeuristic"), folder, overwriteFiles: true);
        List<string> netStandard = PublicApi.Of(Path.Combine(folder, "lib", "netstandard2.0", "AutoHeuristic.Runtime.dll"));
        Assert.That(netStandard, Has.Some.StartsWith("AutoHeuristic.DetectedHardwareInfoProvider::"), "the surface was read");
        Assert.That(netStandard, Has.Count.GreaterThan(300));
        List<string> net8 = PublicApi.Of(Path.Combine(folder, "lib", "net8.0", "AutoHeuristic.Runtime.dll"));
        Assert.That(net8.Except(netStandard), Is.Empty, "net8.0 has members netstandard2.0 lacks");
        Assert.That(netStandard.Except(net8), Is.Empty, "netstandard2.0 has members net8.0 lacks");
    }

    [Test]
    public void TheCudaPackageDependsOnAutoHeuristicOfTheSameVersion()
    {
        Assert.That(Entries("AutoHeuristic.Cuda"), Is.SupersetOf(new[] { "lib/net8.0/AutoHeuristic.Cuda.dll", "lib/net8.0/AutoHeuristic.Cuda.xml", "PACKAGE.md" }));
        string nuspec = Nuspec("AutoHeuristic.Cuda");
        Assert.That(nuspec, Does.Contain($"<dependency id=\"AutoHeuristic\" version=\"{PackageFeed.Version}\""));
        Assert.That(nuspec, Does.Not.Contain("AutoHeuristic.Runtime"), "the run time has no package of its own");
        Assert.That(nuspec, Does.Contain("<readme>PACKAGE.md</readme>").And.Contain("<license type=\"expression\">MIT</license>"));
    }

    [Test]
    public void ANet10ConsumerBuildsAgainstThePackagesAndDecides()
    {
        string consumer = PackageFeed.NewConsumer("Net10Consumer");
        Directory.CreateDirectory(Path.Combine(consumer, "heuristics"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "pad_mm_a100_subset.txt"), Path.Combine(consumer, "heuristics", "pad_mm_a100.txt"));
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
                <PackageReference Include="AutoHeuristic" Version="{PackageFeed.Version}" />
                <PackageReference Include="AutoHeuristic.Cuda" Version="{PackageFeed.Version}" />
                <!-- Another .txt AdditionalFile: not a training log, must be ignored. -->
                <AdditionalFiles Include="notes.txt" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "notes.txt"), "not a log");
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            using System;
            using System.Reflection;
            using System.Runtime.Versioning;
            using AutoHeuristic;
            using AutoHeuristic.Cuda.Driver;
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

            Console.WriteLine("library: " + typeof(AHContext).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName);
            Console.WriteLine("report: " + Consumer.PadMmHeuristic.TrainingReport.Split('\n')[0]);
            Console.WriteLine("trees: " + Consumer.PadMmHeuristic.Trees.Count);
            Console.WriteLine("registered: " + LearnedHeuristicRegistry.ForName("pad_mm").Count);
            Console.WriteLine("decision: " + (Consumer.PadMmHeuristic.GetDecision(a100, context) ?? "unsure"));
            Console.WriteLine("cuda: " + (CudaAvailability.IsAvailable ? "available" : "unavailable: " + CudaAvailability.Reason));

            namespace Consumer
            {
                [AutoHeuristic("pad_mm")]
                public static partial class PadMmHeuristic { }
            }
            """);

        var run = DotNet.Run(consumer, PackageFeed.Environment(), "run");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(run.Output, Does.Contain("library: .NETCoreApp,Version=v8.0"), "a net10.0 app gets lib/net8.0");
        Assert.That(run.Output, Does.Contain("report: Learned 'pad_mm' (decision) for A100"));
        Assert.That(run.Output, Does.Contain("trees: 1"));
        Assert.That(run.Output, Does.Contain("registered: 1"));
        Assert.That(run.Output, Does.Match("decision: (orig|pad|unsure)"));
        Assert.That(run.Output, Does.Match("cuda: (available|unavailable: .+)"), "AutoHeuristic.Cuda restored with its dependency and loads");
        Assert.That(run.Output, Does.Not.Contain("warning AH"));
    }
}
