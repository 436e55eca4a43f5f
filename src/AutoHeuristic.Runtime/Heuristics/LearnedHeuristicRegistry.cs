using System;
using System.Collections.Generic;

namespace AutoHeuristic;

/// <summary>
/// The learned heuristics of this process, by name. Generated code joins it from a module
/// initializer (no reflection scanning); the controller asks it at decision time.
/// </summary>
public static partial class LearnedHeuristicRegistry
{
    // API CONTRACT (implementation: runtime issue).

    /// <summary>Registers a heuristic; generated module initializers call this.</summary>
    public static void Register(ILearnedHeuristic heuristic) => throw new NotImplementedException();

    /// <summary>The heuristics registered under <paramref name="name"/>, in registration order.</summary>
    public static IReadOnlyList<ILearnedHeuristic> ForName(string name) => throw new NotImplementedException();
}
