using Microsoft.CodeAnalysis;

namespace AutoHeuristic.Analyzers.Analysis;

/// <summary>
/// The runtime API the analyzers recognise, resolved once per compilation by metadata name
/// (never by behaviour). Null members are APIs this compilation does not reference.
/// </summary>
internal sealed class KnownSymbols
{
    private KnownSymbols(Compilation compilation, INamedTypeSymbol context)
    {
        Context = context;
        SelectAlgorithm = compilation.GetTypeByMetadataName("AutoHeuristic.AutoHeuristicSelectAlgorithm`1");
        Decision = compilation.GetTypeByMetadataName("AutoHeuristic.AutoHeuristicDecision");
        Autotuner = compilation.GetTypeByMetadataName("AutoHeuristic.Autotuner");
        HeuristicAttribute = compilation.GetTypeByMetadataName("AutoHeuristic.AutoHeuristicAttribute");
    }

    /// <summary><c>AutoHeuristic.AHContext</c>.</summary>
    public INamedTypeSymbol Context { get; }

    /// <summary><c>AutoHeuristic.AutoHeuristicSelectAlgorithm&lt;TChoice&gt;</c> (unbound definition).</summary>
    public INamedTypeSymbol? SelectAlgorithm { get; }

    /// <summary><c>AutoHeuristic.AutoHeuristicDecision</c> (PyTorch's <c>AutoHeuristic</c>).</summary>
    public INamedTypeSymbol? Decision { get; }

    /// <summary><c>AutoHeuristic.Autotuner</c>, home of <c>AutotuneSelectAlgorithm</c>.</summary>
    public INamedTypeSymbol? Autotuner { get; }

    /// <summary><c>AutoHeuristic.AutoHeuristicAttribute</c>.</summary>
    public INamedTypeSymbol? HeuristicAttribute { get; }

    /// <summary>The known symbols, or null when the compilation does not use AutoHeuristic at all.</summary>
    public static KnownSymbols? Create(Compilation compilation)
    {
        INamedTypeSymbol? context = compilation.GetTypeByMetadataName("AutoHeuristic.AHContext");
        return context is null ? null : new KnownSymbols(compilation, context);
    }

    /// <summary>Whether <paramref name="type"/> is the selector or the decision class.</summary>
    public SiteKind? SiteKindOf(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named) return null;
        INamedTypeSymbol definition = named.OriginalDefinition;
        if (SelectAlgorithm is not null && SymbolEqualityComparer.Default.Equals(definition, SelectAlgorithm)) return SiteKind.SelectAlgorithm;
        if (Decision is not null && SymbolEqualityComparer.Default.Equals(definition, Decision)) return SiteKind.Decision;
        return null;
    }

    /// <summary>Whether <paramref name="method"/> is <c>Autotuner.AutotuneSelectAlgorithm</c>.</summary>
    public bool IsAutotune(IMethodSymbol method) =>
        Autotuner is not null && method.Name == "AutotuneSelectAlgorithm"
        && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, Autotuner);

    /// <summary>
    /// Whether <paramref name="method"/> is the <c>GetDecision</c> or <c>GetDecisionsRanked</c> the source
    /// generator adds to an <c>[AutoHeuristic("name")]</c> class (static, taking the metadata and a
    /// context); <paramref name="heuristicName"/> is the attribute's name.
    /// </summary>
    public bool IsGeneratedDecision(IMethodSymbol method, out string heuristicName)
    {
        heuristicName = string.Empty;
        if (HeuristicAttribute is null || !method.IsStatic || method.Name is not ("GetDecision" or "GetDecisionsRanked")) return false;
        if (method.Parameters.Length < 2 || !IsContext(method.Parameters[1].Type)) return false;
        foreach (AttributeData attribute in method.ContainingType.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, HeuristicAttribute)
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
            {
                heuristicName = name;
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="method"/> is one of the <c>AHContext.AddFeature</c> overloads.</summary>
    public bool IsAddFeature(IMethodSymbol method) =>
        method.Name == "AddFeature" && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, Context);

    /// <summary>Whether <paramref name="type"/> is <c>AHContext</c>.</summary>
    public bool IsContext(ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type, Context);

    /// <summary>Whether <paramref name="symbol"/> belongs to the AutoHeuristic runtime (which reads contexts but never adds to them).</summary>
    public bool IsRuntimeApi(ISymbol symbol) =>
        SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, Context.ContainingAssembly);
}

/// <summary>The call sites that tie a context to a heuristic name.</summary>
internal enum SiteKind
{
    /// <summary><c>new AutoHeuristicSelectAlgorithm&lt;T&gt;(…)</c>.</summary>
    SelectAlgorithm,
    /// <summary><c>new AutoHeuristicDecision(…)</c>.</summary>
    Decision,
    /// <summary>
    /// <c>Heuristic.GetDecision(metadata, context)</c> or <c>GetDecisionsRanked</c> of an
    /// <c>[AutoHeuristic("name")]</c> class: use mode only, named by the attribute.
    /// </summary>
    GeneratedDecision,
}
