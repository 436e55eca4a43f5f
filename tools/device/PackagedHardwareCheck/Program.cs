using System;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Runtime.Versioning;
using AutoHeuristic;
using AutoHeuristic.Features;

// Decides pad_mm for a table of GEMM shapes with the tree learned from the H100 log, on whatever
// hardware the run time finds by itself (no hardware provider is set). On an H100 or H200 the
// driver gives shared memory 232448 and capability (9, 0), so the H100 tree answers; without a
// GPU the answer is cpu, every decision falls back, and the reason is printed.
//   --require-gpu        exit 3 unless the hardware came from the CUDA driver with the H100 key
//   --require-decisions  exit 2 unless at least one shape was decided by the tree
bool requireGpu = args.Contains("--require-gpu");
bool requireDecisions = args.Contains("--require-decisions");

HardwareDetection detection = DetectedHardwareInfoProvider.Instance.Detection;
HardwareInfo hardware = detection.Hardware;
Console.WriteLine("runtime: " + System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
Console.WriteLine("library: " + typeof(AHContext).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName);
Console.WriteLine($"hardware: {hardware.DeviceName} ({hardware.Key}) from {detection.Source}: {detection.Reason}");
Console.WriteLine("trees: " + string.Join(", ", PadMmHeuristic.TrainingReport.Split('\n').Where(l => l.StartsWith("Learned", StringComparison.Ordinal))));

var shapes = new (long M, long K, long N, string DType)[]
{
    (1024, 1024, 1024, "torch.float16"),
    (4096, 4095, 4096, "torch.float16"),
    (4096, 4095, 4096, "torch.bfloat16"),
    (8192, 3000, 1000, "torch.float16"),
    (2048, 50257, 1024, "torch.bfloat16"),
    (16384, 1023, 4096, "torch.float16"),
    (4097, 4097, 4097, "torch.float32"),
    (6000, 8000, 9001, "torch.float32"),
};

var options = new AutoHeuristicOptions().SetMode("pad_mm", AutoHeuristicMode.Use);
int decided = 0;
foreach (var (m, k, n, dtype) in shapes)
{
    var decision = new AutoHeuristicDecision(() => "autotune", new[] { "orig", "pad" }, null, PadMmContext(m, k, n, dtype), "pad_mm",
        PadMmHeuristic.Operations, StandardPreconditions.PadMm, options);
    string choice = decision.GetChoice();
    if (decision.LastOutcome == DecisionOutcome.Decided) decided++;
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} x {1} x {2} {3}: {4} ({5})", m, k, n, dtype, choice, decision.LastOutcome));
}

Console.WriteLine($"decided: {decided} of {shapes.Length}");
Console.WriteLine("statistics: " + AutoHeuristicStatistics.For("pad_mm"));
if (requireGpu && (detection.Source != HardwareSource.CudaDriver || hardware.Key != AutoHeuristic.Hardware.HardwareKey.H100))
{
    Console.WriteLine("FAIL: expected the H100 key (232448, (9, 0)) read from the CUDA driver.");
    return 3;
}

if (requireDecisions && decided == 0)
{
    Console.WriteLine("FAIL: the H100 tree decided none of the shapes.");
    return 2;
}

return 0;

// The features PyTorch's pad_mm pass logs for mat1 (m x k) @ mat2 (k x n), both contiguous.
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

static long PaddedLength(long x, long align) => x % align == 0 ? 0 : ((x / align) + 1) * align - x;

/// <summary>pad_mm, learned at build time from heuristics/pad_mm_h100.txt.</summary>
[AutoHeuristic("pad_mm")]
internal static partial class PadMmHeuristic
{
}
