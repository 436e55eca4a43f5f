namespace AutoHeuristic.Analyzers.Diagnostics;

/// <summary>Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> that the code fixes read.</summary>
internal static class DiagnosticProperties
{
    /// <summary>The text a string literal should be renamed to (AH2121, AH2132).</summary>
    public const string Replacement = "Replacement";

    /// <summary>The feature name to add (AH2110).</summary>
    public const string FeatureName = "FeatureName";

    /// <summary>"true" when the feature to add is categorical (AH2110).</summary>
    public const string IsCategorical = "IsCategorical";

    /// <summary>The source text of the context expression to call AddFeature on (AH2110).</summary>
    public const string ContextExpression = "ContextExpression";
}
