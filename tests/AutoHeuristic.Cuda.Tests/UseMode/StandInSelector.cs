using System;
using System.Collections.Generic;
using AutoHeuristic.Hardware;

namespace AutoHeuristic.Cuda.Tests.UseMode;

/// <summary>
/// The real select-algorithm path over four stand-in kernels (<c>k0</c>…<c>k3</c>, in the library's
/// order) with a registered stand-in heuristic on an H100, for the narrowing tests.
/// </summary>
internal static class StandInSelector
{
    /// <summary>The offered candidates, in the library's order.</summary>
    public static readonly Kernel[] Offered = { new("k0"), new("k1"), new("k2"), new("k3") };

    /// <summary>Runs <paramref name="narrow"/> on a selector named <paramref name="name"/> (use mode on when <paramref name="use"/>) while <paramref name="heuristic"/> is registered.</summary>
    public static T With<T>(ILearnedHeuristic? heuristic, string name, bool use, Func<AutoHeuristicSelectAlgorithm<Kernel>, T> narrow)
    {
        var options = new AutoHeuristicOptions { HardwareInfoProvider = new Fixed() };
        if (use) options.SetMode(name, AutoHeuristicMode.Use);
        if (heuristic is not null) LearnedHeuristicRegistry.Register(heuristic);
        try
        {
            var context = new AHContext();
            context.AddFeature("m", 64);
            using var selector = new AutoHeuristicSelectAlgorithm<Kernel>(() => null, Offered, k => k.Id, Array.Empty<AutotuneInput>(), context, name, null, null, options);
            return narrow(selector);
        }
        finally
        {
            if (heuristic is not null) LearnedHeuristicRegistry.Unregister(heuristic);
        }
    }

    /// <summary>Probabilities that rank a choice table of <paramref name="count"/> in its own order, best first.</summary>
    public static ChoiceProbability[] InTableOrder(int count)
    {
        var answer = new ChoiceProbability[count];
        for (int i = 0; i < count; i++) answer[i] = new ChoiceProbability(1.0 / (i + 2), i);
        return answer;
    }

    /// <summary>A stand-in kernel.</summary>
    internal sealed class Kernel(string id)
    {
        public string Id { get; } = id;
    }

    /// <summary>Answers <paramref name="answer"/> over its choice table (null: unsure); its precondition holds on an H100 only.</summary>
    internal sealed class Ranking(string name, string[] choices, ChoiceProbability[]? answer) : ILearnedHeuristic
    {
        public string Name => name;

        public IReadOnlyList<string> Choices => choices;

        public double ConfidenceThreshold => 0;

        public bool CheckPrecondition(AHMetadata metadata, AHContext context) => metadata.Hardware == HardwareKey.H100;

        public ChoiceProbability[]? GetBestChoices(AHContext context) => answer;
    }

    private sealed class Fixed : IHardwareInfoProvider
    {
        public HardwareInfo GetHardwareInfo() => new("test GPU", HardwareKey.H100.SharedMemory, HardwareKey.H100.Capability);
    }
}
