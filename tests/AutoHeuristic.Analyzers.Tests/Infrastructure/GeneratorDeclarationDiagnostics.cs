using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using AutoHeuristic.CodeFixes;
using AutoHeuristic.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AutoHeuristic.Analyzers.Tests.Infrastructure;

/// <summary>
/// The source generator's AH2001/AH2002 (fixed by <see cref="MakePartialCodeFixProvider"/>) as the
/// code-fix test harness needs them, from an analyzer: runs the real <see cref="AutoHeuristicGenerator"/>
/// on the compilation and reports its diagnostics with those IDs, with the generator's own descriptors,
/// messages and locations.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class GeneratorDeclarationDiagnostics : DiagnosticAnalyzer
{
    private static readonly ImmutableArray<DiagnosticDescriptor> Descriptors = ImmutableArray.Create(
        GeneratorDescriptor("ClassNotPartial"), GeneratorDescriptor("ContainingTypeNotPartial"));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors;

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSemanticModelAction(Analyze);
    }

    // Per syntax tree, so each diagnostic is local to its document (the harness fixes only local ones).
    private static void Analyze(SemanticModelAnalysisContext context)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new AutoHeuristicGenerator()).RunGenerators(context.SemanticModel.Compilation, context.CancellationToken);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        if (run.Exception is not null) throw new InvalidOperationException("The generator failed.", run.Exception);
        foreach (Diagnostic d in run.Diagnostics.Where(d => Descriptors.Any(x => x.Id == d.Id)))
        {
            // The generator locates by path and span (outside the tree); the code-fix harness hands only
            // diagnostics in a document's tree to the fix, so the same diagnostic is re-created there.
            SyntaxTree tree = context.SemanticModel.SyntaxTree;
            if (tree.FilePath != d.Location.GetLineSpan().Path) continue;
            DiagnosticDescriptor descriptor = d.Descriptor;
            context.ReportDiagnostic(Diagnostic.Create(
                descriptor.Id, descriptor.Category, d.GetMessage(), d.Severity, descriptor.DefaultSeverity, descriptor.IsEnabledByDefault, d.WarningLevel,
                descriptor.Title, descriptor.Description, descriptor.HelpLinkUri, Location.Create(tree, d.Location.SourceSpan), customTags: descriptor.CustomTags));
        }
    }

    // The generator's descriptors are internal; the test reads them so IDs, titles and severities are the shipped ones.
    private static DiagnosticDescriptor GeneratorDescriptor(string name) =>
        (DiagnosticDescriptor)typeof(AutoHeuristicGenerator).Assembly.GetType("AutoHeuristic.Generator.DiagnosticDescriptors", throwOnError: true)!
            .GetField(name, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
}
