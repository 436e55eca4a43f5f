using System;
using System.Collections.Generic;
using System.Globalization;

namespace PadMm;

/// <summary>
/// One learned tree's numbers, read back from the generated <c>TrainingReport</c> (the model summary
/// the build wrote: one sentence per line, a "Learned …" line per tree, then "set: key value, …" lines).
/// </summary>
internal sealed class TreeSummary
{
    private TreeSummary(string gpu, string trainingLine)
    {
        Gpu = gpu;
        TrainingLine = trainingLine;
    }

    /// <summary>The GPU the tree was learned for, as the report names it (A100, H100, …).</summary>
    public string Gpu { get; }

    /// <summary>The report's "Training data: …" sentence.</summary>
    public string TrainingLine { get; private set; }

    /// <summary>Metrics per data set (train, val, test), PyTorch's keys.</summary>
    public Dictionary<string, Dictionary<string, double>> Sets { get; } = new(StringComparer.Ordinal);

    /// <summary>The held-out set's metrics: test, or val when there is no test set.</summary>
    public IReadOnlyDictionary<string, double> HeldOut =>
        Sets.TryGetValue("test", out var test) ? test : Sets.TryGetValue("val", out var val) ? val : new Dictionary<string, double>();

    /// <summary>Reads every tree of <paramref name="report"/>.</summary>
    public static IReadOnlyList<TreeSummary> Read(string report)
    {
        const string Learned = "Learned '";
        var trees = new List<TreeSummary>();
        foreach (string line in report.Split('\n'))
        {
            if (line.StartsWith(Learned, StringComparison.Ordinal))
            {
                // Learned 'pad_mm' (decision) for A100 (shared memory …).
                int start = line.IndexOf(") for ", StringComparison.Ordinal) + ") for ".Length;
                int end = line.IndexOf(" (", start, StringComparison.Ordinal);
                trees.Add(new TreeSummary(end > start ? line.Substring(start, end - start) : line.Substring(start), string.Empty));
            }
            else if (trees.Count > 0 && line.StartsWith("Training data: ", StringComparison.Ordinal))
            {
                trees[^1].TrainingLine = line;
            }
            else if (trees.Count > 0 && line.IndexOf(": correct ", StringComparison.Ordinal) > 0)
            {
                int colon = line.IndexOf(':');
                var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (string pair in line.Substring(colon + 1).TrimEnd('.').Split(','))
                {
                    string[] parts = pair.Trim().Split(' ');
                    if (parts.Length == 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) metrics[parts[0]] = value;
                }

                trees[^1].Sets[line.Substring(0, colon)] = metrics;
            }
        }

        return trees;
    }
}
