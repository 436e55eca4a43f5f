using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Model;

namespace AutoHeuristic.Learning.CodeGen;

/// <summary>
/// Writes a <see cref="LearnedModel"/> as C#: a class deriving from <c>global::AutoHeuristic.LearnedTree</c>
/// (which holds the hardware dispatch and the feature reads; <c>DecisionPolicy</c> decides) whose
/// tree is nested <c>if</c>/<c>else</c> reading features by name, with one static array per leaf,
/// so a decision allocates nothing. The source generator and the CLI's <c>train --emit-cs</c> both
/// put the trees in the class <see cref="HeuristicClassWriter"/> writes. Output is deterministic to the byte:
/// invariant round-trip literals, <c>\n</c> line endings, no timestamps or paths. Every name from the
/// model reaches the code through <see cref="CSharpText"/> (literals, comments, XML docs), so a
/// hostile log cannot add code; class names are checked to be identifiers.
/// </summary>
public static class LearnedModelCSharpEmitter
{
    private const string TreeBase = "global::AutoHeuristic.LearnedTree";
    private const string RegressionTreeBase = "global::AutoHeuristic.LearnedRegressionTree";
    private const string Explainable = "global::AutoHeuristic.IExplainableHeuristic";

    /// <summary>The feature name under which a regression tree splits on the choice being scored.</summary>
    public const string ChoiceFeature = "choice";
    private const string ChoiceProbability = "global::AutoHeuristic.ChoiceProbability";
    private const string Context = "global::AutoHeuristic.AHContext";

    /// <summary>
    /// A class name for the tree of <paramref name="hardware"/>: <c>A100</c>, <c>H100</c> for the
    /// known GPUs (an H200 reports as an H100), otherwise <c>Sm{major}{minor}Smem{bytes}</c>. Always
    /// an identifier, even for the negative numbers a damaged log may hold (<c>-1</c> is written <c>Neg1</c>).
    /// </summary>
    public static string HardwareName(HardwareKey hardware)
    {
        if (hardware == HardwareKey.A100) return "A100";
        if (hardware == HardwareKey.H100) return "H100";
        return "Sm" + Digits(hardware.Capability.Major) + Digits(hardware.Capability.Minor) + "Smem" + Digits(hardware.SharedMemory);
    }

    /// <summary>
    /// Writes the tree class of <paramref name="model"/> named <paramref name="className"/>, nested
    /// in a class that has the <c>s_operations</c> array (the augmented features a tree computes
    /// when the caller did not). Decision and ranking models derive from <c>LearnedTree</c> (leaves
    /// return static choice arrays); regression models from <c>LearnedRegressionTree</c> (leaves
    /// return scores). Features are read by name; a logged categorical feature whose training
    /// values are known is checked against them (another value makes the decision unsure).
    /// </summary>
    public static void WriteTreeClass(SourceWriter writer, LearnedModel model, string className)
    {
        if (CSharpText.TypeNameProblem(className) is string classProblem) throw new ArgumentException("The tree class name " + classProblem + ".", nameof(className));
        bool regression = model.Kind == ModelKind.Regression;
        var reads = new FeatureReads(model);
        List<Leaf> leaves = model.Root.CollectLeaves();

        writer.WriteLine("/// <summary>");
        foreach (string line in ModelDescription.TreeTooltip(model)) writer.WriteLine("/// <para>" + CSharpText.XmlDocText(line) + "</para>");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("private sealed class " + className + " : " + (regression ? RegressionTreeBase : TreeBase + ", " + Explainable));
        writer.OpenBrace();
        foreach (Leaf leaf in leaves.Where(l => !regression && !UnsureLeaves.AnswersUnsure(model, l)).OrderBy(l => l.Id))
        {
            writer.WriteLine("private static readonly " + ChoiceProbability + "[] " + LeafField(leaf) + " = new " + ChoiceProbability + "[] { "
                + string.Join(", ", leaf.BestChoices.Select(c => "new " + ChoiceProbability + "(" + DoubleLiteral(c.Probability) + ", " + c.ChoiceIndex.ToString(CultureInfo.InvariantCulture) + ")"))
                + " };");
        }

        foreach (KeyValuePair<string, string> known in reads.KnownValueFields)
        {
            FeatureInfo feature = reads.Feature(known.Key);
            writer.WriteLine("// The values of '" + CSharpText.CommentText(feature.Name) + "' in the training data; another value makes a decision unsure.");
            writer.WriteLine("private static readonly string[] " + known.Value + " = new string[] { " + string.Join(", ", feature.Categories!.Select(CSharpText.StringLiteral)) + " };");
        }

        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// '" + CSharpText.XmlDocText(model.Name) + "' on " + CSharpText.XmlDocText(HardwareName(model.Hardware) + " (" + model.Hardware + ")") + "; "
            + (UnsureLeaves.FoldsThreshold(model)
                ? "the threshold " + CSharpText.XmlDocText(DoubleLiteral(model.ConfidenceThreshold)) + " is applied in the leaves, as the trainer evaluated it (a leaf whose top probability is below 1 and at most it returns null)."
                : "confidence threshold " + CSharpText.XmlDocText(DoubleLiteral(model.ConfidenceThreshold)) + "."));
        writer.WriteLine("/// </summary>");
        writer.WriteLine("public " + className + "()");
        writer.WriteLine("    : base(" + CSharpText.StringLiteral(model.Name) + ", new string[] { " + string.Join(", ", model.Choices.Select(CSharpText.StringLiteral)) + " }, "
            + model.Hardware.SharedMemory.ToString(CultureInfo.InvariantCulture) + "L, "
            + model.Hardware.Capability.Major.ToString(CultureInfo.InvariantCulture) + ", "
            + model.Hardware.Capability.Minor.ToString(CultureInfo.InvariantCulture) + ", "
            + DoubleLiteral(UnsureLeaves.FoldsThreshold(model) ? 0.0 : model.ConfidenceThreshold) + ", s_operations)");
        writer.OpenBrace();
        writer.CloseBrace();
        writer.WriteLine();
        if (!regression)
        {
            // The tree once more as data, read only by the run-time explainer (HeuristicExplainer).
            writer.WriteLine("/// <inheritdoc />");
            writer.WriteLine("public string ExplainData => " + CSharpText.StringLiteral(ModelExplainer.ExplainData(model)!) + ";");
            writer.WriteLine();
        }

        writer.WriteLine("/// <inheritdoc />");
        writer.WriteLine(regression
            ? "public override double PredictFeedback(" + Context + " context, string choice)"
            : "public override " + ChoiceProbability + "[]? GetBestChoices(" + Context + " context)");
        writer.OpenBrace();
        WriteNode(writer, model.Root, model, reads);
        writer.CloseBrace();
        writer.CloseBrace();
    }

    /// <summary>
    /// A standalone C# file (for <c>autoheuristic train --emit-cs</c>) holding the class the source
    /// generator writes (<see cref="HeuristicClassWriter"/>), declared
    /// <c>public static partial class <paramref name="className"/></c>: the same members, the same
    /// trees, registered from a module initializer. Models of several heuristic names give one
    /// class each, in name order: <paramref name="className"/>, <paramref name="className"/>2, …
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="namespaceName"/> or <paramref name="className"/> is not a usable C# name
    /// (see <see cref="CSharpText.NamespaceProblem"/> and <see cref="HeuristicClassWriter.ClassNameProblem"/>).
    /// </exception>
    public static string WriteStandaloneFile(IReadOnlyList<LearnedModel> models, string? namespaceName, string className)
    {
        if (!string.IsNullOrEmpty(namespaceName) && CSharpText.NamespaceProblem(namespaceName!) is string namespaceProblem) throw new ArgumentException(namespaceProblem + ".", nameof(namespaceName));
        if (HeuristicClassWriter.ClassNameProblem(className) is string classProblem) throw new ArgumentException(classProblem + ".", nameof(className));
        var w = new SourceWriter();
        w.WriteLine("// <auto-generated/>");
        w.WriteLine("#nullable enable");
        w.WriteLine();
        bool inNamespace = !string.IsNullOrEmpty(namespaceName);
        if (inNamespace)
        {
            w.WriteLine("namespace " + namespaceName);
            w.OpenBrace();
        }

        var byName = models.GroupBy(m => m.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        for (int i = 0; i < byName.Count; i++)
        {
            if (i > 0) w.WriteLine();
            HeuristicClassParts parts = HeuristicClassParts.FromModels(byName[i].Key, byName[i].ToList());
            HeuristicClassWriter.Write(w, parts, "public static partial class " + HeuristicClassWriter.Numbered(className, i), "autoheuristic train --emit-cs");
        }

        if (inNamespace) w.CloseBrace();
        return w.ToString();
    }

    /// <summary>Unique nested class names, one per model: <c>{Hardware}Tree</c>, numbered on clashes.</summary>
    public static IReadOnlyList<string> TreeClassNames(IReadOnlyList<LearnedModel> models)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>(models.Count);
        foreach (LearnedModel model in models)
        {
            string baseName = HardwareName(model.Hardware) + "Tree";
            string name = baseName;
            for (int n = 2; !used.Add(name); n++) name = baseName + n.ToString(CultureInfo.InvariantCulture);
            result.Add(name);
        }

        return result;
    }

    /// <summary>
    /// The human-readable training summary of a model (one sentence per line): data, tree, threshold
    /// and the metrics of each set, as shown in the generated XML docs and the sample's report. Plain
    /// text holding the model's name as logged: code gets it through <see cref="CSharpText"/>.
    /// </summary>
    public static IReadOnlyList<string> SummaryLines(LearnedModel model)
    {
        TrainingSummary s = model.Summary;
        var lines = new List<string>
        {
            "Learned '" + model.Name + "' (" + KindText(model) + ") for " + HardwareName(model.Hardware) + " (" + model.Hardware + ").",
            "Training data: " + Int(s.Rows) + " rows, " + Int(s.Inputs) + " inputs, " + Int(model.Choices.Count) + " choices, " + Int(model.Features.Count) + " features.",
            "Tree: " + s.Criterion + ", max depth " + Int(s.MaxDepth) + ", min samples per leaf " + Num(s.MinSamplesLeaf)
                + "; depth " + Int(s.Depth) + ", " + Int(s.Leaves) + " leaves; confidence threshold " + Num(model.ConfidenceThreshold) + ".",
        };
        foreach (string set in OrderedSets(s.Sets.Keys))
        {
            SetMetrics m = s.Sets[set];
            var sb = new StringBuilder();
            sb.Append(set).Append(": ");
            bool first = true;
            foreach (string key in new[] { "correct", "wrong", "unsure", "total" })
            {
                if (!m.Values.TryGetValue(key, out double v)) continue;
                if (!first) sb.Append(", ");
                sb.Append(key).Append(' ').Append(Num(v));
                first = false;
            }

            foreach (KeyValuePair<string, double> kv in m.Values.Where(kv => IsReported(kv.Key, m)).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                if (!first) sb.Append(", ");
                sb.Append(kv.Key).Append(' ').Append(Num(kv.Value));
                first = false;
            }

            lines.Add(sb.Append('.').ToString());
        }

        return lines;
    }

    // The speedups, the time saved against each always-the-same-choice baseline and the slowdown
    // against the fastest choice. Speedups over a default are left out where the summary shows the
    // heuristic had none (time saved against baselines, but not against a default, as for pad_mm).
    private static bool IsReported(string key, SetMetrics m)
    {
        bool speedup = key.IndexOf("speedup", StringComparison.Ordinal) >= 0;
        bool timeSaved = key.StartsWith("time_saved_vs_", StringComparison.Ordinal) && key.EndsWith("_pct", StringComparison.Ordinal);
        if (!speedup && !timeSaved && key != MetricNames.OracleTotalSlowdown) return false;
        bool aboutDefault = key.IndexOf("over_default", StringComparison.Ordinal) >= 0 || key.IndexOf("default_over", StringComparison.Ordinal) >= 0;
        bool noDefault = !m.Values.ContainsKey(MetricNames.TimeSavedVsDefaultMs) && m.Values.Keys.Any(k => k.StartsWith("time_saved_vs_", StringComparison.Ordinal));
        return !(aboutDefault && noDefault);
    }

    /// <summary>A C# <c>double</c> literal that round-trips exactly, in any culture.</summary>
    public static string DoubleLiteral(double value)
    {
        if (double.IsNaN(value)) return "double.NaN";
        if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.IndexOf('.') < 0 && text.IndexOf('E') < 0) text += ".0";
        return text;
    }

    private static void WriteNode(SourceWriter w, TreeNode node, LearnedModel model, FeatureReads reads)
    {
        switch (node)
        {
            case Leaf leaf when model.Kind == ModelKind.Regression:
                w.WriteLine("// leaf " + Int(leaf.Id) + ": " + Int(leaf.Samples) + " samples");
                w.WriteLine("return " + DoubleLiteral(leaf.Value) + ";");
                break;
            case Leaf leaf:
                w.WriteLine("// " + ModelDescription.LeafComment(leaf, model));
                w.WriteLine(UnsureLeaves.AnswersUnsure(model, leaf) ? "return null;" : "return " + LeafField(leaf) + ";");
                break;
            case CategoricalSplit split when model.Kind == ModelKind.Regression && split.Feature == ChoiceFeature:
                // The choice being scored is the method's argument, not a context feature.
                w.WriteLine("if (choice != " + CSharpText.StringLiteral(split.Category) + ")");
                WriteBranches(w, split.NotEqual, split.Equal, model, reads);
                break;
            case NumericSplit split:
                w.WriteLine("if (Number(context, " + CSharpText.StringLiteral(split.Feature) + ") <= " + DoubleLiteral(split.Threshold) + ")");
                WriteBranches(w, split.Left, split.Right, model, reads);
                break;
            case CategoricalSplit split:
                w.WriteLine("if (" + reads.Text(split.Feature) + " != " + CSharpText.StringLiteral(split.Category) + ")");
                WriteBranches(w, split.NotEqual, split.Equal, model, reads);
                break;
            default:
                throw new NotSupportedException("Unknown tree node type " + node.GetType().Name + ".");
        }
    }

    private static void WriteBranches(SourceWriter w, TreeNode left, TreeNode right, LearnedModel model, FeatureReads reads)
    {
        w.OpenBrace();
        WriteNode(w, left, model, reads);
        w.CloseBrace();
        w.WriteLine("else");
        w.OpenBrace();
        WriteNode(w, right, model, reads);
        w.CloseBrace();
    }

    /// <summary>
    /// How a tree reads its categorical features: a logged feature whose training values are
    /// known is read with <c>Category(context, name, s_valuesN)</c> (one array per feature, named by
    /// the order of first use: no log text becomes an identifier); augmented features and features
    /// without known values with <c>Text(context, name)</c>.
    /// </summary>
    private sealed class FeatureReads
    {
        private readonly Dictionary<string, FeatureInfo> _features = new(StringComparer.Ordinal);

        public FeatureReads(LearnedModel model)
        {
            foreach (FeatureInfo f in model.Features) _features[f.Name] = f;
            foreach (string input in ModelDescription.Inputs(new[] { model }))
            {
                if (_features.TryGetValue(input, out FeatureInfo? f) && f.IsCategorical && !f.IsAugmented && f.Categories is not null)
                {
                    KnownValueFields.Add(new KeyValuePair<string, string>(input, "s_values" + KnownValueFields.Count.ToString(CultureInfo.InvariantCulture)));
                }
            }
        }

        /// <summary>Feature name → the field holding its training values, in order of first use.</summary>
        public List<KeyValuePair<string, string>> KnownValueFields { get; } = new();

        public FeatureInfo Feature(string name) => _features[name];

        public string Text(string feature)
        {
            string literal = CSharpText.StringLiteral(feature);
            foreach (KeyValuePair<string, string> known in KnownValueFields)
            {
                if (known.Key == feature) return "Category(context, " + literal + ", " + known.Value + ")";
            }

            return "Text(context, " + literal + ")";
        }
    }

    private static string LeafField(Leaf leaf) => "s_leaf" + leaf.Id.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<string> OrderedSets(IEnumerable<string> sets)
    {
        string[] known = { "train", "val", "test" };
        var all = sets.ToList();
        foreach (string k in known)
        {
            if (all.Contains(k)) yield return k;
        }

        foreach (string other in all.Where(s => Array.IndexOf(known, s) < 0).OrderBy(s => s, StringComparer.Ordinal)) yield return other;
    }

    private static string KindText(LearnedModel model) => model.Kind switch
    {
        ModelKind.Ranking => "ranking, top " + Int(model.RankingK),
        ModelKind.Regression => "regression",
        _ => "decision",
    };

    // An integer as identifier characters: digits, with "Neg" for a minus sign.
    private static string Digits(long value) => value.ToString(CultureInfo.InvariantCulture).Replace("-", "Neg");

    private static string Int(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Num(double value)
    {
        if (double.IsNaN(value)) return "n/a";
        if (Math.Abs(value - Math.Round(value)) < 1e-12 && Math.Abs(value) < 1e15) return ((long)Math.Round(value)).ToString(CultureInfo.InvariantCulture);
        return value.ToString("0.####", CultureInfo.InvariantCulture);
    }
}
