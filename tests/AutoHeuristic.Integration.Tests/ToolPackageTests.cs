using System;
using System.IO;
using System.Runtime.InteropServices;
using NUnit.Framework;

namespace AutoHeuristic.Integration.Tests;

/// <summary>
/// The `autoheuristic` dotnet tool as a user installs it: `dotnet tool install` from the local feed
/// into a tool folder, then training a log that ships with the tests.
/// </summary>
[NonParallelizable]
public class ToolPackageTests
{
    [Test]
    public void TheToolInstallsFromTheFeedAndTrainsALog()
    {
        string tools = Path.Combine(PackageFeed.Work, "tools");
        string folder = PackageFeed.NewConsumer("ToolUser");
        var install = DotNet.Run(folder, PackageFeed.Environment(), "tool", "install", "--tool-path", tools, "--add-source", PackageFeed.Folder,
            "AutoHeuristic.Cli", "--version", PackageFeed.Version);
        Assert.That(install.ExitCode, Is.EqualTo(0), install.Output);
        Assert.That(install.Output, Does.Contain("autoheuristic"), "the command name");

        string tool = Path.Combine(tools, RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "autoheuristic.exe" : "autoheuristic");
        string log = Path.Combine(AppContext.BaseDirectory, "TestData", "pad_mm_a100_subset.txt");
        string json = Path.Combine(folder, "train.json");
        var train = DotNet.Exec(tool, folder, PackageFeed.Environment(), "train", log, "--allowed-wrong", "0.05", "--brief", "--json", json);
        Assert.That(train.ExitCode, Is.EqualTo(0), train.Output);
        Assert.That(train.Output, Does.Contain("pad_mm"));
        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        Assert.That(report.RootElement.GetProperty("name").GetString(), Is.EqualTo("pad_mm"));
        Assert.That(report.RootElement.GetProperty("selected").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Object), "a model was selected");

        var help = DotNet.Exec(tool, folder, PackageFeed.Environment(), "--help");
        Assert.That(help.ExitCode, Is.EqualTo(0), help.Output);
        Assert.That(help.Output, Does.Contain("train").And.Contain("collect"));
        Assert.That(help.Output, Does.Not.Contain("bench"), "repository-only commands stay in tools/");
    }
}
