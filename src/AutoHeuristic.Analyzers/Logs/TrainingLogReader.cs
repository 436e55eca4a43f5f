using System;
using System.Collections.Generic;
using System.IO;
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

    /// <summary>
    /// Reads one log with the verdicts of every log reader (Core's <see cref="LogScanner"/>, which the
    /// generator and the CLI use too): metadata (line 1), the header's features, and the distinct
    /// choices of the rows the generator would learn from. A log the generator refuses contributes
    /// no choices (text that is not UTF-8 or a bad line 1: not even its metadata), so no check
    /// compares code with rows that are not measurements (a torn last row, a quoted value, …).
    /// The generator reports why (AH1xxx); the analyzers stay silent about the log itself.
    /// </summary>
    internal static TrainingLog Read(string path, SourceText content, CancellationToken cancellationToken)
    {
        TextSpan firstSpan = FirstLineSpan(content);
        var firstPosition = new LinePositionSpan(new LinePosition(0, 0), new LinePosition(0, firstSpan.Length));
        var collector = new ChoiceCollector(cancellationToken);
        if (Scan(content, collector) is not { } summary)
        {
            return new TrainingLog(path, null, Array.Empty<string>(), Array.Empty<string>(), firstSpan, firstPosition);
        }

        IReadOnlyList<string> features = summary.Header is { IsValid: true } header ? header.FeaturesInFileOrder() : Array.Empty<string>();
        IReadOnlyCollection<string> choices = summary.IsUsable ? collector.SortedChoices() : Array.Empty<string>();
        return new TrainingLog(path, summary.Metadata, features, choices, firstSpan, firstPosition);
    }

    /// <summary>
    /// Streams <paramref name="content"/> through Core's <see cref="LogScanner"/> into
    /// <paramref name="handler"/>: the one way the analyzers read a log's rows. Null (nothing
    /// scanned) when the text was not UTF-8, which the generator refuses (AH1xxx).
    /// </summary>
    internal static LogScanSummary? Scan(SourceText content, LogScanHandler handler)
    {
        if (LogEncoding.CheckDecodedText(content.Encoding, content.ToString(), out string text) is not null) return null;
        return LogScanner.Scan(new StringReader(text), handler);
    }

    // Line 1 without its line break, found without SourceText.Lines: only this line's location is
    // needed, and the line table of the whole log (which may be 72 MB) would be built for it.
    private static TextSpan FirstLineSpan(SourceText content)
    {
        int end = 0;
        while (end < content.Length && !IsLineBreak(content[end])) end++;
        return new TextSpan(0, end);
    }

    // The characters that end a line for SourceText.Lines.
    private static bool IsLineBreak(char c) => c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029';

    private static bool IsTrainingLog(AnalyzerConfigOptions options) =>
        options.TryGetValue(LogFormat.AdditionalFileMetadataKey, out string? value) && LogFormat.IsTrainingLogFlag(value);

    // The distinct choices of the accepted rows; a row's choice is compared in place with the
    // choices seen so far, so a string is allocated only for a new choice.
    private sealed class ChoiceCollector : LogScanHandler
    {
        private readonly CancellationToken _cancellationToken;
        private readonly List<string> _seen = new();
        private readonly HashSet<string> _choices = new(StringComparer.Ordinal);
        private int _rows;

        public ChoiceCollector(CancellationToken cancellationToken) => _cancellationToken = cancellationToken;

        public override void OnRow(LogRowParser row, char[] text, int line)
        {
            if ((++_rows & 1023) == 0) _cancellationToken.ThrowIfCancellationRequested();
            (int start, int end) = row.Choice;
            if (IndexOfSeen(text, start, end - start) >= 0) return;
            string choice = new string(text, start, end - start);
            if (_choices.Add(choice)) _seen.Add(choice);
        }

        public IReadOnlyCollection<string> SortedChoices()
        {
            var ordered = new List<string>(_choices);
            ordered.Sort(StringComparer.Ordinal);
            return ordered;
        }

        // Logs hold few distinct choices, so a linear search in place beats allocating each row's cell.
        private int IndexOfSeen(char[] text, int start, int length)
        {
            for (int i = 0; i < _seen.Count && i < 256; i++)
            {
                string candidate = _seen[i];
                if (candidate.Length == length && SameText(candidate, text, start)) return i;
            }

            return -1;
        }

        private static bool SameText(string candidate, char[] text, int start)
        {
            for (int i = 0; i < candidate.Length; i++)
            {
                if (candidate[i] != text[start + i]) return false;
            }

            return true;
        }
    }
}
