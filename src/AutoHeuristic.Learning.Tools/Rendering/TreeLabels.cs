using System;
using System.Collections.Generic;
using System.Globalization;
using AutoHeuristic.Explaining;
using AutoHeuristic.Formatting;
using AutoHeuristic.Learning.Model;

namespace AutoHeuristic.Learning.Rendering;

/// <summary>The text both tree pictures show, so DOT and SVG say the same thing.</summary>
internal static class TreeLabels
{
    /// <summary>Label of the edge to the child that passes the node's test.</summary>
    public const string Yes = "yes";

    /// <summary>Label of the edge to the child that fails the node's test.</summary>
    public const string No = "no";

    /// <summary>
    /// The node's test in positive words (<see cref="SplitWording"/>): <c>m &lt;= 1024.5</c> for a
    /// numeric split (threshold as Python's repr, the exact double the generated code compares
    /// with), <c>dtype is torch.float16</c> or <c>n is a multiple of 32</c> for a categorical one.
    /// </summary>
    public static string Test(LearnedModel model, TreeNode node) => node switch
    {
        NumericSplit n => SplitWording.NumericTest(n.Feature, n.Threshold),
        CategoricalSplit c => SplitWording.CategoricalTest(c.Feature, c.Category, IsYesNo(model, c)).Test,
        _ => throw new ArgumentException("Not a split node.", nameof(node)),
    };

    /// <summary>The lines of a node's box, first line the test or the leaf's id.</summary>
    public static List<string> Lines(LearnedModel model, TreeNode node, TreeRenderOptions options)
    {
        var lines = new List<string>();
        if (node is Leaf leaf)
        {
            lines.Add("leaf " + leaf.Id.ToString(CultureInfo.InvariantCulture));
            lines.Add("samples " + leaf.Samples.ToString(CultureInfo.InvariantCulture));
            if (model.Kind == ModelKind.Regression)
            {
                lines.Add("value " + PythonFormat.Str(leaf.Value));
                return lines;
            }

            if (leaf.IsUnsafe)
            {
                lines.Add("unsafe: answers unsure");
            }
            else if (UnsureLeaves.BelowThreshold(model, leaf))
            {
                lines.Add("below threshold: unsure");
            }

            int shown = Math.Min(leaf.BestChoices.Count, Math.Max(0, options.MaxChoicesPerLeaf));
            for (int i = 0; i < shown; i++)
            {
                LeafChoice choice = leaf.BestChoices[i];
                string label = UsesShortKeys(model, options) ? ShortKey(choice.ChoiceIndex) : ChoiceName(model, choice.ChoiceIndex);
                lines.Add(label + "  " + choice.Probability.ToString("0.000", CultureInfo.InvariantCulture));
            }

            if (leaf.BestChoices.Count > shown)
            {
                lines.Add("+ " + (leaf.BestChoices.Count - shown).ToString(CultureInfo.InvariantCulture) + " more");
            }

            return lines;
        }

        lines.Add(Test(model, node));
        lines.Add("samples " + node.Samples.ToString(CultureInfo.InvariantCulture));
        return lines;
    }

    /// <summary>The title block: name, kind, hardware, selected hyper-parameters and size.</summary>
    public static List<string> Title(LearnedModel model)
    {
        TrainingSummary s = model.Summary;
        var kind = model.Kind switch
        {
            ModelKind.Decision => "decision",
            ModelKind.Ranking => "ranking, top " + model.RankingK.ToString(CultureInfo.InvariantCulture),
            _ => "regression",
        };
        return new List<string>
        {
            model.Name + " (" + kind + ") on " + model.Hardware,
            "criterion " + (model.Kind == ModelKind.Regression ? "squared_error" : s.Criterion) + ", max depth " + s.MaxDepth.ToString(CultureInfo.InvariantCulture)
                + ", min samples leaf " + MinSamplesLeaf(s.MinSamplesLeaf)
                + ", threshold " + PythonFormat.Str(model.ConfidenceThreshold),
            s.Leaves.ToString(CultureInfo.InvariantCulture) + " leaves, depth " + s.Depth.ToString(CultureInfo.InvariantCulture)
                + ", " + model.Choices.Count.ToString(CultureInfo.InvariantCulture) + " choices, "
                + s.Rows.ToString(CultureInfo.InvariantCulture) + " rows, " + s.Inputs.ToString(CultureInfo.InvariantCulture) + " inputs",
            model.Kind == ModelKind.Regression
                ? "each box: its test, or a leaf's predicted score; \"yes\" edges lead where the test holds"
                : "each box: its test, or a leaf's best choices with probabilities; \"yes\" edges lead where the test holds; unsure leaves fall back",
        };
    }

    /// <summary>Children of a split node: where its <see cref="Test"/> holds ("yes") and where not; null for a leaf.</summary>
    public static (TreeNode Yes, TreeNode No)? Children(LearnedModel model, TreeNode node)
    {
        switch (node)
        {
            case NumericSplit n:
                return (n.Left, n.Right);
            case CategoricalSplit c:
                bool yesIsEqual = SplitWording.CategoricalTest(c.Feature, c.Category, IsYesNo(model, c)).YesIsEqual;
                return yesIsEqual ? (c.Equal, c.NotEqual) : (c.NotEqual, c.Equal);
            default:
                return null;
        }
    }

    private static bool IsYesNo(LearnedModel model, CategoricalSplit split)
    {
        bool augmented = false;
        foreach (FeatureInfo f in model.Features)
        {
            if (f.Name == split.Feature) augmented = f.IsAugmented;
        }

        return SplitWording.IsYesNo(split.Feature, augmented, split.Category);
    }

    // A count (10) or a fraction of the training rows (0.01), as PyTorch's grid writes them.
    private static string MinSamplesLeaf(double value) =>
        value >= 1 && value == Math.Floor(value) ? ((long)value).ToString(CultureInfo.InvariantCulture) : PythonFormat.Str(value);

    /// <summary>Whether leaves name choices by short keys (see <see cref="TreeRenderOptions.ShortChoiceKeys"/>).</summary>
    public static bool UsesShortKeys(LearnedModel model, TreeRenderOptions options)
    {
        if (options.ShortChoiceKeys is bool chosen) return chosen;
        foreach (string choice in model.Choices)
        {
            if (choice.Length > TreeRenderOptions.ShortKeysAbove) return true;
        }

        return false;
    }

    /// <summary>The short key of choice <paramref name="index"/>: <c>[3]</c>.</summary>
    public static string ShortKey(int index) => "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>The full name of choice <paramref name="index"/>.</summary>
    public static string ChoiceName(LearnedModel model, int index) =>
        index >= 0 && index < model.Choices.Count ? model.Choices[index] : "#" + index.ToString(CultureInfo.InvariantCulture);
}
