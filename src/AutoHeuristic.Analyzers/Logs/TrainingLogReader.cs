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
            // One copy of the text, then plain string scans: a row's choice is compared in place
            // with the choices seen so far, so a string is allocated only for a new choice.
            string all = content.ToString();
            var seen = new List<string>();
            for (int i = 2; i < lines.Count; i++)
            {
                if ((i & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
                if (!TryFindCell(all, lines[i].Span, choiceColumn, out int start, out int length) || length == 0) continue;
                if (IndexOfSeen(seen, all, start, length) >= 0) continue;
                string choice = all.Substring(start, length);
                if (choices.Add(choice)) seen.Add(choice);
            }
        }

        var ordered = new List<string>(choices);
        ordered.Sort(StringComparer.Ordinal);
        return new TrainingLog(path, metadata, features, ordered, firstSpan, firstPosition);
    }

    private static bool IsTrainingLog(AnalyzerConfigOptions options) =>
        options.TryGetValue(LogFormat.AdditionalFileMetadataKey, out string? value) && LogFormat.IsTrainingLogFlag(value);

    // The bounds of the cell at `column` of a row, without materialising any cell.
    private static bool TryFindCell(string text, TextSpan line, int column, out int start, out int length)
    {
        start = line.Start;
        for (int seen = 0; ; seen++)
        {
            int comma = line.End > start ? text.IndexOf(',', start, line.End - start) : -1;
            int end = comma < 0 ? line.End : comma;
            if (seen == column)
            {
                length = end - start;
                return true;
            }

            if (comma < 0)
            {
                length = 0;
                return false;
            }

            start = comma + 1;
        }
    }

    // Logs hold few distinct choices, so a linear search in place beats allocating each row's cell.
    private static int IndexOfSeen(List<string> seen, string text, int start, int length)
    {
        for (int i = 0; i < seen.Count && i < 256; i++)
        {
            string candidate = seen[i];
            if (candidate.Length == length && string.CompareOrdinal(text, start, candidate, 0, length) == 0) return i;
        }

        return -1;
    }
}
