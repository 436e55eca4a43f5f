using System.Collections.Immutable;
using AutoHeuristic.Analyzers.Analysis;
using AutoHeuristic.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AutoHeuristic.Analyzers;

/// <summary>
/// Checks AutoHeuristic call sites against each other and against the training logs:
/// select-algorithm/autotune pairs (AH2101–AH2105), features and their values (AH2110–AH2115), choices
/// (AH2120–AH2121) and names (AH2130–AH2132). Separate from the source generator's pipeline.
/// </summary>
/// <remarks>
/// Cost model: one action per file; a substring search of each member's text, confirmed by a
/// token scan of that member (the identifiers <c>AddFeature</c>, <c>AutotuneSelectAlgorithm</c>,
/// <c>AutoHeuristicSelectAlgorithm</c>, <c>AutoHeuristicDecision</c>, <c>AHContext</c>, and the generated
/// <c>GetDecision</c>/<c>GetDecisionsRanked</c>), picks the
/// few member bodies worth an operation tree; each is summarised once and checked once, pulling
/// the summaries of the helpers and callers it reaches on demand. Compilations that do not
/// reference the runtime register nothing; logs are read once per file (cached).
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AutoHeuristicUsageAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.AutotuneNameMismatch,
        DiagnosticDescriptors.AutotuneChoicesMismatch,
        DiagnosticDescriptors.ChoicesMutatedBeforeAutotune,
        DiagnosticDescriptors.AutotuneInputsMismatch,
        DiagnosticDescriptors.NoMatchingAutotuneCall,
        DiagnosticDescriptors.MissingFeature,
        DiagnosticDescriptors.FeatureKindMismatch,
        DiagnosticDescriptors.DuplicateFeature,
        DiagnosticDescriptors.FeatureNotInLogs,
        DiagnosticDescriptors.CategoryNotInLogs,
        DiagnosticDescriptors.NonConstantHeuristicName,
        DiagnosticDescriptors.LearnedChoiceNotOffered,
        DiagnosticDescriptors.ChoiceNearMiss,
        DiagnosticDescriptors.LogWithoutHeuristic,
        DiagnosticDescriptors.NoGeneratedHeuristic,
        DiagnosticDescriptors.HeuristicNameNearMiss);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            KnownSymbols? known = KnownSymbols.Create(start.Compilation);
            if (known is null) return;
            var logs = Logs.TrainingLogReader.ReadAll(start.Options, start.CancellationToken);
            var state = new CompilationAnalysis(known, new ProgramIndex(known, start.Compilation, logs, new Logs.LogValueSource(start.Options), start.CancellationToken));
            start.RegisterSemanticModelAction(state.OnSemanticModel);
            start.RegisterCompilationEndAction(state.OnCompilationEnd);
        });
    }
}
