using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using AutoHeuristic.Hardware;
using AutoHeuristic.Logs;

namespace AutoHeuristic.Learning.Model;

/// <summary>A model file that cannot be read: names the file and, where known, the place and what is wrong.</summary>
public sealed class ModelFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelFileException(string file, string message, Exception? inner = null)
        : base($"The model file '{file}' is not usable: {message}", inner)
    {
        File = file;
    }

    /// <summary>The file (or the name given to <see cref="ModelFile.Parse"/>).</summary>
    public string File { get; }
}

/// <summary>
/// Saves and loads <see cref="LearnedModel"/>s as JSON, so a model trained once can be evaluated
/// later (<c>autoheuristic evaluate --model</c>). Hand-written, because the source generator loads
/// this assembly and may carry no JSON library. Doubles are written in their shortest round-trip
/// form (invariant culture), so a loaded model decides bit-for-bit as the saved one; infinities and
/// NaN (JSON has none) are the strings <c>"Infinity"</c>, <c>"-Infinity"</c> and <c>"NaN"</c>.
/// Layout: <c>{"format": "autoheuristic-model", "version": 1, "models": [{"name", "hardware":
/// {"shared_memory", "device_capa": [major, minor]}, "kind", "choices", "confidence_threshold",
/// "ranking_k", "always_included", "features": [{"name", "categorical", "augmented"}], "summary":
/// {"rows", "inputs", "criterion", "max_depth", "min_samples_leaf", "depth", "leaves", "sets"},
/// "tree"}]}</c>; a tree node is a numerical split <c>{"samples", "feature", "threshold", "left",
/// "right"}</c>, a categorical split <c>{"samples", "feature", "category", "not_equal", "equal"}</c>
/// or a leaf <c>{"samples", "leaf", "best": [[probability, choice index], …], "weights", "unsafe", "value"}</c>.
/// </summary>
public static class ModelFile
{
    /// <summary>The <c>"format"</c> value that marks a model file.</summary>
    public const string FormatName = "autoheuristic-model";

    /// <summary>The version this code writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>
    /// Writes <paramref name="models"/> to <paramref name="path"/> (UTF-8, no BOM), creating its folder.
    /// The text goes to a temporary file beside <paramref name="path"/> first and then replaces it, so a
    /// failed write leaves an existing file whole. (The CLI writes through its own output policy, which
    /// also follows links and writes devices in place.)
    /// </summary>
    public static void Save(string path, IReadOnlyList<LearnedModel> models)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        string text = Write(models);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new IOException($"Cannot write the model file '{path}': it is a folder.");
        string? dir = Path.GetDirectoryName(full);
        if (dir is not null) Directory.CreateDirectory(dir);
        string temp = full + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp";
        try
        {
            System.IO.File.WriteAllText(temp, text, new UTF8Encoding(false));
            if (System.IO.File.Exists(full)) System.IO.File.Replace(temp, full, destinationBackupFileName: null);
            else System.IO.File.Move(temp, full);
        }
        finally
        {
            if (System.IO.File.Exists(temp)) System.IO.File.Delete(temp);
        }
    }

    /// <summary>Reads the models of <paramref name="path"/>.</summary>
    /// <exception cref="ModelFileException">The file is missing, unreadable or not a valid model file.</exception>
    public static IReadOnlyList<LearnedModel> Load(string path)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ModelFileException(path, "it cannot be read (" + e.Message + ")", e);
        }

        return Parse(text, path);
    }

    /// <summary>The JSON text of <paramref name="models"/>.</summary>
    public static string Write(IReadOnlyList<LearnedModel> models)
    {
        if (models is null) throw new ArgumentNullException(nameof(models));
        var sb = new StringBuilder();
        sb.Append("{\n  \"format\": ");
        JsonText.WriteString(sb, FormatName);
        sb.Append(",\n  \"version\": ").Append(FormatVersion.ToString(CultureInfo.InvariantCulture)).Append(",\n  \"models\": [");
        for (int i = 0; i < models.Count; i++)
        {
            sb.Append(i == 0 ? "\n" : ",\n");
            WriteModel(sb, models[i]);
        }

        sb.Append(models.Count == 0 ? "]\n}\n" : "\n  ]\n}\n");
        return sb.ToString();
    }

    /// <summary>Parses a model file's text; <paramref name="fileName"/> names it in errors.</summary>
    /// <exception cref="ModelFileException">The text is not a valid model file.</exception>
    public static IReadOnlyList<LearnedModel> Parse(string text, string fileName)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        if (text.Trim().Length == 0) throw new ModelFileException(fileName, "it is empty.");
        object? root;
        try
        {
            root = JsonText.Parse(text, maxDepth: 2 * MaxTreeDepth + 16);
        }
        catch (FormatException e)
        {
            throw new ModelFileException(fileName, "it is not valid JSON: " + e.Message, e);
        }

        try
        {
            var doc = Obj(root, "the file");
            if (!doc.TryGetValue("format", out object? format) || format is not string f || f != FormatName)
            {
                throw new FormatException($"\"format\" must be \"{FormatName}\" (is this a model file written by 'train --save-model'?).");
            }

            int version = Int(doc, "version", "the file");
            if (version != FormatVersion)
            {
                throw new FormatException($"format version {version.ToString(CultureInfo.InvariantCulture)} is not supported (this tool reads version {FormatVersion.ToString(CultureInfo.InvariantCulture)}).");
            }

            var list = Arr(Get(doc, "models", "the file"), "models");
            var models = new List<LearnedModel>(list.Count);
            for (int i = 0; i < list.Count; i++) models.Add(ReadModel(list[i], "models[" + i.ToString(CultureInfo.InvariantCulture) + "]"));
            return models;
        }
        catch (FormatException e)
        {
            throw new ModelFileException(fileName, e.Message, e);
        }
    }

    // ---- writing ----

    private static void WriteModel(StringBuilder sb, LearnedModel m)
    {
        sb.Append("    {\"name\": ");
        JsonText.WriteString(sb, m.Name);
        sb.Append(", \"hardware\": {\"shared_memory\": ").Append(m.Hardware.SharedMemory.ToString(CultureInfo.InvariantCulture))
            .Append(", \"device_capa\": [").Append(m.Hardware.Capability.Major.ToString(CultureInfo.InvariantCulture)).Append(", ")
            .Append(m.Hardware.Capability.Minor.ToString(CultureInfo.InvariantCulture)).Append("]}");
        sb.Append(",\n     \"kind\": ");
        JsonText.WriteString(sb, KindName(m.Kind));
        sb.Append(", \"confidence_threshold\": ");
        Num(sb, m.ConfidenceThreshold);
        sb.Append(", \"ranking_k\": ").Append(m.RankingK.ToString(CultureInfo.InvariantCulture));
        sb.Append(",\n     \"choices\": ");
        StrList(sb, m.Choices);
        sb.Append(",\n     \"always_included\": ");
        StrList(sb, m.AlwaysIncluded);
        sb.Append(",\n     \"features\": [");
        for (int i = 0; i < m.Features.Count; i++)
        {
            FeatureInfo feature = m.Features[i];
            if (i > 0) sb.Append(", ");
            sb.Append("{\"name\": ");
            JsonText.WriteString(sb, feature.Name);
            sb.Append(", \"categorical\": ").Append(Bool(feature.IsCategorical)).Append(", \"augmented\": ").Append(Bool(feature.IsAugmented));
            if (feature.Categories is not null)
            {
                sb.Append(", \"categories\": ");
                StrList(sb, feature.Categories);
            }

            sb.Append('}');
        }

        TrainingSummary s = m.Summary;
        sb.Append("],\n     \"summary\": {\"rows\": ").Append(s.Rows.ToString(CultureInfo.InvariantCulture))
            .Append(", \"inputs\": ").Append(s.Inputs.ToString(CultureInfo.InvariantCulture)).Append(", \"criterion\": ");
        JsonText.WriteString(sb, s.Criterion);
        sb.Append(", \"max_depth\": ").Append(s.MaxDepth.ToString(CultureInfo.InvariantCulture)).Append(", \"min_samples_leaf\": ");
        Num(sb, s.MinSamplesLeaf);
        sb.Append(", \"depth\": ").Append(s.Depth.ToString(CultureInfo.InvariantCulture))
            .Append(", \"leaves\": ").Append(s.Leaves.ToString(CultureInfo.InvariantCulture)).Append(",\n       \"sets\": {");
        bool firstSet = true;
        foreach (KeyValuePair<string, SetMetrics> set in s.Sets)
        {
            if (!firstSet) sb.Append(',');
            firstSet = false;
            sb.Append("\n         ");
            JsonText.WriteString(sb, set.Key);
            sb.Append(": {");
            bool firstMetric = true;
            foreach (KeyValuePair<string, double> metric in set.Value.Values)
            {
                if (!firstMetric) sb.Append(", ");
                firstMetric = false;
                JsonText.WriteString(sb, metric.Key);
                sb.Append(": ");
                Num(sb, metric.Value);
            }

            sb.Append('}');
        }

        sb.Append("}},\n     \"tree\": ");
        WriteNode(sb, m.Root, 6);
        sb.Append('}');
    }

    private static void WriteNode(StringBuilder sb, TreeNode node, int indent)
    {
        sb.Append("{\"samples\": ").Append(node.Samples.ToString(CultureInfo.InvariantCulture));
        string pad = "\n" + new string(' ', indent + 1);
        switch (node)
        {
            case NumericSplit n:
                sb.Append(", \"feature\": ");
                JsonText.WriteString(sb, n.Feature);
                sb.Append(", \"threshold\": ");
                Num(sb, n.Threshold);
                sb.Append(',').Append(pad).Append("\"left\": ");
                WriteNode(sb, n.Left, indent + 1);
                sb.Append(',').Append(pad).Append("\"right\": ");
                WriteNode(sb, n.Right, indent + 1);
                break;
            case CategoricalSplit c:
                sb.Append(", \"feature\": ");
                JsonText.WriteString(sb, c.Feature);
                sb.Append(", \"category\": ");
                JsonText.WriteString(sb, c.Category);
                sb.Append(',').Append(pad).Append("\"not_equal\": ");
                WriteNode(sb, c.NotEqual, indent + 1);
                sb.Append(',').Append(pad).Append("\"equal\": ");
                WriteNode(sb, c.Equal, indent + 1);
                break;
            case Leaf leaf:
                sb.Append(", \"leaf\": ").Append(leaf.Id.ToString(CultureInfo.InvariantCulture)).Append(", \"best\": [");
                for (int i = 0; i < leaf.BestChoices.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    sb.Append('[');
                    Num(sb, leaf.BestChoices[i].Probability);
                    sb.Append(", ").Append(leaf.BestChoices[i].ChoiceIndex.ToString(CultureInfo.InvariantCulture)).Append(']');
                }

                sb.Append("], \"weights\": [");
                for (int i = 0; i < leaf.ClassWeights.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Num(sb, leaf.ClassWeights[i]);
                }

                sb.Append("], \"unsafe\": ").Append(Bool(leaf.IsUnsafe)).Append(", \"value\": ");
                Num(sb, leaf.Value);
                break;
            default:
                throw new ArgumentException("Unknown tree node type " + node.GetType().Name + ".", nameof(node));
        }

        sb.Append('}');
    }

    private static string KindName(ModelKind kind) => kind switch
    {
        ModelKind.Decision => "decision",
        ModelKind.Ranking => "ranking",
        _ => "regression",
    };

    private static string Bool(bool value) => value ? "true" : "false";

    private static void Num(StringBuilder sb, double value)
    {
        if (double.IsNaN(value)) sb.Append("\"NaN\"");
        else if (double.IsPositiveInfinity(value)) sb.Append("\"Infinity\"");
        else if (double.IsNegativeInfinity(value)) sb.Append("\"-Infinity\"");
        else sb.Append(value.ToString("R", CultureInfo.InvariantCulture));
    }

    private static void StrList(StringBuilder sb, IReadOnlyList<string> items)
    {
        sb.Append('[');
        for (int i = 0; i < items.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            JsonText.WriteString(sb, items[i]);
        }

        sb.Append(']');
    }

    // ---- reading: structure ----

    private static LearnedModel ReadModel(object? value, string where)
    {
        var o = Obj(value, where);
        string name = Text(o, "name", where);
        var hw = Obj(Get(o, "hardware", where), where + ".hardware");
        long sharedMemory = (long)Whole(Get(hw, "shared_memory", where + ".hardware"), where + ".hardware.shared_memory");
        var capa = Arr(Get(hw, "device_capa", where + ".hardware"), where + ".hardware.device_capa");
        if (capa.Count != 2) throw new FormatException(where + ".hardware.device_capa must be a list of two integers, such as [9, 0].");
        var hardware = new HardwareKey(sharedMemory, new DeviceCapability(
            ToInt(capa[0], where + ".hardware.device_capa[0]"), ToInt(capa[1], where + ".hardware.device_capa[1]")));
        string kindText = Text(o, "kind", where);
        ModelKind kind = kindText switch
        {
            "decision" => ModelKind.Decision,
            "ranking" => ModelKind.Ranking,
            "regression" => ModelKind.Regression,
            _ => throw new FormatException($"{where}.kind must be \"decision\", \"ranking\" or \"regression\", not \"{kindText}\"."),
        };
        double threshold = Double(Get(o, "confidence_threshold", where), where + ".confidence_threshold");
        int rankingK = Int(o, "ranking_k", where);
        List<string> choices = Strings(Get(o, "choices", where), where + ".choices");
        List<string> always = Strings(Get(o, "always_included", where), where + ".always_included");
        var features = new List<FeatureInfo>();
        var featureList = Arr(Get(o, "features", where), where + ".features");
        for (int i = 0; i < featureList.Count; i++)
        {
            string at = where + ".features[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var f = Obj(featureList[i], at);
            // "categories" is optional: files written before it was recorded load without the unseen-value check.
            List<string>? categories = f.TryGetValue("categories", out object? listed) ? Strings(listed, at + ".categories") : null;
            features.Add(new FeatureInfo(Text(f, "name", at), Flag(f, "categorical", at), Flag(f, "augmented", at)) { Categories = categories });
        }

        string sw = where + ".summary";
        var s = Obj(Get(o, "summary", where), sw);
        var sets = new Dictionary<string, SetMetrics>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> set in Obj(Get(s, "sets", sw), sw + ".sets"))
        {
            var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, object?> metric in Obj(set.Value, sw + ".sets." + set.Key))
            {
                metrics[metric.Key] = Double(metric.Value, sw + ".sets." + set.Key + "." + metric.Key);
            }

            sets[set.Key] = new SetMetrics(metrics);
        }

        var summary = new TrainingSummary(Int(s, "rows", sw), Int(s, "inputs", sw), Text(s, "criterion", sw), Int(s, "max_depth", sw),
            Double(Get(s, "min_samples_leaf", sw), sw + ".min_samples_leaf"), Int(s, "depth", sw), Int(s, "leaves", sw), sets);
        TreeNode root = ReadNode(Get(o, "tree", where), where + ".tree", choices.Count, kind, 0);
        return new LearnedModel(name, hardware, kind, choices, threshold, root, features, summary)
        {
            RankingK = rankingK,
            AlwaysIncluded = always,
        };
    }

    private const int MaxTreeDepth = 512;

    private static TreeNode ReadNode(object? value, string where, int choiceCount, ModelKind kind, int depth)
    {
        if (depth > MaxTreeDepth) throw new FormatException($"{where}: the tree is deeper than {MaxTreeDepth.ToString(CultureInfo.InvariantCulture)} levels.");
        var o = Obj(value, where);
        int samples = Int(o, "samples", where);
        if (o.ContainsKey("leaf"))
        {
            int id = Int(o, "leaf", where);
            var best = new List<LeafChoice>();
            var bestList = Arr(Get(o, "best", where), where + ".best");
            for (int i = 0; i < bestList.Count; i++)
            {
                string at = where + ".best[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                var pair = Arr(bestList[i], at);
                if (pair.Count != 2) throw new FormatException(at + " must be [probability, choice index].");
                int choice = ToInt(pair[1], at + "[1]");
                // Regression leaves carry no choices; decision and ranking leaves index the model's choices.
                if (choice < 0 || choice >= choiceCount)
                {
                    throw new FormatException($"{at}: choice index {choice.ToString(CultureInfo.InvariantCulture)} is outside the model's {choiceCount.ToString(CultureInfo.InvariantCulture)} choices.");
                }

                best.Add(new LeafChoice(Double(pair[0], at + "[0]"), choice));
            }

            var weights = new List<double>();
            var weightList = Arr(Get(o, "weights", where), where + ".weights");
            for (int i = 0; i < weightList.Count; i++) weights.Add(Double(weightList[i], where + ".weights[" + i.ToString(CultureInfo.InvariantCulture) + "]"));
            if (kind != ModelKind.Regression && weights.Count != choiceCount && weights.Count != 0)
            {
                throw new FormatException($"{where}.weights has {weights.Count.ToString(CultureInfo.InvariantCulture)} entries for {choiceCount.ToString(CultureInfo.InvariantCulture)} choices.");
            }

            return new Leaf(id, best, weights, Flag(o, "unsafe", where), Double(Get(o, "value", where), where + ".value")) { Samples = samples };
        }

        string feature = Text(o, "feature", where);
        if (o.ContainsKey("threshold"))
        {
            return new NumericSplit(feature, Double(Get(o, "threshold", where), where + ".threshold"),
                ReadNode(Get(o, "left", where), where + ".left", choiceCount, kind, depth + 1),
                ReadNode(Get(o, "right", where), where + ".right", choiceCount, kind, depth + 1)) { Samples = samples };
        }

        if (o.ContainsKey("category"))
        {
            return new CategoricalSplit(feature, Text(o, "category", where),
                ReadNode(Get(o, "not_equal", where), where + ".not_equal", choiceCount, kind, depth + 1),
                ReadNode(Get(o, "equal", where), where + ".equal", choiceCount, kind, depth + 1)) { Samples = samples };
        }

        throw new FormatException(where + " is neither a leaf (\"leaf\") nor a split (\"threshold\" or \"category\").");
    }

    private static Dictionary<string, object?> Obj(object? value, string where) =>
        value as Dictionary<string, object?> ?? throw new FormatException(where + " must be a JSON object.");

    private static List<object?> Arr(object? value, string where) =>
        value as List<object?> ?? throw new FormatException(where + " must be a JSON list.");

    private static object? Get(Dictionary<string, object?> o, string key, string where) =>
        o.TryGetValue(key, out object? value) ? value : throw new FormatException($"{where} has no \"{key}\".");

    private static string Text(Dictionary<string, object?> o, string key, string where) =>
        Get(o, key, where) as string ?? throw new FormatException($"{where}.{key} must be a string.");

    private static bool Flag(Dictionary<string, object?> o, string key, string where) =>
        Get(o, key, where) is bool b ? b : throw new FormatException($"{where}.{key} must be true or false.");

    private static int Int(Dictionary<string, object?> o, string key, string where) => ToInt(Get(o, key, where), where + "." + key);

    private static int ToInt(object? value, string where)
    {
        double d = Whole(value, where);
        if (d < int.MinValue || d > int.MaxValue) throw new FormatException(where + " is out of range.");
        return (int)d;
    }

    private static double Whole(object? value, string where)
    {
        double d = value is double n ? n : throw new FormatException(where + " must be an integer.");
        if (Math.Floor(d) != d) throw new FormatException(where + " must be an integer.");
        return d;
    }

    private static double Double(object? value, string where) => value switch
    {
        double n => n,
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => throw new FormatException(where + " must be a number (or \"NaN\", \"Infinity\", \"-Infinity\")."),
    };

    private static List<string> Strings(object? value, string where)
    {
        var list = Arr(value, where);
        var result = new List<string>(list.Count);
        for (int i = 0; i < list.Count; i++)
        {
            result.Add(list[i] as string ?? throw new FormatException($"{where}[{i.ToString(CultureInfo.InvariantCulture)}] must be a string."));
        }

        return result;
    }
}
