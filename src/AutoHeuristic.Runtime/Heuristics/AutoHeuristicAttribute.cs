using System;

namespace AutoHeuristic;

/// <summary>
/// Marks a <c>static partial class</c> into which the source generator emits the heuristic
/// learned from the training logs named <see cref="Name"/> (AdditionalFiles whose metadata line
/// has that name).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AutoHeuristicAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public AutoHeuristicAttribute(string name) => Name = name;

    /// <summary>The heuristic name in the logs' metadata (<c>pad_mm</c>, <c>mm</c>, …).</summary>
    public string Name { get; }

    /// <summary>Ranking mode: learn a top-K ranking instead of one choice (0 = off; MSBuild default <c>AutoHeuristicRanking</c>).</summary>
    public int Ranking { get; set; }

    /// <summary>Allowed wrong predictions on the validation set, in percent (negative = preset / MSBuild default).</summary>
    public double AllowedWrongPercent { get; set; } = -1;

    /// <summary>The default (fallback) choice the tree is compared against; null = the preset's.</summary>
    public string? DefaultChoice { get; set; }

    /// <summary>Train/val/test split: <c>grouped</c> (default) or <c>pytorch</c>.</summary>
    public string? Split { get; set; }

    /// <summary>Grid of max depths to try, e.g. <c>"5,6,7"</c>; null = preset.</summary>
    public string? MaxDepths { get; set; }

    /// <summary>Grid of min samples per leaf to try, e.g. <c>"1,5,10,0.01"</c>; null = preset.</summary>
    public string? MinSamplesLeaf { get; set; }

    /// <summary>Criteria to try, e.g. <c>"gini,entropy"</c>; null = preset.</summary>
    public string? Criteria { get; set; }

    /// <summary>The learner: <c>decision</c> (PyTorch's <c>train_decision.py</c>, every preset's default) or <c>regression</c> (<c>train_regression.py</c>); null = preset (MSBuild default <c>AutoHeuristicLearner</c>).</summary>
    public string? Learner { get; set; }
}

/// <summary>
/// Marks an expression-bodied <c>static</c> method as an augmented feature. The generator
/// evaluates its body (a small checked C# subset) while training; at run time it is ordinary C#.
/// Parameters are read from the context by name.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class AHOperationAttribute : Attribute
{
    /// <summary>Creates the attribute; <paramref name="name"/> defaults to the method name.</summary>
    public AHOperationAttribute(string? name = null) => Name = name;

    /// <summary>The augmented feature name.</summary>
    public string? Name { get; }

    /// <summary>Whether the value is categorical.</summary>
    public bool IsCategorical { get; set; }
}
