using AutoHeuristic;

namespace PadMm;

/// <summary>
/// Should a GEMM's dimensions be padded to the alignment before the matrix multiply? Learned from
/// the pad_mm logs under heuristics/ by the AutoHeuristic source generator: one decision tree per
/// GPU found in the logs. Hover over the class in an IDE to see how good it is.
/// </summary>
[AutoHeuristic("pad_mm")]
public static partial class PadMmHeuristic
{
}
