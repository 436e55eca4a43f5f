using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoHeuristic.Hardware;

namespace AutoHeuristic.Benchmarks.Runtime;

/// <summary>
/// Hand-written heuristics shaped like generated ones, registered from a module initializer
/// exactly as generated code does.
/// </summary>
internal static class BenchmarkHeuristics
{
    public const string PadMmName = "bench_pad_mm";
    public const string MmName = "bench_mm";

    [ModuleInitializer]
    internal static void Register()
    {
        LearnedHeuristicRegistry.Register(new PadMmDepth7());
        LearnedHeuristicRegistry.Register(new MmRanking200());
    }

    public static bool IsH100(AHMetadata metadata) => metadata.Hardware == HardwareKey.H100;
}

/// <summary>Reports an H100 so the heuristics' hardware precondition holds.</summary>
internal sealed class H100Hardware : IHardwareInfoProvider
{
    public static readonly H100Hardware Instance = new();

    private static readonly HardwareInfo Info = new("NVIDIA H100 80GB HBM3", HardwareKey.H100.SharedMemory, HardwareKey.H100.Capability);

    public HardwareInfo GetHardwareInfo() => Info;
}

/// <summary>
/// A depth-7 pad_mm decision tree over logged and augmented features (numerical thresholds and
/// categorical <c>str(value) != '…'</c> tests), as the generator emits it: a <see cref="LearnedTree"/>
/// reading features by name, logged categories checked against their training values.
/// </summary>
internal sealed class PadMmDepth7 : LearnedTree
{
    private static readonly ChoiceProbability[] Orig = { new(0.94, 0), new(0.06, 1) };
    private static readonly ChoiceProbability[] Pad = { new(0.91, 1), new(0.09, 0) };
    private static readonly ChoiceProbability[] Mixed = { new(0.55, 1), new(0.45, 0) };
    private static readonly string[] Dtypes = { "torch.bfloat16", "torch.float16", "torch.float32" };

    public PadMmDepth7()
        : base(BenchmarkHeuristics.PadMmName, new[] { "orig", "pad" }, HardwareKey.H100.SharedMemory, 9, 0, 0.7710651828298887, Features.StandardOperations.PadMm)
    {
    }

    public override ChoiceProbability[]? GetBestChoices(AHContext context)
    {
        if (Number(context, "k/(m*n)") <= 0.0034877622500061989)
        {
            if (Category(context, "mat1_dtype", Dtypes) != "torch.bfloat16")
            {
                if (Number(context, "arith_intensity") <= 853.3333740234375)
                {
                    if (Text(context, "mat1_innermost_needs_padding") != "True")
                    {
                        if (Text(context, "m_multiple_32") != "True")
                        {
                            if (Number(context, "n") <= 6144.5)
                            {
                                return Number(context, "num_dims_needs_padding") <= 1.5 ? Orig : Mixed;
                            }

                            return Pad;
                        }

                        return Orig;
                    }

                    return Pad;
                }

                return Mixed;
            }

            return null;
        }

        return Text(context, "bfloat_perf_hit") != "False" ? Pad : Orig;
    }
}

/// <summary>An mm ranking tree over 200 kernel configurations whose leaves list 60 choices each.</summary>
internal sealed class MmRanking200 : ILearnedHeuristic
{
    public const int ChoiceCount = 200;
    private static readonly ChoiceProbability[] LeafA = Leaf(1);
    private static readonly ChoiceProbability[] LeafB = Leaf(7);

    public MmRanking200()
    {
        var choices = new string[ChoiceCount];
        choices[0] = "extern_mm";
        for (int i = 1; i < ChoiceCount; i++) choices[i] = ChoiceId(i);
        Choices = choices;
    }

    public string Name => BenchmarkHeuristics.MmName;

    public IReadOnlyList<string> Choices { get; }

    public double ConfidenceThreshold => 0.0;

    public bool CheckPrecondition(AHMetadata metadata, AHContext context) =>
        metadata.Name == BenchmarkHeuristics.MmName && BenchmarkHeuristics.IsH100(metadata);

    public ChoiceProbability[]? GetBestChoices(AHContext context)
    {
        if (context.GetValue("arith_intensity").Number <= 1024.5)
        {
            return context.GetValue("mat1_dtype").Text != "torch.float32" ? LeafA : LeafB;
        }

        return context.GetValue("m*n").Number <= 4194304.0 ? LeafB : LeafA;
    }

    public static string ChoiceId(int i) =>
        "type=triton_BLOCK-M=" + (16 << (i % 4)) + "_BLOCK-K=" + (16 << (i / 4 % 4)) + "_BLOCK-N=" + (16 << (i / 16 % 4)) + "_numstages=" + (2 + i / 64) + "_numwarps=" + (2 << (i % 3)) + "_v" + i;

    // 60 entries sorted by descending probability; every third heuristic choice index, some beyond the offered ones.
    private static ChoiceProbability[] Leaf(int seed)
    {
        var leaf = new ChoiceProbability[60];
        for (int i = 0; i < leaf.Length; i++) leaf[i] = new ChoiceProbability((leaf.Length - i) / 1830.0, (seed + 3 * i) % ChoiceCount);
        return leaf;
    }
}
