using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Problems;
using AutoHeuristic.Learning.Training;

namespace AutoHeuristic.Cli.Reports;

/// <summary>
/// The <c>--json</c> file of <c>train</c> and <c>evaluate</c>. For one heuristic:
/// <c>{"name", "hardware", "kind", "selected": {"criterion", "max_depth", "min_samples_leaf", "threshold", "leaves", "depth"} | null,
/// "sets": {"&lt;set&gt;": {&lt;metric as PyTorch names it&gt;: value, …}}, "dataset", "grid", "problems", "seconds"}</c>;
/// for several heuristics the same objects (without <c>seconds</c>) in <c>"heuristics": […]</c> beside
/// <c>problems</c> and <c>seconds</c>. Non-finite metric values are written as <c>null</c> (JSON has no infinity).
/// </summary>
public static class JsonReport
{
    /// <summary>The report as indented JSON text.</summary>
    /// <param name="result">What to report.</param>
    /// <param name="seconds">Wall time of the run.</param>
    /// <param name="notEvaluated">evaluate's logs that no model could be evaluated on, written as <c>"not_evaluated": [{"set", "file", "reason"}]</c>.</param>
    public static string ToJson(TrainingResult result, double seconds, IReadOnlyList<(string Set, string File, string Reason)>? notEvaluated = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            if (result.Heuristics.Count == 1)
            {
                WriteHeuristicBody(w, result.Heuristics[0]);
            }
            else
            {
                w.WriteStartArray("heuristics");
                foreach (HeuristicTrainingResult h in result.Heuristics)
                {
                    w.WriteStartObject();
                    WriteHeuristicBody(w, h);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteStartArray("problems");
            foreach (LearningProblem p in result.Problems)
            {
                w.WriteStartObject();
                w.WriteString("code", p.Code);
                w.WriteString("severity", p.Severity.ToString().ToLowerInvariant());
                w.WriteString("message", p.Message);
                if (p.File is not null) w.WriteString("file", p.File);
                if (p.Line > 0) w.WriteNumber("line", p.Line);
                if (p.Column > 0) w.WriteNumber("column", p.Column);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (notEvaluated is not null)
            {
                w.WriteStartArray("not_evaluated");
                foreach (var (set, file, reason) in notEvaluated)
                {
                    w.WriteStartObject();
                    w.WriteString("set", set);
                    w.WriteString("file", file);
                    w.WriteString("reason", reason);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteNumber("seconds", seconds);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteHeuristicBody(Utf8JsonWriter w, HeuristicTrainingResult h)
    {
        w.WriteString("name", h.Name);
        w.WriteStartObject("hardware");
        w.WriteNumber("shared_memory", h.Hardware.SharedMemory);
        w.WriteStartArray("device_capa");
        w.WriteNumberValue(h.Hardware.Capability.Major);
        w.WriteNumberValue(h.Hardware.Capability.Minor);
        w.WriteEndArray();
        w.WriteEndObject();
        if (h.Model is { } model)
        {
            w.WriteString("kind", model.Kind.ToString().ToLowerInvariant());
            w.WriteStartArray("choices");
            foreach (string c in model.Choices) w.WriteStringValue(c);
            w.WriteEndArray();
        }

        if (h.Selected is { } selected)
        {
            w.WriteStartObject("selected");
            WritePoint(w, h, selected);
            w.WriteEndObject();
            w.WritePropertyName("sets");
            WriteSets(w, selected.Sets);
        }
        else
        {
            w.WriteNull("selected");
            w.WriteStartObject("sets");
            w.WriteEndObject();
        }

        w.WriteStartObject("dataset");
        w.WriteNumber("rows", h.Dataset.Rows);
        w.WriteNumber("skipped_rows", h.Dataset.SkippedRows);
        w.WriteNumber("inputs", h.Dataset.Inputs);
        w.WriteNumber("choices", h.Dataset.Choices);
        w.WriteStartObject("set_sizes");
        foreach (KeyValuePair<string, int> s in h.Dataset.SetSizes) w.WriteNumber(s.Key, s.Value);
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartArray("grid");
        foreach (GridResult g in h.Grid)
        {
            w.WriteStartObject();
            WritePoint(w, h, g);
            w.WriteBoolean("eligible", g.Eligible);
            w.WritePropertyName("sets");
            WriteSets(w, g.Sets);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("training_seconds", h.Elapsed.TotalSeconds);
    }

    private static void WritePoint(Utf8JsonWriter w, HeuristicTrainingResult h, GridResult g)
    {
        w.WriteString("criterion", Numbers.Criterion(h, g.Point));
        w.WriteNumber("max_depth", g.Point.MaxDepth);
        WriteNumber(w, "min_samples_leaf", g.Point.MinSamplesLeaf);
        WriteNumber(w, "threshold", g.Threshold);
        w.WriteNumber("leaves", g.Leaves);
        w.WriteNumber("depth", g.Depth);
    }

    private static void WriteSets(Utf8JsonWriter w, IReadOnlyDictionary<string, SetMetrics> sets)
    {
        w.WriteStartObject();
        foreach (KeyValuePair<string, SetMetrics> set in sets)
        {
            w.WriteStartObject(set.Key);
            foreach (KeyValuePair<string, double> metric in set.Value.Values) WriteNumber(w, metric.Key, metric.Value);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
    }
}
