using System;
using System.Collections.Generic;
using System.Linq;

namespace AutoHeuristic.Learning.Collection;

/// <summary>Why an input was picked by <see cref="AdaptiveSampler"/>.</summary>
public enum SampleReason
{
    /// <summary>Drawn uniformly at random from the pool (the share that keeps the data representative).</summary>
    Uniform,
    /// <summary>Picked because the current model is least sure about it.</summary>
    Unsure,
}

/// <summary>One input picked for measuring.</summary>
/// <param name="Index">The input's index in the pool given to <see cref="AdaptiveSampler.Select"/>.</param>
/// <param name="Reason">Why it was picked.</param>
/// <param name="Weight">
/// The inverse of its chance to be picked this round: pool size / uniform picks for a uniform pick,
/// 1 for a pick by uncertainty (certain, given the model). A weighted estimate over the collected
/// inputs (e.g. a wrong rate over the natural input mix) uses it to undo the oversampling of hard inputs.
/// </param>
public readonly record struct SampledInput(int Index, SampleReason Reason, double Weight);

/// <summary>
/// Picks the next inputs to measure where the current tree is least sure, plus a fixed uniform
/// share. The uncertainty of an input is given by the caller (see <see cref="Uncertainty"/>), so the
/// rule does not depend on how the model is evaluated.
/// </summary>
public sealed class AdaptiveSampler
{
    /// <summary>Creates the sampler.</summary>
    /// <param name="uniformShare">Share of each round drawn uniformly at random (0 to 1; e.g. 0.2).</param>
    /// <param name="seed">Seed of the generator: the same seed and inputs give the same picks.</param>
    public AdaptiveSampler(double uniformShare, int seed)
    {
        if (double.IsNaN(uniformShare) || uniformShare < 0 || uniformShare > 1)
            throw new ArgumentOutOfRangeException(nameof(uniformShare), uniformShare, "The uniform share must be between 0 and 1.");
        UniformShare = uniformShare;
        _random = new Splits.NumpyRandomState(unchecked((uint)seed)); // the library's own generator: the same picks on every runtime
    }

    private readonly Splits.NumpyRandomState _random;

    /// <summary>Share of each round drawn uniformly at random.</summary>
    public double UniformShare { get; }

    /// <summary>
    /// How unsure a model is about one input, higher is less sure: an unsure answer (no decision:
    /// unsafe leaf or confidence at or below the threshold) scores 1 + (1 − probability), a decision
    /// scores 1 − probability (its leaf's share of the decided class). Inputs the model decides with
    /// certainty score 0.
    /// </summary>
    /// <param name="decided">Whether the model decided a choice.</param>
    /// <param name="probability">The leaf probability of the answer (0 to 1; NaN counts as 0).</param>
    public static double Uncertainty(bool decided, double probability)
    {
        double p = double.IsNaN(probability) ? 0 : Math.Max(0, Math.Min(1, probability));
        return (decided ? 0 : 1) + (1 - p);
    }

    /// <summary>
    /// Picks <paramref name="count"/> inputs of the pool (or all, if fewer): first round(count ·
    /// <see cref="UniformShare"/>) uniformly at random, then the rest by decreasing
    /// <paramref name="uncertainty"/> (equal scores in random order).
    /// </summary>
    /// <param name="uncertainty">Each pool input's uncertainty (see <see cref="Uncertainty"/>), by pool index.</param>
    /// <param name="count">Inputs to pick (≥ 0).</param>
    public IReadOnlyList<SampledInput> Select(IReadOnlyList<double> uncertainty, int count)
    {
        if (uncertainty is null) throw new ArgumentNullException(nameof(uncertainty));
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "The number of inputs to pick must be ≥ 0.");
        int pool = uncertainty.Count;
        count = Math.Min(count, pool);
        int uniformCount = (int)Math.Round(count * UniformShare, MidpointRounding.AwayFromZero);

        int[] order = Enumerable.Range(0, pool).ToArray();
        Shuffle(order);
        var picks = new List<SampledInput>(count);
        double uniformWeight = uniformCount == 0 ? 1 : (double)pool / uniformCount;
        for (int i = 0; i < uniformCount; i++) picks.Add(new SampledInput(order[i], SampleReason.Uniform, uniformWeight));

        // The rest, most unsure first; the shuffle above makes equal scores come in random order (OrderBy is stable).
        IEnumerable<int> byUncertainty = order.Skip(uniformCount).OrderByDescending(i => double.IsNaN(uncertainty[i]) ? double.PositiveInfinity : uncertainty[i]);
        foreach (int i in byUncertainty.Take(count - uniformCount)) picks.Add(new SampledInput(i, SampleReason.Unsure, 1));
        return picks;
    }

    private void Shuffle(int[] items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = (int)_random.RandomInterval((ulong)i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
