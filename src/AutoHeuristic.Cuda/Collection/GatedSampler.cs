using System;

namespace AutoHeuristic.Cuda.Collection;

/// <summary>
/// A seeded input distribution with gates: input i draws from its own <see cref="SampleRandom"/>
/// until a draw passes the gates, so any index can be regenerated alone.
/// </summary>
/// <typeparam name="TInput">The drawn input.</typeparam>
public abstract class GatedSampler<TInput>
{
    private const int MaxDraws = 1_000_000;

    /// <summary>Creates the sampler.</summary>
    protected GatedSampler(int seed, InputGates gates)
    {
        Seed = seed;
        Gates = gates ?? throw new ArgumentNullException(nameof(gates));
    }

    /// <summary>The seed of the sequence.</summary>
    protected int Seed { get; }

    /// <summary>What decides whether a draw is kept.</summary>
    protected InputGates Gates { get; }

    /// <summary>The operation's name for error messages (<c>pad_mm</c>, <c>mm</c>).</summary>
    protected abstract string OperationName { get; }

    /// <summary>Input <paramref name="index"/> (deterministic for the seed).</summary>
    public TInput Sample(long index)
    {
        var rng = new SampleRandom(Seed, index);
        for (int attempt = 0; attempt < MaxDraws; attempt++)
        {
            if (TryDraw(rng, out TInput input)) return input;
        }

        throw new InvalidOperationException($"No {OperationName} input passed the gates in a million draws (seed {Seed}, index {index}); the cap is too tight.");
    }

    /// <summary>Draws one candidate; false when the gates reject it (the caller draws again from the same random sequence).</summary>
    protected abstract bool TryDraw(SampleRandom rng, out TInput input);
}
