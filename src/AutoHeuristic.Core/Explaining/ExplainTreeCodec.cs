using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AutoHeuristic.Explaining;

/// <summary>
/// An <see cref="ExplainTree"/> as one string, the form a generated heuristic carries it in (so the
/// class holds data, and the run-time explainer walks it): a title line, then one line per node in
/// pre-order. Choices are written as indices into the heuristic's choice table. Fields are
/// tab-separated; <c>%</c>, tab, CR and LF inside a field are percent-encoded.
/// </summary>
/// <remarks>
/// Lines: <c>T title</c>; <c>N feature threshold</c> (numeric split, threshold in round-trip form);
/// <c>C feature category yesNo(0|1)</c> (categorical split); <c>L id samples unsureReason
/// answerCount (choice probability)* winnerCount (choice count)* moreWinners</c> (leaf; the reason is
/// empty when the leaf decides). A split's left subtree follows it, then its right subtree.
/// </remarks>
public static class ExplainTreeCodec
{
    private const string Magic = "AHX1";

    // Far deeper than any trained tree (PyTorch's grids stop at 7), shallow enough for the stack.
    private const int MaxDepth = 512;

    /// <summary>Encodes <paramref name="tree"/>; every choice it names must be in <paramref name="choices"/>.</summary>
    /// <exception cref="ArgumentException">A leaf names a choice that is not in <paramref name="choices"/>.</exception>
    public static string Encode(ExplainTree tree, IReadOnlyList<string> choices)
    {
        if (tree is null) throw new ArgumentNullException(nameof(tree));
        if (choices is null) throw new ArgumentNullException(nameof(choices));
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < choices.Count; i++)
        {
            if (!index.ContainsKey(choices[i])) index.Add(choices[i], i);
        }

        var sb = new StringBuilder();
        sb.Append(Magic).Append('\n');
        Line(sb, "T", tree.Title);
        var stack = new Stack<ExplainNode>();
        stack.Push(tree.Root);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case ExplainSplit s when !s.IsCategorical:
                    Line(sb, "N", s.Feature, s.Threshold.ToString("R", CultureInfo.InvariantCulture));
                    stack.Push(s.Right);
                    stack.Push(s.Left);
                    break;
                case ExplainSplit s:
                    Line(sb, "C", s.Feature, s.Category, s.IsYesNo ? "1" : "0");
                    stack.Push(s.Right);
                    stack.Push(s.Left);
                    break;
                case ExplainLeaf leaf:
                    var fields = new List<string> { "L", Int(leaf.Id), Int(leaf.Samples), leaf.UnsureReason ?? string.Empty, Int(leaf.Answer.Count) };
                    foreach (KeyValuePair<string, double> a in leaf.Answer)
                    {
                        fields.Add(Int(Choice(index, a.Key)));
                        fields.Add(a.Value.ToString("R", CultureInfo.InvariantCulture));
                    }

                    fields.Add(Int(leaf.Winners.Count));
                    foreach (KeyValuePair<string, double> w in leaf.Winners)
                    {
                        fields.Add(Int(Choice(index, w.Key)));
                        fields.Add(w.Value.ToString("R", CultureInfo.InvariantCulture));
                    }

                    fields.Add(Int(leaf.MoreWinners));
                    Line(sb, fields.ToArray());
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Decodes a string written by <see cref="Encode"/>, naming choices from <paramref name="choices"/>.</summary>
    /// <exception cref="FormatException">The data is not such a string; the message names the line.</exception>
    public static ExplainTree Decode(string data, IReadOnlyList<string> choices)
    {
        if (data is null) throw new ArgumentNullException(nameof(data));
        if (choices is null) throw new ArgumentNullException(nameof(choices));
        string[] lines = data.Split('\n');
        if (lines.Length < 3 || lines[0] != Magic) throw new FormatException("The explanation data does not start with " + Magic + ".");
        string[] title = Fields(lines[1]);
        if (title.Length != 2 || title[0] != "T") throw new FormatException("Line 2 of the explanation data is not the title.");
        int next = 2;
        ExplainNode root = Node(lines, ref next, choices, 0);
        if (next < lines.Length && lines[next].Length > 0) throw new FormatException($"Line {Int(next + 1)} of the explanation data follows a complete tree.");
        return new ExplainTree(title[1], root);
    }

    private static ExplainNode Node(string[] lines, ref int next, IReadOnlyList<string> choices, int depth)
    {
        if (next >= lines.Length || lines[next].Length == 0) throw new FormatException("The explanation data ends inside the tree.");
        int lineNumber = next + 1;
        if (depth > MaxDepth) throw Damaged(lineNumber, "it nests deeper than any tree");
        string[] f = Fields(lines[next++]);
        switch (f[0])
        {
            case "N" when f.Length == 3:
            {
                if (!double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double threshold)) throw Damaged(lineNumber, "the threshold is not a number");
                ExplainNode left = Node(lines, ref next, choices, depth + 1);
                return new ExplainSplit(f[1], threshold, left, Node(lines, ref next, choices, depth + 1));
            }

            case "C" when f.Length == 4:
            {
                ExplainNode left = Node(lines, ref next, choices, depth + 1);
                return new ExplainSplit(f[1], f[2], f[3] == "1", left, Node(lines, ref next, choices, depth + 1));
            }

            case "L":
                try
                {
                    return Leaf(f, choices);
                }
                catch (Exception e) when (e is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException)
                {
                    throw Damaged(lineNumber, "the leaf cannot be read: " + e.Message);
                }

            default:
                throw Damaged(lineNumber, "it is not a node");
        }
    }

    private static FormatException Damaged(int line, string reason) =>
        new($"Line {Int(line)} of the explanation data is damaged: {reason}.");

    private static ExplainLeaf Leaf(string[] f, IReadOnlyList<string> choices)
    {
        int at = 1;
        int id = ParseInt(f[at++]);
        int samples = ParseInt(f[at++]);
        string reason = f[at++];
        var answer = Pairs(f, ref at, choices);
        var winners = Pairs(f, ref at, choices);
        int more = ParseInt(f[at++]);
        if (at != f.Length) throw new FormatException("it has more fields than a leaf");
        return new ExplainLeaf(id, samples, winners, answer, reason.Length == 0 ? null : reason, more);
    }

    private static List<KeyValuePair<string, double>> Pairs(string[] f, ref int at, IReadOnlyList<string> choices)
    {
        int count = ParseInt(f[at++]);
        var pairs = new List<KeyValuePair<string, double>>(count);
        for (int i = 0; i < count; i++)
        {
            int choice = ParseInt(f[at++]);
            double value = double.Parse(f[at++], NumberStyles.Float, CultureInfo.InvariantCulture);
            pairs.Add(new KeyValuePair<string, double>(choices[choice], value));
        }

        return pairs;
    }

    private static int Choice(Dictionary<string, int> index, string choice) =>
        index.TryGetValue(choice, out int i) ? i : throw new ArgumentException($"The choice '{choice}' is not in the heuristic's choice table.", nameof(choice));

    private static void Line(StringBuilder sb, params string[] fields)
    {
        for (int i = 0; i < fields.Length; i++)
        {
            if (i > 0) sb.Append('\t');
            foreach (char c in fields[i])
            {
                switch (c)
                {
                    case '%': sb.Append("%25"); break;
                    case '\t': sb.Append("%09"); break;
                    case '\n': sb.Append("%0A"); break;
                    case '\r': sb.Append("%0D"); break;
                    default: sb.Append(c); break;
                }
            }
        }

        sb.Append('\n');
    }

    private static string[] Fields(string line)
    {
        string[] fields = line.Split('\t');
        for (int i = 0; i < fields.Length; i++)
        {
            if (fields[i].IndexOf('%') >= 0) fields[i] = fields[i].Replace("%09", "\t").Replace("%0A", "\n").Replace("%0D", "\r").Replace("%25", "%");
        }

        return fields;
    }

    private static int ParseInt(string text) => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
