using System;

namespace AutoHeuristic.Cuda.Collection;

/// <summary>
/// PyTorch's sampling helpers (<c>torchgen/_autoheuristic/benchmark_utils.py</c>) over a seeded
/// generator. Input <c>i</c> of seed <c>S</c> has its own generator, so any input can be
/// regenerated alone: a resumed run skips inputs already on disk, and shards never overlap.
/// </summary>
public sealed class SampleRandom
{
    private readonly Random _random;

    /// <summary>The generator of input <paramref name="index"/> under <paramref name="seed"/>.</summary>
    public SampleRandom(int seed, long index) => _random = new Random(Mix(seed, index));

    /// <summary>Python's <c>random.randint(lo, hi)</c>: inclusive on both ends.</summary>
    public long RandInt(long lo, long hi)
    {
        if (hi < lo) throw new ArgumentException($"randint({lo}, {hi}): empty range.");
        return lo + _random.NextInt64(hi - lo + 1);
    }

    /// <summary>True with probability <paramref name="p"/> (Python's <c>random.choices([True, False], [p, 1-p])</c>).</summary>
    public bool Chance(double p) => _random.NextDouble() < p;

    /// <summary>A uniform pick among <paramref name="count"/> items.</summary>
    public int Pick(int count) => _random.Next(count);

    /// <summary>A pick by weights (need not sum to 1).</summary>
    public int PickWeighted(params double[] weights)
    {
        double total = 0;
        foreach (double w in weights) total += w;
        double u = _random.NextDouble() * total;
        for (int i = 0; i < weights.Length; i++)
        {
            if (u < weights[i]) return i;
            u -= weights[i];
        }

        return weights.Length - 1;
    }

    /// <summary><c>transpose_tensors(p_transpose_both=0.05)</c>: both with 5 %, else uniform over left, right, neither.</summary>
    public (bool Left, bool Right) TransposeTensors(double pTransposeBoth = 0.05)
    {
        if (Chance(pTransposeBoth)) return (true, true);
        return Pick(3) switch
        {
            0 => (true, false),
            1 => (false, true),
            _ => (false, false),
        };
    }

    /// <summary><c>get_random_between_pow2(lo, hi)</c>: i in [lo, hi-1], then a value strictly between 2^i and 2^(i+1).</summary>
    public long RandomBetweenPow2(int minPower2, int maxPower2)
    {
        int i = (int)RandInt(minPower2, maxPower2 - 1);
        long lower = (1L << i) + 1;
        long upper = (1L << (i + 1)) - 1;
        return upper < lower ? lower : RandInt(lower, upper);
    }

    /// <summary><c>set_precision(dtype, p_float32_prec_highest=0.8)</c> for fp32: true (TF32, "high") with probability 0.2.</summary>
    public bool Float32UsesTf32(double pHighest = 0.8) => !Chance(pHighest);

    /// <summary>PyTorch's <c>fits_in_memory</c>: the three matrices take less than a quarter of the device memory.</summary>
    public static bool FitsInMemory(int itemSize, long m, long k, long n, long totalMemory) =>
        (double)itemSize * ((double)m * k + (double)k * n + (double)m * n) < totalMemory / 4.0;

    internal static int Mix(int seed, long index)
    {
        ulong z = ((ulong)(uint)seed << 32) ^ (ulong)index;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
