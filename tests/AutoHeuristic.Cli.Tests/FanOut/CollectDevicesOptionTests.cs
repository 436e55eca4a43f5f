using System.IO;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests.FanOut;

/// <summary>The <c>--devices</c> and <c>--shards</c> options of <c>autoheuristic collect</c>, through the real command line.</summary>
public sealed class CollectDevicesOptionTests
{
    [Test]
    public void Shards_without_devices_and_device_with_devices_are_refused()
    {
        string dir = CliRunner.TempDir();

        var (noDevices, output1) = CliRunner.Run("collect", "pad_mm", "--shards", "2", "--out", Path.Combine(dir, "a.txt"));
        var (both, output2) = CliRunner.Run("collect", "pad_mm", "--devices", "0,1", "--device", "1", "--out", Path.Combine(dir, "b.txt"));

        Assert.That(noDevices, Is.Not.Zero);
        Assert.That(output1, Does.Contain("--shards needs --devices"));
        Assert.That(both, Is.Not.Zero);
        Assert.That(output2, Does.Contain("--device and --devices exclude each other"));
    }

    [Test]
    public void A_bad_device_list_is_reported_before_any_worker_starts()
    {
        string dir = CliRunner.TempDir();

        var (code, output) = CliRunner.Run("collect", "pad_mm", "--devices", "0,gpu1", "--samples", "4", "--out", Path.Combine(dir, "c.txt"));

        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Does.Contain("item 2 ('gpu1')"));
        Assert.That(Directory.Exists(Path.Combine(dir, "c.txt.shards")), Is.False);
    }

    [Test]
    public void More_shards_than_samples_is_reported()
    {
        string dir = CliRunner.TempDir();

        var (code, output) = CliRunner.Run("collect", "mm", "--devices", "0", "--shards", "5", "--samples", "3", "--out", Path.Combine(dir, "d.txt"));

        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Does.Contain("at most 3 shards"));
    }
}
