using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using AutoHeuristic.Features;

namespace AutoHeuristic.Explaining;

/// <summary>One test on the path of an explanation.</summary>
/// <param name="Feature">The feature tested.</param>
/// <param name="Value">The input's value as text.</param>
/// <param name="Text">The test in words with the value, e.g. <c>m = 4096 &gt; 2048.5</c> or <c>dtype = torch.float16: is not torch.float32</c>.</param>
public sealed record ExplanationStep(string Feature, string Value, string Text);

/// <summary>Why a tree answers what it answers for one input: the path of tests, the leaf and the answer.</summary>
public sealed class Explanation
{
    internal Explanation(string title, IReadOnlyList<ExplanationStep> steps, ExplainLeaf leaf)
    {
        Title = title;
        Steps = steps;
        Leaf = leaf;
    }

    /// <summary>The tree's title line.</summary>
    public string Title { get; }

    /// <summary>The tests from the root to the leaf.</summary>
    public IReadOnlyList<ExplanationStep> Steps { get; }

    /// <summary>The leaf reached.</summary>
    public ExplainLeaf Leaf { get; }

    /// <summary>The decided choice (the answer's first), or null when unsure.</summary>
    public string? Decision => Leaf.UnsureReason is null && Leaf.Answer.Count > 0 ? Leaf.Answer[0].Key : null;

    /// <summary>The explanation as lines of text: title, numbered tests, the leaf's counts and the answer.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Title).Append('\n');
        for (int i = 0; i < Steps.Count; i++)
        {
            sb.Append("  ").Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(". ").Append(Steps[i].Text).Append('\n');
        }

        sb.Append("leaf ").Append(Leaf.Id.ToString(CultureInfo.InvariantCulture));
        if (Leaf.Samples > 0) sb.Append(": ").Append(Leaf.Samples.ToString("N0", CultureInfo.InvariantCulture)).Append(" training inputs");
        if (Leaf.Winners.Count > 0)
        {
            sb.Append("; fastest among them: ");
            for (int i = 0; i < Leaf.Winners.Count; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append(Leaf.Winners[i].Key).Append(' ').Append(SplitWording.Number(Leaf.Winners[i].Value));
            }

            if (Leaf.MoreWinners > 0) sb.Append(", + ").Append(Leaf.MoreWinners.ToString(CultureInfo.InvariantCulture)).Append(" more");
        }

        sb.Append('\n');
        if (Leaf.UnsureReason is not null)
        {
            sb.Append("answer: unsure (").Append(Leaf.UnsureReason).Append("); the caller falls back\n");
        }
        else if (Leaf.Answer.Count == 1)
        {
            sb.Append("answer: ").Append(Leaf.Answer[0].Key).Append(" (probability ").Append(Probability(Leaf.Answer[0].Value)).Append(")\n");
        }
        else
        {
            sb.Append("answer, best first:\n");
            for (int i = 0; i < Leaf.Answer.Count; i++)
            {
                sb.Append("  ").Append(Leaf.Answer[i].Key).Append(" (probability ").Append(Probability(Leaf.Answer[i].Value)).Append(")\n");
            }
        }

        return sb.ToString();
    }

    private static string Probability(double p) => p.ToString("0.000", CultureInfo.InvariantCulture);
}

/// <summary>
/// Explains one input's decision: walks an <see cref="ExplainTree"/> with the input's features
/// (logged and augmented: apply the heuristic's operations first), writing each test in positive
/// words with the input's value, and reports the leaf and its answer.
/// </summary>
public static class TreeExplainer
{
    /// <summary>Explains <paramref name="input"/> on <paramref name="tree"/>.</summary>
    /// <exception cref="KeyNotFoundException">The input lacks a feature the path tests; the message names it.</exception>
    public static Explanation Explain(ExplainTree tree, IFeatureSource input)
    {
        if (tree is null) throw new ArgumentNullException(nameof(tree));
        if (input is null) throw new ArgumentNullException(nameof(input));
        var steps = new List<ExplanationStep>();
        ExplainNode node = tree.Root;
        while (node is ExplainSplit split)
        {
            if (!input.TryGetValue(split.Feature, out FeatureValue value))
            {
                throw new KeyNotFoundException($"The input has no feature '{split.Feature}', which the tree tests at step {(steps.Count + 1).ToString(CultureInfo.InvariantCulture)}.");
            }

            bool left;
            string text;
            if (!split.IsCategorical)
            {
                left = value.Number <= split.Threshold;
                string shown = value.IsNumeric ? SplitWording.Number(value.Number) : value.Text;
                text = split.Feature + " = " + shown + (left ? " <= " : " > ") + SplitWording.Number(split.Threshold);
                string? hint = SplitWording.NumericHint(split.Feature, split.Threshold, above: !left);
                if (hint is not null) text += ": " + hint;
                steps.Add(new ExplanationStep(split.Feature, shown, text));
            }
            else
            {
                bool equal = string.Equals(value.Text, split.Category, StringComparison.Ordinal);
                left = !equal;
                if (split.IsYesNo)
                {
                    bool holds = equal == (split.Category == "True");
                    text = split.Feature + " = " + value.Text + ": " + SplitWording.Statement(split.Feature, holds);
                }
                else
                {
                    text = split.Feature + " = " + value.Text + (equal ? ": is " : ": is not ") + split.Category;
                }

                steps.Add(new ExplanationStep(split.Feature, value.Text, text));
            }

            node = left ? split.Left : split.Right;
        }

        return new Explanation(tree.Title, steps, (ExplainLeaf)node);
    }
}
