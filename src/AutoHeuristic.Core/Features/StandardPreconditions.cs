using AutoHeuristic.Hardware;

namespace AutoHeuristic.Features;

/// <summary>PyTorch's standard preconditions (<c>autoheuristic_utils.py</c>).</summary>
public static class StandardPreconditions
{
    /// <summary>m, k and n are all at least <paramref name="minSize"/>.</summary>
    public static bool CheckMinSize(IFeatureSource context, long minSize) =>
        context.GetNumber("m") >= minSize && context.GetNumber("k") >= minSize && context.GetNumber("n") >= minSize;

    /// <summary>pad_mm: minimum size 512 on an A100, 768 on an H100/H200, true elsewhere.</summary>
    public static bool PadMm(AHMetadata metadata, IFeatureSource context)
    {
        if (metadata.Hardware == HardwareKey.A100) return CheckMinSize(context, 512);
        if (metadata.Hardware == HardwareKey.H100) return CheckMinSize(context, 768);
        return true;
    }

    /// <summary>mixed_mm: m ≤ 128, k ≥ 1024, n ≥ 1024, mat1 contiguous and mat2 not.</summary>
    public static bool MixedMm(AHMetadata metadata, IFeatureSource context)
    {
        if (context.GetNumber("m") > 128 || context.GetNumber("k") < 1024 || context.GetNumber("n") < 1024) return false;
        return context.GetNumber("mat1_iscontig") != 0 && context.GetNumber("mat2_iscontig") == 0;
    }
}
