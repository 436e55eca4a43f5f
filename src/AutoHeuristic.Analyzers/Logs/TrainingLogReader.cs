using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using AutoHeuristic.Logs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AutoHeuristic.Analyzers.Logs;

/// <summary>
/// Finds the training logs among a compilation's AdditionalFiles (item metadata
/// <c>AutoHeuristicLog="true"</c>) and reads each one once: a log is streamed a single time per
/// <see cref="AdditionalText"/> instance and the result cached, so neither several compilations
/// of an unchanged project nor many call sites re-read it.
/// </summary>
internal static class TrainingLogReader
{
    // Keyed by the AdditionalText instance: hosts keep the instance while the file is unchanged,
    // and the weak table lets it (and our result) go once the host drops it.
    private static readonly ConditionalWeakTable<AdditionalText, TrainingLog> Cache = new();

    /// <summary>The training logs of <paramref name="options"/>, in AdditionalFiles order.</summary>
    public static IReadOnlyList<TrainingLog> ReadAll(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var logs = new List<TrainingLog>();
        foreach (AdditionalText text in options.AdditionalFiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!IsTrainingLog(options.AnalyzerConfigOptionsProvider.GetOptions(text))) continue;
            if (Cache.TryGetValue(text, out TrainingLog? cached))
            {
                logs.Add(cached);
                continue;
            }

            SourceText? content = text.GetText(cancellationToken);
            if (content is null) continue;
            TrainingLog log = Read(text.Path, content, cancellationToken);
            logs.Add(Cache.GetValue(text, _ => log));
        }

        return logs;
    }

    /// <summary>Reads one log: metadata (line 1), header (line 2), distinct choices (the rest).</summary>
    internal static TrainingLog Read(string path, SourceText content, CancellationToken cancellationToken)
    {
        TextLineCollection lines = content.Lines;
        TextSpan firstSpan = lines.Count > 0 ? lines[0].Span : default;
        LinePositionSpan firstPosition = content.Lines.GetLinePositionSpan(firstSpan);
        LogMetadata? metadata = null;
        if (lines.Count > 0)
        {
            try
            {
                metadata = LogMetadata.Parse(lines[0].ToString());
            }
            catch (LogFormatException)
            {
                // The generator reports malformed logs (AH1xxx); here the file is just not usable.
            }
        }

        if (metadata is null || lines.Count < 2)
        {
            return new TrainingLog(path, metadata, Array.Empty<string>(), Array.Empty<string>(), firstSpan, firstPosition);
        }

        string[] header = LogFormat.SplitCells(lines[1].ToString());
        int choiceColumn = Array.IndexOf(header, LogFormat.ChoiceColumn);
        string[] features = header;
        if (choiceColumn >= 0)
        {
            features = new string[choiceColumn];
            Array.Copy(header, features, choiceColumn);
        }

        var choices = new HashSet<string>(StringComparer.Ordinal);
        if (choiceColumn >= 0)
        {
            for (int i = 2; i < lines.Count; i++)
            {
                if ((i & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
                string? choice = Cell(content, lines[i].Span, choiceColumn);
                if (!string.IsNullOrEmpty(choice)) choices.Add(choice!);
            }
        }

        var ordered = new List<string>(choices);
        ordered.Sort(StringComparer.Ordinal);
        return new TrainingLog(path, metadata, features, ordered, firstSpan, firstPosition);
    }

    private static bool IsTrainingLog(AnalyzerConfigOptions options) =>
        options.TryGetValue(LogFormat.AdditionalFileMetadataKey, out string? value) && LogFormat.IsTrainingLogFlag(value);

    // The cell at `column` of a row without materialising the other cells.
    private static string? Cell(SourceText content, TextSpan line, int column)
    {
        int start = line.Start;
        int seen = 0;
        for (int p = line.Start; p <= line.End; p++)
        {
            if (p == line.End || content[p] == ',')
            {
                if (seen == column) return content.ToString(TextSpan.FromBounds(start, p));
                seen++;
                start = p + 1;
            }
        }

        return null;
    }
}
