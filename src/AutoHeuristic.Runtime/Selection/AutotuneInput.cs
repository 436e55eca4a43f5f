using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AutoHeuristic;

/// <summary>
/// What identifies one input of a kernel selection (PyTorch's <c>key_of(node)</c>): device,
/// dtype, sizes, strides, offset. Collection records only when the selector's and the
/// autotuner's inputs are equal.
/// </summary>
public sealed record AutotuneInput(string Device, string DType, IReadOnlyList<long> Sizes, IReadOnlyList<long> Strides, long Offset = 0)
{
    /// <summary>Value equality over all fields, the size and stride lists by content.</summary>
    public bool Equals(AutotuneInput? other) =>
        other is not null
        && string.Equals(Device, other.Device, StringComparison.Ordinal)
        && string.Equals(DType, other.DType, StringComparison.Ordinal)
        && Offset == other.Offset
        && SameItems(Sizes, other.Sizes)
        && SameItems(Strides, other.Strides);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        // Plain multiply-add combining: System.HashCode is not in netstandard2.0.
        unchecked
        {
            int hash = 17;
            hash = hash * 31 + (Device is null ? 0 : StringComparer.Ordinal.GetHashCode(Device));
            hash = hash * 31 + (DType is null ? 0 : StringComparer.Ordinal.GetHashCode(DType));
            hash = hash * 31 + Offset.GetHashCode();
            if (Sizes is not null) foreach (long s in Sizes) hash = hash * 31 + s.GetHashCode();
            if (Strides is not null) foreach (long s in Strides) hash = hash * 31 + s.GetHashCode();
            return hash;
        }
    }

    /// <summary>PyTorch's key tuple, e.g. <c>('cuda', 'torch.float16', (64, 32), (32, 1), 0)</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("('").Append(Device).Append("', '").Append(DType).Append("', ");
        AppendTuple(sb, Sizes);
        sb.Append(", ");
        AppendTuple(sb, Strides);
        return sb.Append(", ").Append(Offset.ToString(CultureInfo.InvariantCulture)).Append(')').ToString();
    }

    private static bool SameItems(IReadOnlyList<long>? a, IReadOnlyList<long>? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null || a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i] != b[i]) return false;
        }

        return true;
    }

    private static void AppendTuple(StringBuilder sb, IReadOnlyList<long>? items)
    {
        sb.Append('(');
        if (items is not null)
        {
            for (int i = 0; i < items.Count; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append(items[i].ToString(CultureInfo.InvariantCulture));
            }

            if (items.Count == 1) sb.Append(',');
        }

        sb.Append(')');
    }
}
