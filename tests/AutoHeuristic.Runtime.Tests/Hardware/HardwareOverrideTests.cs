using AutoHeuristic.Hardware;
using NUnit.Framework;

namespace AutoHeuristic.Tests.Hardware;

public class HardwareOverrideTests
{
    [Test]
    public void A_full_value_gives_name_shared_memory_and_capability()
    {
        HardwareInfo? h100 = HardwareOverride.Parse("NVIDIA H100 80GB HBM3;232448;9.0", out string? problem);
        Assert.That(problem, Is.Null);
        Assert.That(h100, Is.EqualTo(new HardwareInfo("NVIDIA H100 80GB HBM3", 232448, new DeviceCapability(9, 0))));
        Assert.That(h100!.Key, Is.EqualTo(HardwareKey.H100));
    }

    [Test]
    public void Spaces_around_fields_are_trimmed()
    {
        HardwareInfo? a100 = HardwareOverride.Parse("  NVIDIA A100-SXM4-80GB ; 166912 ; 8.0 ", out string? problem);
        Assert.That(problem, Is.Null);
        Assert.That(a100, Is.EqualTo(new HardwareInfo("NVIDIA A100-SXM4-80GB", 166912, new DeviceCapability(8, 0))));
    }

    [TestCase("cpu")]
    [TestCase(" CPU ")]
    public void Cpu_means_no_accelerator(string value)
    {
        Assert.That(HardwareOverride.Parse(value, out string? problem), Is.EqualTo(HardwareInfo.None));
        Assert.That(problem, Is.Null);
    }

    [TestCase("H100", "expected 3 fields separated by ';'", TestName = "One field")]
    [TestCase("H100;232448", "found 2", TestName = "Two fields")]
    [TestCase("H100;232448;9.0;x", "found 4", TestName = "Four fields")]
    [TestCase(" ;232448;9.0", "device name (first field) is empty", TestName = "Empty name")]
    [TestCase("H100;lots;9.0", "shared memory 'lots' (second field)", TestName = "Shared memory not a number")]
    [TestCase("H100;0;9.0", "shared memory '0' (second field) is not a positive", TestName = "Shared memory zero")]
    [TestCase("H100;-5;9.0", "shared memory '-5'", TestName = "Shared memory negative")]
    [TestCase("H100;232448.5;9.0", "shared memory '232448.5'", TestName = "Shared memory fractional")]
    [TestCase("H100;232448;9", "compute capability '9' (third field)", TestName = "Capability without minor")]
    [TestCase("H100;232448;(9, 0)", "compute capability '(9, 0)'", TestName = "Capability as a tuple")]
    [TestCase("H100;232448;0.0", "MAJOR at least 1", TestName = "Capability zero")]
    [TestCase("H100;232448;9.0.1", "compute capability '9.0.1'", TestName = "Capability with three parts")]
    public void A_bad_value_is_refused_with_what_is_wrong(string value, string expectedProblem)
    {
        Assert.That(HardwareOverride.Parse(value, out string? problem), Is.Null);
        Assert.That(problem, Does.Contain(expectedProblem));
    }
}
