using System;

namespace AutoHeuristic;

/// <summary>What AutoHeuristic does for one heuristic name.</summary>
[Flags]
public enum AutoHeuristicMode
{
    /// <summary>Neither collect nor use.</summary>
    Off = 0,
    /// <summary>Time the choices and append rows to the log.</summary>
    Collect = 1,
    /// <summary>Ask the learned heuristic.</summary>
    Use = 2,
    /// <summary>Both.</summary>
    CollectAndUse = Collect | Use,
}

/// <summary>
/// Programmatic configuration; overrides the environment (<c>AUTOHEURISTIC_COLLECT</c>,
/// <c>AUTOHEURISTIC_USE</c>, <c>AUTOHEURISTIC_LOG_PATH</c> and PyTorch's
/// <c>TORCHINDUCTOR_AUTOHEURISTIC_*</c> aliases).
/// </summary>
public sealed partial class AutoHeuristicOptions
{
    // API CONTRACT (implementation: runtime issue).
}
