using System;
using System.Collections.Generic;
using System.Globalization;

namespace AutoHeuristic.Features;

/// <summary>
/// PyTorch's standard sets of augmented features (<c>autoheuristic_utils.py</c>), with its
/// names, order and formulas, so PyTorch's logs train the same trees here and our generated
/// heuristics read the same values at run time: pad_mm, mm and mixed_mm as PyTorch ships them,
/// and flex_attention as recovered from the heuristic PyTorch generated for it (see
/// docs/flex-attention.md).
/// </summary>
public static class StandardOperations
{
    private static readonly int[] Multiples = { 2, 4, 8, 16, 32 };
    private static readonly (int Lower, int Upper)[] BetweenLimits = { (1, 16), (17, 32), (33, 64), (65, 128), (129, 256) };
    private static readonly string[] Dims = { "m", "k", "n" };

    /// <summary><c>m*k</c>, <c>m*n</c>, <c>k*n</c> (numerical).</summary>
    public static IReadOnlyList<AHOperation> MultDims { get; } = new[]
    {
        new AHOperation("m*k", d => Product(d, "m", "k")),
        new AHOperation("m*n", d => Product(d, "m", "n")),
        new AHOperation("k*n", d => Product(d, "k", "n")),
    };

    /// <summary><c>arith_intensity</c>: m·k·n / (m·k + k·n + m·n), 0.0 when a dimension is 0.</summary>
    public static AHOperation ArithIntensity { get; } = new("arith_intensity", d => FeatureValue.FromFloat(ArithmeticIntensity(d)));

    /// <summary>The pad_mm set: mult dims, <c>k/(m*n)</c>, <c>bfloat_perf_hit</c>, <c>arith_intensity</c>, padding needs, multiples, contiguity.</summary>
    public static IReadOnlyList<AHOperation> PadMm { get; } = BuildPadMm();

    /// <summary>The mm set: mult dims and <c>arith_intensity</c>.</summary>
    public static IReadOnlyList<AHOperation> Mm { get; } = new List<AHOperation>(MultDims) { ArithIntensity }.AsReadOnly();

    /// <summary>The mixed_mm set: the mm set plus 15 categorical <c>{lo}LEQ{dim}LEQ{hi}</c> range tests.</summary>
    public static IReadOnlyList<AHOperation> MixedMm { get; } = BuildMixedMm();

    /// <summary>
    /// The flex_attention set: the products of every pair of <c>b</c> (batch), <c>h</c> (heads),
    /// <c>m</c> (query length) and <c>n</c> (head dimension), named <c>b*h</c>, <c>b*m</c>,
    /// <c>b*n</c>, <c>h*m</c>, <c>h*n</c>, <c>m*n</c> (numerical). PyTorch's
    /// <c>flex_attention_operations()</c> itself is not public any more; its A100 heuristic reads
    /// five of these six names, which fixes names and formulas (docs/flex-attention.md).
    /// </summary>
    public static IReadOnlyList<AHOperation> FlexAttention { get; } = BuildFlexAttention();

    /// <summary>The standard set PyTorch uses for a heuristic name (<c>pad_mm</c>, <c>mm</c>, <c>mixed_mm</c>, <c>flex_attention</c>); empty for other names.</summary>
    public static IReadOnlyList<AHOperation> ForHeuristic(string name) => name switch
    {
        "pad_mm" => PadMm,
        "mm" => Mm,
        "mixed_mm" => MixedMm,
        "flex_attention" => FlexAttention,
        _ => Array.Empty<AHOperation>(),
    };

    /// <summary>PyTorch's <c>get_arith_intensity</c>.</summary>
    public static double ArithmeticIntensity(IFeatureSource d)
    {
        double m = d.GetNumber("m"), k = d.GetNumber("k"), n = d.GetNumber("n");
        if (m == 0 || k == 0 || n == 0) return 0.0;
        // Python divides the exact integers; the products stay exact in double below 2^53.
        return m * k * n / (m * k + k * n + m * n);
    }

    private static FeatureValue Product(IFeatureSource d, string a, string b)
    {
        FeatureValue x = d.Get(a), y = d.Get(b);
        double product = x.Number * y.Number;
        return x.Kind == FeatureValueKind.Float || y.Kind == FeatureValueKind.Float
            ? FeatureValue.FromFloat(product)
            : FeatureValue.FromInteger((long)product);
    }

    private static IReadOnlyList<AHOperation> BuildPadMm()
    {
        var ops = new List<AHOperation>(MultDims)
        {
            new("k/(m*n)", d => FeatureValue.FromFloat(d.GetNumber("k") / (d.GetNumber("m") * d.GetNumber("n")))),
            new("bfloat_perf_hit", d =>
            {
                double m = d.GetNumber("m"), k = d.GetNumber("k"), n = d.GetNumber("n");
                bool isBfloat = d.GetText("mat1_dtype") == "torch.bfloat16";
                return FeatureValue.FromBool(k > m * 1024 && k > n * 1024 && isBfloat);
            }, isCategorical: true),
            ArithIntensity,
            new("mat1_innermost_needs_padding", d => FeatureValue.FromBool(
                (d.GetNumber("mat1_stride_0") == 1 && d.GetNumber("m_padded_length") != 0)
                || (d.GetNumber("mat1_stride_1") == 1 && d.GetNumber("k_padded_length") != 0)), isCategorical: true),
            new("mat2_innermost_needs_padding", d => FeatureValue.FromBool(
                (d.GetNumber("mat2_stride_0") == 1 && d.GetNumber("k_padded_length") != 0)
                || (d.GetNumber("mat2_stride_1") == 1 && d.GetNumber("n_padded_length") != 0)), isCategorical: true),
            new("num_dims_needs_padding", d => FeatureValue.FromInteger(
                (d.GetNumber("m_padded_length") != 0 ? 1 : 0)
                + (d.GetNumber("k_padded_length") != 0 ? 1 : 0)
                + (d.GetNumber("n_padded_length") != 0 ? 1 : 0))),
        };

        foreach (string dim in Dims)
        {
            foreach (int multiple in Multiples)
            {
                string name = dim + "_multiple_" + multiple.ToString(CultureInfo.InvariantCulture);
                ops.Add(new AHOperation(name, d => FeatureValue.FromBool(IsMultiple(d.GetNumber(dim), multiple)), isCategorical: true));
            }
        }

        ops.Add(new AHOperation("mat1_iscontig", d => FeatureValue.FromBool(
            d.GetNumber("mat1_stride_0") == d.GetNumber("k") && d.GetNumber("mat1_stride_1") == 1), isCategorical: true));
        ops.Add(new AHOperation("mat2_iscontig", d => FeatureValue.FromBool(
            d.GetNumber("mat2_stride_0") == d.GetNumber("n") && d.GetNumber("mat2_stride_1") == 1), isCategorical: true));
        return ops.AsReadOnly();
    }

    private static IReadOnlyList<AHOperation> BuildFlexAttention()
    {
        string[] dims = { "b", "h", "m", "n" };
        var ops = new List<AHOperation>();
        for (int i = 0; i < dims.Length; i++)
        {
            for (int j = i + 1; j < dims.Length; j++)
            {
                string a = dims[i], b = dims[j];
                ops.Add(new AHOperation(a + "*" + b, d => Product(d, a, b)));
            }
        }

        return ops.AsReadOnly();
    }

    private static IReadOnlyList<AHOperation> BuildMixedMm()
    {
        var ops = new List<AHOperation>(Mm);
        foreach (string dim in Dims)
        {
            foreach ((int lower, int upper) in BetweenLimits)
            {
                string name = lower.ToString(CultureInfo.InvariantCulture) + "LEQ" + dim + "LEQ" + upper.ToString(CultureInfo.InvariantCulture);
                ops.Add(new AHOperation(name, d =>
                {
                    double v = d.GetNumber(dim);
                    return FeatureValue.FromBool(v >= lower && v <= upper);
                }, isCategorical: true));
            }
        }

        return ops.AsReadOnly();
    }

    // Python's `x % mult == 0` for the integer dimensions.
    private static bool IsMultiple(double value, int multiple) => Math.Abs(value % multiple) == 0;
}
