using System;
using AutoHeuristic.Formatting;

namespace AutoHeuristic.Features;

/// <summary>
/// An augmented feature: a name, a function of the other features and a categorical flag.
/// Augmented values are never logged; the trainer recomputes them with the very same function
/// and the run time computes them before a learned heuristic decides.
/// </summary>
public sealed class AHOperation
{
    private readonly Func<IFeatureSource, FeatureValue> _function;

    /// <summary>Creates an operation.</summary>
    public AHOperation(string name, Func<IFeatureSource, FeatureValue> function, bool isCategorical = false)
    {
        PythonFormat.EnsureCsvSafe(name, "Operation name", nameof(name));
        Name = name;
        _function = function ?? throw new ArgumentNullException(nameof(function));
        IsCategorical = isCategorical;
    }

    /// <summary>The augmented feature's name (as PyTorch names it for the standard sets).</summary>
    public string Name { get; }

    /// <summary>Whether the trainer treats the value as a category (equality splits) rather than a number.</summary>
    public bool IsCategorical { get; }

    /// <summary>Computes the value from the features in <paramref name="source"/>.</summary>
    public FeatureValue Evaluate(IFeatureSource source) => _function(source);

    /// <inheritdoc />
    public override string ToString() => Name;
}
