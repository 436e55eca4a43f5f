using System;
using System.Collections.Generic;
using AutoHeuristic.Cli.FanOut;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests.FanOut;

public sealed class DeviceSelectionTests
{
    private sealed class FixedDevices : IDeviceEnumerator
    {
        private readonly string[] _ids;

        public FixedDevices(params string[] ids) => _ids = ids;

        public IReadOnlyList<string> Enumerate(IList<string> tried)
        {
            tried.Add("fixed list");
            return _ids;
        }
    }

    [Test]
    public void A_list_is_taken_as_given()
    {
        Assert.That(DeviceSelection.Resolve("0, 2,GPU-1234", new FixedDevices()), Is.EqualTo(new[] { "0", "2", "GPU-1234" }));
    }

    [Test]
    public void All_asks_the_enumerator()
    {
        Assert.That(DeviceSelection.Resolve("all", new FixedDevices("0", "1")), Is.EqualTo(new[] { "0", "1" }));
        Assert.That(DeviceSelection.Resolve("ALL", new FixedDevices("3")), Is.EqualTo(new[] { "3" }));
    }

    [Test]
    public void Bad_lists_and_no_gpu_are_clear_errors()
    {
        Assert.That(() => DeviceSelection.Resolve("0,x", new FixedDevices()), Throws.ArgumentException.With.Message.Contains("item 2 ('x')"));
        Assert.That(() => DeviceSelection.Resolve("1,1", new FixedDevices()), Throws.ArgumentException.With.Message.Contains("twice"));
        Assert.That(() => DeviceSelection.Resolve("0,", new FixedDevices()), Throws.ArgumentException.With.Message.Contains("item 2"));
        Assert.That(() => DeviceSelection.Resolve(" ", new FixedDevices()), Throws.ArgumentException.With.Message.Contains("empty"));
        Assert.That(() => DeviceSelection.Resolve("all", new FixedDevices()), Throws.ArgumentException.With.Message.Contains("found no GPU (fixed list)"));
    }

    [Test]
    public void A_scheduler_set_CUDA_VISIBLE_DEVICES_wins()
    {
        var enumerator = new SystemDeviceEnumerator(
            driverDeviceCount: () => throw new AssertionException("the driver must not be asked"),
            environment: name => name == "CUDA_VISIBLE_DEVICES" ? "2,3" : null,
            nvidiaSmiList: () => throw new AssertionException("nvidia-smi must not run"));

        Assert.That(enumerator.Enumerate(new List<string>()), Is.EqualTo(new[] { "2", "3" }));
    }

    [Test]
    public void CUDA_VISIBLE_DEVICES_stops_at_the_first_invalid_entry_like_CUDA()
    {
        var enumerator = new SystemDeviceEnumerator(environment: _ => "1,-1,0", nvidiaSmiList: () => null);
        var hidden = new SystemDeviceEnumerator(environment: _ => "", nvidiaSmiList: () => "GPU 0: x\n");

        Assert.That(enumerator.Enumerate(new List<string>()), Is.EqualTo(new[] { "1" }));
        Assert.That(hidden.Enumerate(new List<string>()), Is.Empty);
    }

    [Test]
    public void The_driver_count_comes_before_nvidia_smi()
    {
        var enumerator = new SystemDeviceEnumerator(driverDeviceCount: () => 2, environment: _ => null, nvidiaSmiList: () => throw new AssertionException("not needed"));

        Assert.That(enumerator.Enumerate(new List<string>()), Is.EqualTo(new[] { "0", "1" }));
    }

    [Test]
    public void Nvidia_smi_is_the_fallback_when_the_driver_cannot_be_loaded()
    {
        const string listing = "GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-aaaa)\nGPU 1: NVIDIA H100 80GB HBM3 (UUID: GPU-bbbb)\n  MIG 1g.10gb     Device  0: (UUID: MIG-cccc)\n";
        var tried = new List<string>();
        var enumerator = new SystemDeviceEnumerator(
            driverDeviceCount: () => throw new DllNotFoundException("libcuda.so.1"),
            environment: _ => null,
            nvidiaSmiList: () => listing);

        Assert.That(enumerator.Enumerate(tried), Is.EqualTo(new[] { "0", "1" }));
        Assert.That(tried, Has.Some.Contains("libcuda.so.1"));
        Assert.That(SystemDeviceEnumerator.ParseNvidiaSmiList(listing), Is.EqualTo(2));
    }

    [Test]
    public void Nothing_found_reports_every_source_tried()
    {
        var enumerator = new SystemDeviceEnumerator(driverDeviceCount: () => 0, environment: _ => null, nvidiaSmiList: () => null);

        Assert.That(
            () => DeviceSelection.Resolve("all", enumerator),
            Throws.ArgumentException.With.Message.Contains("CUDA driver reported 0 devices").And.Message.Contains("nvidia-smi -L could not run"));
    }
}
