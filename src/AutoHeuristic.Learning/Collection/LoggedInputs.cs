using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using AutoHeuristic.Logs;

namespace AutoHeuristic.Learning.Collection;

/// <summary>One input of a log: its feature cells, its rows, and each choice's times in measurement order.</summary>
public sealed class LoggedInput
{
    public LoggedInput(string key) => Key = key;

    /// <summary>The feature cells as logged, joined by commas.</summary>
    public string Key { get; }

    /// <summary>The input's data rows, as logged.</summary>
    public List<string> Rows { get; } = new();

    /// <summary>Choice names in order of first appearance.</summary>
    public List<string> Choices { get; } = new();

    /// <summary>Times per choice (same order as <see cref="Choices"/>), in measurement order.</summary>
    public List<List<double>> Times { get; } = new();
}

/// <summary>A log split into its two header lines and its inputs (in order of first appearance).</summary>
public sealed class LoggedInputs
{
    private LoggedInputs(string metadataLine, string headerLine, List<LoggedInput> inputs)
    {
        MetadataLine = metadataLine;
        HeaderLine = headerLine;
        Inputs = inputs;
    }

    public string MetadataLine { get; }
    public string HeaderLine { get; }
    public IReadOnlyList<LoggedInput> Inputs { get; }

    /// <summary>
    /// Groups the rows of a log's text by input, in order, so each choice's k-th time is its k-th
    /// repetition. The rows are read by Core's <see cref="LogScanner"/> (the one row reader: rows it
    /// skips are skipped here too, failed runs are +∞); <paramref name="name"/> names the log in errors.
    /// </summary>
    /// <exception cref="InvalidDataException">The log is unusable (no metadata or header, no rows, not UTF-8, …); the message names the line and column.</exception>
    public static LoggedInputs Parse(string text, string name)
    {
        var grouping = new Grouping();
        LogScanSummary summary = LogScanner.Scan(new StringReader(text), grouping);
        if (!summary.IsUsable)
        {
            LogIssue problem = grouping.FirstUnusable ?? default;
            string where = problem.Line > 0 ? $", line {problem.Line}" + (problem.Column > 0 ? $", column {problem.Column}" : string.Empty) : string.Empty;
            throw new InvalidDataException($"{name}{where}: {problem.Message ?? "not a usable training log"}");
        }

        int firstBreak = text.IndexOf('\n');
        int secondBreak = text.IndexOf('\n', firstBreak + 1);
        string metadata = text.Substring(0, firstBreak).TrimEnd('\r').TrimStart('\uFEFF');
        string header = text.Substring(firstBreak + 1, secondBreak - firstBreak - 1).TrimEnd('\r');
        return new LoggedInputs(metadata, header, grouping.Inputs);
    }

    // Groups the scanner's accepted rows by their feature cells (the text before the choice cell).
    private sealed class Grouping : LogScanHandler
    {
        private readonly Dictionary<string, LoggedInput> _byKey = new(StringComparer.Ordinal);

        public List<LoggedInput> Inputs { get; } = new();

        public LogIssue? FirstUnusable { get; private set; }

        public override void OnIssue(in LogIssue issue)
        {
            if (issue.MakesLogUnusable && FirstUnusable is null) FirstUnusable = issue;
        }

        public override void OnRow(LogRowParser row, char[] text, int line)
        {
            int start = row.CellStart[0];
            (int choiceStart, int choiceEnd) = row.Choice;
            string key = new string(text, start, Math.Max(0, choiceStart - 1 - start));
            string choice = new string(text, choiceStart, choiceEnd - choiceStart);
            if (!_byKey.TryGetValue(key, out LoggedInput? input))
            {
                input = new LoggedInput(key);
                _byKey.Add(key, input);
                Inputs.Add(input);
            }

            int end = 0;
            foreach (int cellEnd in row.CellEnd) end = Math.Max(end, cellEnd);
            input.Rows.Add(new string(text, start, end - start));
            int slot = input.Choices.IndexOf(choice);
            if (slot < 0)
            {
                input.Choices.Add(choice);
                input.Times.Add(new List<double>());
                slot = input.Choices.Count - 1;
            }

            input.Times[slot].Add(row.Feedback);
        }
    }

    /// <summary>
    /// The relative spread (max − min) / median of every (input, choice)'s repeated finite times
    /// (<see cref="AutoHeuristic.Collection.SequentialStopping.RelativeSpread"/>), for pairs with at least two.
    /// </summary>
    public List<double> RepetitionSpreads()
    {
        var spreads = new List<double>();
        foreach (LoggedInput input in Inputs)
        {
            foreach (List<double> times in input.Times)
            {
                double s = AutoHeuristic.Collection.SequentialStopping.RelativeSpread(times);
                if (!double.IsNaN(s)) spreads.Add(s);
            }
        }

        return spreads;
    }

    /// <summary>The log text holding only <paramref name="selected"/>.</summary>
    public string Text(IEnumerable<LoggedInput> selected)
    {
        var sb = new StringBuilder();
        sb.Append(MetadataLine).Append('\n').Append(HeaderLine).Append('\n');
        foreach (LoggedInput input in selected)
            foreach (string row in input.Rows) sb.Append(row).Append('\n');
        return sb.ToString();
    }
}
