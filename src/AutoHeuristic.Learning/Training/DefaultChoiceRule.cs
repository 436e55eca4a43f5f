using System;
using AutoHeuristic.Features;
using AutoHeuristic.Hardware;

namespace AutoHeuristic.Learning.Training;

/// <summary>
/// A default choice that depends on the input and the hardware, as PyTorch's trainers compute it
/// per row with <c>get_default_config(row)</c> (flex_attention: Inductor's default forward
/// configuration for the input's dtype and head dimension). The default is the caller's fallback:
/// it is what the heuristic is compared against, and what the unsafe-leaf rule protects.
/// </summary>
public sealed class DefaultChoiceRule
{
    private readonly Func<HardwareKey, IFeatureSource, string?> _choose;

    /// <summary>Creates a rule.</summary>
    /// <param name="description">One line for reports and docs, e.g. "Inductor's default forward config".</param>
    /// <param name="choose">The default choice for an input on a hardware; null when there is none (the input then has no default).</param>
    public DefaultChoiceRule(string description, Func<HardwareKey, IFeatureSource, string?> choose)
    {
        Description = description ?? throw new ArgumentNullException(nameof(description));
        _choose = choose ?? throw new ArgumentNullException(nameof(choose));
    }

    /// <summary>What the rule does, in words.</summary>
    public string Description { get; }

    /// <summary>The default choice of <paramref name="input"/> on <paramref name="hardware"/>, or null.</summary>
    public string? Choose(HardwareKey hardware, IFeatureSource input) => _choose(hardware, input);

    /// <inheritdoc />
    public override string ToString() => Description;
}
