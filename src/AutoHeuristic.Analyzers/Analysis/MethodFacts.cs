using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AutoHeuristic.Analyzers.Analysis;

/// <summary>One string of a literal choices list, with its location for diagnostics and fixes.</summary>
internal sealed record ChoiceLiteral(string Value, Location Location);

/// <summary>
/// A <c>new AutoHeuristicSelectAlgorithm</c> or <c>new AutoHeuristicDecision</c> in a method body, or a
/// call of a generated <c>GetDecision</c>/<c>GetDecisionsRanked</c> (<see cref="SiteKind.GeneratedDecision"/>;
/// its <see cref="Creation"/> is the invocation and its name the attribute's).
/// </summary>
internal sealed class HeuristicSite
{
    public HeuristicSite(SiteKind kind, IOperation creation)
    {
        Kind = kind;
        Creation = creation;
    }

    public SiteKind Kind { get; }

    public IOperation Creation { get; }

    public int Position => Creation.Syntax.SpanStart;

    public Location Location => Creation.Syntax.GetLocation();

    public ArgumentFact Name { get; set; }

    public ArgumentFact Context { get; set; }

    public ArgumentFact Choices { get; set; }

    public ArgumentFact Inputs { get; set; }

    /// <summary>The strings of the choices argument when it is a literal list (decision sites); null otherwise.</summary>
    public IReadOnlyList<ChoiceLiteral>? ChoiceLiterals { get; set; }

    /// <summary>The local the site is stored in, if any.</summary>
    public ILocalSymbol? ResultLocal { get; set; }

    /// <summary>Whether the code asks this object for a decision (GetChoice…/GetTopK…): use mode.</summary>
    public bool AsksForDecision { get; set; }
}

/// <summary>One argument of a site or call: what it refers to and where it is.</summary>
internal readonly record struct ArgumentFact(ValueRef Value, Location? Location, IOperation? Operation);

/// <summary>An <c>Autotuner.AutotuneSelectAlgorithm</c> call.</summary>
internal sealed record AutotuneCall(ArgumentFact Name, ArgumentFact Choices, ArgumentFact Inputs, int Position, Location Location);

/// <summary>
/// An <c>AddFeature</c> call: the context it adds to, the feature name (constant) or a wildcard
/// pattern (interpolated or computed names) and the categorical flag when it is constant.
/// </summary>
internal sealed record FeatureAdd(ValueRef Target, string? Name, NamePattern? Pattern, bool? IsCategorical, Location Location, IOperation Operation);

/// <summary>A change to a collection (Add, Insert, Remove, Clear, AddRange, index set or reassignment).</summary>
internal sealed record CollectionMutation(ValueRef Target, string Description, int Position, Location Location, bool GuardedByCollectCheck, IOperation Operation);

/// <summary>A call from the method to another method, with its arguments by parameter ordinal.</summary>
internal sealed record MethodCall(IMethodSymbol Target, IReadOnlyDictionary<int, ArgumentFact> Arguments, int Position, Location Location, IOperation Operation);
