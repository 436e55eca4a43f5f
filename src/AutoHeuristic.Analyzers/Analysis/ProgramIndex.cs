using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using AutoHeuristic.Analyzers.Logs;
using Microsoft.CodeAnalysis;

namespace AutoHeuristic.Analyzers.Analysis;

/// <summary>
/// The compilation as the checks see it, built on demand and shared by all callbacks of one
/// compilation: its training logs by heuristic name, the names of the <c>[AutoHeuristic]</c>
/// classes seen so far, and the analyses the checks ask: method summaries
/// (<see cref="Summaries"/>), who calls a method (<see cref="Callers"/>), a site's constant names
/// (<see cref="Names"/>) and the features its context gets (<see cref="Features"/>).
/// </summary>
internal sealed class ProgramIndex
{
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<string, List<TrainingLog>> _logsByName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _heuristicNames = new(StringComparer.Ordinal);
    private readonly LogValueSource _values;

    public ProgramIndex(KnownSymbols known, Compilation compilation, IReadOnlyList<TrainingLog> logs, LogValueSource values, CancellationToken cancellationToken)
    {
        _values = values;
        _cancellationToken = cancellationToken;
        Summaries = new MethodSummaries(known, compilation, cancellationToken);
        Callers = new CallerIndex(compilation, Summaries, cancellationToken);
        Names = new NameResolver(Callers);
        Features = new FeatureCollector(known, Summaries, Callers);
        Logs = logs;
        foreach (TrainingLog log in logs)
        {
            if (log.Metadata is null) continue;
            if (!_logsByName.TryGetValue(log.Metadata.Name, out var list)) _logsByName[log.Metadata.Name] = list = new();
            list.Add(log);
        }

        FoldedLogNames = FoldNames(_logsByName.Keys);
    }

    /// <summary>Each member body's summary, built once.</summary>
    public MethodSummaries Summaries { get; }

    /// <summary>Who calls a method.</summary>
    public CallerIndex Callers { get; }

    /// <summary>The constant heuristic names of a site.</summary>
    public NameResolver Names { get; }

    /// <summary>The features a site's context gets.</summary>
    public FeatureCollector Features { get; }

    public IReadOnlyList<TrainingLog> Logs { get; }

    /// <summary>The names of the <c>[AutoHeuristic("…")]</c> classes (complete only at the end of the compilation).</summary>
    public ICollection<string> HeuristicNames => _heuristicNames.Keys;

    /// <summary>Each log name by its folded form (<see cref="AutoHeuristic.Logs.HeuristicNames.Fold"/>); the ordinally first name wins.</summary>
    public IReadOnlyDictionary<string, string> FoldedLogNames { get; }

    public void AddHeuristicName(string name) => _heuristicNames.TryAdd(name, 0);

    public IReadOnlyList<TrainingLog> LogsNamed(string name) =>
        _logsByName.TryGetValue(name, out var list) ? list : Array.Empty<TrainingLog>();

    /// <summary>What the rows of <paramref name="log"/> hold (categorical values, winning choices), read on first use.</summary>
    public LogValues ValuesOf(TrainingLog log) => _values.Of(log, _cancellationToken);

    // Near-miss lookups (AH2132) happen at every site: fold the log names once.
    private static Dictionary<string, string> FoldNames(IEnumerable<string> names)
    {
        var folded = new Dictionary<string, string>(StringComparer.Ordinal);
        var sorted = new List<string>(names);
        sorted.Sort(StringComparer.Ordinal);
        foreach (string name in sorted)
        {
            string key = AutoHeuristic.Logs.HeuristicNames.Fold(name);
            if (!folded.ContainsKey(key)) folded.Add(key, name);
        }

        return folded;
    }
}
