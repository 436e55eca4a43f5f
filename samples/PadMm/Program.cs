using System;
using System.Collections.Generic;
using System.Globalization;
using AutoHeuristic;
using AutoHeuristic.Features;
using AutoHeuristic.Hardware;
using PadMm;

// The learned heuristic, as the build trained it from the logs: one tree per GPU.
Console.WriteLine("pad_mm: should a matrix multiply pad its dimensions to the alignment first?");
Console.WriteLine("Learned at build time from the logs in heuristics/ and samples/data/; one tree per GPU.");
Console.WriteLine();
foreach (TreeSummary tree in TreeSummary.Read(PadMmHeuristic.TrainingReport))
{
    foreach (string line in Describe(tree)) Console.WriteLine(line);
    Console.WriteLine();
}

var a100 = new HardwareInfo("NVIDIA A100-SXM4-80GB", HardwareKey.A100.SharedMemory, HardwareKey.A100.Capability);
var h100 = new HardwareInfo("NVIDIA H100 80GB HBM3", HardwareKey.H100.SharedMemory, HardwareKey.H100.Capability);
var shapes = new (long M, long K, long N, string DType)[]
{
    (1024, 1024, 1024, "torch.float16"),
    (4096, 4095, 4096, "torch.float16"),
    (4096, 4095, 4096, "torch.bfloat16"),
    (8192, 3000, 1000, "torch.float16"),
    (512, 30522, 768, "torch.float16"),
    (2048, 50257, 1024, "torch.bfloat16"),
    (16384, 1023, 4096, "torch.float16"),
    (4097, 4097, 4097, "torch.float32"),
    (6000, 8000, 9001, "torch.float32"),
    (768, 65537, 768, "torch.bfloat16"),
};

Console.WriteLine("Decisions for some shapes (mat1 m×k times mat2 k×n):");
Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,6} {1,6} {2,6}  {3,-15} {4,-18} {5,-18}", "m", "k", "n", "dtype", "A100", "H100"));
foreach (var (m, k, n, dtype) in shapes)
{
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,6} {1,6} {2,6}  {3,-15} {4,-18} {5,-18}",
        m, k, n, dtype, Decide(a100, m, k, n, dtype), Decide(h100, m, k, n, dtype)));
}

Console.WriteLine();
Console.WriteLine("orig: multiply as is. pad: pad to the alignment first.");
Console.WriteLine("benchmark: the tree is unsure (or the shape is below the size it was learned for), so both ways are timed.");
Console.WriteLine("no padding needed: m, k and n are multiples of the alignment, so pad_mm is not asked.");
return 0;

// A tree in plain words: what it decides, how often it is right on inputs it never saw, what it saves.
static IEnumerable<string> Describe(TreeSummary tree)
{
    IReadOnlyDictionary<string, double> held = tree.HeldOut;
    double total = Get(held, "total");
    double right = Get(held, "correct"), wrong = Get(held, "wrong"), unsure = Get(held, "unsure");
    yield return "Tree for the " + tree.Gpu + " (" + tree.TrainingLine.Replace("Training data: ", string.Empty).TrimEnd('.') + ")";
    yield return "  Decides: pad the matrices to the alignment first (pad) or multiply as is (orig).";
    yield return "  On " + Count(total) + " held-out inputs: right " + Count(right) + " (" + Share(right, total) + "), wrong "
        + Count(wrong) + " (" + Share(wrong, total) + "), benchmark instead " + Count(unsure) + " (" + Share(unsure, total) + ").";
    if (wrong > 0)
    {
        yield return "  When wrong, its choice took " + Times(Get(held, "wrong_gmean_speedup")) + " the fastest time on average, "
            + Times(Get(held, "wrong_max_speedup")) + " at worst.";
    }

    var saved = new List<string>();
    foreach (string choice in new[] { "orig", "pad" })
    {
        if (held.TryGetValue("time_saved_vs_" + choice + "_pct", out double percent)) saved.Add(Percent(percent) + " against always " + choice);
    }

    yield return saved.Count > 0 ? "  Time saved: " + string.Join(", ", saved) + "." : "  Time saved: not in the model summary.";
    string multiply = held.TryGetValue("oracle_total_slowdown", out double slowdown)
        ? ", and the multiplies take " + Times(slowdown) + " the time of always the fastest way"
        : string.Empty;
    yield return "  Against benchmarking everything: no benchmark needed for " + Count(right + wrong) + " of " + Count(total) + " inputs" + multiply + ".";
}

static double Get(IReadOnlyDictionary<string, double> metrics, string key) => metrics.TryGetValue(key, out double value) ? value : double.NaN;

static string Count(double value) => double.IsNaN(value) ? "?" : value.ToString("N0", CultureInfo.InvariantCulture);

static string Share(double part, double total) => total > 0 ? Percent(100 * part / total) : "?";

static string Percent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " %";

static string Times(double value) => double.IsNaN(value) ? "?" : value.ToString("0.00#", CultureInfo.InvariantCulture) + "×";

// In use mode AutoHeuristicDecision finds the generated tree through LearnedHeuristicRegistry
// (registered by the generated module initializer) and falls back to "benchmark" when unsure.
// Like PyTorch's pad_mm pass, it is only asked when some dimension needs padding.
static string Decide(HardwareInfo hardware, long m, long k, long n, string dtype)
{
    long align = Alignment(dtype);
    if (PaddedLength(m, align) + PaddedLength(k, align) + PaddedLength(n, align) == 0) return "no padding needed";
    var options = new AutoHeuristicOptions { HardwareInfoProvider = new FixedHardware(hardware) }.SetMode("pad_mm", AutoHeuristicMode.Use);
    var decision = new AutoHeuristicDecision(
        fallback: () => "benchmark",
        choices: new[] { "orig", "pad" },
        feedback: null,
        context: PadMmContext(m, k, n, dtype),
        name: "pad_mm",
        augmentContext: PadMmHeuristic.Operations,
        precondition: StandardPreconditions.PadMm,
        options: options);
    return decision.GetChoice();
}

// The features PyTorch's pad_mm pass logs for mat1 (m×k) @ mat2 (k×n), both contiguous.
static AHContext PadMmContext(long m, long k, long n, string dtype)
{
    long align = Alignment(dtype);
    var context = new AHContext();
    context.AddFeature("m", m);
    context.AddFeature("k", k);
    context.AddFeature("n", n);
    context.AddFeature("mat1_stride_0", k);
    context.AddFeature("mat1_stride_1", 1L);
    context.AddFeature("mat2_stride_0", n);
    context.AddFeature("mat2_stride_1", 1L);
    context.AddFeature("m_padded_length", PaddedLength(m, align));
    context.AddFeature("k_padded_length", PaddedLength(k, align));
    context.AddFeature("n_padded_length", PaddedLength(n, align));
    context.AddFeature("mat1_align_size", align);
    context.AddFeature("mat2_align_size", align);
    context.AddFeature("mat1_dtype", dtype, isCategorical: true);
    context.AddFeature("mat2_dtype", dtype, isCategorical: true);
    context.AddFeature("prepadded_mat1", false, isCategorical: true);
    context.AddFeature("prepadded_mat2", false, isCategorical: true);
    context.AddFeature("using_tf32", dtype == "torch.float32" ? "False" : "not_float_32", isCategorical: true);
    return context;
}

// PyTorch's get_alignment_size: 4 elements for fp32, 8 for the 16-bit types.
static long Alignment(string dtype) => dtype == "torch.float32" ? 4 : 8;

// PyTorch's get_padded_length: how many elements pad x up to a multiple of the alignment.
static long PaddedLength(long x, long align) => x % align == 0 ? 0 : ((x / align) + 1) * align - x;

/// <summary>A fixed GPU, so the sample runs on any machine (a real program uses the default CUDA provider).</summary>
internal sealed class FixedHardware : IHardwareInfoProvider
{
    private readonly HardwareInfo _info;

    public FixedHardware(HardwareInfo info) => _info = info;

    public HardwareInfo GetHardwareInfo() => _info;
}
