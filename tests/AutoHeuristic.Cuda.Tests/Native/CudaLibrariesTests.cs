using System;
using System.IO;
using AutoHeuristic.Cuda.Driver;
using AutoHeuristic.Cuda.Native;
using NUnit.Framework;

namespace AutoHeuristic.Cuda.Tests.Native;

public class CudaLibrariesTests
{
    [Test]
    public void Linux_probes_the_CUDA_13_sonames_first()
    {
        Assert.That(CudaLibraries.CandidateNames(CudaLibraries.Driver, windows: false)[0], Is.EqualTo("libcuda.so.1"));
        Assert.That(CudaLibraries.CandidateNames(CudaLibraries.Nvrtc, windows: false)[0], Is.EqualTo("libnvrtc.so.13"));
        Assert.That(CudaLibraries.CandidateNames(CudaLibraries.CublasLt, windows: false)[0], Is.EqualTo("libcublasLt.so.13"));
        Assert.That(CudaLibraries.CandidateNames(CudaLibraries.CublasLt, windows: true)[0], Is.EqualTo("cublasLt64_13.dll"));
    }

    [Test]
    public void An_override_file_is_tried_first()
    {
        var probes = CudaLibraries.ProbeList(CudaLibraries.Driver, false, "/opt/x/libcuda.so.580");
        Assert.That(probes, Is.EqualTo(new[] { "/opt/x/libcuda.so.580", "libcuda.so.1", "libcuda.so" }));
    }

    [Test]
    public void An_override_folder_is_joined_with_each_name()
    {
        string dir = Path.GetTempPath();
        var probes = CudaLibraries.ProbeList(CudaLibraries.Nvrtc, false, dir);
        Assert.That(probes[0], Is.EqualTo(Path.Combine(dir, "libnvrtc.so.13")));
        Assert.That(probes, Has.Count.EqualTo(4));
    }

    [Test]
    public void Environment_variables_are_named_per_library()
    {
        Assert.That(CudaLibraries.EnvironmentVariableFor(CudaLibraries.Driver), Is.EqualTo("AUTOHEURISTIC_LIBCUDA"));
        Assert.That(CudaLibraries.EnvironmentVariableFor(CudaLibraries.CublasLt), Is.EqualTo("AUTOHEURISTIC_LIBCUBLASLT"));
        Assert.Throws<ArgumentException>(() => CudaLibraries.EnvironmentVariableFor("cudnn"));
    }

    [Test]
    public void Without_a_driver_the_answer_is_a_clean_reason()
    {
        if (CudaAvailability.IsAvailable) Assert.Ignore("A CUDA driver is present on this machine.");
        Assert.That(CudaAvailability.Reason, Is.Not.Empty);
    }

    [Test]
    public void Driver_errors_carry_name_text_and_call()
    {
        var e = new CudaException(CudaErrorSource.Driver, 2, "CUDA_ERROR_OUT_OF_MEMORY", "out of memory", "cuMemAlloc(1 bytes)");
        Assert.That(e.Message, Is.EqualTo("cuMemAlloc(1 bytes) failed: CUDA_ERROR_OUT_OF_MEMORY (2): out of memory"));
        Assert.That(e.IsOutOfMemory, Is.True);
        Assert.That(new CudaException(CudaErrorSource.CublasLt, 3, "CUBLAS_STATUS_ALLOC_FAILED", "x", "y").IsOutOfMemory, Is.True);
        Assert.That(new CudaException(CudaErrorSource.Driver, 700, "CUDA_ERROR_ILLEGAL_ADDRESS", "x", "y").IsOutOfMemory, Is.False);
    }
}
