using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.Model;

namespace AutoHeuristic.Learning.CodeGen;

/// <summary>
/// Writes a <see cref="LearnedModel"/> as C#: a class implementing <c>global::AutoHeuristic.ILearnedHeuristic</c>
/// whose tree is nested <c>if</c>/<c>else</c> with one static array per leaf, so a decision
/// allocates nothing. Used by the source generator (trees nested in the user's partial class) and
/// by the CLI's <c>train --emit-cs</c> (a standalone file). Output is deterministic to the byte:
/// invariant round-trip literals, <c>\n</c> line endings, no timestamps or paths. Every name from the
/// model reaches the code through <see cref="CSharpText"/> (literals, comments, XML docs), so a
/// hostile log cannot add code; class names are checked to be identifiers.
/// </summary>
public static class LearnedModelCSharpEmitter
{
    private const string Heuristic = "global::AutoHeuristic.ILearnedHeuristic";
    private const string RegressionHeuristic = "global::AutoHeuristic.ILearnedRegressionHeuristic";
    private const string Explainable = "global::AutoHeuristic.IExplainableHeuristic";

    /// <summary>The feature name under which a regression tree splits on the choice being scored.</summary>
    public const string ChoiceFeature = "choice";
    private const string ChoiceProbability = "global::AutoHeuristic.ChoiceProbability";
    private const string Metadata = "global::AutoHeuristic.Hardware.AHMetadata";
    private const string Context = "global::AutoHeuristic.AHContext";

    /// <summary>
    /// The C# expression (of type <c>global::AutoHeuristic.Features.FeatureValue</c>) that reads a
    /// feature from the variable <c>context</c>: logged features and features the caller's
    /// operations already added are read with <c>context.GetValue</c>.
    /// </summary>
    public static string ReadFromContext(FeatureInfo feature) => "context.GetValue(" + CSharpText.StringLiteral(feature.Name) + ")";

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
    /// Writes the tree class of <paramref name="model"/> named <paramref name="className"/>,
    /// reading features with <paramref name="readFeature"/> (see <see cref="ReadFromContext"/>).
    /// Decision and ranking models implement <c>ILearnedHeuristic</c> (leaves return static choice
    /// arrays); regression models implement <c>ILearnedRegressionHeuristic</c> (leaves return scores).
    /// </summary>
    public static void WriteTreeClass(SourceWriter writer, LearnedModel model, string className, Func<FeatureInfo, string> readFeature, string modifiers = "private sealed")
    {
        if (CSharpText.TypeNameProblem(className) is string classProblem) throw new ArgumentException("The tree class name " + classProblem + ".", nameof(className));
        bool regression = model.Kind == ModelKind.Regression;
        var features = new Dictionary<string, FeatureInfo>(StringComparer.Ordinal);
        foreach (FeatureInfo f in model.Features) features[f.Name] = f;
        List<Leaf> leaves = model.Root.CollectLeaves();

        writer.WriteLine("/// <summary>");
        foreach (string line in SummaryLines(model)) writer.WriteLine("/// <para>" + CSharpText.XmlDocText(line) + "</para>");
        writer.WriteLine("/// </summary>");
        writer.WriteLine(modifiers + " class " + className + " : " + (regression ? RegressionHeuristic : Heuristic + ", " + Explainable));
        writer.OpenBrace();
        writer.WriteLine("private static readonly string[] s_choices = new string[] { " + string.Join(", ", model.Choices.Select(CSharpText.StringLiteral)) + " };");
        foreach (Leaf leaf in leaves.Where(l => !regression && !AnswersUnsure(l, model)).OrderBy(l => l.Id))
        {
            writer.WriteLine("private static readonly " + ChoiceProbability + "[] " + LeafField(leaf) + " = new " + ChoiceProbability + "[] { "
                + string.Join(", ", leaf.BestChoices.Select(c => "new " + ChoiceProbability + "(" + DoubleLiteral(c.Probability) + ", " + c.ChoiceIndex.ToString(CultureInfo.InvariantCulture) + ")"))
                + " };");
        }

        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc />");
        writer.WriteLine("public string Name => " + CSharpText.StringLiteral(model.Name) + ";");
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc />");
        writer.WriteLine("public global::System.Collections.Generic.IReadOnlyList<string> Choices => s_choices;");
        writer.WriteLine();
        if (!regression)
        {
            // The tree once more as data, read only by the run-time explainer (HeuristicExplainer).
            writer.WriteLine("/// <inheritdoc />");
            writer.WriteLine("public string ExplainData => " + CSharpText.StringLiteral(Rendering.ModelExplainer.ExplainData(model)!) + ";");
            writer.WriteLine();
        }

        if (FoldsThreshold(model))
        {
            writer.WriteLine("/// <summary>");
            writer.WriteLine("/// 0: the learned threshold " + CSharpText.XmlDocText(DoubleLiteral(model.ConfidenceThreshold)) + " is applied in the leaves, as the trainer evaluated it (a leaf");
            writer.WriteLine("/// whose top probability is below 1 and at most the threshold returns null), so run-time decisions match the reported metrics.");
            writer.WriteLine("/// </summary>");
            writer.WriteLine("public double ConfidenceThreshold => 0.0;");
        }
        else
        {
            writer.WriteLine("/// <inheritdoc />");
            writer.WriteLine("public double ConfidenceThreshold => " + DoubleLiteral(model.ConfidenceThreshold) + ";");
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>Trained on " + CSharpText.XmlDocText(model.Hardware.ToString()) + ".</summary>");
        writer.WriteLine("public bool CheckPrecondition(" + Metadata + " metadata, " + Context + " context) =>");
        writer.WriteLine("    metadata.Name == " + CSharpText.StringLiteral(model.Name)
            + " && metadata.SharedMemory == " + model.Hardware.SharedMemory.ToString(CultureInfo.InvariantCulture) + "L"
            + " && metadata.DeviceCapability.Major == " + model.Hardware.Capability.Major.ToString(CultureInfo.InvariantCulture)
            + " && metadata.DeviceCapability.Minor == " + model.Hardware.Capability.Minor.ToString(CultureInfo.InvariantCulture) + ";");
        writer.WriteLine();
        if (regression)
        {
            // PyTorch's regression heuristics have no leaf choices; the controller scores each offered choice instead.
            writer.WriteLine("/// <inheritdoc />");
            writer.WriteLine("public " + ChoiceProbability + "[]? GetBestChoices(" + Context + " context) => null;");
            writer.WriteLine();
            writer.WriteLine("/// <inheritdoc />");
            writer.WriteLine("public double PredictFeedback(" + Context + " context, string choice)");
        }
        else
        {
            writer.WriteLine("/// <inheritdoc />");
            writer.WriteLine("public " + ChoiceProbability + "[]? GetBestChoices(" + Context + " context)");
        }

        writer.OpenBrace();
        WriteNode(writer, model.Root, model, features, readFeature);
        writer.CloseBrace();
        writer.CloseBrace();
    }

    /// <summary>
    /// A standalone C# file (for <c>autoheuristic train --emit-cs</c>): one tree class per model
    /// nested in <c>public static partial class <paramref name="className"/></c>, a
    /// <c>Register()</c> method adding them to <c>LearnedHeuristicRegistry</c> (also called from a
    /// module initializer), and features read with <see cref="ReadFromContext"/> (the caller passes
    /// the augmented-feature operations, e.g. <c>StandardOperations.ForHeuristic(name)</c>, as <c>augmentContext</c>).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="namespaceName"/> or <paramref name="className"/> is not a usable C# name
    /// (see <see cref="CSharpText.NamespaceProblem"/> and <see cref="CSharpText.TypeNameProblem"/>).
    /// </exception>
    public static string WriteStandaloneFile(IReadOnlyList<LearnedModel> models, string? namespaceName, string className)
    {
        if (!string.IsNullOrEmpty(namespaceName) && CSharpText.NamespaceProblem(namespaceName!) is string namespaceProblem) throw new ArgumentException(namespaceProblem + ".", nameof(namespaceName));
        if (CSharpText.TypeNameProblem(className) is string classProblem) throw new ArgumentException(classProblem + ".", nameof(className));
        var w = new SourceWriter();
        w.WriteLine("// <auto-generated/>");
        w.WriteLine("#nullable enable");
        w.WriteLine();
        if (!string.IsNullOrEmpty(namespaceName))
        {
            w.WriteLine("namespace " + namespaceName + ";");
            w.WriteLine();
        }

        var names = TreeClassNames(models);
        w.WriteLine("/// <summary>Learned heuristics: " + CSharpText.XmlDocText(string.Join(", ", models.Select(m => m.Name + " on " + HardwareName(m.Hardware)))) + ".</summary>");
        w.WriteLine("public static partial class " + className);
        w.OpenBrace();
        w.WriteLine("/// <summary>Registers every tree with <c>global::AutoHeuristic.LearnedHeuristicRegistry</c>.</summary>");
        w.WriteLine("public static void Register()");
        w.OpenBrace();
        foreach (string name in names) w.WriteLine("global::AutoHeuristic.LearnedHeuristicRegistry.Register(new " + name + "());");
        w.CloseBrace();
        w.WriteLine();
        w.WriteLine("/// <summary>Registers the trees when the module loads, as the source generator's classes do.</summary>");
        w.WriteLine("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        w.WriteLine("internal static void RegisterOnLoad() => Register();");
        for (int i = 0; i < models.Count; i++)
        {
            w.WriteLine();
            WriteTreeClass(w, models[i], names[i], ReadFromContext, "public sealed");
        }

        w.CloseBrace();
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

            foreach (KeyValuePair<string, double> kv in m.Values.Where(kv => kv.Key.IndexOf("speedup", StringComparison.Ordinal) >= 0).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                if (!first) sb.Append(", ");
                sb.Append(kv.Key).Append(' ').Append(Num(kv.Value));
                first = false;
            }

            lines.Add(sb.Append('.').ToString());
        }

        return lines;
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

    private static void WriteNode(SourceWriter w, TreeNode node, LearnedModel model, Dictionary<string, FeatureInfo> features, Func<FeatureInfo, string> readFeature)
    {
        switch (node)
        {
            case Leaf leaf when model.Kind == ModelKind.Regression:
                w.WriteLine("// leaf " + Int(leaf.Id) + ": " + Int(leaf.Samples) + " samples");
                w.WriteLine("return " + DoubleLiteral(leaf.Value) + ";");
                break;
            case Leaf leaf:
                w.WriteLine("// " + LeafComment(leaf, model));
                w.WriteLine(AnswersUnsure(leaf, model) ? "return null;" : "return " + LeafField(leaf) + ";");
                break;
            case CategoricalSplit split when model.Kind == ModelKind.Regression && split.Feature == ChoiceFeature:
                // The choice being scored is the method's argument, not a context feature.
                w.WriteLine("if (choice != " + CSharpText.StringLiteral(split.Category) + ")");
                WriteBranches(w, split.NotEqual, split.Equal, model, features, readFeature);
                break;
            case NumericSplit split:
                w.WriteLine("if (" + readFeature(Feature(features, split.Feature)) + ".Number <= " + DoubleLiteral(split.Threshold) + ")");
                WriteBranches(w, split.Left, split.Right, model, features, readFeature);
                break;
            case CategoricalSplit split:
                w.WriteLine("if (" + readFeature(Feature(features, split.Feature)) + ".Text != " + CSharpText.StringLiteral(split.Category) + ")");
                WriteBranches(w, split.NotEqual, split.Equal, model, features, readFeature);
                break;
            default:
                throw new NotSupportedException("Unknown tree node type " + node.GetType().Name + ".");
        }
    }

    private static void WriteBranches(SourceWriter w, TreeNode left, TreeNode right, LearnedModel model, Dictionary<string, FeatureInfo> features, Func<FeatureInfo, string> readFeature)
    {
        w.OpenBrace();
        WriteNode(w, left, model, features, readFeature);
        w.CloseBrace();
        w.WriteLine("else");
        w.OpenBrace();
        WriteNode(w, right, model, features, readFeature);
        w.CloseBrace();
    }

    private static FeatureInfo Feature(Dictionary<string, FeatureInfo> features, string name) =>
        features.TryGetValue(name, out FeatureInfo? info) ? info : new FeatureInfo(name, IsCategorical: false, IsAugmented: false);

    private static string LeafComment(Leaf leaf, LearnedModel model)
    {
        var sb = new StringBuilder();
        sb.Append("leaf ").Append(Int(leaf.Id)).Append(": ").Append(Int(leaf.Samples)).Append(" samples");
        var parts = new List<string>();
        for (int i = 0; i < leaf.ClassWeights.Count && i < model.Choices.Count; i++)
        {
            if (leaf.ClassWeights[i] > 0) parts.Add(CSharpText.CommentText(model.Choices[i]) + " " + Num(leaf.ClassWeights[i]));
        }

        if (parts.Count > 0) sb.Append("; ").Append(string.Join(", ", parts));
        if (leaf.IsUnsafe) sb.Append("; unsafe: unsure");
        else if (AnswersUnsure(leaf, model)) sb.Append("; at most the confidence threshold: unsure");
        return sb.ToString();
    }

    /// <summary>
    /// Whether a decision model's threshold is applied in the leaves. The trainer (as PyTorch's
    /// evaluator) counts a leaf of probability 1.0 as decided even when the threshold is 1.0, while
    /// the run-time rule "top probability &gt; threshold" would call it unsure; folding the threshold
    /// into the leaves gives the run time exactly the trainer's answers. Rankings ignore the threshold.
    /// </summary>
    public static bool FoldsThreshold(LearnedModel model) => model.Kind == ModelKind.Decision;

    /// <summary>Whether the generated tree answers unsure (null) at <paramref name="leaf"/>.</summary>
    public static bool AnswersUnsure(Leaf leaf, LearnedModel model)
    {
        if (leaf.IsUnsafe || leaf.BestChoices.Count == 0) return true;
        if (!FoldsThreshold(model)) return false;
        double top = leaf.BestChoices[0].Probability;
        return top != 1.0 && top <= model.ConfidenceThreshold;
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
