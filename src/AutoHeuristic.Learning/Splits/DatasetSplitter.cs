using System;

namespace AutoHeuristic.Learning.Splits;

/// <summary>Index sets of a train / validation / test split.</summary>
internal sealed record SplitIndices(int[] Train, int[] Val, int[] Test);

/// <summary>
/// sklearn's <c>train_test_split(..., random_state=42)</c> applied twice, as PyTorch's
/// <c>prepare_datasets</c> does: test = the first <c>ceil(test · n)</c> entries of numpy
/// <c>RandomState(42).permutation(n)</c>, the rest (in permutation order) is split again with
/// a fresh <c>RandomState(42)</c> and fraction <c>val / (1 − test)</c>. The units are rows in
/// PyTorch mode and inputs in grouped mode; the caller decides.
/// </summary>
internal static class DatasetSplitter
{
    public const uint Seed = 42;

    public static SplitIndices Split(int n, double testFraction, double valFraction, uint seed = Seed)
    {
        (int[] trainVal, int[] test) = TrainTestSplit(Identity(n), testFraction, seed);
        double trainValFraction = 1 - testFraction;
        (int[] train, int[] val) = valFraction <= 0 ? (trainVal, Array.Empty<int>()) : TrainTestSplit(trainVal, valFraction / trainValFraction, seed);
        return new SplitIndices(train, val, test);
    }

    /// <summary>One <c>train_test_split</c>: returns (train, test), each in permutation order.</summary>
    public static (int[] Train, int[] Test) TrainTestSplit(int[] items, double testFraction, uint seed = Seed)
    {
        int n = items.Length;
        int nTest = (int)Math.Ceiling(testFraction * n);
        if (nTest > n) nTest = n;
        int[] permutation = new NumpyRandomState(seed).Permutation(n);
        var test = new int[nTest];
        var train = new int[n - nTest];
        for (int i = 0; i < nTest; i++) test[i] = items[permutation[i]];
        for (int i = nTest; i < n; i++) train[i - nTest] = items[permutation[i]];
        return (train, test);
    }

    private static int[] Identity(int n)
    {
        var result = new int[n];
        for (int i = 0; i < n; i++) result[i] = i;
        return result;
    }
}
