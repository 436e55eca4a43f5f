using System;
using System.Linq;
using System.Text;
using System.Threading;
using AutoHeuristic.Learning.Training;
using AutoHeuristic.Learning.Trees;
using CsCheck;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

public class TreePropertyTests
{
    // Random data where the label is a function of the features: always separable.
    private static (TrainingMatrix Matrix, int[] Labels) Separable(int n, int seed)
    {
        var rng = new Random(seed);
        var x0 = new double[n];
        var x1 = new double[n];
        var codes = new int[n];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            x0[i] = rng.Next(0, 30);
            x1[i] = rng.Next(0, 5) * 0.25;
            codes[i] = rng.Next(0, 3);
            labels[i] = (int)(((x0[i] * 7) + (x1[i] * 4) + (codes[i] * 5)) % 3);
        }

        var w = Enumerable.Repeat(1.0, n).ToArray();
        return (new TrainingMatrix(new[] { x0, x1 }, new[] { codes }, new[] { 3 }, labels, w, 3), labels);
    }

    private static int Predict(FittedTree t, TrainingMatrix m, int row)
    {
        int node = t.LeafOf(s => m.Numeric[s][row], s => m.Categorical[s][row]);
        return t.PredictedClass(node);
    }

    [Test]
    public void Separable_data_is_learned_without_training_error()
    {
        Gen.Select(Gen.Int[2, 80], Gen.Int, Gen.Bool).Sample((n, seed, entropy) =>
        {
            (TrainingMatrix m, int[] labels) = Separable(n, seed);
            FittedTree t = CartLearner.Fit(m, new CartParameters(entropy ? SplitCriterion.Entropy : SplitCriterion.Gini, 64, 1), CancellationToken.None);
            for (int i = 0; i < n; i++) if (Predict(t, m, i) != labels[i]) return false;
            return true;
        }, iter: 200);
    }

    [Test]
    public void Row_order_does_not_change_the_tree()
    {
        Gen.Select(Gen.Int[2, 80], Gen.Int, Gen.Int).Sample((n, seed, shuffleSeed) =>
        {
            (TrainingMatrix m, _) = Separable(n, seed);
            int[] perm = Enumerable.Range(0, n).OrderBy(_ => new Random(shuffleSeed + _).Next()).ToArray();
            var shuffled = new TrainingMatrix(
                m.Numeric.Select(c => perm.Select(i => c[i]).ToArray()).ToArray(),
                m.Categorical.Select(c => perm.Select(i => c[i]).ToArray()).ToArray(),
                m.CategoryCounts, perm.Select(i => m.Labels[i]).ToArray(), perm.Select(i => m.Weights[i]).ToArray(), m.ClassCount);
            var p = new CartParameters(SplitCriterion.Entropy, 6, 2);
            return Dump(CartLearner.Fit(m, p, CancellationToken.None)) == Dump(CartLearner.Fit(shuffled, p, CancellationToken.None));
        }, iter: 200);
    }

    [Test]
    public void Same_input_gives_an_identical_tree()
    {
        (TrainingMatrix m, _) = Separable(500, 7);
        var p = new CartParameters(SplitCriterion.Gini, 7, 0.01);
        string first = Dump(CartLearner.Fit(m, p, CancellationToken.None));
        for (int i = 0; i < 3; i++) Assert.That(Dump(CartLearner.Fit(m, p, CancellationToken.None)), Is.EqualTo(first));
    }

    internal static string Dump(FittedTree t)
    {
        var sb = new StringBuilder();
        for (int node = 0; node < t.NodeCount; node++)
        {
            sb.Append(node).Append(' ').Append(t.Slot[node]).Append(' ').Append(t.Threshold[node].ToString("R", System.Globalization.CultureInfo.InvariantCulture))
              .Append(' ').Append(t.Category[node]).Append(' ').Append(t.Left[node]).Append(' ').Append(t.Right[node]).Append(' ').Append(t.Samples[node])
              .Append(' ').Append(string.Join(",", t.ClassWeights[node])).Append('\n');
        }

        return sb.ToString();
    }
}
