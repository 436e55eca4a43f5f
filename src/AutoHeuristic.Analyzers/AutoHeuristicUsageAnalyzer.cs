using System.Collections.Immutable;
using AutoHeuristic.Analyzers.Analysis;
using AutoHeuristic.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AutoHeuristic.Analyzers;

/// <summary>
/// Checks AutoHeuristic call sites against each other and against the training logs:
/// select-algorithm/autotune pairs (AH2101–AH2105), features (AH2110–AH2114), choices
/// (AH2120–AH2121) and names (AH2130–AH2132). Separate from the source generator's pipeline.
/// </summary>
/// <remarks>
/// Cost model: a cheap syntactic filter (method names <c>AddFeature</c> /
/// <c>AutotuneSelectAlgorithm</c>, created type names, <c>AHContext</c> in a signature) picks the
/// few method bodies worth an operation tree; each is summarised once; the rules run once at the
/// end of the compilation over the summaries, because they need helpers, callers, every
/// <c>[AutoHeuristic]</c> class and the logs. Compilations that do not reference the runtime
/// register nothing.
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
            var state = new CompilationAnalysis(known);
            start.RegisterSyntaxNodeAction(
                state.OnCandidateNode,
                SyntaxKind.InvocationExpression,
                SyntaxKind.ObjectCreationExpression,
                SyntaxKind.ImplicitObjectCreationExpression,
                SyntaxKind.MethodDeclaration);
            start.RegisterSymbolAction(state.OnNamedType, SymbolKind.NamedType);
            start.RegisterCompilationEndAction(state.OnCompilationEnd);
        });
    }
}
