using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Model;

namespace AutoHeuristic.Learning.CodeGen;

/// <summary>
/// A learned model in words, for the code a person reads: the three-line tooltip of a tree and of
/// a heuristic class (what it decides from, how it did on held-out inputs, the time it saved) and
/// the one-line comment of a leaf. Plain text holding names as logged: emitters write it only
/// through <see cref="CSharpText"/>.
/// </summary>
public static class ModelDescription
{
    /// <summary>The longest leaf comment (the text after <c>//</c>), in characters.</summary>
    public const int MaxLeafComment = 120;

    // Inputs named in a tooltip before "and N more".
    private const int MaxInputsNamed = 6;

    /// <summary>
    /// Three lines about one tree: what it decides from; right / wrong / benchmark-instead on the
    /// held-out inputs (the test set, else validation); the time it saved there when the logs let
    /// the trainer measure it.
    /// </summary>
    public static IReadOnlyList<string> TreeTooltip(LearnedModel model)
    {
        string hardware = LearnedModelCSharpEmitter.HardwareName(model.Hardware);
        return new[]
        {
            Verb(model) + " '" + model.Name + "' on " + hardware + " (" + model.Hardware + ") from " + InputList(Inputs(new[] { model })) + ".",
            TryHeldOut(model, out string set, out SetMetrics? m) ? "On " + Int(m!["total"]) + " held-out inputs (" + set + " set): " + Outcomes(model, m) + "." : "No held-out inputs were evaluated.",
            m is not null && TimeSaved(m) is string time ? "Time saved on them: " + time + "." : "Time saved: not known (the logs name no default or baseline choice).",
        };
    }

    /// <summary>
    /// Three lines about a heuristic class with these trees (the same three facts, per hardware);
    /// one line saying that every decision is unsure when no tree was learned.
    /// </summary>
    public static IReadOnlyList<string> ClassTooltip(string heuristicName, IReadOnlyList<LearnedModel> models)
    {
        if (models.Count == 0)
        {
            return new[] { "Learned heuristic '" + heuristicName + "': no tree was learned (see the build's AutoHeuristic diagnostics); every decision is unsure (null)." };
        }

        var results = new List<string>();
        var savings = new List<string>();
        foreach (LearnedModel model in models)
        {
            string hardware = LearnedModelCSharpEmitter.HardwareName(model.Hardware);
            if (!TryHeldOut(model, out string set, out SetMetrics? m)) continue;
            results.Add(hardware + " " + Outcomes(model, m!) + " of " + Int(m!["total"]) + " (" + set + ")");
            if (TimeSaved(m) is string time) savings.Add(hardware + " " + time);
        }

        return new[]
        {
            "Learned '" + heuristicName + "' for " + string.Join(", ", models.Select(m => LearnedModelCSharpEmitter.HardwareName(m.Hardware))) + " from " + InputList(Inputs(models)) + ".",
            results.Count > 0 ? "Held-out inputs: " + string.Join("; ", results) + "." : "No held-out inputs were evaluated.",
            savings.Count > 0 ? "Time saved on them: " + string.Join("; ", savings) + "." : "Time saved: not known (the logs name no default or baseline choice).",
        };
    }

    /// <summary>
    /// The comment of a decision or ranking leaf: id, samples, the choices' weights (heaviest
    /// first) and why it answers unsure, cut to <see cref="MaxLeafComment"/> characters with "…"
    /// once written as comment text (<see cref="CSharpText.CommentText"/>).
    /// </summary>
    public static string LeafComment(Leaf leaf, LearnedModel model)
    {
        string head = "leaf " + Int(leaf.Id) + ": " + Int(leaf.Samples) + " samples";
        string tail = leaf.IsUnsafe ? "; unsafe: unsure"
            : UnsureLeaves.AnswersUnsure(model, leaf) ? "; at most the confidence threshold: unsure"
            : string.Empty;
        var weights = new List<(double Weight, int Index)>();
        for (int i = 0; i < leaf.ClassWeights.Count && i < model.Choices.Count; i++)
        {
            if (leaf.ClassWeights[i] > 0) weights.Add((leaf.ClassWeights[i], i));
        }

        weights.Sort((a, b) => a.Weight != b.Weight ? b.Weight.CompareTo(a.Weight) : a.Index.CompareTo(b.Index));
        var parts = weights.Select(w => model.Choices[w.Index] + " " + Num(w.Weight)).ToList();
        string text = head + tail + (parts.Count > 0 ? "; " + string.Join(", ", parts) : string.Empty);
        return Shorten(text, MaxLeafComment);
    }

    /// <summary>
    /// <paramref name="text"/> as comment text (<see cref="CSharpText.CommentText"/>) of at most
    /// <paramref name="max"/> characters: cut before the escape that would pass the limit, and
    /// ended with "…". The cut never splits a surrogate pair or an escape.
    /// </summary>
    public static string Shorten(string text, int max)
    {
        string whole = CSharpText.CommentText(text);
        if (whole.Length <= max) return whole;
        int keep = Math.Min(text.Length, max);
        while (keep > 0)
        {
            if (char.IsHighSurrogate(text[keep - 1])) keep--;
            string cut = CSharpText.CommentText(text.Substring(0, keep)).TrimEnd() + "…";
            if (cut.Length <= max) return cut;
            keep--;
        }

        return "…";
    }

    /// <summary>The features the trees split on, in the order a reader meets them (each once; not the choice a regression tree scores).</summary>
    public static IReadOnlyList<string> Inputs(IEnumerable<LearnedModel> models)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var inputs = new List<string>();
        foreach (LearnedModel model in models)
        {
            var stack = new Stack<TreeNode>();
            stack.Push(model.Root);
            while (stack.Count > 0)
            {
                switch (stack.Pop())
                {
                    case NumericSplit n:
                        if (seen.Add(n.Feature)) inputs.Add(n.Feature);
                        stack.Push(n.Right);
                        stack.Push(n.Left);
                        break;
                    case CategoricalSplit c:
                        bool isChoice = model.Kind == ModelKind.Regression && c.Feature == LearnedModelCSharpEmitter.ChoiceFeature;
                        if (!isChoice && seen.Add(c.Feature)) inputs.Add(c.Feature);
                        stack.Push(c.Equal);
                        stack.Push(c.NotEqual);
                        break;
                }
            }
        }

        return inputs;
    }

    private static string Verb(LearnedModel model) => model.Kind switch
    {
        ModelKind.Ranking => "Ranks the choices of",
        ModelKind.Regression => "Scores the choices of",
        _ => "Decides",
    };

    private static string InputList(IReadOnlyList<string> inputs)
    {
        if (inputs.Count == 0) return "no input (a single leaf)";
        if (inputs.Count <= MaxInputsNamed) return string.Join(", ", inputs);
        return string.Join(", ", inputs.Take(MaxInputsNamed)) + " and " + Int(inputs.Count - MaxInputsNamed) + " more";
    }

    // The held-out set: test, else validation.
    private static bool TryHeldOut(LearnedModel model, out string set, out SetMetrics? metrics)
    {
        foreach (string name in new[] { "test", "val" })
        {
            if (model.Summary.Sets.TryGetValue(name, out metrics) && metrics.Values.ContainsKey(MetricNames.Total))
            {
                set = name == "val" ? "validation" : name;
                return true;
            }
        }

        set = string.Empty;
        metrics = null;
        return false;
    }

    private static string Outcomes(LearnedModel model, SetMetrics m)
    {
        if (model.Kind == ModelKind.Ranking && m.Values.ContainsKey(MetricNames.TopKCorrect))
        {
            return "fastest in the top " + Int(model.RankingK) + " " + Int(m[MetricNames.TopKCorrect]) + ", not in it " + Int(m[MetricNames.TopKWrong])
                + ", benchmark instead " + Int(m[MetricNames.TopKUnsure]);
        }

        return "right " + Int(m[MetricNames.Correct]) + ", wrong " + Int(m[MetricNames.Wrong]) + ", benchmark instead " + Int(m[MetricNames.Unsure]);
    }

    // "2.3 % against the default, 5.1 % against always pad": the measured time_saved_vs_*_pct metrics.
    private static string? TimeSaved(SetMetrics m)
    {
        const string Prefix = "time_saved_vs_", Suffix = "_pct";
        var parts = new List<string>();
        if (m.Values.TryGetValue(MetricNames.TimeSavedVsDefaultPercent, out double vsDefault) && !double.IsNaN(vsDefault))
        {
            parts.Add(Percent(vsDefault) + " against the default");
        }

        foreach (KeyValuePair<string, double> kv in m.Values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (kv.Key == MetricNames.TimeSavedVsDefaultPercent || double.IsNaN(kv.Value)) continue;
            if (!kv.Key.StartsWith(Prefix, StringComparison.Ordinal) || !kv.Key.EndsWith(Suffix, StringComparison.Ordinal)) continue;
            string choice = kv.Key.Substring(Prefix.Length, kv.Key.Length - Prefix.Length - Suffix.Length);
            parts.Add(Percent(kv.Value) + " against always " + choice);
        }

        return parts.Count > 0 ? string.Join(", ", parts) : null;
    }

    private static string Percent(double value) => value.ToString("0.##", CultureInfo.InvariantCulture) + " %";

    private static string Int(double value) => double.IsNaN(value) ? "n/a" : ((long)Math.Round(value)).ToString("N0", CultureInfo.InvariantCulture);

    private static string Num(double value)
    {
        if (double.IsNaN(value)) return "n/a";
        if (Math.Abs(value - Math.Round(value)) < 1e-12 && Math.Abs(value) < 1e15) return ((long)Math.Round(value)).ToString(CultureInfo.InvariantCulture);
        return value.ToString("0.####", CultureInfo.InvariantCulture);
    }
}
