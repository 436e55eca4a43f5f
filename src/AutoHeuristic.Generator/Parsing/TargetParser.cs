using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using AutoHeuristic.Generator.Helpers;
using AutoHeuristic.Generator.Model;
using AutoHeuristic.Generator.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoHeuristic.Generator.Parsing;

/// <summary>
/// Turns an [AutoHeuristic] class (symbol + syntax, only available inside the FAWMN transform) into
/// a location-free <see cref="HeuristicTarget"/> plus located diagnostics: partial-ness of the class
/// and its containers, the name, the options and the [AHOperation] methods (translated).
/// </summary>
internal static class TargetParser
{
    /// <summary>Metadata name of the marker attribute.</summary>
    public const string AutoHeuristicAttributeName = "AutoHeuristic.AutoHeuristicAttribute";

    /// <summary>Metadata name of the operation attribute.</summary>
    public const string OperationAttributeName = "AutoHeuristic.AHOperationAttribute";

    /// <summary>
    /// <see cref="Parse"/>, turning an unexpected exception (a defect) into AH2008 on the class and
    /// no generation, so the build reports it instead of failing the generator (CS8785).
    /// </summary>
    public static TargetParseResult ParseSafely(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            return Parse(context, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var symbol = context.TargetSymbol;
            var target = new HeuristicTarget(null, EquatableArray<ContainingType>.Empty, symbol.Name, false, false, false, string.Empty, OptionValues.None, EquatableArray<OperationSpec>.Empty);
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InvalidTarget, LocationInfo.From(symbol.Locations.FirstOrDefault()), symbol.Name, "unexpected " + e.GetType().Name + ": " + e.Message);
            return new TargetParseResult(target, new[] { diagnostic }.ToEquatableArray(), null);
        }
    }

    /// <summary>Parses one attributed class.</summary>
    public static TargetParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        var syntax = (TypeDeclarationSyntax)context.TargetNode;
        var diagnostics = new List<DiagnosticInfo>();
        AttributeData attribute = context.Attributes[0];
        LocationInfo? attributeLocation = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation());
        LocationInfo? classLocation = LocationInfo.From(syntax.Identifier.GetLocation());

        bool canGenerate = true;
        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, classLocation, symbol.Name));
            canGenerate = false;
        }

        if (symbol.IsGenericType)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidTarget, classLocation, symbol.Name, "generic classes are not supported"));
            canGenerate = false;
        }

        if (symbol.IsRecord)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidTarget, classLocation, symbol.Name, "records are not supported; declare a partial class"));
            canGenerate = false;
        }

        var containing = new List<ContainingType>();
        bool canRegister = IsVisibleInAssembly(symbol.DeclaredAccessibility);
        for (INamedTypeSymbol? outer = symbol.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            canRegister &= IsVisibleInAssembly(outer.DeclaredAccessibility);
            var outerSyntax = outer.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().ToList();
            if (outer.IsGenericType || outerSyntax.Count == 0 || !outerSyntax.Any(s => s.Modifiers.Any(SyntaxKind.PartialKeyword)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContainingTypeNotPartial, classLocation, outer.Name, symbol.Name));
                canGenerate = false;
            }

            containing.Insert(0, new ContainingType(Keyword(outer), outer.Name));
        }

        string name = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string s ? s : string.Empty;
        if (string.IsNullOrWhiteSpace(name))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidTarget, attributeLocation, symbol.Name, "the heuristic name is empty"));
        }

        if (canGenerate && !canRegister)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotRegistered, classLocation, symbol.Name));
        }

        OptionValues options = ReadAttributeOptions(attribute, attributeLocation, diagnostics);
        EquatableArray<OperationSpec> operations = ReadOperations(symbol, name, context.SemanticModel, diagnostics, cancellationToken);

        var target = new HeuristicTarget(
            symbol.ContainingNamespace.IsGlobalNamespace ? null : symbol.ContainingNamespace.ToDisplayString(),
            containing.ToEquatableArray(),
            symbol.Name,
            symbol.IsStatic,
            canRegister,
            canGenerate,
            name,
            options,
            operations);
        return new TargetParseResult(target, diagnostics.ToEquatableArray(), attributeLocation);
    }

    private static OptionValues ReadAttributeOptions(AttributeData attribute, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            object? value = named.Value.Value;
            if (value is null) continue;
            raw[named.Key] = value switch
            {
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? string.Empty,
            };
        }

        return OptionReader.Read(key => raw.TryGetValue(key, out string? v) ? v : null, key => key, location, diagnostics, attributeMode: true);
    }

    private static EquatableArray<OperationSpec> ReadOperations(INamedTypeSymbol type, string heuristicName, SemanticModel classModel, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var result = new List<OperationSpec>();
        var standardNames = new HashSet<string>(Features.StandardOperations.ForHeuristic(heuristicName).Select(o => o.Name), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (IMethodSymbol method in type.GetMembers().OfType<IMethodSymbol>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            AttributeData? attribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == OperationAttributeName);
            if (attribute is null) continue;

            var syntax = method.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<MethodDeclarationSyntax>().FirstOrDefault();
            LocationInfo? location = LocationInfo.From(syntax?.Identifier.GetLocation() ?? method.Locations.FirstOrDefault());
            string featureName = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string n && n.Length > 0 ? n : method.Name;
            bool isCategorical = attribute.NamedArguments.Any(a => a.Key == "IsCategorical" && a.Value.Value is true);

            string? problem = null;
            OperationType? returnType = OperationTranslator.TypeOf(method.ReturnType);
            if (!method.IsStatic) problem = "it must be static";
            else if (method.IsGenericMethod) problem = "it must not be generic";
            else if (syntax?.ExpressionBody is null) problem = "it must be expression-bodied (=> expression)";
            else if (returnType is null or OperationType.String) problem = "it must return bool, int, long or double";
            else if (method.Parameters.Any(p => p.RefKind != RefKind.None || OperationTranslator.TypeOf(p.Type) is null)) problem = "its parameters must be bool, int, long, double or string, passed by value";
            else if (!AutoHeuristic.Formatting.PythonFormat.IsCsvSafe(featureName)) problem = "its feature name must not contain commas, quotes or line breaks";
            else if (standardNames.Contains(featureName)) problem = "'" + featureName + "' is already a standard " + heuristicName + " feature";
            else if (!seen.Add(featureName)) problem = "another [AHOperation] already defines '" + featureName + "'";

            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOperationMethod, location, method.Name, problem));
                continue;
            }

            // The method may live in another partial declaration (another tree): use that tree's model.
            SemanticModel model = syntax!.SyntaxTree == classModel.SyntaxTree ? classModel : classModel.Compilation.GetSemanticModel(syntax.SyntaxTree);
            OperationExpression? body = OperationTranslator.Translate(model, method, syntax.ExpressionBody!.Expression, diagnostics, cancellationToken);
            if (body is null) continue;

            var parameters = method.Parameters.Select(p => new OperationParameter(p.Name, OperationTranslator.TypeOf(p.Type)!.Value)).ToEquatableArray();
            result.Add(new OperationSpec(featureName, method.Name, isCategorical, model.Compilation.Options.CheckOverflow, parameters, body));
        }

        return result.ToEquatableArray();
    }

    private static bool IsVisibleInAssembly(Accessibility accessibility) =>
        accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    private static string Keyword(INamedTypeSymbol type)
    {
        if (type.IsRecord) return type.TypeKind == TypeKind.Struct ? "record struct" : "record";
        return type.TypeKind switch
        {
            TypeKind.Struct => "struct",
            TypeKind.Interface => "interface",
            _ => "class",
        };
    }
}
