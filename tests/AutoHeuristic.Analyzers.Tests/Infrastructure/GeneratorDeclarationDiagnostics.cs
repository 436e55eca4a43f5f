using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AutoHeuristic.Analyzers.Tests.Infrastructure;

/// <summary>
/// Test double for the source generator's AH2001/AH2002 (reported by the generator, fixed by
/// MakePartialCodeFixProvider): same IDs, same location (the [AutoHeuristic] class's identifier).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class GeneratorDeclarationDiagnostics : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor ClassNotPartial = new("AH2001", "not partial", "'{0}' must be partial", "Test", DiagnosticSeverity.Error, true);
    private static readonly DiagnosticDescriptor ContainingTypeNotPartial = new("AH2002", "container not partial", "'{0}' must be partial", "Test", DiagnosticSeverity.Error, true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(ClassNotPartial, ContainingTypeNotPartial);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSyntaxNodeAction(Analyze, SyntaxKind.ClassDeclaration);
    }

    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        var declaration = (ClassDeclarationSyntax)context.Node;
        if (context.SemanticModel.GetDeclaredSymbol(declaration) is not { } symbol) return;
        bool marked = false;
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            marked |= attribute.AttributeClass?.ToDisplayString() == "AutoHeuristic.AutoHeuristicAttribute";
        }

        if (!marked) return;
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            context.ReportDiagnostic(Diagnostic.Create(ClassNotPartial, declaration.Identifier.GetLocation(), symbol.Name));
        }

        for (SyntaxNode? outer = declaration.Parent; outer is TypeDeclarationSyntax type; outer = outer.Parent)
        {
            if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                context.ReportDiagnostic(Diagnostic.Create(ContainingTypeNotPartial, declaration.Identifier.GetLocation(), type.Identifier.ValueText));
            }
        }
    }
}
