using System.Collections.Generic;

namespace AutoHeuristic.Analyzers.Analysis;

/// <summary>The features a context gets: constant-named adds, name patterns, and whether the analysis saw everything.</summary>
internal sealed class FeatureSet
{
    public List<FeatureAdd> Adds { get; } = new();

    /// <summary>True when some code that may add features is out of sight: only positive findings are then reported.</summary>
    public bool Incomplete { get; set; }

    /// <summary>Whether <paramref name="name"/> is added, by a constant name or a matching pattern.</summary>
    public bool MayAdd(string name)
    {
        foreach (FeatureAdd add in Adds)
        {
            if (add.Name == name) return true;
            if (add.Name is null && (add.Pattern is null || add.Pattern.Matches(name))) return true;
        }

        return false;
    }
}
