using System;
using System.Collections.Generic;
using System.Globalization;
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
    /// The test that sends a sample to the left ("yes") child: <c>m &lt;= 1024.5</c> for a numeric
    /// split (threshold as Python's repr, the exact double the generated code compares with),
    /// <c>mat1_dtype != torch.float16</c> for a categorical one.
    /// </summary>
    public static string Test(TreeNode node) => node switch
    {
        NumericSplit n => n.Feature + " <= " + PythonFormat.Str(n.Threshold),
        CategoricalSplit c => c.Feature + " != " + c.Category,
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
            else if (BelowThreshold(model, leaf))
            {
                lines.Add("below threshold: unsure");
            }

            int shown = Math.Min(leaf.BestChoices.Count, Math.Max(0, options.MaxChoicesPerLeaf));
            for (int i = 0; i < shown; i++)
            {
                LeafChoice choice = leaf.BestChoices[i];
                lines.Add(ChoiceName(model, choice.ChoiceIndex) + "  " + choice.Probability.ToString("0.000", CultureInfo.InvariantCulture));
            }

            if (leaf.BestChoices.Count > shown)
            {
                lines.Add("+ " + (leaf.BestChoices.Count - shown).ToString(CultureInfo.InvariantCulture) + " more");
            }

            return lines;
        }

        lines.Add(Test(node));
        lines.Add("samples " + node.Samples.ToString(CultureInfo.InvariantCulture));
        return lines;
    }

    /// <summary>Whether the leaf answers "unsure": marked unsafe, or a decision whose best probability does not beat the threshold.</summary>
    public static bool AnswersUnsure(LearnedModel model, Leaf leaf) =>
        model.Kind != ModelKind.Regression && (leaf.IsUnsafe || BelowThreshold(model, leaf));

    private static bool BelowThreshold(LearnedModel model, Leaf leaf) =>
        model.Kind == ModelKind.Decision && leaf.BestChoices.Count > 0 && model.ConfidenceThreshold > 0
        && leaf.BestChoices[0].Probability <= model.ConfidenceThreshold;

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

    /// <summary>Children of a split node, left ("yes") first; empty for a leaf.</summary>
    public static (TreeNode Yes, TreeNode No)? Children(TreeNode node) => node switch
    {
        NumericSplit n => (n.Left, n.Right),
        CategoricalSplit c => (c.NotEqual, c.Equal),
        _ => null,
    };

    // A count (10) or a fraction of the training rows (0.01), as PyTorch's grid writes them.
    private static string MinSamplesLeaf(double value) =>
        value >= 1 && value == Math.Floor(value) ? ((long)value).ToString(CultureInfo.InvariantCulture) : PythonFormat.Str(value);

    private static string ChoiceName(LearnedModel model, int index) =>
        index >= 0 && index < model.Choices.Count ? model.Choices[index] : "#" + index.ToString(CultureInfo.InvariantCulture);
}
