using System;
using System.Runtime.InteropServices;
using AutoHeuristic.Hardware;
using NUnit.Framework;

namespace AutoHeuristic.Tests.Hardware;

/// <summary>
/// Detection against this machine's real driver library: the no-driver path where none loads, the
/// real device where one does (each test skips on the other kind of machine).
/// </summary>
public class RealDriverTests
{
    private static string DriverLibrary => RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "nvcuda.dll" : "libcuda.so.1";

    private static bool DriverLoads()
    {
        if (!NativeLibrary.TryLoad(DriverLibrary, out IntPtr handle)) return false;
        NativeLibrary.Free(handle);
        return true;
    }

    private static HardwareDetection Detect() => new DetectedHardwareInfoProvider(() => null, CudaDriverProbe.ForThisOs()).Detection;

    [Test]
    public void Without_a_driver_library_the_answer_is_cpu_and_says_why()
    {
        if (DriverLoads()) Assert.Ignore($"{DriverLibrary} loads on this machine; the no-driver path needs a machine without the NVIDIA driver.");
        HardwareDetection detection = Detect();
        Assert.That(detection.Hardware, Is.EqualTo(HardwareInfo.None));
        Assert.That(detection.Hardware.DeviceName, Is.EqualTo("cpu"));
        Assert.That(detection.Source, Is.EqualTo(HardwareSource.NotFound));
        Assert.That(detection.Reason, Does.StartWith($"no CUDA driver: {DriverLibrary} could not be loaded ("));
    }

    [Test]
    public void With_a_driver_the_real_device_is_read()
    {
        HardwareDetection detection = Detect();
        if (detection.Source != HardwareSource.CudaDriver) Assert.Ignore("No CUDA device readable here: " + detection.Reason);
        HardwareInfo hardware = detection.Hardware;
        TestContext.Out.WriteLine(detection);
        Assert.That(hardware.DeviceName, Is.Not.Empty.And.Not.EqualTo("cpu"));
        Assert.That(hardware.Capability.Major, Is.GreaterThanOrEqualTo(3));
        Assert.That(hardware.SharedMemory % 1024, Is.Zero, "opt-in shared memory is a whole number of KiB on every NVIDIA GPU");
        Assert.That(hardware.SharedMemory, Is.GreaterThanOrEqualTo(48 * 1024));
        if (hardware.DeviceName.Contains("H100", StringComparison.Ordinal) || hardware.DeviceName.Contains("H200", StringComparison.Ordinal))
        {
            Assert.That(hardware.Key, Is.EqualTo(HardwareKey.H100), "PyTorch's H100 key: 232448 bytes, (9, 0)");
        }
        else if (hardware.DeviceName.Contains("A100", StringComparison.Ordinal))
        {
            Assert.That(hardware.Key, Is.EqualTo(HardwareKey.A100));
        }
    }
}
