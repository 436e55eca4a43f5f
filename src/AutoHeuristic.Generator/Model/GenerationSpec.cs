using AutoHeuristic.Generator.Helpers;

namespace AutoHeuristic.Generator.Model;

/// <summary>
/// The input of one fit: the heuristic name, the logs of that name (sorted by path), the resolved
/// options and the user operations. Equal requests give equal trees, so the driver reuses the
/// previous fit whenever this compares equal.
/// </summary>
internal sealed record FitRequest(string HeuristicName, EquatableArray<ParsedLogSpec> Logs, OptionValues Options, EquatableArray<Operations.OperationSpec> Operations);

/// <summary>One emitted tree class: its name, hardware, kind and C# text (indented from column 0).</summary>
internal sealed record TreeSource(string ClassName, string HardwareName, string Source, bool IsRegression = false);

/// <summary>
/// What a fit produced: tree classes (possibly none), the full training report (one sentence per
/// line), the class's tooltip in words (empty when the fit stopped before any model) and the fit's diagnostics.
/// </summary>
internal sealed record FitResult(
    EquatableArray<TreeSource> Trees,
    bool IsRanking,
    EquatableArray<string> SummaryLines,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>The class's summary in words (<see cref="Learning.CodeGen.ModelDescription.ClassTooltip"/>); empty when the fit stopped before any model (the emitter then writes the no-tree summary).</summary>
    public EquatableArray<string> TooltipLines { get; init; } = EquatableArray<string>.Empty;
}

/// <summary>Everything the emitter needs for one class.</summary>
internal sealed record GenerationSpec(HeuristicTarget Target, FitResult Fit);
