using System.Collections.Generic;
using System.Text;

namespace AutoHeuristic.Analyzers.Checks;

/// <summary>
/// Folds the differences that make two choices "almost equal": case and whitespace (heuristic names
/// fold with Core's <see cref="AutoHeuristic.Logs.HeuristicNames.Fold"/>, shared with the generator);
/// and finds the logged value a constant most likely meant.
/// </summary>
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

    /// <summary>
    /// The logged value <paramref name="value"/> most likely meant, or null: one equal up to case and
    /// whitespace; else one that only adds or drops a dotted prefix (<c>float16</c> for
    /// <c>torch.float16</c>); else the closest within a quarter of the length in single-character edits.
    /// </summary>
    public static string? SuggestValue(string value, IEnumerable<string> logged)
    {
        string? bySuffix = null, closest = null;
        int closestDistance = int.MaxValue;
        string folded = FoldChoice(value);
        foreach (string candidate in logged)
        {
            if (FoldChoice(candidate) == folded) return candidate;
            if (bySuffix is null && (EndsWithPart(candidate, value) || EndsWithPart(value, candidate))) bySuffix = candidate;
            int distance = EditDistance(value.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < closestDistance)
            {
                closestDistance = distance;
                closest = candidate;
            }
        }

        if (bySuffix is not null) return bySuffix;
        int allowed = System.Math.Max(1, value.Length / 4);
        return closestDistance <= allowed ? closest : null;
    }

    // "torch.float16" ends with the part "float16" (after a '.', '_' or ':').
    private static bool EndsWithPart(string whole, string part) =>
        part.Length > 0 && whole.Length > part.Length && whole.EndsWith(part, System.StringComparison.OrdinalIgnoreCase)
        && whole[whole.Length - part.Length - 1] is '.' or '_' or ':';

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = System.Math.Min(substitute, System.Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
