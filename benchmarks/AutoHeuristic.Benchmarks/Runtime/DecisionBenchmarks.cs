using System.Collections.Generic;
using AutoHeuristic.Features;
using BenchmarkDotNet.Attributes;

namespace AutoHeuristic.Benchmarks.Runtime;

/// <summary>
/// The run-time decision path: <see cref="AutoHeuristicDecision.GetChoice"/> on a pad_mm-sized
/// context (17 logged features + the 26 pad_mm operations) through a registered depth-7 tree,
/// and a top-10 ranking over 200 offered choices. PyTorch's reference on an H100 host: 4.7 µs
/// (pad_mm decision) and 28 µs (mm top-10 ranking).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class DecisionBenchmarks
{
    private static readonly string[] PadMmChoices = { "orig", "pad" };
    private static readonly string[] AlwaysIncluded = { "extern_mm" };

    private AutoHeuristicOptions _options = null!;
    private AHContext _padContext = null!;
    private AutoHeuristicDecision _padDecision = null!;
    private AHContext _mmContext = null!;
    private AutoHeuristicDecision _mmDecision = null!;
    private long _m;
    private long _mmM;

    /// <summary>Builds the contexts and decision objects once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        BenchmarkHeuristics.Register();
        _options = new AutoHeuristicOptions { HardwareInfoProvider = H100Hardware.Instance }
            .SetMode(BenchmarkHeuristics.PadMmName, AutoHeuristicMode.Use)
            .SetMode(BenchmarkHeuristics.MmName, AutoHeuristicMode.Use);
        _padContext = PadMmContext(1000, 1500, 2000);
        _padDecision = new AutoHeuristicDecision(() => "autotune", PadMmChoices, null, _padContext, BenchmarkHeuristics.PadMmName,
            StandardOperations.PadMm, options: _options);

        var offered = new string[MmRanking200.ChoiceCount];
        offered[0] = "extern_mm";
        for (int i = 1; i < offered.Length; i++) offered[i] = MmRanking200.ChoiceId(i);
        _mmContext = MmContext();
        _mmDecision = new AutoHeuristicDecision(() => "unsure", offered, null, _mmContext, BenchmarkHeuristics.MmName, StandardOperations.Mm, options: _options);
        if (_padDecision.GetChoice() != "orig" || _mmDecision.GetTopKChoices(10, AlwaysIncluded)!.Count != 11)
        {
            throw new System.InvalidOperationException("The benchmark heuristics did not decide as designed.");
        }
    }

    /// <summary>A decision on an unchanged context: lookups, tree and controller (augmented values cached).</summary>
    [Benchmark(Baseline = true)]
    public string PadMm_GetChoice() => _padDecision.GetChoice();

    /// <summary>A decision after a feature changed: the augmented features on the tree's path are recomputed.</summary>
    [Benchmark]
    public string PadMm_GetChoice_AfterUpdate()
    {
        _m = _m == 1000 ? 1008 : 1000;
        _padContext.SetValue("m", _m);
        return _padDecision.GetChoice();
    }

    /// <summary>PyTorch's pattern: a fresh context (17 features) and decision object per decision.</summary>
    [Benchmark]
    public string PadMm_NewContextAndDecision()
    {
        AHContext context = PadMmContext(1000, 1500, 2000);
        return new AutoHeuristicDecision(() => "autotune", PadMmChoices, null, context, BenchmarkHeuristics.PadMmName, StandardOperations.PadMm, options: _options).GetChoice();
    }

    /// <summary>Top-10 of 200 offered choices plus an always-included one, after a feature changed.</summary>
    [Benchmark]
    public IReadOnlyList<string>? Mm_Top10Of200()
    {
        _mmM = _mmM == 4000 ? 4008 : 4000;
        _mmContext.SetValue("m", _mmM);
        return _mmDecision.GetTopKChoices(10, AlwaysIncluded);
    }

    internal static AHContext PadMmContext(long m, long k, long n)
    {
        // PyTorch's pad_mm context: 17 features in its insertion order.
        var context = new AHContext();
        context.AddFeature("m", m);
        context.AddFeature("k", k);
        context.AddFeature("n", n);
        context.AddFeature("mat1_stride_0", k);
        context.AddFeature("mat1_stride_1", 1);
        context.AddFeature("mat2_stride_0", n);
        context.AddFeature("mat2_stride_1", 1);
        context.AddFeature("m_padded_length", 0);
        context.AddFeature("k_padded_length", 0);
        context.AddFeature("n_padded_length", 3);
        context.AddFeature("mat1_align_size", 8);
        context.AddFeature("mat2_align_size", 8);
        context.AddFeature("mat1_dtype", "torch.float16", isCategorical: true);
        context.AddFeature("mat2_dtype", "torch.float16", isCategorical: true);
        context.AddFeature("prepadded_mat1", false, isCategorical: true);
        context.AddFeature("prepadded_mat2", false, isCategorical: true);
        context.AddFeature("using_tf32", "not_float_32", isCategorical: true);
        return context;
    }

    private static AHContext MmContext()
    {
        var context = new AHContext();
        context.AddFeature("m", 4000);
        context.AddFeature("k", 4096);
        context.AddFeature("n", 4096);
        context.AddFeature("mat1_dtype", "torch.float16", isCategorical: true);
        context.AddFeature("mat2_dtype", "torch.float16", isCategorical: true);
        context.AddFeature("mat1_stride_0", 4096);
        context.AddFeature("mat1_stride_1", 1);
        context.AddFeature("mat2_stride_0", 4096);
        context.AddFeature("mat2_stride_1", 1);
        context.AddFeature("mat1_iscontig", true, isCategorical: true);
        context.AddFeature("mat2_iscontig", true, isCategorical: true);
        context.AddFeature("using_tf32", "not_float_32", isCategorical: true);
        return context;
    }
}
