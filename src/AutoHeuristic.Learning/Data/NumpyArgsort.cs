using System;

namespace AutoHeuristic.Learning.Data;

/// <summary>
/// numpy's <c>argsort(kind="quicksort")</c> for float64 (the portable introsort of numpy 1.24,
/// which pandas' <c>sort_values</c> calls): median-of-three quicksort down to partitions of 16
/// or fewer elements, then insertion sort, with a heapsort fallback past 2·⌊log2 n⌋ levels; NaN
/// sorts last. It is not stable, so the order of equal values is reproduced only by running the
/// same algorithm. PyTorch's <c>get_df</c> takes the first row of <c>sort_values</c> as an
/// input's winner, so among choices with exactly equal median times its winner is whichever this
/// sort puts first.
/// </summary>
internal static class NumpyArgsort
{
    private const int SmallQuicksort = 15;

    /// <summary>The permutation that sorts <paramref name="values"/> as numpy's quicksort argsort returns it.</summary>
    public static int[] Quicksort(double[] values)
    {
        int num = values.Length;
        var order = new int[num];
        for (int i = 0; i < num; i++) order[i] = i;
        if (num < 2) return order;

        var stack = new (int Left, int Right, int Depth)[64];
        int top = 0;
        int pl = 0, pr = num - 1;
        int depth = 2 * FloorLog2(num);
        while (true)
        {
            if (depth < 0)
            {
                HeapSort(values, order, pl, pr - pl + 1);
            }
            else
            {
                while (pr - pl > SmallQuicksort)
                {
                    int pm = pl + ((pr - pl) >> 1);
                    if (Less(values[order[pm]], values[order[pl]])) Swap(order, pm, pl);
                    if (Less(values[order[pr]], values[order[pm]])) Swap(order, pr, pm);
                    if (Less(values[order[pm]], values[order[pl]])) Swap(order, pm, pl);
                    double pivot = values[order[pm]];
                    int pi = pl, pj = pr - 1;
                    Swap(order, pm, pj);
                    while (true)
                    {
                        do pi++; while (Less(values[order[pi]], pivot));
                        do pj--; while (Less(pivot, values[order[pj]]));
                        if (pi >= pj) break;
                        Swap(order, pi, pj);
                    }

                    Swap(order, pi, pr - 1);
                    depth--;

                    // The larger part waits on the stack; the smaller one is sorted next.
                    if (pi - pl < pr - pi)
                    {
                        stack[top++] = (pi + 1, pr, depth);
                        pr = pi - 1;
                    }
                    else
                    {
                        stack[top++] = (pl, pi - 1, depth);
                        pl = pi + 1;
                    }
                }

                for (int pi = pl + 1; pi <= pr; pi++)
                {
                    int vi = order[pi];
                    double v = values[vi];
                    int pj = pi;
                    while (pj > pl && Less(v, values[order[pj - 1]]))
                    {
                        order[pj] = order[pj - 1];
                        pj--;
                    }

                    order[pj] = vi;
                }
            }

            if (top == 0) break;
            (pl, pr, depth) = stack[--top];
        }

        return order;
    }

    /// <summary>numpy's float ordering: NaN after every number.</summary>
    private static bool Less(double a, double b) => a < b || (double.IsNaN(b) && !double.IsNaN(a));

    private static void Swap(int[] order, int i, int j) => (order[i], order[j]) = (order[j], order[i]);

    private static int FloorLog2(int n)
    {
        int log = 0;
        while ((n >>= 1) != 0) log++;
        return log;
    }

    /// <summary>numpy's <c>aheapsort</c> on <c>order[start .. start + n)</c> (1-based heap indexing).</summary>
    private static void HeapSort(double[] values, int[] order, int start, int n)
    {
        int A(int k) => start + k - 1;
        for (int l = n >> 1; l > 0; l--)
        {
            int tmp = order[A(l)];
            int i = l;
            for (int j = l << 1; j <= n;)
            {
                if (j < n && Less(values[order[A(j)]], values[order[A(j + 1)]])) j++;
                if (!Less(values[tmp], values[order[A(j)]])) break;
                order[A(i)] = order[A(j)];
                i = j;
                j += j;
            }

            order[A(i)] = tmp;
        }

        for (; n > 1;)
        {
            int tmp = order[A(n)];
            order[A(n)] = order[A(1)];
            n--;
            int i = 1;
            for (int j = 2; j <= n;)
            {
                if (j < n && Less(values[order[A(j)]], values[order[A(j + 1)]])) j++;
                if (!Less(values[tmp], values[order[A(j)]])) break;
                order[A(i)] = order[A(j)];
                i = j;
                j += j;
            }

            order[A(i)] = tmp;
        }
    }
}
