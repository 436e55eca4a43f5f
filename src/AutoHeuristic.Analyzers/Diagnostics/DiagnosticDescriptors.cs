using Microsoft.CodeAnalysis;

namespace AutoHeuristic.Analyzers.Diagnostics;

/// <summary>
/// Every diagnostic the AutoHeuristic analyzers report (IDs AH2101–AH2199). Each ID has a page
/// under <c>docs/diagnostics/</c>; keep <c>AnalyzerReleases.Unshipped.md</c> in step with this file.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "AutoHeuristic";
    private const string HelpLinkBase = "https://github.com/autoheuristic/autoheuristic-dotnet/blob/main/docs/diagnostics/";

    // Rules located at an AddFeature call or a log file, or that need every [AutoHeuristic] class,
    // are reported from the compilation-end action; the tag tells hosts (and RS1037) so. The
    // others are reported while their method is analysed: live in the IDE, and fixable.
    private static readonly string[] CompilationEndTags = { WellKnownDiagnosticTags.CompilationEnd };
    private static readonly string[] NoTags = System.Array.Empty<string>();

    /// <summary>AH2101: the autotune call uses a different heuristic name than its selector.</summary>
    public static readonly DiagnosticDescriptor AutotuneNameMismatch = Create(
        "AH2101",
        "Autotune call uses a different name than its AutoHeuristicSelectAlgorithm",
        "The autotune call uses the name {0} but the AutoHeuristicSelectAlgorithm at line {1} uses {2}; collection records nothing for this selection",
        DiagnosticSeverity.Error);

    /// <summary>AH2102: the autotune call receives a different choices collection than its selector.</summary>
    public static readonly DiagnosticDescriptor AutotuneChoicesMismatch = Create(
        "AH2102",
        "Autotune call uses a different choices collection than its AutoHeuristicSelectAlgorithm",
        "The autotune call passes '{0}' as choices but the AutoHeuristicSelectAlgorithm at line {1} was given '{2}'; collection records nothing for this selection",
        DiagnosticSeverity.Error);

    /// <summary>AH2103: the choices collection is changed between the selector and the autotune call.</summary>
    public static readonly DiagnosticDescriptor ChoicesMutatedBeforeAutotune = Create(
        "AH2103",
        "Choices are changed between AutoHeuristicSelectAlgorithm and the autotune call",
        "'{0}' is changed here ({1}) after the AutoHeuristicSelectAlgorithm at line {2} and before the autotune call at line {3}; collection records nothing for this selection",
        DiagnosticSeverity.Error);

    /// <summary>AH2104: the autotune call receives different inputs than its selector.</summary>
    public static readonly DiagnosticDescriptor AutotuneInputsMismatch = Create(
        "AH2104",
        "Autotune call uses different inputs than its AutoHeuristicSelectAlgorithm",
        "The autotune call passes '{0}' as inputs but the AutoHeuristicSelectAlgorithm at line {1} was given '{2}'; collection records nothing for this selection",
        DiagnosticSeverity.Error);

    /// <summary>AH2105: no autotune call follows the selector.</summary>
    public static readonly DiagnosticDescriptor NoMatchingAutotuneCall = Create(
        "AH2105",
        "AutoHeuristicSelectAlgorithm has no matching autotune call",
        "No Autotuner.AutotuneSelectAlgorithm call follows this AutoHeuristicSelectAlgorithm for '{0}' in this method or its callers; in collect mode nothing will be recorded",
        DiagnosticSeverity.Warning);

    /// <summary>AH2110: the logs (and so the tree) use a feature the code never adds.</summary>
    public static readonly DiagnosticDescriptor MissingFeature = Create(
        "AH2110",
        "A feature of the training logs is never added to the context",
        "The logs of heuristic '{0}' have the {1} feature '{2}' but no AddFeature call adds it to this context; the learned tree would read a missing feature",
        DiagnosticSeverity.Error);

    /// <summary>AH2111: a feature is categorical in the code and numerical in the logs, or the reverse.</summary>
    public static readonly DiagnosticDescriptor FeatureKindMismatch = Create(
        "AH2111",
        "Feature is categorical in one place and numerical in the other",
        "Feature '{0}' is added as {1} here but the logs of heuristic '{2}' have it as {3}",
        DiagnosticSeverity.Error, atCompilationEnd: true);

    /// <summary>AH2112: the same feature name is added twice to one context.</summary>
    public static readonly DiagnosticDescriptor DuplicateFeature = Create(
        "AH2112",
        "Feature added twice to the same context",
        "Feature '{0}' is already added to this context at line {1}; this second AddFeature throws an ArgumentException at run time",
        DiagnosticSeverity.Warning);

    /// <summary>AH2113: the code adds a feature the logs do not have.</summary>
    public static readonly DiagnosticDescriptor FeatureNotInLogs = Create(
        "AH2113",
        "Feature is not in the training logs",
        "Feature '{0}' is not in the logs of heuristic '{1}'; the current tree ignores it, and in collect mode the rows go to no log (a log written for other features is refused) and would not merge with the existing ones",
        DiagnosticSeverity.Warning);

    /// <summary>AH2115: a constant categorical value that no log of the heuristic contains.</summary>
    public static readonly DiagnosticDescriptor CategoryNotInLogs = Create(
        "AH2115",
        "Categorical value is not in the training logs",
        "The logs of heuristic '{0}' never have '{1}' as a value of the categorical feature '{2}'; the learned tree cannot place it and every decision with it falls back{3}",
        DiagnosticSeverity.Warning, atCompilationEnd: true);

    /// <summary>AH2114: the heuristic name is not a constant, so the checks against the logs cannot run.</summary>
    public static readonly DiagnosticDescriptor NonConstantHeuristicName = Create(
        "AH2114",
        "Heuristic name is not a constant",
        "The heuristic name '{0}' is not a compile-time constant (nor a parameter that every caller passes a constant to); features and choices cannot be checked against the logs",
        DiagnosticSeverity.Info);

    /// <summary>AH2120: choices the tree can answer (they win some input of the logs) are never offered.</summary>
    public static readonly DiagnosticDescriptor LearnedChoiceNotOffered = Create(
        "AH2120",
        "A learned choice is never offered",
        "The logs of heuristic '{0}' make {1} the fastest for some inputs, so the tree can answer {2}, but these choices never offer {3}; those decisions will fall back",
        DiagnosticSeverity.Warning);

    /// <summary>AH2121: a choice differs from a learned one only in case or whitespace.</summary>
    public static readonly DiagnosticDescriptor ChoiceNearMiss = Create(
        "AH2121",
        "Choice differs from a learned choice only in case or whitespace",
        "The choice '{0}' differs from the learned choice '{1}' of heuristic '{2}' only in case or whitespace; the learned decision will never match it",
        DiagnosticSeverity.Warning);

    /// <summary>AH2130: a training log whose name no [AutoHeuristic] class uses.</summary>
    public static readonly DiagnosticDescriptor LogWithoutHeuristic = Create(
        "AH2130",
        "Training log has no [AutoHeuristic] class",
        "The training log '{0}' is for heuristic '{1}' but no [AutoHeuristic(\"{1}\")] class in this project learns from it",
        DiagnosticSeverity.Info, atCompilationEnd: true);

    /// <summary>AH2131: a use-mode call for a name that has no generated heuristic.</summary>
    public static readonly DiagnosticDescriptor NoGeneratedHeuristic = Create(
        "AH2131",
        "No generated heuristic for this name",
        "Heuristic '{0}' is asked for a decision here but no [AutoHeuristic(\"{0}\")] class in this project generates it; in use mode every decision falls back",
        DiagnosticSeverity.Warning);

    /// <summary>AH2132: a heuristic name that matches no log but almost matches one.</summary>
    public static readonly DiagnosticDescriptor HeuristicNameNearMiss = Create(
        "AH2132",
        "Heuristic name differs from a log's name only in case, whitespace or separators",
        "No training log is named '{0}' but one is named '{1}'; names must match exactly",
        DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, bool atCompilationEnd = false) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + id + ".md", customTags: atCompilationEnd ? CompilationEndTags : NoTags);
}
