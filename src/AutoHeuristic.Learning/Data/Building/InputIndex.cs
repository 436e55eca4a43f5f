using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace AutoHeuristic.Learning.Data.Building;

/// <summary>
/// The inputs of the rows, each a distinct tuple of feature values, numbered in order of first
/// appearance, and which input each row measures.
/// </summary>
internal sealed class InputIndex
{
    private InputIndex(int[] ofRow, List<int> firstRow)
    {
        OfRow = ofRow;
        FirstRow = firstRow;
    }

    /// <summary>Per row, the input it measures.</summary>
    public int[] OfRow { get; }

    /// <summary>Per input, its first row (which holds its feature values).</summary>
    public List<int> FirstRow { get; }

    /// <summary>Number of inputs.</summary>
    public int Count => FirstRow.Count;

    /// <summary>Numbers the distinct feature tuples of <paramref name="rows"/>.</summary>
    [MethodImpl(HotPath.Optimized)]
    public static InputIndex Find(ConcatenatedRows rows)
    {
        int n = rows.Count;
        var comparer = new FeatureTupleComparer(rows.Numbers, rows.Codes);
        var inputOf = new Dictionary<int, int>(comparer);
        var inputIds = new int[n];
        var inputFirstRow = new List<int>();
        for (int r = 0; r < n; r++)
        {
            // Logs list all choices of one input on consecutive rows: most rows repeat the previous tuple.
            if (r > 0 && comparer.Equals(r, r - 1))
            {
                inputIds[r] = inputIds[r - 1];
                continue;
            }

            if (!inputOf.TryGetValue(r, out int id))
            {
                id = inputFirstRow.Count;
                inputOf.Add(r, id);
                inputFirstRow.Add(r);
            }

            inputIds[r] = id;
        }

        return new InputIndex(inputIds, inputFirstRow);
    }
}
