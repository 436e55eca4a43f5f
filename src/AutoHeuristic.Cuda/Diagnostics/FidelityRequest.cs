using System;
using System.Globalization;

namespace AutoHeuristic.Cuda.Diagnostics;

/// <summary>
/// One request line of <c>gpucheck fidelity --serve</c>: <c>M N K PRESET</c>, a bf16 GEMM
/// (m×k @ k×n) to time with the do_bench-like preset (<c>default</c>) or the pad_mm collection
/// preset (<c>collection</c>).
/// </summary>
/// <param name="M">Rows of mat1 and of the result.</param>
/// <param name="N">Columns of mat2 and of the result.</param>
/// <param name="K">The reduction dimension.</param>
/// <param name="CollectionPreset">Whether the collection preset is asked for.</param>
public sealed record FidelityRequest(long M, long N, long K, bool CollectionPreset)
{
    /// <summary>Parses a request line (fields separated by white space).</summary>
    /// <exception cref="FormatException">Not four fields, a dimension that is not a positive integer, or an unknown preset; the message names which.</exception>
    public static FidelityRequest Parse(string line)
    {
        if (line is null) throw new ArgumentNullException(nameof(line));
        string[] f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (f.Length != 4) throw new FormatException($"expected 'M N K PRESET', got '{line}'");
        long Dim(int i, string name) => long.TryParse(f[i], NumberStyles.None, CultureInfo.InvariantCulture, out long v) && v > 0
            ? v
            : throw new FormatException($"{name} '{f[i]}' is not a positive integer");
        bool collection = f[3] switch
        {
            "default" => false,
            "collection" => true,
            _ => throw new FormatException($"unknown preset '{f[3]}' (expected default or collection)"),
        };
        return new FidelityRequest(Dim(0, "M"), Dim(1, "N"), Dim(2, "K"), collection);
    }
}
