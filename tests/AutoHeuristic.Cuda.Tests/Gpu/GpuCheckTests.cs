using System.Collections.Generic;
using AutoHeuristic.Cuda.Diagnostics;
using AutoHeuristic.Cuda.Driver;
using NUnit.Framework;

namespace AutoHeuristic.Cuda.Tests.Gpu;

/// <summary>The GPU correctness checks; skipped without a CUDA driver (CI). On the GPU machine the same checks run through tools/device's GpuCheck.</summary>
[Category("Gpu")]
[NonParallelizable]
public class GpuCheckTests
{
    private GpuSelfTest? _test;

    public static IEnumerable<string> Checks => GpuSelfTest.CheckNames;

    [OneTimeSetUp]
    public void Open()
    {
        if (CudaAvailability.IsAvailable) _test = new GpuSelfTest();
    }

    [OneTimeTearDown]
    public void Close() => _test?.Dispose();

    [TestCaseSource(nameof(Checks))]
    public void Passes(string check)
    {
        if (_test is null) Assert.Ignore("No CUDA device: " + CudaAvailability.Reason);
        SelfTestResult result = _test.Run(check);
        Assert.That(result.Passed, Is.True, result.Detail);
    }
}
