using System;
using System.Collections.Generic;
using System.IO;
using AutoHeuristic.Tests.Shared;
using NUnit.Framework;

namespace AutoHeuristic.Integration.Tests;

/// <summary>
/// The frameworks most libraries and apps target, against the packed AutoHeuristic package: a net8.0
/// app, and a netstandard2.0 library holding an [AutoHeuristic] class used from a net8.0 app. The
/// apps are published self-contained, so they run on .NET 8 from NuGet's runtime pack even where
/// only a newer .NET is installed.
/// </summary>
[NonParallelizable]
public class FrameworkConsumerTests
{
    private const string H100 = "NVIDIA H100 80GB HBM3;232448;9.0";

    private static string Publish(string project, string consumer)
    {
        string output = Path.Combine(consumer, "published");
        var publish = DotNet.Run(consumer, PackageFeed.Environment(), "publish", project, "-c", "Release", "-r", PackageFeed.RuntimeIdentifier(),
            "--self-contained", "-o", output, "-p:AutoHeuristicVersion=" + PackageFeed.Version);
        Assert.That(publish.ExitCode, Is.EqualTo(0), publish.Output);
        Assert.That(publish.Output, Does.Not.Contain("warning"), publish.Output);
        return output;
    }

    private static (int ExitCode, string Output) Start(string program, string? hardware, params string[] arguments)
    {
        var environment = new Dictionary<string, string?> { ["AUTOHEURISTIC_HARDWARE"] = hardware };
        var run = DotNet.Exec(program, Path.GetDirectoryName(program)!, environment, arguments);
        return (run.ExitCode, run.Output);
    }

    [Test]
    public void ANet8AppDecidesWithTheH100TreeOnTheHardwareTheRunTimeFinds()
    {
        // The project the GPU check (tools/device/packaged-hardware.sh) runs on an H100, with the H100 log.
        string consumer = PackageFeed.NewConsumer("Net8App");
        foreach (string file in Directory.GetFiles(Path.Combine(TestRepository.Root, "tools", "device", "PackagedHardwareCheck")))
        {
            File.Copy(file, Path.Combine(consumer, Path.GetFileName(file)));
        }

        Directory.CreateDirectory(Path.Combine(consumer, "heuristics"));
        File.Copy(Path.Combine(TestRepository.Root, "samples", "data", "pad_mm_h100.txt"), Path.Combine(consumer, "heuristics", "pad_mm_h100.txt"));
        string program = PackageFeed.AppHost(Publish("PackagedHardwareCheck.csproj", consumer), "PackagedHardwareCheck");

        // The hardware set by hand, as on a machine whose driver cannot be read: the H100 tree decides.
        var h100 = Start(program, H100, "--require-decisions");
        Assert.That(h100.ExitCode, Is.EqualTo(0), h100.Output);
        Assert.That(h100.Output, Does.Contain("runtime: .NET 8.0."), "runs on .NET 8");
        Assert.That(h100.Output, Does.Contain("library: .NETCoreApp,Version=v8.0"), "a net8.0 app gets lib/net8.0");
        Assert.That(h100.Output, Does.Contain("hardware: NVIDIA H100 80GB HBM3 (shared memory 232448, capability (9, 0)) from EnvironmentOverride"));
        Assert.That(h100.Output, Does.Contain("trees: Learned 'pad_mm' (decision) for H100 (shared memory 232448, capability (9, 0))"));
        Assert.That(h100.Output, Does.Contain("4096 x 4095 x 4096 torch.float16: pad (Decided)"));
        Assert.That(h100.Output, Does.Contain("4097 x 4097 x 4097 torch.float32: orig (Decided)"));

        // Nothing set: the run time reads the driver by itself.
        var found = Start(program, null);
        Assert.That(found.ExitCode, Is.EqualTo(0), found.Output);
        if (found.Output.Contains("from CudaDriver", StringComparison.Ordinal))
        {
            Assert.Pass("A CUDA driver is installed here; the cpu path is checked on machines without one.\n" + found.Output);
        }

        Assert.That(found.Output, Does.Contain("hardware: cpu (shared memory 0, capability (0, 0)) from NotFound: "));
        Assert.That(found.Output, Does.Contain("4096 x 4095 x 4096 torch.float16: autotune (NoMatch)"));
        Assert.That(found.Output, Does.Contain("decided: 0 of 8"));
        Assert.That(found.Output, Does.Contain("AutoHeuristic warning: no learned heuristic for 'pad_mm' matches this hardware (shared memory 0, capability (0, 0))")
            .And.Contain("No GPU was detected: "), "the fallback is not silent");

        // A bad override: warned about, ignored.
        var bad = Start(program, "H100;lots;9.0");
        Assert.That(bad.ExitCode, Is.EqualTo(0), bad.Output);
        Assert.That(bad.Output, Does.Contain("AutoHeuristic warning: AUTOHEURISTIC_HARDWARE='H100;lots;9.0' is ignored: the shared memory 'lots' (second field) is not a positive whole number of bytes"));
    }

    [Test]
    public void ANetStandardLibraryWithAHeuristicIsUsedFromANet8App()
    {
        string consumer = PackageFeed.NewConsumer("NetStandardLibrary");
        string library = Path.Combine(consumer, "Shapes");
        string app = Path.Combine(consumer, "App");
        Directory.CreateDirectory(Path.Combine(library, "heuristics"));
        Directory.CreateDirectory(app);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "pad_mm_a100_subset.txt"), Path.Combine(library, "heuristics", "pad_mm_a100.txt"));
        File.WriteAllText(Path.Combine(library, "Shapes.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>netstandard2.0</TargetFramework>
                <LangVersion>latest</LangVersion>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <AutoHeuristicAllowedWrongPercent>5</AutoHeuristicAllowedWrongPercent>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AutoHeuristic" Version="$(AutoHeuristicVersion)" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(library, "PadMm.cs"), """
            using AutoHeuristic;
            using AutoHeuristic.Features;
            using AutoHeuristic.Hardware;

            namespace Shapes
            {
                /// <summary>Learned at build time from heuristics/pad_mm_a100.txt.</summary>
                [AutoHeuristic("pad_mm")]
                public static partial class PadMmHeuristic { }

                /// <summary>What the library offers: pad or not, for fp16 GEMMs on an A100.</summary>
                public static class PadMm
                {
                    public static string Decide(long m, long k, long n)
                    {
                        var context = new AHContext();
                        context.AddFeature("m", m);
                        context.AddFeature("k", k);
                        context.AddFeature("n", n);
                        context.AddFeature("mat1_stride_0", k);
                        context.AddFeature("mat1_stride_1", 1L);
                        context.AddFeature("mat2_stride_0", n);
                        context.AddFeature("mat2_stride_1", 1L);
                        context.AddFeature("m_padded_length", Padding(m));
                        context.AddFeature("k_padded_length", Padding(k));
                        context.AddFeature("n_padded_length", Padding(n));
                        context.AddFeature("mat1_align_size", 8L);
                        context.AddFeature("mat2_align_size", 8L);
                        context.AddFeature("mat1_dtype", "torch.float16", isCategorical: true);
                        context.AddFeature("mat2_dtype", "torch.float16", isCategorical: true);
                        context.AddFeature("prepadded_mat1", false, isCategorical: true);
                        context.AddFeature("prepadded_mat2", false, isCategorical: true);
                        context.AddFeature("using_tf32", "not_float_32", isCategorical: true);
                        var a100 = new HardwareInfo("NVIDIA A100-SXM4-80GB", HardwareKey.A100.SharedMemory, HardwareKey.A100.Capability);
                        var options = new AutoHeuristicOptions { HardwareInfoProvider = new Fixed(a100) }.SetMode("pad_mm", AutoHeuristicMode.Use);
                        var decision = new AutoHeuristicDecision(() => "autotune", new[] { "orig", "pad" }, null, context, "pad_mm",
                            PadMmHeuristic.Operations, StandardPreconditions.PadMm, options);
                        return decision.GetChoice() + " (" + decision.LastOutcome + ")";
                    }

                    private static long Padding(long x) => x % 8 == 0 ? 0 : ((x / 8) + 1) * 8 - x;

                    private sealed class Fixed : IHardwareInfoProvider
                    {
                        private readonly HardwareInfo _info;

                        public Fixed(HardwareInfo info) => _info = info;

                        public HardwareInfo GetHardwareInfo() => _info;
                    }
                }
            }
            """);
        File.WriteAllText(Path.Combine(app, "App.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net8.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../Shapes/Shapes.csproj" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System;
            using System.Reflection;
            using System.Runtime.Versioning;

            Console.WriteLine("runtime: " + System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
            Console.WriteLine("library: " + typeof(AutoHeuristic.AHContext).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName);
            Console.WriteLine("shapes: " + typeof(Shapes.PadMm).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName);
            Console.WriteLine("decision: " + Shapes.PadMm.Decide(4096, 4095, 4096));
            Console.WriteLine("registered: " + AutoHeuristic.LearnedHeuristicRegistry.ForName("pad_mm").Count);
            """);

        string program = PackageFeed.AppHost(Publish(Path.Combine("App", "App.csproj"), consumer), "App");
        var run = Start(program, null);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(run.Output, Does.Contain("runtime: .NET 8.0."));
        Assert.That(run.Output, Does.Contain("shapes: .NETStandard,Version=v2.0"), "the library was compiled for netstandard2.0");
        Assert.That(run.Output, Does.Contain("library: .NETCoreApp,Version=v8.0"), "the app gets the run time's lib/net8.0");
        Assert.That(run.Output, Does.Match(@"decision: (orig \(Decided\)|pad \(Decided\)|autotune \(Unsure\))"), "the library's tree registered from its module initializer and was asked");
        Assert.That(run.Output, Does.Contain("registered: 1"));
    }
}
