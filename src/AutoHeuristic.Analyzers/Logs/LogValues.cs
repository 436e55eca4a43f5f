using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
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

    /// <summary>
    /// Scans the rows of a log with Core's <see cref="LogScanner"/>, so exactly the rows every reader
    /// accepts count (a torn row, a quoted value or a refused feedback never does); nothing when the
    /// text is not UTF-8 or the log is unusable, as the generator then learns nothing from it.
    /// </summary>
    public static LogValues Scan(SourceText content, CancellationToken cancellationToken)
    {
        var collector = new ValueCollector(cancellationToken);
        return TrainingLogReader.Scan(content, collector) is { IsUsable: true } ? collector.ToValues() : Empty;
    }

    // Categorical values and, per input (its feature cells), the fastest choice so far.
    private sealed class ValueCollector : LogScanHandler
    {
        private readonly CancellationToken _cancellationToken;
        private readonly Dictionary<string, HashSet<string>> _categories = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Best> _inputs = new(StringComparer.Ordinal);
        private readonly List<(int Column, HashSet<string> Values)> _categoricalColumns = new();
        private int _rows;

        public ValueCollector(CancellationToken cancellationToken) => _cancellationToken = cancellationToken;

        public override void OnHeader(LogMetadata metadata, LogHeader header)
        {
            for (int column = 0; column < header.Roles.Count; column++)
            {
                int feature = header.Roles[column];
                if (feature < 0 || !header.IsCategorical[feature]) continue;
                var values = new HashSet<string>(StringComparer.Ordinal);
                _categories[header.Features[feature]] = values;
                _categoricalColumns.Add((column, values));
            }
        }

        public override void OnRow(LogRowParser row, char[] text, int line)
        {
            if ((++_rows & 1023) == 0) _cancellationToken.ThrowIfCancellationRequested();
            foreach ((int column, HashSet<string> values) in _categoricalColumns) values.Add(Cell(row, text, column));
            if (FeedbackRules.Classify(row.Feedback) != FeedbackKind.Measured) return; // a failed run never wins

            string input = InputKey(row, text);
            (int start, int end) = row.Choice;
            string choice = new string(text, start, end - start);
            double feedback = row.Feedback;
            if (!_inputs.TryGetValue(input, out Best best))
            {
                _inputs[input] = new Best(choice, feedback, 1);
            }
            else
            {
                int measured = best.Choice == choice ? best.Measured : best.Measured + 1;
                _inputs[input] = feedback < best.Feedback ? new Best(choice, feedback, measured) : new Best(best.Choice, best.Feedback, measured);
            }
        }

        public LogValues ToValues()
        {
            var winners = new HashSet<string>(StringComparer.Ordinal);
            foreach (Best best in _inputs.Values)
            {
                if (best.Measured >= 2) winners.Add(best.Choice);
            }

            return new LogValues(_categories, winners);
        }

        private static string Cell(LogRowParser row, char[] text, int column) =>
            new string(text, row.CellStart[column], row.CellEnd[column] - row.CellStart[column]);

        // The row's text without its choice and feedback cells: the same input on every row of it.
        private static string InputKey(LogRowParser row, char[] text)
        {
            var key = new System.Text.StringBuilder();
            for (int column = 0; column < row.CellStart.Length; column++)
            {
                if (column == row.Header.ChoiceColumn || column == row.Header.FeedbackColumn) continue;
                key.Append(text, row.CellStart[column], row.CellEnd[column] - row.CellStart[column]).Append(',');
            }

            return key.ToString();
        }
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
            LogValues values = LogValues.Scan(content, cancellationToken);
            return Cache.GetValue(text, _ => values);
        }

        return LogValues.Empty;
    }
}
