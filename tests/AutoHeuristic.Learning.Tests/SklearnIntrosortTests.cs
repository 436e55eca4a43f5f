using System.Linq;
using AutoHeuristic.Learning.Trees;
using CsCheck;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>scikit-learn 1.2's in-node sort: ascending, samples moved with values, ties in its own (unstable) order.</summary>
public class SklearnIntrosortTests
{
    [Test]
    public void Ties_end_in_the_order_of_its_three_way_partition()
    {
        // Pivot 2 (median of 2, 2, 0): the 1s and 0 are swapped to the front, then [1, 1, 0] is
        // partitioned around 1; a stable sort would give 4, 1, 3, 0, 2.
        float[] values = { 2, 1, 2, 1, 0 };
        int[] samples = { 0, 1, 2, 3, 4 };
        SklearnIntrosort.Sort(values, samples, 0, values.Length);
        Assert.That(values, Is.EqualTo(new float[] { 0, 1, 1, 2, 2 }));
        Assert.That(samples, Is.EqualTo(new[] { 4, 3, 1, 0, 2 }));
    }

    [Test]
    public void Only_the_given_range_is_sorted()
    {
        float[] values = { 9, 3, 2, 1, -1 };
        int[] samples = { 0, 1, 2, 3, 4 };
        SklearnIntrosort.Sort(values, samples, 1, 3);
        Assert.That(values, Is.EqualTo(new float[] { 9, 1, 2, 3, -1 }));
        Assert.That(samples, Is.EqualTo(new[] { 0, 3, 2, 1, 4 }));
    }

    [Test]
    public void Any_array_is_sorted_with_its_samples() =>
        Gen.Int[0, 6].Array[0, 300].Sample(raw =>
        {
            float[] original = raw.Select(v => (float)v).ToArray();
            float[] values = (float[])original.Clone();
            int[] samples = Enumerable.Range(0, values.Length).ToArray();
            SklearnIntrosort.Sort(values, samples, 0, values.Length);
            Assert.That(values, Is.Ordered);
            Assert.That(samples.Select(s => original[s]), Is.EqualTo(values));
            Assert.That(samples.OrderBy(s => s), Is.EqualTo(Enumerable.Range(0, values.Length)));
        });
}
