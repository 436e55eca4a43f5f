using System;
using System.IO;
using System.Linq;
using AutoHeuristic.Learning.Splits;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>numpy's RandomState(42) permutations and sklearn's train_test_split, checked against values numpy and sklearn produced (Sklearn/numpy_permutations.txt).</summary>
public class SplitTests
{
    private static string[] ExpectedLines() =>
        File.ReadAllLines(Path.Combine(TestContext.CurrentContext.TestDirectory, "Sklearn", "numpy_permutations.txt"));

    [Test]
    public void Mersenne_twister_first_outputs_match_the_reference_generator()
    {
        // genrand_int32 after init_genrand(5489), the reference implementation's default seed.
        var rng = new NumpyRandomState(5489);
        Assert.That(rng.NextUInt32(), Is.EqualTo(3499211612u));
        Assert.That(rng.NextUInt32(), Is.EqualTo(581869302u));
    }

    [Test]
    public void Permutations_equal_numpy()
    {
        foreach (string line in ExpectedLines().Where(l => !l.StartsWith('#') && !l.StartsWith("split", StringComparison.Ordinal)))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            int n = int.Parse(line.Substring(0, colon), System.Globalization.CultureInfo.InvariantCulture);
            int[] expected = line.Substring(colon + 1).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
            Assert.That(new NumpyRandomState(42).Permutation(n), Is.EqualTo(expected), $"permutation({n})");
        }
    }

    [Test]
    public void Train_test_split_equals_sklearn()
    {
        int checkedSplits = 0;
        foreach (string line in ExpectedLines().Where(l => l.StartsWith("split", StringComparison.Ordinal)))
        {
            string[] parts = line.Split('|');
            string[] head = parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int n = int.Parse(head[1], System.Globalization.CultureInfo.InvariantCulture);
            double size = double.Parse(head[2], System.Globalization.CultureInfo.InvariantCulture);
            int[] train = parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
            int[] test = parts[2].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
            (int[] ourTrain, int[] ourTest) = DatasetSplitter.TrainTestSplit(Enumerable.Range(0, n).ToArray(), size);
            Assert.That(ourTest, Is.EqualTo(test), $"test of {n}");
            Assert.That(ourTrain, Is.EqualTo(train), $"train of {n}");
            checkedSplits++;
        }

        Assert.That(checkedSplits, Is.EqualTo(5));
    }

    [Test]
    public void Two_stage_split_has_pytorchs_sizes()
    {
        // pad_mm A100: 9699 inputs -> test ceil(0.15 n) = 1455, val ceil(0.15/0.85 * 8244) = 1455.
        SplitIndices split = DatasetSplitter.Split(9699, 0.15, 0.15);
        Assert.That((split.Train.Length, split.Val.Length, split.Test.Length), Is.EqualTo((6789, 1455, 1455)));
        Assert.That(split.Train.Concat(split.Val).Concat(split.Test).OrderBy(i => i), Is.EqualTo(Enumerable.Range(0, 9699)));
        // mixed_mm A100: 4299 inputs, 1 % test, 19 % val.
        SplitIndices mixed = DatasetSplitter.Split(4299, 0.01, 0.19);
        Assert.That((mixed.Val.Length, mixed.Test.Length), Is.EqualTo((817, 43)));
    }
}
