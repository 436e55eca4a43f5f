using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoHeuristic.Analyzers.Analysis;

/// <summary>Where the checks point their diagnostics, and how messages name a line.</summary>
internal static class DiagnosticLocations
{
    /// <summary>Where to point a diagnostic about a site as a whole: the created type's name, or the called method's.</summary>
    public static Location Anchor(HeuristicSite site) => site.Creation.Syntax switch
    {
        ObjectCreationExpressionSyntax creation => creation.Type.GetLocation(),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Name.GetLocation(),
        _ => site.Location,
    };

    /// <summary>1-based line of a location, for messages.</summary>
    public static int Line(Location location) => location.GetLineSpan().StartLinePosition.Line + 1;
}
