using System.Collections.Generic;

namespace AutoHeuristic;

/// <summary>
/// What identifies one input of a kernel selection (PyTorch's <c>key_of(node)</c>): device,
/// dtype, sizes, strides, offset. Collection records only when the selector's and the
/// autotuner's inputs are equal.
/// </summary>
public sealed record AutotuneInput(string Device, string DType, IReadOnlyList<long> Sizes, IReadOnlyList<long> Strides, long Offset = 0)
{
    // API CONTRACT (implementation: runtime issue): value equality over all fields (lists by content).
}
