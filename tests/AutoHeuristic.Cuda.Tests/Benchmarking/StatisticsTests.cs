using System;
using AutoHeuristic.Cuda.Benchmarking;
using NUnit.Framework;

namespace AutoHeuristic.Cuda.Tests.Benchmarking;

public class StatisticsTests
{
    // Reference values: torch.quantile(torch.tensor([...]), q) (linear interpolation).
    [TestCase(new[] { 1.0, 2, 3, 4 }, 0.5, 2.5)]
    [TestCase(new[] { 1.0, 2, 3, 4 }, 0.2, 1.6)]
    [TestCase(new[] { 4.0, 1, 3, 2 }, 0.8, 3.4)]
    [TestCase(new[] { 5.0 }, 0.3, 5.0)]
    [TestCase(new[] { 1.0, 10 }, 1.0, 10.0)]
    public void Quantile_interpolates_linearly_like_torch(double[] samples, double q, double expected) =>
        Assert.That(Statistics.Quantile(samples, q), Is.EqualTo(expected).Within(1e-12));

    [Test]
    public void Median_of_odd_count_is_the_middle() => Assert.That(Statistics.Median(new[] { 3.0, 1, 2 }), Is.EqualTo(2.0));

    [Test]
    public void Relative_stdev_is_Bessel_corrected() =>
        Assert.That(Statistics.RelativeStdev(new[] { 1.0, 2, 3 }), Is.EqualTo(1.0 / 2.0).Within(1e-12));

    [Test]
    public void Relative_iqr() => Assert.That(Statistics.RelativeIqr(new[] { 1.0, 2, 3, 4, 5 }), Is.EqualTo(2.0 / 3.0).Within(1e-12));

    [Test]
    public void Single_samples_have_no_spread()
    {
        Assert.That(Statistics.RelativeStdev(new[] { 2.0 }), Is.EqualTo(0));
        Assert.That(Statistics.RelativeIqr(new[] { 2.0 }), Is.EqualTo(0));
    }

    [Test]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Statistics.Median(Array.Empty<double>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => Statistics.Quantile(new[] { 1.0 }, 1.5));
    }
}
