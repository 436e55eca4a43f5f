using System.Text;

namespace AutoHeuristic.Logs;

/// <summary>
/// How two heuristic names are "almost equal" (for the near-miss suggestions of the generator's
/// AH2003 and the analyzers' AH2132): the same after case, surrounding whitespace and the
/// separators '-', ' ' and '_' are folded. Names must still match exactly; this only finds the one meant.
/// </summary>
public static class HeuristicNames
{
    /// <summary>Lower case (invariant), trimmed, with '-' and whitespace read as '_'.</summary>
    public static string Fold(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (char c in name.Trim())
        {
            if (c == '-' || char.IsWhiteSpace(c)) sb.Append('_');
            else sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
