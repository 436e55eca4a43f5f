using System.Runtime.CompilerServices;

namespace AutoHeuristic.Learning.Trees;

/// <summary>
/// Hot loops run once per training (parsing, fitting): tiered JIT would run them in unoptimised
/// code first, so they ask for full optimisation at once (<c>AggressiveOptimization</c>, which
/// netstandard2.0 does not name but every .NET Core runtime honours).
/// </summary>
internal static class HotLoop
{
    public const MethodImplOptions Options = (MethodImplOptions)512;
}
