using System;
using AutoHeuristic.Generator.Helpers;
using AutoHeuristic.Learning.Logs;
using Microsoft.CodeAnalysis.Text;

namespace AutoHeuristic.Generator.Model;

/// <summary>
/// One training log after parsing, as a cache key: it compares by path and content checksum (not
/// by its rows), so an unchanged log never refits and equality stays cheap for 100k-row files.
/// The parsed rows and the text ride along for the fit step and for locating problems.
/// </summary>
internal sealed class ParsedLogSpec : IEquatable<ParsedLogSpec>
{
    public ParsedLogSpec(string path, string checksum, string heuristicName, ParsedLog log, SourceText text, EquatableArray<DiagnosticInfo> diagnostics)
    {
        Path = path;
        Checksum = checksum;
        HeuristicName = heuristicName;
        Log = log;
        Text = text;
        Diagnostics = diagnostics;
    }

    /// <summary>The log's path as the compiler knows it.</summary>
    public string Path { get; }

    /// <summary>Hex checksum of the content.</summary>
    public string Checksum { get; }

    /// <summary>The heuristic name from the metadata line (empty when unreadable).</summary>
    public string HeuristicName { get; }

    /// <summary>The parsed rows (not part of equality: the checksum stands for them).</summary>
    public ParsedLog Log { get; }

    /// <summary>The text (not part of equality), to turn a line into a location.</summary>
    public SourceText Text { get; }

    /// <summary>The log-format problems, located in the log.</summary>
    public EquatableArray<DiagnosticInfo> Diagnostics { get; }

    /// <inheritdoc />
    public bool Equals(ParsedLogSpec? other) =>
        other is not null && string.Equals(Path, other.Path, StringComparison.Ordinal) && string.Equals(Checksum, other.Checksum, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ParsedLogSpec);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Path) ^ StringComparer.Ordinal.GetHashCode(Checksum);
}
