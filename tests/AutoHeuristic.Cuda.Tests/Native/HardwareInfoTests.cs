using AutoHeuristic.Cuda.Driver;
using AutoHeuristic.Cuda.Hardware;
using AutoHeuristic.Hardware;
using NUnit.Framework;

namespace AutoHeuristic.Cuda.Tests.Native;

public class HardwareInfoTests
{
    private static CudaDeviceInfo H100 => new(0, "NVIDIA H100 80GB HBM3", 232448, new DeviceCapability(9, 0), 132, 85_045_379_072, 52_428_800, 1980, 2619, 5120, 13000, 130100);

    [Test]
    public void Provider_from_known_facts_reports_the_H100_key()
    {
        HardwareInfo info = new CudaHardwareInfoProvider(H100).GetHardwareInfo();
        Assert.That(info.Key, Is.EqualTo(HardwareKey.H100));
        Assert.That(info.DeviceIdentifier, Is.EqualTo("NVIDIA_H100_80GB_HBM3"));
    }

    [Test]
    public void Dram_bandwidth_comes_from_memory_clock_and_bus_width() =>
        Assert.That(H100.DramGBps, Is.EqualTo(3352.3).Within(0.1));

    [Test]
    public void Without_a_driver_the_provider_reports_no_gpu()
    {
        if (CudaAvailability.IsAvailable) Assert.Ignore("A CUDA driver is present on this machine.");
        Assert.That(new CudaHardwareInfoProvider().GetHardwareInfo(), Is.EqualTo(HardwareInfo.None));
        Assert.That(CudaHardwareInfoProvider.InstallAsDefault(), Is.False);
    }
}
