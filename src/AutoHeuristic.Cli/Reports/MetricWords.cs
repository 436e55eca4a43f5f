using System;
using System.Collections.Generic;

namespace AutoHeuristic.Cli.Reports;

/// <summary>
/// The words the console tables use for the engine's metrics. PyTorch's names (<c>correct</c>,
/// <c>unsure</c>, <c>wrong_gmean_speedup</c>, …) stay in the JSON output; a reader of a table gets
/// what the number means.
/// </summary>
internal static class MetricWords
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["correct"] = "right",
        ["wrong"] = "wrong",
        ["unsure"] = "benchmark instead",
        ["total"] = "inputs",
        ["wrong_max_speedup"] = "when wrong: worst time / best",
        ["wrong_gmean_speedup"] = "when wrong: mean time / best",
        ["max_wrong_speedup"] = "when wrong: worst time / best",
        ["gman_wrong_speedup"] = "when wrong: mean time / best",
        ["top_k_correct"] = "fastest in top k",
        ["top_k_wrong"] = "fastest not in top k",
        ["top_k_unsure"] = "top k: benchmark instead",
        ["wrong_max_speedup_k"] = "top k missed: worst time / best",
        ["wrong_gmean_speedup_k"] = "top k missed: mean time / best",
        ["max_speedup_over_default"] = "best speedup over the default",
        ["gmean_speedup_over_default"] = "mean speedup over the default",
        ["max_speedup_default_over_heuristic"] = "worst speedup over the default",
        ["non_default_predictions"] = "decisions other than the default",
        ["default_better"] = "slower than the default",
        ["unsure_pct"] = "benchmark instead %",
        ["wrong_pct"] = "wrong %",
        ["wrong_costly_1pct"] = "wrong by more than 1 %",
        ["wrong_costly_2pct"] = "wrong by more than 2 %",
        ["oracle_gmean_slowdown"] = "mean time / fastest",
        ["oracle_total_slowdown"] = "total time / fastest",
        ["time_saved_vs_default_ms"] = "time saved vs the default, ms",
        ["time_saved_vs_default_pct"] = "time saved vs the default %",
        ["threshold"] = "confidence threshold",
    };

    /// <summary>The words for <paramref name="metric"/>; unknown names are shown as they are.</summary>
    public static string For(string metric)
    {
        if (Words.TryGetValue(metric, out string? word)) return word;
        const string Saved = "time_saved_vs_";
        if (metric.StartsWith(Saved, StringComparison.Ordinal))
        {
            string rest = metric.Substring(Saved.Length);
            if (rest.EndsWith("_ms", StringComparison.Ordinal)) return "time saved vs always " + rest.Substring(0, rest.Length - 3) + ", ms";
            if (rest.EndsWith("_pct", StringComparison.Ordinal)) return "time saved vs always " + rest.Substring(0, rest.Length - 4) + " %";
        }

        return metric;
    }

    /// <summary>Whether <paramref name="metric"/> compares against a default choice (meaningless for a heuristic without one, as pad_mm).</summary>
    public static bool IsAboutDefault(string metric) =>
        metric.IndexOf("over_default", StringComparison.Ordinal) >= 0 || metric.IndexOf("default_over", StringComparison.Ordinal) >= 0
        || metric.IndexOf("non_default", StringComparison.Ordinal) >= 0 || metric == "default_better" || metric.IndexOf("vs_default", StringComparison.Ordinal) >= 0;
}
