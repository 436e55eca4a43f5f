using System;
using System.Collections.Generic;
using System.Globalization;
using AutoHeuristic.Cli.Infrastructure;
using AutoHeuristic.Features;
using AutoHeuristic.Learning.Logs;

namespace AutoHeuristic.Cli.Commands;

/// <summary>
/// The input <c>explain</c> explains: logged features from <c>--input "m=4096,k=4095,…"</c> or
/// from a log's data row, then the heuristic's augmented features computed from them with the
/// same operations as training and run time.
/// </summary>
internal sealed class ExplainInput : IFeatureSource
{
    private readonly Dictionary<string, FeatureValue> _values = new(StringComparer.Ordinal);

    private ExplainInput(List<string> logged)
    {
        Logged = logged;
    }

    /// <summary>The logged feature names, in the order given.</summary>
    public List<string> Logged { get; }

    /// <summary>The augmented feature names, in operation order.</summary>
    public List<string> Augmented { get; } = new();

    /// <summary>The file line the input came from (0 for <c>--input</c>).</summary>
    public int Line { get; private init; }

    /// <summary>Parses <c>name=value,name=value</c>; values read as a log cell reads them (<c>True</c>, 4096, 0.5, torch.float16).</summary>
    public static ExplainInput FromText(string text)
    {
        var input = new ExplainInput(new List<string>());
        foreach (string part in text.Split(','))
        {
            string item = part.Trim();
            if (item.Length == 0) continue;
            int eq = item.IndexOf('=');
            if (eq <= 0 || eq == item.Length - 1)
            {
                throw new CliUserException($"--input takes name=value pairs separated by commas (\"m=4096,k=4095,dtype=torch.float16\"); '{item}' is not one.");
            }

            string name = item.Substring(0, eq).Trim();
            if (input._values.ContainsKey(name)) throw new CliUserException($"--input names '{name}' twice.");
            input._values[name] = FeatureValue.Parse(item.Substring(eq + 1).Trim());
            input.Logged.Add(name);
        }

        if (input.Logged.Count == 0) throw new CliUserException("--input is empty; give the input's features as name=value pairs.");
        return input;
    }

    /// <summary>The features of data row <paramref name="row"/> (1 = the first row after the header) of <paramref name="log"/>.</summary>
    public static ExplainInput FromRow(ParsedLog log, int row)
    {
        IReadOnlyList<int> lines = LogRows.LineNumbers(log) ?? throw new CliUserException($"'{log.FileName}' has no usable rows (see inspect).");
        int line = row + 2;
        int index = IndexOf(lines, line);
        if (index < 0)
        {
            int last = lines.Count == 0 ? 0 : lines[lines.Count - 1] - 2;
            throw new CliUserException(row > last
                ? $"--row {row.ToString(CultureInfo.InvariantCulture)}: '{log.FileName}' has {last.ToString(CultureInfo.InvariantCulture)} data rows."
                : $"--row {row.ToString(CultureInfo.InvariantCulture)} (line {line.ToString(CultureInfo.InvariantCulture)} of '{log.FileName}') was skipped as malformed (see inspect).");
        }

        var input = new ExplainInput(new List<string>()) { Line = line };
        var featureNames = new List<string>();
        foreach (KeyValuePair<string, FeatureValue> feature in LogRows.Features(log, index))
        {
            input._values[feature.Key] = feature.Value;
            featureNames.Add(feature.Key);
        }

        // In the log's column order, as a person reads the row.
        foreach (string name in LoggedOrder(log.Header, featureNames)) input.Logged.Add(name);
        return input;
    }

    private static int IndexOf(IReadOnlyList<int> lines, int line)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i] == line) return i;
        }

        return -1;
    }

    /// <summary>Computes the augmented features (an operation may read the ones before it); a value already given is kept.</summary>
    public void Augment(IReadOnlyList<AHOperation> operations)
    {
        foreach (AHOperation op in operations)
        {
            if (_values.ContainsKey(op.Name)) continue;
            FeatureValue value;
            try
            {
                value = op.Evaluate(this);
            }
            catch (KeyNotFoundException e)
            {
                throw new CliUserException($"The augmented feature '{op.Name}' cannot be computed: {e.Message} Give it with --input.");
            }

            _values[op.Name] = value;
            Augmented.Add(op.Name);
        }
    }

    /// <summary>name=value for <paramref name="names"/>.</summary>
    public string Describe(IEnumerable<string> names)
    {
        var parts = new List<string>();
        foreach (string name in names) parts.Add(name + "=" + _values[name].Text);
        return string.Join(", ", parts);
    }

    /// <inheritdoc />
    public bool TryGetValue(string name, out FeatureValue value) => _values.TryGetValue(name, out value);

    private static IEnumerable<string> LoggedOrder(IReadOnlyList<string> header, IReadOnlyList<string> features)
    {
        var known = new HashSet<string>(features, StringComparer.Ordinal);
        foreach (string column in header)
        {
            if (known.Remove(column)) yield return column;
        }

        foreach (string rest in features)
        {
            if (known.Contains(rest)) yield return rest;
        }
    }
}
