using System.Collections.Generic;
using AutoHeuristic.Logs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AutoHeuristic.Analyzers.Logs;

/// <summary>
/// What the analyzers need from one training log: its metadata line, the features in header
/// order and the distinct choices of its rows. <see cref="Metadata"/> is null when line 1 is not
/// valid metadata (the generator reports that as AH1xxx; the analyzers then ignore the file).
/// </summary>
internal sealed class TrainingLog
{
    public TrainingLog(string path, LogMetadata? metadata, IReadOnlyList<string> headerFeatures, IReadOnlyCollection<string> choices, TextSpan firstLineSpan, LinePositionSpan firstLinePosition)
    {
        Path = path;
        Metadata = metadata;
        HeaderFeatures = headerFeatures;
        Choices = choices;
        FirstLineSpan = firstLineSpan;
        FirstLinePosition = firstLinePosition;
    }

    /// <summary>The additional file's path.</summary>
    public string Path { get; }

    /// <summary>Line 1, parsed; null when it is not valid metadata.</summary>
    public LogMetadata? Metadata { get; }

    /// <summary>Line 2's feature columns (everything before <c>choice,feedback</c>), in insertion order.</summary>
    public IReadOnlyList<string> HeaderFeatures { get; }

    /// <summary>The distinct values of the <c>choice</c> column.</summary>
    public IReadOnlyCollection<string> Choices { get; }

    private TextSpan FirstLineSpan { get; }

    private LinePositionSpan FirstLinePosition { get; }

    /// <summary>Where diagnostics about the whole log point: its first line.</summary>
    public Location FirstLineLocation => Location.Create(Path, FirstLineSpan, FirstLinePosition);
}
