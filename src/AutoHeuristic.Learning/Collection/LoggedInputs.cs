using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

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
    /// Groups the rows of a log's text (PyTorch's format: two header lines, rows ending in
    /// <c>choice,feedback</c>) by input; <paramref name="name"/> names the log in errors. The trainer
    /// validates the format; this only groups rows, in order, so each choice's k-th time is its k-th repetition.
    /// </summary>
    public static LoggedInputs Parse(string text, string name)
    {
        using var reader = new StringReader(text);
        string metadata = reader.ReadLine() ?? throw new InvalidDataException($"{name}: empty log.");
        string header = reader.ReadLine() ?? throw new InvalidDataException($"{name}: no header line.");
        var byKey = new Dictionary<string, LoggedInput>(StringComparer.Ordinal);
        var inputs = new List<LoggedInput>();
        string? line;
        int lineNumber = 2;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            int feedbackComma = line.LastIndexOf(',');
            int choiceComma = feedbackComma > 0 ? line.LastIndexOf(',', feedbackComma - 1) : -1;
            if (choiceComma < 0) throw new InvalidDataException($"{name}, line {lineNumber}: expected '...,choice,feedback'.");
            string key = line.Substring(0, choiceComma);
            string choice = line.Substring(choiceComma + 1, feedbackComma - choiceComma - 1);
            string feedbackText = line.Substring(feedbackComma + 1);
            double feedback = feedbackText == "inf" ? double.PositiveInfinity : double.Parse(feedbackText, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (!byKey.TryGetValue(key, out LoggedInput? input))
            {
                input = new LoggedInput(key);
                byKey.Add(key, input);
                inputs.Add(input);
            }

            input.Rows.Add(line);
            int c = input.Choices.IndexOf(choice);
            if (c < 0)
            {
                input.Choices.Add(choice);
                input.Times.Add(new List<double>());
                c = input.Choices.Count - 1;
            }

            input.Times[c].Add(feedback);
        }

        return new LoggedInputs(metadata, header, inputs);
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
