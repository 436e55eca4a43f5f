using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace AutoHeuristic.Cuda.Collection;

/// <summary>
/// The rows already in a log, counted per feature tuple (the CSV text before <c>choice,feedback</c>),
/// so a resumed collector can tell which inputs are complete. A torn last line is ignored.
/// </summary>
public sealed class ExistingRows
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Rows read.</summary>
    public long Rows { get; private set; }

    /// <summary>
    /// Prepares <paramref name="path"/> to be continued: cuts a torn last line (<see cref="LogTail.TrimPartialLastLine"/>)
    /// so appended rows start on a line of their own, then reads the rows.
    /// </summary>
    public static ExistingRows ReadForResume(string path)
    {
        LogTail.TrimPartialLastLine(path);
        return Read(path);
    }

    /// <summary>Reads <paramref name="path"/> (no file or an empty one gives no rows).</summary>
    public static ExistingRows Read(string path)
    {
        var rows = new ExistingRows();
        if (!File.Exists(path)) return rows;
        string text;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            text = reader.ReadToEnd();
        }

        string[] lines = text.Split('\n');
        // The last element is empty for a complete file, or a torn line: skip it either way.
        for (int i = 2; i < lines.Length - 1; i++)
        {
            string line = lines[i].TrimEnd('\r');
            int last = line.LastIndexOf(',');
            if (last <= 0) continue;
            int choiceComma = line.LastIndexOf(',', last - 1);
            if (choiceComma <= 0) continue;
            string key = line.Substring(0, choiceComma);
            rows._counts[key] = rows._counts.TryGetValue(key, out int c) ? c + 1 : 1;
            rows.Rows++;
        }

        return rows;
    }

    /// <summary>The feature cells a log row of <paramref name="context"/> starts with, in the context's order (the key this class counts by).</summary>
    public static IReadOnlyList<string> FeatureTexts(AHContext context)
    {
        var list = new List<string>(context.Features.Count);
        foreach (AHFeature f in context.Features) list.Add(f.Value.Text);
        return list;
    }

    /// <summary>Rows whose features are exactly <paramref name="featureTexts"/>.</summary>
    public int Count(IReadOnlyList<string> featureTexts) =>
        _counts.TryGetValue(string.Join(",", featureTexts), out int c) ? c : 0;

    /// <summary>
    /// Claims <paramref name="rows"/> rows of this feature tuple for one input; false when fewer
    /// remain (so two inputs with equal features are each recognized once).
    /// </summary>
    public bool TryConsume(IReadOnlyList<string> featureTexts, int rows)
    {
        string key = string.Join(",", featureTexts);
        if (!_counts.TryGetValue(key, out int c) || c < rows) return false;
        _counts[key] = c - rows;
        return true;
    }

    /// <summary>
    /// Claims one input's whole rounds of this feature tuple when measuring may have stopped early
    /// (sequential measurement): at least one round (<paramref name="choices"/> rows), at most
    /// <paramref name="maxRounds"/>, whole rounds only. False when not even one round remains.
    /// </summary>
    public bool TryConsumeRounds(IReadOnlyList<string> featureTexts, int choices, int maxRounds)
    {
        if (choices < 1) throw new ArgumentOutOfRangeException(nameof(choices), choices, "An input has at least one choice.");
        string key = string.Join(",", featureTexts);
        if (!_counts.TryGetValue(key, out int c) || c < choices) return false;
        int rounds = Math.Min(c / choices, maxRounds);
        _counts[key] = c - rounds * choices;
        return true;
    }

    /// <summary>Records rows written in this run.</summary>
    public void Add(IReadOnlyList<string> featureTexts, int rows)
    {
        string key = string.Join(",", featureTexts);
        _counts[key] = _counts.TryGetValue(key, out int c) ? c + rows : rows;
        Rows += rows;
    }
}
