using System.Runtime.CompilerServices;

namespace AutoHeuristic;

/// <summary>
/// How the per-row loops are compiled. A build runs the generator in a fresh compiler process,
/// where tiered compilation starts every method unoptimized and replaces it only after many calls
/// and a delay; a loop that runs once over a 58,000-row log would spend most of its time in that
/// first, slow code. Marked methods are compiled optimized on their first call instead.
/// </summary>
internal static class HotPath
{
    /// <summary><c>MethodImplOptions.AggressiveOptimization</c>, which netstandard2.0 does not name (runtimes that lack it ignore it).</summary>
    public const MethodImplOptions Optimized = (MethodImplOptions)512;
}
