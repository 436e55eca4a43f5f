namespace AutoHeuristic.Learning.Trees;

/// <summary>
/// scikit-learn 1.2's in-node sort (<c>sort</c> in <c>_splitter.pyx</c>): introsort with a
/// median-of-three pivot, a three-way partition and a heapsort fallback, moving the sample
/// indices with the values. It is not stable, and the order it leaves equal values in is the
/// order scikit-learn then adds sample weights in, so with fractional weights only this exact
/// algorithm gives the same sums to the last bit (and the same choice between splits whose
/// improvements tie mathematically).
/// </summary>
internal static class SklearnIntrosort
{
    /// <summary>Sorts <paramref name="values"/>[start..start+n) ascending, permuting <paramref name="samples"/> alike.</summary>
    public static void Sort(float[] values, int[] samples, int start, int n)
    {
        if (n == 0) return;
        int maxDepth = 2 * (int)(System.Math.Log(n) / System.Math.Log(2.0));
        Introsort(values, samples, start, n, maxDepth);
    }

    private static void Introsort(float[] x, int[] samples, int start, int n, int maxDepth)
    {
        while (n > 1)
        {
            if (maxDepth <= 0)
            {
                Heapsort(x, samples, start, n);
                return;
            }

            maxDepth--;
            float pivot = Median3(x, start, n);

            // Three-way partition: [start, l) < pivot, [l, r) == pivot, [r, start+n) > pivot.
            int i = 0, l = 0, r = n;
            while (i < r)
            {
                if (x[start + i] < pivot)
                {
                    Swap(x, samples, start + i, start + l);
                    i++;
                    l++;
                }
                else if (x[start + i] > pivot)
                {
                    r--;
                    Swap(x, samples, start + i, start + r);
                }
                else
                {
                    i++;
                }
            }

            Introsort(x, samples, start, l, maxDepth);
            start += r;
            n -= r;
        }
    }

    /// <summary>Median of the first, middle and last values (Bentley and McIlroy).</summary>
    private static float Median3(float[] x, int start, int n)
    {
        float a = x[start], b = x[start + (n / 2)], c = x[start + n - 1];
        if (a < b)
        {
            if (b < c) return b;
            return a < c ? c : a;
        }

        if (b < c) return a < c ? a : c;
        return b;
    }

    private static void Heapsort(float[] x, int[] samples, int start, int n)
    {
        for (int root = (n - 2) / 2; ; root--)
        {
            SiftDown(x, samples, start, root, n);
            if (root == 0) break;
        }

        for (int end = n - 1; end > 0; end--)
        {
            Swap(x, samples, start, start + end);
            SiftDown(x, samples, start, 0, end);
        }
    }

    /// <summary>Restores the max-heap order of [root, end) (offsets from <paramref name="start"/>).</summary>
    private static void SiftDown(float[] x, int[] samples, int start, int root, int end)
    {
        while (true)
        {
            int child = (root * 2) + 1;
            int max = root;
            if (child < end && x[start + max] < x[start + child]) max = child;
            if (child + 1 < end && x[start + max] < x[start + child + 1]) max = child + 1;
            if (max == root) return;
            Swap(x, samples, start + root, start + max);
            root = max;
        }
    }

    private static void Swap(float[] x, int[] samples, int i, int j)
    {
        (x[i], x[j]) = (x[j], x[i]);
        (samples[i], samples[j]) = (samples[j], samples[i]);
    }
}
