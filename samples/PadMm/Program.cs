using System;
using System.Collections.Generic;
using System.Globalization;
using AutoHeuristic;
using AutoHeuristic.Features;
using AutoHeuristic.Hardware;
using PadMm;

// The learned heuristic, as the build trained it from heuristics/*.txt.
Console.WriteLine("pad_mm heuristic learned at build time");
Console.WriteLine("--------------------------------------");
Console.WriteLine(PadMmHeuristic.TrainingReport);
Console.WriteLine();

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

Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,6} {1,6} {2,6}  {3,-15} {4,-22} {5,-22}", "m", "k", "n", "dtype", "A100", "H100"));
foreach (var (m, k, n, dtype) in shapes)
{
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,6} {1,6} {2,6}  {3,-15} {4,-22} {5,-22}",
        m, k, n, dtype, Decide(a100, m, k, n, dtype), Decide(h100, m, k, n, dtype)));
}

Console.WriteLine();
Console.WriteLine("orig = multiply as is, pad = pad to the alignment first, autotune = unsure: benchmark both (the fallback).");
return 0;

// In use mode AutoHeuristicDecision finds the generated tree through LearnedHeuristicRegistry
// (registered by the generated module initializer) and falls back to "autotune" when unsure.
static string Decide(HardwareInfo hardware, long m, long k, long n, string dtype)
{
    var options = new AutoHeuristicOptions { HardwareInfoProvider = new FixedHardware(hardware) }.SetMode("pad_mm", AutoHeuristicMode.Use);
    var decision = new AutoHeuristicDecision(
        fallback: () => "autotune",
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
    long align = dtype == "torch.float32" ? 4 : 8;
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

// PyTorch's get_padded_length: how many elements pad x up to a multiple of the alignment.
static long PaddedLength(long x, long align) => x % align == 0 ? 0 : ((x / align) + 1) * align - x;

/// <summary>A fixed GPU, so the sample runs on any machine (a real program uses the default CUDA provider).</summary>
internal sealed class FixedHardware : IHardwareInfoProvider
{
    private readonly HardwareInfo _info;

    public FixedHardware(HardwareInfo info) => _info = info;

    public HardwareInfo GetHardwareInfo() => _info;
}
