using System.Collections.Generic;

namespace AutoHeuristic.Features;

/// <summary>
/// Read access to named feature values. The run-time context and the trainer's rows both
/// implement it, so one operation definition serves both (PyTorch runs its operations on a dict
/// at run time and on a pandas row while training).
/// </summary>
public interface IFeatureSource
{
    /// <summary>Looks a feature (logged or augmented) up by name.</summary>
    bool TryGetValue(string name, out FeatureValue value);
}

/// <summary>Typed reads that name the missing feature when it is absent.</summary>
public static class FeatureSourceExtensions
{
    /// <summary>The value of <paramref name="name"/>; throws a <see cref="KeyNotFoundException"/> naming it when absent.</summary>
    public static FeatureValue Get(this IFeatureSource source, string name)
    {
        if (source.TryGetValue(name, out FeatureValue value)) return value;
        throw new KeyNotFoundException($"The feature '{name}' is not in the context.");
    }

    /// <summary>The numeric value of <paramref name="name"/>.</summary>
    public static double GetNumber(this IFeatureSource source, string name) => source.Get(name).Number;

    /// <summary>The Python <c>str()</c> text of <paramref name="name"/>.</summary>
    public static string GetText(this IFeatureSource source, string name) => source.Get(name).Text;
}
