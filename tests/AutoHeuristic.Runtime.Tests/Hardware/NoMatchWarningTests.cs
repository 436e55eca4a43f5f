using AutoHeuristic.Hardware;
using AutoHeuristic.Tests.Support;
using NUnit.Framework;

namespace AutoHeuristic.Tests.Hardware;

/// <summary>A heuristic asked on hardware none of its trees match: the fallback is used, and said so once per process.</summary>
public class NoMatchWarningTests
{
    private static readonly string[] Choices = { "orig", "pad" };

    private System.Func<HardwareDetection?> _previousDetection = null!;

    [SetUp]
    public void RememberDetection() => _previousDetection = NoMatchWarning.DefaultDetection;

    [TearDown]
    public void RestoreDetection() => NoMatchWarning.DefaultDetection = _previousDetection;

    private static DecisionOutcome DecideOn(HardwareInfo hardware, string name)
    {
        LearnedHeuristicRegistry.Register(new StubHeuristic(name, HardwareKey.H100, Choices) { Answer = new[] { new ChoiceProbability(1.0, 1) } });
        var metadata = new AHMetadata(hardware.SharedMemory, hardware.Capability, Choices, name);
        return LearnedHeuristicController.TryGetDecision(metadata, new AHContext(), out _);
    }

    [Test]
    public void No_gpu_found_warns_once_with_the_reason_and_the_override()
    {
        NoMatchWarning.DefaultDetection = () => new HardwareDetection(HardwareInfo.None, HardwareSource.NotFound, "no CUDA driver: libcuda.so.1 could not be loaded (gone).");
        using var warnings = new WarningCapture();
        string name = Names.Unique("nomatch");
        Assert.That(DecideOn(HardwareInfo.None, name), Is.EqualTo(DecisionOutcome.NoMatch));
        Assert.That(DecideOn(HardwareInfo.None, name), Is.EqualTo(DecisionOutcome.NoMatch));
        Assert.That(AutoHeuristicStatistics.For(name).NoMatch, Is.EqualTo(2));
        Assert.That(warnings.Lines, Is.EqualTo(new[]
        {
            $"AutoHeuristic warning: no learned heuristic for '{name}' matches this hardware (shared memory 0, capability (0, 0)), so its decisions use the fallback. "
            + "No GPU was detected: no CUDA driver: libcuda.so.1 could not be loaded (gone). Set AUTOHEURISTIC_HARDWARE (e.g. 'NVIDIA H100 80GB HBM3;232448;9.0') "
            + "where the driver cannot be read, or to 'cpu' to run on the CPU on purpose. "
            + $"Later mismatches are not printed; they are counted (AutoHeuristicStatistics.For(\"{name}\").NoMatch).",
        }));
    }

    [Test]
    public void Other_hardware_warns_with_its_key()
    {
        NoMatchWarning.DefaultDetection = () => null;
        using var warnings = new WarningCapture();
        string name = Names.Unique("nomatch");
        var a100 = new HardwareInfo("NVIDIA A100-SXM4-80GB", 166912, new DeviceCapability(8, 0));
        Assert.That(DecideOn(a100, name), Is.EqualTo(DecisionOutcome.NoMatch));
        Assert.That(warnings.Lines, Has.Length.EqualTo(1));
        Assert.That(warnings.Lines[0], Does.Contain($"no learned heuristic for '{name}' matches this hardware (shared memory 166912, capability (8, 0))")
            .And.Not.Contain("No GPU was detected"));
    }

    [Test]
    public void Cpu_asked_for_on_purpose_is_not_warned_about()
    {
        NoMatchWarning.DefaultDetection = () => new HardwareDetection(HardwareInfo.None, HardwareSource.EnvironmentOverride, "set by AUTOHEURISTIC_HARDWARE='cpu'.");
        using var warnings = new WarningCapture();
        string name = Names.Unique("nomatch");
        Assert.That(DecideOn(HardwareInfo.None, name), Is.EqualTo(DecisionOutcome.NoMatch));
        Assert.That(warnings.Lines, Is.Empty);
        Assert.That(AutoHeuristicStatistics.For(name).NoMatch, Is.EqualTo(1), "still counted");
    }

    [Test]
    public void A_decision_that_matches_is_not_warned_about()
    {
        NoMatchWarning.DefaultDetection = () => null;
        using var warnings = new WarningCapture();
        var h100 = new HardwareInfo("NVIDIA H100 80GB HBM3", 232448, new DeviceCapability(9, 0));
        Assert.That(DecideOn(h100, Names.Unique("match")), Is.EqualTo(DecisionOutcome.Decided));
        Assert.That(warnings.Lines, Is.Empty);
    }
}
