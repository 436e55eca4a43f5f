using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AutoHeuristic.Learning.Model;

namespace AutoHeuristic.Learning.Tests.Parity;

/// <summary>
/// A stable structural hash of a learned tree: SHA-256 of <see cref="Describe"/>, the tree written
/// node by node in pre-order (left before right), each line one node:
/// <list type="bullet">
/// <item><c>split FEATURE &lt;= THRESHOLD samples=N</c> for a numeric split,</item>
/// <item><c>split FEATURE != CATEGORY samples=N</c> for a categorical split (left: not equal),</item>
/// <item><c>leaf ID samples=N unsafe=B value=V best=[P CHOICE, …] weights=[W, …]</c> for a leaf.</item>
/// </list>
/// Doubles are written round-trip in the invariant culture, so equal trees hash equally on any machine.
/// </summary>
internal static class TreeFingerprint
{
    /// <summary>The first 16 hex digits of the SHA-256 of <see cref="Describe"/>.</summary>
    public static string Hash(TreeNode root, IReadOnlyList<string> choices)
    {
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(Describe(root, choices)));
        return Convert.ToHexStringLower(digest, 0, 8);
    }

    /// <summary>The tree, one line per node in pre-order.</summary>
    public static string Describe(TreeNode root, IReadOnlyList<string> choices)
    {
        var text = new StringBuilder();
        var stack = new Stack<(TreeNode Node, int Depth)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            (TreeNode node, int depth) = stack.Pop();
            text.Append(' ', 2 * depth);
            switch (node)
            {
                case NumericSplit n:
                    text.Append("split ").Append(n.Feature).Append(" <= ").Append(Number(n.Threshold)).Append(" samples=").Append(n.Samples).Append('\n');
                    stack.Push((n.Right, depth + 1));
                    stack.Push((n.Left, depth + 1));
                    break;
                case CategoricalSplit c:
                    text.Append("split ").Append(c.Feature).Append(" != ").Append(c.Category).Append(" samples=").Append(c.Samples).Append('\n');
                    stack.Push((c.Equal, depth + 1));
                    stack.Push((c.NotEqual, depth + 1));
                    break;
                case Leaf leaf:
                    text.Append("leaf ").Append(leaf.Id).Append(" samples=").Append(leaf.Samples)
                        .Append(" unsafe=").Append(leaf.IsUnsafe ? "true" : "false")
                        .Append(" value=").Append(Number(leaf.Value)).Append(" best=[");
                    for (int i = 0; i < leaf.BestChoices.Count; i++)
                    {
                        if (i > 0) text.Append(", ");
                        text.Append(Number(leaf.BestChoices[i].Probability)).Append(' ').Append(choices[leaf.BestChoices[i].ChoiceIndex]);
                    }

                    text.Append("] weights=[");
                    for (int i = 0; i < leaf.ClassWeights.Count; i++)
                    {
                        if (i > 0) text.Append(", ");
                        text.Append(Number(leaf.ClassWeights[i]));
                    }

                    text.Append("]\n");
                    break;
                default:
                    throw new InvalidOperationException("Unknown tree node " + node.GetType().Name + ".");
            }
        }

        return text.ToString();
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
