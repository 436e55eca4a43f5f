using System;
using System.Collections.Generic;
using System.Linq;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.Problems;
using AutoHeuristic.Logs;

namespace AutoHeuristic.Learning.Logs;

/// <summary>The usable logs of one heuristic on one hardware: they share metadata and header and are trained together.</summary>
public sealed class LogGroup
{
    internal LogGroup(LogMetadata metadata, IReadOnlyList<string> header, IReadOnlyList<ParsedLog> logs)
    {
        Metadata = metadata;
        Header = header;
        Logs = logs;
    }

    /// <summary>The shared metadata.</summary>
    public LogMetadata Metadata { get; }

    /// <summary>The shared header.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The logs, in the order given.</summary>
    public IReadOnlyList<ParsedLog> Logs { get; }

    /// <summary>The hardware.</summary>
    public HardwareKey Hardware => Metadata.Hardware;

    /// <summary>Rows of all logs together.</summary>
    public int RowCount => Logs.Sum(l => l.RowCount);
}

/// <summary>Groups logs by heuristic and hardware; logs of one group must agree in metadata and header.</summary>
public static class LogGroups
{
    /// <summary>
    /// Groups the usable logs by (heuristic name, hardware), keeping the order of first appearance.
    /// A log whose metadata or header differs from the first log of its group is left out with a
    /// <see cref="ProblemCodes.LogsDisagree"/> error naming both files.
    /// </summary>
    public static IReadOnlyList<LogGroup> Combine(IReadOnlyList<ParsedLog> logs, ICollection<LearningProblem> problems)
    {
        if (logs is null) throw new ArgumentNullException(nameof(logs));
        if (problems is null) throw new ArgumentNullException(nameof(problems));
        var groups = new List<(ParsedLog First, List<ParsedLog> Members)>();
        foreach (ParsedLog log in logs)
        {
            if (!log.IsUsable || log.Metadata is null) continue;
            int index = groups.FindIndex(g => g.First.Metadata!.Name == log.Metadata.Name && g.First.Metadata.Hardware == log.Metadata.Hardware);
            if (index < 0)
            {
                groups.Add((log, new List<ParsedLog> { log }));
                continue;
            }

            ParsedLog first = groups[index].First;
            if (!first.Metadata!.SameAs(log.Metadata))
            {
                problems.Add(new LearningProblem(ProblemCodes.LogsDisagree, ProblemSeverity.Error,
                    $"The metadata of '{log.FileName}' ({log.Metadata.ToJson()}) differs from that of '{first.FileName}' ({first.Metadata.ToJson()}) for heuristic '{log.Metadata.Name}' on the same hardware; '{log.FileName}' was not merged.",
                    log.FileName, 1));
            }
            else if (!first.Header.SequenceEqual(log.Header, StringComparer.Ordinal))
            {
                problems.Add(new LearningProblem(ProblemCodes.LogsDisagree, ProblemSeverity.Error,
                    $"The CSV header of '{log.FileName}' ({string.Join(",", log.Header)}) differs from that of '{first.FileName}' ({string.Join(",", first.Header)}); '{log.FileName}' was not merged.",
                    log.FileName, 2));
            }
            else
            {
                groups[index].Members.Add(log);
            }
        }

        return groups.Select(g => new LogGroup(g.First.Metadata!, g.First.Header, g.Members)).ToList();
    }
}
