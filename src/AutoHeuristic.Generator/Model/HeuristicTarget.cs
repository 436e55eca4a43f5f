using AutoHeuristic.Generator.Helpers;
using AutoHeuristic.Generator.Operations;

namespace AutoHeuristic.Generator.Model;

/// <summary>A type that contains the [AutoHeuristic] class, as the keyword and name to re-open it with.</summary>
internal sealed record ContainingType(string Keyword, string Name);

/// <summary>
/// Training options as written on the attribute (null = not set there). Values are already
/// validated; invalid ones were reported (AH2006) and left null.
/// </summary>
internal sealed record OptionValues(
    int? RankingK,
    double? AllowedWrongPercent,
    string? DefaultChoice,
    string? Split,
    EquatableArray<int>? MaxDepths,
    EquatableArray<double>? MinSamplesLeafs,
    EquatableArray<string>? Criteria,
    int? MaxBuildRows,
    string? Learner = null)
{
    /// <summary>No option set.</summary>
    public static OptionValues None { get; } = new(null, null, null, null, null, null, null, null);

    /// <summary>This instance's values where set, otherwise <paramref name="defaults"/>'s.</summary>
    public OptionValues Or(OptionValues defaults) => new(
        RankingK ?? defaults.RankingK,
        AllowedWrongPercent ?? defaults.AllowedWrongPercent,
        DefaultChoice ?? defaults.DefaultChoice,
        Split ?? defaults.Split,
        MaxDepths ?? defaults.MaxDepths,
        MinSamplesLeafs ?? defaults.MinSamplesLeafs,
        Criteria ?? defaults.Criteria,
        MaxBuildRows ?? defaults.MaxBuildRows,
        Learner ?? defaults.Learner);
}

/// <summary>
/// One [AutoHeuristic] class, as the emitter needs it: where it lives, how to re-open it, the
/// heuristic name, its options and its [AHOperation]s. No symbols, syntax or locations, so it
/// compares equal after edits that do not change the declaration (comments, other members,
/// moved lines) and the fit step stays cached.
/// </summary>
internal sealed record HeuristicTarget(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string ClassName,
    bool IsStatic,
    bool CanRegister,
    bool CanGenerate,
    string HeuristicName,
    OptionValues Options,
    EquatableArray<OperationSpec> Operations)
{
    /// <summary>The fully qualified name with <c>global::</c>, as generated code refers to the class.</summary>
    public string FullyQualifiedName
    {
        get
        {
            string prefix = Namespace is null ? "global::" : "global::" + Namespace + ".";
            foreach (ContainingType t in ContainingTypes) prefix += t.Name + ".";
            return prefix + ClassName;
        }
    }

    /// <summary>A unique, file-system friendly hint name.</summary>
    public string HintName
    {
        get
        {
            string name = "AutoHeuristic." + (Namespace is null ? string.Empty : Namespace + ".");
            foreach (ContainingType t in ContainingTypes) name += t.Name + ".";
            return name + ClassName + ".g.cs";
        }
    }
}

/// <summary>What the FAWMN transform returns: the target (equatable, location-free) and its located diagnostics.</summary>
internal sealed record TargetParseResult(HeuristicTarget Target, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? AttributeLocation);
