using System.Collections.Generic;
using System.Globalization;
using AutoHeuristic.Features;
using AutoHeuristic.Hardware;

namespace AutoHeuristic.Learning.Training;

/// <summary>
/// Inductor's default forward configuration of flex_attention (<c>get_default_config_fwd</c> in
/// <c>torch/_inductor/kernel/flex_attention.py</c> of mid 2024, when PyTorch's flex_attention logs
/// were collected), as the choice name AutoHeuristic logs for it. PyTorch's flex_attention trainer
/// uses it per input as the default the heuristic must not fall far behind.
/// </summary>
/// <remarks>
/// The rule: for a head dimension up to 256 on capability ≥ 9.0 (H100) or ≥ 8.0 (A100), a base
/// configuration (fp32: 64×64, otherwise 128×64; 4 warps, 3 stages) overridden by a per-GPU table
/// for head dimensions 64, 128 and 256; on older GPUs or larger head dimensions, fp32: 32×16,
/// otherwise 64×32. A configuration is (BLOCK_M, BLOCK_N, num_warps, num_stages).
/// </remarks>
public static class FlexAttentionDefaultConfig
{
    private static readonly Dictionary<(string Dtype, long HeadDim), (int M, int N, int Warps, int Stages)> A100 = new()
    {
        [("torch.float32", 64)] = (128, 32, 4, 3),
        [("torch.float32", 128)] = (128, 32, 4, 3),
        [("torch.float32", 256)] = (64, 16, 4, 3),
        [("torch.bfloat16", 64)] = (128, 64, 4, 3),
        [("torch.bfloat16", 128)] = (128, 64, 8, 3),
        [("torch.bfloat16", 256)] = (32, 64, 4, 3),
        [("torch.float16", 64)] = (128, 64, 4, 3),
        [("torch.float16", 128)] = (128, 64, 8, 3),
        [("torch.float16", 256)] = (32, 64, 4, 3),
    };

    private static readonly Dictionary<(string Dtype, long HeadDim), (int M, int N, int Warps, int Stages)> H100 = new()
    {
        [("torch.float32", 64)] = (128, 32, 4, 3),
        [("torch.float32", 128)] = (32, 64, 4, 3),
        [("torch.float32", 256)] = (32, 32, 4, 3),
        [("torch.bfloat16", 64)] = (128, 128, 4, 3),
        [("torch.bfloat16", 128)] = (128, 64, 8, 3),
        [("torch.bfloat16", 256)] = (64, 32, 4, 3),
        [("torch.float16", 64)] = (128, 128, 4, 3),
        [("torch.float16", 128)] = (128, 128, 8, 3),
        [("torch.float16", 256)] = (64, 32, 4, 3),
    };

    /// <summary>The rule as a preset's per-input default: reads the features <c>dtype</c> and <c>n</c> (the head dimension).</summary>
    public static DefaultChoiceRule Rule { get; } = new(
        "Inductor's default forward config for the input's dtype and head dimension n (get_default_config_fwd)",
        (hardware, input) => input.TryGetValue("dtype", out FeatureValue dtype) && input.TryGetValue("n", out FeatureValue n) && n.IsNumeric
            ? ChoiceFor(hardware.Capability, dtype.Text, (long)n.Number)
            : null);

    /// <summary>
    /// The default configuration's choice name for <paramref name="dtype"/> (<c>torch.float32</c>,
    /// <c>torch.float16</c>, <c>torch.bfloat16</c>) and <paramref name="headDim"/> on a GPU of
    /// <paramref name="capability"/>; null for another dtype (PyTorch's trainer refuses those).
    /// </summary>
    public static string? ChoiceFor(DeviceCapability capability, string dtype, long headDim)
    {
        if (dtype is not ("torch.float32" or "torch.float16" or "torch.bfloat16")) return null;
        bool fp32 = dtype == "torch.float32";
        (int M, int N, int Warps, int Stages) config;
        if (headDim <= 256 && AtLeast(capability, 9))
        {
            config = H100.TryGetValue((dtype, headDim), out var c) ? c : fp32 ? (64, 64, 4, 3) : (128, 64, 4, 3);
        }
        else if (headDim <= 256 && AtLeast(capability, 8))
        {
            config = A100.TryGetValue((dtype, headDim), out var c) ? c : fp32 ? (64, 64, 4, 3) : (128, 64, 4, 3);
        }
        else
        {
            config = fp32 ? (32, 16, 4, 3) : (64, 32, 4, 3);
        }

        return ChoiceName(config.M, config.N, config.Warps, config.Stages);
    }

    /// <summary>
    /// The choice name Inductor logs for a flex_attention Triton configuration:
    /// <c>type=triton_BLOCK-M={M}_BLOCK-K=-1_BLOCK-N={N}_numstages={stages}_numwarps={warps}</c>.
    /// </summary>
    public static string ChoiceName(int blockM, int blockN, int numWarps, int numStages) =>
        "type=triton_BLOCK-M=" + Int(blockM) + "_BLOCK-K=-1_BLOCK-N=" + Int(blockN) + "_numstages=" + Int(numStages) + "_numwarps=" + Int(numWarps);

    private static bool AtLeast(DeviceCapability capability, int major) => capability.Major >= major;

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
