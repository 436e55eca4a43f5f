using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using AutoHeuristic.Learning.Model;

namespace AutoHeuristic.Learning.Tests;

/// <summary>Small logs and helpers shared by the tests.</summary>
internal static class TestLogs
{
    public const string PadMetadata = "{\"shared_memory\": 166912, \"device_capa\": [8, 0], \"name\": \"toy\", \"numerical_features\": [\"m\", \"k\"], \"categorical_features\": [\"dtype\"]}";

    public const string Header = "m,k,dtype,choice,feedback";

    /// <summary>A log of the toy heuristic: metadata, header, then the given rows.</summary>
    public static string Log(params string[] rows) => PadMetadata + "\n" + Header + "\n" + string.Join("\n", rows) + (rows.Length > 0 ? "\n" : string.Empty);

    /// <summary>
    /// A learnable toy heuristic: choice "a" wins when m &lt; 100 (float16) and "b" otherwise, each input
    /// measured <paramref name="repeats"/> times.
    /// </summary>
    public static string Separable(int inputs, int repeats = 1, string name = "toy")
    {
        var sb = new StringBuilder();
        sb.Append(PadMetadata.Replace("\"toy\"", "\"" + name + "\"")).Append('\n').Append(Header).Append('\n');
        for (int i = 0; i < inputs; i++)
        {
            int m = 10 + (i * 7 % 200);
            int k = 16 + (i * 13 % 97);
            string dtype = i % 3 == 0 ? "torch.float32" : "torch.float16";
            bool aWins = m < 100 && dtype == "torch.float16";
            for (int r = 0; r < repeats; r++)
            {
                double jitter = r * 0.001;
                sb.Append(Row(m, k, dtype, "a", (aWins ? 1.0 : 2.0) + jitter));
                sb.Append(Row(m, k, dtype, "b", (aWins ? 1.5 : 1.2) + jitter));
            }
        }

        return sb.ToString();
    }

    private static string Row(int m, int k, string dtype, string choice, double feedback) =>
        string.Create(CultureInfo.InvariantCulture, $"{m},{k},{dtype},{choice},{feedback:R}\n");

    /// <summary>A canonical text of a tree, for equality checks.</summary>
    public static string Dump(TreeNode node)
    {
        var sb = new StringBuilder();
        Dump(node, 0, sb);
        return sb.ToString();
    }

    private static void Dump(TreeNode node, int depth, StringBuilder sb)
    {
        sb.Append(' ', depth * 2);
        switch (node)
        {
            case NumericSplit n:
                sb.Append(CultureInfo.InvariantCulture, $"{n.Feature} <= {n.Threshold:R} ({n.Samples})\n");
                Dump(n.Left, depth + 1, sb);
                Dump(n.Right, depth + 1, sb);
                break;
            case CategoricalSplit c:
                sb.Append(CultureInfo.InvariantCulture, $"{c.Feature} != '{c.Category}' ({c.Samples})\n");
                Dump(c.NotEqual, depth + 1, sb);
                Dump(c.Equal, depth + 1, sb);
                break;
            case Leaf l:
                sb.Append(CultureInfo.InvariantCulture, $"leaf {l.Id} unsafe={l.IsUnsafe} value={l.Value:R} [{string.Join(", ", l.BestChoices.Select(b => b.ChoiceIndex + ":" + b.Probability.ToString("R", CultureInfo.InvariantCulture)))}] ({l.Samples})\n");
                break;
        }
    }


    public static IEnumerable<string> Lines(string text) => text.Split('\n');
}
