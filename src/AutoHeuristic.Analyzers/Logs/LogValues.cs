using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using AutoHeuristic.Logs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AutoHeuristic.Analyzers.Logs;

/// <summary>
/// What the rows of one training log say beyond its header, for the checks that need it: the
/// values of each categorical feature (AH2115) and the choices that are the fastest for at least
/// one input measured with two or more choices: the classes a tree learns, so the only choices
/// it can answer (AH2120). Read only when a check asks, once per log file.
/// </summary>
internal sealed class LogValues
{
    private LogValues(Dictionary<string, HashSet<string>> categories, HashSet<string> winners)
    {
        Categories = categories;
        Winners = winners;
    }

    /// <summary>Categorical feature → every value the rows have (Python <c>str()</c> text, as logged).</summary>
    public IReadOnlyDictionary<string, HashSet<string>> Categories { get; }

    /// <summary>The choices that are the fastest (smallest finite feedback) for some input.</summary>
    public HashSet<string> Winners { get; }

    /// <summary>Nothing known (an unreadable file).</summary>
    public static LogValues Empty { get; } = new(new Dictionary<string, HashSet<string>>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));

    /// <summary>Scans the rows of a log whose metadata is <paramref name="metadata"/>; rows that do not fit the header are skipped, as the trainer skips them.</summary>
    public static LogValues Scan(SourceText content, LogMetadata metadata, CancellationToken cancellationToken)
    {
        string text = content.ToString();
        TextLineCollection lines = content.Lines;
        if (lines.Count < 2) return Empty;
        string[] header = LogFormat.SplitCells(lines[1].ToString());
        int choiceColumn = Array.IndexOf(header, LogFormat.ChoiceColumn);
        int feedbackColumn = Array.IndexOf(header, LogFormat.FeedbackColumn);
        if (choiceColumn < 0 || feedbackColumn < 0) return Empty;

        var categories = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var categoricalColumns = new List<int>();
        for (int i = 0; i < header.Length; i++)
        {
            if (i == choiceColumn || i == feedbackColumn || !metadata.IsCategorical(header[i])) continue;
            categoricalColumns.Add(i);
            categories[header[i]] = new HashSet<string>(StringComparer.Ordinal);
        }

        // Input (the feature cells before the choice) → its fastest choice so far and how many were measured.
        var inputs = new Dictionary<string, Best>(StringComparer.Ordinal);
        for (int i = 2; i < lines.Count; i++)
        {
            if ((i & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            string line = text.Substring(lines[i].Start, lines[i].End - lines[i].Start);
            string[] cells = LogFormat.SplitCells(line);
            if (cells.Length != header.Length) continue;
            foreach (int column in categoricalColumns) categories[header[column]].Add(cells[column]);
            if (!double.TryParse(cells[feedbackColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out double feedback)
                || FeedbackRules.Classify(feedback) != FeedbackKind.Measured)
            {
                continue; // a failed run (inf) or a refused value never wins
            }

            string input = InputKey(cells, choiceColumn, feedbackColumn);
            string choice = cells[choiceColumn];
            if (!inputs.TryGetValue(input, out Best best))
            {
                inputs[input] = new Best(choice, feedback, 1);
            }
            else
            {
                int measured = best.Choice == choice ? best.Measured : best.Measured + 1;
                inputs[input] = feedback < best.Feedback ? new Best(choice, feedback, measured) : new Best(best.Choice, best.Feedback, measured);
            }
        }

        var winners = new HashSet<string>(StringComparer.Ordinal);
        foreach (Best best in inputs.Values)
        {
            if (best.Measured >= 2) winners.Add(best.Choice);
        }

        return new LogValues(categories, winners);
    }

    private static string InputKey(string[] cells, int choiceColumn, int feedbackColumn)
    {
        var parts = new List<string>(cells.Length);
        for (int i = 0; i < cells.Length; i++)
        {
            if (i != choiceColumn && i != feedbackColumn) parts.Add(cells[i]);
        }

        return string.Join(",", parts);
    }

    // "Measured" counts rows with another choice than the best so far: enough to tell one choice from two or more.
    private readonly struct Best
    {
        public Best(string choice, double feedback, int measured)
        {
            Choice = choice;
            Feedback = feedback;
            Measured = measured;
        }

        public string Choice { get; }

        public double Feedback { get; }

        public int Measured { get; }
    }
}

/// <summary>
/// Finds the text of a training log among the AdditionalFiles by path and scans it on first use
/// (<see cref="LogValues.Scan"/>), cached per file instance like <see cref="TrainingLogReader"/>'s results.
/// </summary>
internal sealed class LogValueSource
{
    private static readonly ConditionalWeakTable<AdditionalText, LogValues> Cache = new();
    private readonly AnalyzerOptions? _options;
    private readonly ConcurrentDictionary<string, LogValues> _byPath = new(StringComparer.Ordinal);

    public LogValueSource(AnalyzerOptions? options) => _options = options;

    /// <summary>The values of <paramref name="log"/>; empty when its text is gone or its metadata unreadable.</summary>
    public LogValues Of(TrainingLog log, CancellationToken cancellationToken) =>
        log.Metadata is null ? LogValues.Empty : _byPath.GetOrAdd(log.Path, _ => Read(log, cancellationToken));

    private LogValues Read(TrainingLog log, CancellationToken cancellationToken)
    {
        if (_options is null) return LogValues.Empty;
        foreach (AdditionalText text in _options.AdditionalFiles)
        {
            if (!string.Equals(text.Path, log.Path, StringComparison.Ordinal)) continue;
            if (Cache.TryGetValue(text, out LogValues? cached)) return cached;
            SourceText? content = text.GetText(cancellationToken);
            if (content is null) return LogValues.Empty;
            LogValues values = LogValues.Scan(content, log.Metadata!, cancellationToken);
            return Cache.GetValue(text, _ => values);
        }

        return LogValues.Empty;
    }
}
