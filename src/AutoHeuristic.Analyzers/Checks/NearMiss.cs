using System.Text;

namespace AutoHeuristic.Analyzers.Checks;

/// <summary>Folds the differences that make two names "almost equal": case, whitespace and, for heuristic names, '-' versus '_'.</summary>
internal static class NearMiss
{
    /// <summary>Lower case with whitespace removed.</summary>
    public static string FoldChoice(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (!char.IsWhiteSpace(c)) sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    /// <summary><see cref="FoldChoice"/>, and '-' and ' ' read as '_'.</summary>
    public static string FoldName(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (char c in value.Trim())
        {
            if (c == '-' || char.IsWhiteSpace(c)) sb.Append('_');
            else sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
