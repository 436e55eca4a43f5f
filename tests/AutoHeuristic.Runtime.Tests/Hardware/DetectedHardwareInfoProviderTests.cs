using System;
using System.Collections.Generic;
using AutoHeuristic.Hardware;
using AutoHeuristic.Tests.Support;
using NUnit.Framework;

namespace AutoHeuristic.Tests.Hardware;

/// <summary>Detection against a fake driver: every step's status is checked, every failure answers cpu with the reason.</summary>
public class DetectedHardwareInfoProviderTests
{
    private static readonly HardwareInfo H100 = new("NVIDIA H100 80GB HBM3", 232448, new DeviceCapability(9, 0));

    [Test]
    public void The_driver_gives_name_opt_in_shared_memory_and_capability_of_device_0()
    {
        var driver = new FakeCudaDriver();
        HardwareDetection detection = new DetectedHardwareInfoProvider(() => null, driver).Detection;
        Assert.That(detection.Hardware, Is.EqualTo(H100));
        Assert.That(detection.Source, Is.EqualTo(HardwareSource.CudaDriver));
        Assert.That(detection.Reason, Is.EqualTo("read from the CUDA driver (libfakecuda.so), device 0."));
        Assert.That(driver.Calls, Is.EqualTo(new[]
        {
            "cuInit(0)", "cuDeviceGet(0)", "cuDeviceGetName(256, device 7)",
            "cuDeviceGetAttribute(97, device 7)", "cuDeviceGetAttribute(75, device 7)", "cuDeviceGetAttribute(76, device 7)",
        }));
    }

    [Test]
    public void Detection_runs_once_and_is_raised_once()
    {
        var driver = new FakeCudaDriver();
        var provider = new DetectedHardwareInfoProvider(() => null, driver);
        var raised = new List<HardwareDetection>();
        EventHandler<HardwareDetectedEventArgs> handler = (_, e) => raised.Add(e.Detection);
        AutoHeuristicStatistics.HardwareDetected += handler;
        try
        {
            Assert.That(provider.HasDetected, Is.False, "lazy: nothing is asked before the first use");
            Assert.That(provider.GetHardwareInfo(), Is.EqualTo(H100));
            Assert.That(provider.GetHardwareInfo(), Is.EqualTo(H100));
            Assert.That(provider.Detection.Hardware, Is.EqualTo(H100));
        }
        finally
        {
            AutoHeuristicStatistics.HardwareDetected -= handler;
        }

        Assert.That(provider.HasDetected, Is.True);
        Assert.That(driver.Calls, Has.Count.EqualTo(6), "the driver is asked once");
        Assert.That(raised, Has.Count.EqualTo(1));
        Assert.That(raised[0], Is.SameAs(provider.Detection));
    }

    [TestCase("cuInit", "cuInit(0) in the CUDA driver (libfakecuda.so) returned CUDA_ERROR_NO_DEVICE (100).")]
    [TestCase("cuDeviceGet", "cuDeviceGet(0) in the CUDA driver (libfakecuda.so) returned CUDA_ERROR_NO_DEVICE (100).")]
    [TestCase("cuDeviceGetName", "cuDeviceGetName in the CUDA driver (libfakecuda.so) returned CUDA_ERROR_NO_DEVICE (100).")]
    [TestCase("attribute 97", "cuDeviceGetAttribute(CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN = 97) in the CUDA driver (libfakecuda.so) returned CUDA_ERROR_NO_DEVICE (100).")]
    [TestCase("attribute 75", "cuDeviceGetAttribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75) in the CUDA driver (libfakecuda.so) returned CUDA_ERROR_NO_DEVICE (100).")]
    [TestCase("attribute 76", "cuDeviceGetAttribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76) in the CUDA driver (libfakecuda.so) returned CUDA_ERROR_NO_DEVICE (100).")]
    public void A_failing_call_answers_cpu_and_names_the_call_and_status(string call, string reason)
    {
        var driver = new FakeCudaDriver();
        driver.Failures[call] = 100;
        HardwareDetection detection = new DetectedHardwareInfoProvider(() => null, driver).Detection;
        Assert.That(detection.Hardware, Is.EqualTo(HardwareInfo.None));
        Assert.That(detection.Source, Is.EqualTo(HardwareSource.NotFound));
        Assert.That(detection.Reason, Is.EqualTo(reason));
    }

    [Test]
    public void A_status_the_driver_cannot_name_is_given_as_a_number()
    {
        var driver = new FakeCudaDriver { Names = _ => throw new EntryPointNotFoundException("cuGetErrorName") };
        driver.Failures["cuInit"] = 999;
        Assert.That(new DetectedHardwareInfoProvider(() => null, driver).Detection.Reason,
            Is.EqualTo("cuInit(0) in the CUDA driver (libfakecuda.so) returned 999."));
    }

    [Test]
    public void A_missing_driver_library_answers_cpu_with_the_loaders_message()
    {
        var driver = new FakeCudaDriver { Throw = new DllNotFoundException("Unable to load shared library 'libcuda.so.1'") };
        HardwareDetection detection = new DetectedHardwareInfoProvider(() => null, driver).Detection;
        Assert.That(detection.Hardware, Is.EqualTo(HardwareInfo.None));
        Assert.That(detection.Source, Is.EqualTo(HardwareSource.NotFound));
        Assert.That(detection.Reason, Is.EqualTo("no CUDA driver: libfakecuda.so could not be loaded (Unable to load shared library 'libcuda.so.1')."));
    }

    [Test]
    public void An_old_driver_without_an_entry_point_answers_cpu()
    {
        var driver = new FakeCudaDriver { Throw = new EntryPointNotFoundException("cuDeviceGetAttribute") };
        HardwareDetection detection = new DetectedHardwareInfoProvider(() => null, driver).Detection;
        Assert.That(detection.Source, Is.EqualTo(HardwareSource.NotFound));
        Assert.That(detection.Reason, Does.StartWith("the CUDA driver libfakecuda.so lacks an entry point").And.Contain("cuDeviceGetAttribute"));
    }

    [Test]
    public void Any_other_exception_of_the_driver_answers_cpu_instead_of_escaping()
    {
        var driver = new FakeCudaDriver { Throw = new InvalidOperationException("boom") };
        HardwareDetection detection = new DetectedHardwareInfoProvider(() => null, driver).Detection;
        Assert.That(detection.Hardware, Is.EqualTo(HardwareInfo.None));
        Assert.That(detection.Reason, Does.Contain("InvalidOperationException: boom"));
    }

    [TestCase(97, 0, "opt-in shared memory 0 bytes")]
    [TestCase(75, 0, "capability 0.0")]
    public void Implausible_values_answer_cpu(int attribute, int value, string expected)
    {
        var driver = new FakeCudaDriver();
        driver.Attributes[attribute] = value;
        HardwareDetection detection = new DetectedHardwareInfoProvider(() => null, driver).Detection;
        Assert.That(detection.Source, Is.EqualTo(HardwareSource.NotFound));
        Assert.That(detection.Reason, Does.Contain("implausible").And.Contain(expected));
    }

    [Test]
    public void An_empty_device_name_answers_cpu()
    {
        var driver = new FakeCudaDriver { DeviceName = "" };
        HardwareDetection detection = new DetectedHardwareInfoProvider(() => null, driver).Detection;
        Assert.That(detection.Source, Is.EqualTo(HardwareSource.NotFound));
        Assert.That(detection.Reason, Does.Contain("empty name for device 0"));
    }

    [Test]
    public void The_loaders_message_keeps_its_first_sentence_and_the_first_paths_reason()
    {
        const string linux = "Unable to load shared library 'libcuda.so.1' or one of its dependencies. In order to help diagnose loading problems, "
            + "consider using a tool like strace. If you're using glibc, consider setting the LD_DEBUG environment variable: \n"
            + "/app/libcuda.so.1: cannot open shared object file: No such file or directory\n"
            + "/app/liblibcuda.so.1.so: cannot open shared object file: No such file or directory";
        Assert.That(CudaDriverProbe.LoaderMessage(linux),
            Is.EqualTo("Unable to load shared library 'libcuda.so.1' or one of its dependencies. /app/libcuda.so.1: cannot open shared object file: No such file or directory"));
        Assert.That(CudaDriverProbe.LoaderMessage("not here"), Is.EqualTo("not here"));
    }

    [Test]
    public void The_name_ends_at_the_first_nul()
    {
        byte[] buffer = new byte[16];
        System.Text.Encoding.ASCII.GetBytes("GPU X").CopyTo(buffer, 0);
        buffer[6] = (byte)'!'; // after the NUL at 5: not part of the name
        Assert.That(CudaDriverProbe.DecodeName(buffer), Is.EqualTo("GPU X"));
    }

    [Test]
    public void A_valid_override_wins_and_the_driver_is_not_asked()
    {
        var driver = new FakeCudaDriver { Throw = new InvalidOperationException("must not be called") };
        HardwareDetection detection = new DetectedHardwareInfoProvider(() => "NVIDIA A100-SXM4-80GB;166912;8.0", driver).Detection;
        Assert.That(detection.Hardware, Is.EqualTo(new HardwareInfo("NVIDIA A100-SXM4-80GB", 166912, new DeviceCapability(8, 0))));
        Assert.That(detection.Source, Is.EqualTo(HardwareSource.EnvironmentOverride));
        Assert.That(detection.Reason, Is.EqualTo("set by AUTOHEURISTIC_HARDWARE='NVIDIA A100-SXM4-80GB;166912;8.0'."));
        Assert.That(driver.Calls, Is.Empty);
    }

    [Test]
    public void Override_cpu_answers_cpu_on_purpose()
    {
        var driver = new FakeCudaDriver();
        HardwareDetection detection = new DetectedHardwareInfoProvider(() => "cpu", driver).Detection;
        Assert.That(detection.Hardware, Is.EqualTo(HardwareInfo.None));
        Assert.That(detection.Source, Is.EqualTo(HardwareSource.EnvironmentOverride));
        Assert.That(driver.Calls, Is.Empty);
    }

    [Test]
    public void An_invalid_override_is_warned_about_and_the_driver_is_read_instead()
    {
        using var warnings = new WarningCapture();
        var driver = new FakeCudaDriver();
        HardwareDetection detection = new DetectedHardwareInfoProvider(() => "H100;232448", driver).Detection;
        Assert.That(detection.Hardware, Is.EqualTo(H100));
        Assert.That(detection.Source, Is.EqualTo(HardwareSource.CudaDriver));
        Assert.That(detection.Reason, Does.StartWith("AUTOHEURISTIC_HARDWARE='H100;232448' is ignored: expected 3 fields"));
        Assert.That(warnings.Lines, Is.EqualTo(new[]
        {
            "AutoHeuristic warning: AUTOHEURISTIC_HARDWARE='H100;232448' is ignored: expected 3 fields separated by ';' "
            + "(name;shared memory bytes;capability), found 2; expected 'cpu' or 'NAME;SHARED_MEMORY_BYTES;MAJOR.MINOR', "
            + "e.g. 'NVIDIA H100 80GB HBM3;232448;9.0'. The hardware is read from the CUDA driver instead.",
        }));
    }

    [Test]
    public void An_invalid_override_without_a_driver_answers_cpu_with_both_reasons()
    {
        using var warnings = new WarningCapture();
        var driver = new FakeCudaDriver { Throw = new DllNotFoundException("not here") };
        HardwareDetection detection = new DetectedHardwareInfoProvider(() => "gpu please", driver).Detection;
        Assert.That(detection.Hardware, Is.EqualTo(HardwareInfo.None));
        Assert.That(detection.Source, Is.EqualTo(HardwareSource.NotFound));
        Assert.That(detection.Reason, Does.StartWith("AUTOHEURISTIC_HARDWARE='gpu please' is ignored").And.EndWith("no CUDA driver: libfakecuda.so could not be loaded (not here)."));
        Assert.That(warnings.Lines, Has.Length.EqualTo(1));
    }

    [Test]
    public void The_default_provider_is_the_detecting_one()
    {
        Assert.That(HardwareInfoProvider.Default, Is.SameAs(DetectedHardwareInfoProvider.Instance));
        Assert.That(CudaDeviceAttributes.MaxSharedMemoryPerBlockOptIn, Is.EqualTo(97), "cuda.h: CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN");
        Assert.That(CudaDeviceAttributes.ComputeCapabilityMajor, Is.EqualTo(75));
        Assert.That(CudaDeviceAttributes.ComputeCapabilityMinor, Is.EqualTo(76));
    }
}
