using System;
using System.Collections.Generic;
using AutoHeuristic.Features;

namespace AutoHeuristic;

/// <summary>One logged feature: name, value and whether the trainer treats it as a category.</summary>
public readonly record struct AHFeature(string Name, FeatureValue Value, bool IsCategorical);

/// <summary>
/// The features of one decision, in insertion order (PyTorch's <c>AHContext</c>). Logged
/// features are written to training logs; augmented features (<see cref="AHOperation"/>) are
/// computed for decisions only and never logged.
/// </summary>
public sealed partial class AHContext : IFeatureSource
{
    // API CONTRACT (implementation: runtime issue). Other components code against these members.

    /// <summary>Adds an integer feature.</summary>
    public void AddFeature(string name, long value, bool isCategorical = false) => throw new NotImplementedException();

    /// <summary>Adds an integer feature.</summary>
    public void AddFeature(string name, int value, bool isCategorical = false) => AddFeature(name, (long)value, isCategorical);

    /// <summary>Adds a floating-point feature.</summary>
    public void AddFeature(string name, double value, bool isCategorical = false) => throw new NotImplementedException();

    /// <summary>Adds a boolean feature (logged as <c>True</c>/<c>False</c>).</summary>
    public void AddFeature(string name, bool value, bool isCategorical = false) => throw new NotImplementedException();

    /// <summary>Adds a text feature (logged verbatim; commas, quotes and line breaks are refused).</summary>
    public void AddFeature(string name, string value, bool isCategorical = false) => throw new NotImplementedException();

    /// <summary>Adds an enum feature (logged as the member name).</summary>
    public void AddFeature<TEnum>(string name, TEnum value, bool isCategorical = true)
        where TEnum : struct, Enum => throw new NotImplementedException();

    /// <summary>The logged features in insertion order.</summary>
    public IReadOnlyList<AHFeature> Features => throw new NotImplementedException();

    /// <summary>Looks a logged or augmented feature up by name.</summary>
    public bool TryGetValue(string name, out FeatureValue value) => throw new NotImplementedException();

    /// <summary>The value of a logged or augmented feature; throws <see cref="KeyNotFoundException"/> naming it.</summary>
    public FeatureValue GetValue(string name) => throw new NotImplementedException();

    /// <summary>The numerical and the categorical feature names, each in insertion order.</summary>
    public (IReadOnlyList<string> Numerical, IReadOnlyList<string> Categorical) GetNumericalAndCategoricalFeatures() => throw new NotImplementedException();

    /// <summary>Makes the augmented features of <paramref name="operations"/> available to lookups.</summary>
    public void ApplyOperations(IReadOnlyList<AHOperation> operations) => throw new NotImplementedException();
}
