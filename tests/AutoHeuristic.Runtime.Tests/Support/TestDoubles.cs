using System;
using System.Collections.Generic;
using AutoHeuristic.Hardware;

namespace AutoHeuristic.Tests.Support;

/// <summary>Reports fixed hardware.</summary>
internal sealed class FixedHardware(HardwareInfo info) : IHardwareInfoProvider
{
    public static FixedHardware H100 { get; } = new(new HardwareInfo("NVIDIA H100 80GB HBM3", 232448, new DeviceCapability(9, 0)));

    public static FixedHardware A100 { get; } = new(new HardwareInfo("NVIDIA A100-SXM4-80GB", 166912, new DeviceCapability(8, 0)));

    public HardwareInfo GetHardwareInfo() => info;
}

/// <summary>A learned decision tree whose answer the test sets; applies to one hardware key.</summary>
internal sealed class StubHeuristic(string name, HardwareKey hardware, params string[] choices) : ILearnedHeuristic
{
    public string Name => name;

    public IReadOnlyList<string> Choices { get; } = choices;

    public double ConfidenceThreshold { get; set; }

    public ChoiceProbability[]? Answer { get; set; }

    public int Calls { get; private set; }

    public bool CheckPrecondition(AHMetadata metadata, AHContext context) => metadata.Name == name && metadata.Hardware == hardware;

    public ChoiceProbability[]? GetBestChoices(AHContext context)
    {
        Calls++;
        return Answer;
    }
}

/// <summary>A learned regression heuristic with fixed scores per choice.</summary>
internal sealed class StubRegression(string name, HardwareKey hardware, Dictionary<string, double> scores) : ILearnedRegressionHeuristic
{
    public string Name => name;

    public IReadOnlyList<string> Choices { get; } = new List<string>(scores.Keys);

    public double ConfidenceThreshold { get; set; } = 1.5;

    public bool CheckPrecondition(AHMetadata metadata, AHContext context) => metadata.Name == name && metadata.Hardware == hardware;

    public ChoiceProbability[]? GetBestChoices(AHContext context) => null;

    public double PredictFeedback(AHContext context, string choice) => scores.TryGetValue(choice, out double s) ? s : 0.0;
}

/// <summary>A registered heuristic for the duration of a using block.</summary>
internal sealed class Registration : IDisposable
{
    private readonly ILearnedHeuristic[] _heuristics;

    public Registration(params ILearnedHeuristic[] heuristics)
    {
        _heuristics = heuristics;
        foreach (ILearnedHeuristic h in heuristics) LearnedHeuristicRegistry.Register(h);
    }

    public void Dispose()
    {
        foreach (ILearnedHeuristic h in _heuristics) LearnedHeuristicRegistry.Unregister(h);
    }
}

internal static class Names
{
    /// <summary>A heuristic name no other test uses (the registry and counters are process-wide).</summary>
    public static string Unique(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N").Substring(0, 8);
}
