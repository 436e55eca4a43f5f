using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Logs;
using CsCheck;

namespace AutoHeuristic.Generator.Tests.Injection;

/// <summary>
/// Every name a log (or a model) carries into generated code. <see cref="Log"/> writes a small
/// log in which the choice depends on the numerical feature and on whether the categorical
/// feature is <see cref="Category"/> or <see cref="OtherCategory"/>, so the learned tree has a
/// categorical split on the hostile value.
/// </summary>
internal sealed record HostileNames(string Heuristic, string ChoiceA, string ChoiceB, string NumericFeature, string CategoricalFeature, string Category, string SetName)
{
    /// <summary>The categorical value that is not <see cref="Category"/>.</summary>
    public const string OtherCategory = "plain";

    /// <summary>The same roles with ordinary names: generated code for these is the expected shape.</summary>
    public static HostileNames Benign { get; } = new("heuristic", "choiceA", "choiceB", "featureN", "featureC", "category", "extra");

    /// <summary>Names as a log brings them: choices, features and categories are log cells (no comma, quote or line break), the heuristic name is a JSON string (anything).</summary>
    public static Gen<HostileNames> ForLog { get; } =
        Gen.Select(HostileText.Any, HostileText.CsvSafe, HostileText.CsvSafe, HostileText.CsvSafe, HostileText.CsvSafe, HostileText.CsvSafe, HostileText.Any)
            .Select((h, a, b, n, c, v, s) => new HostileNames(h, a, b, n, c, v, s))
            .Where(x => x.IsUsable);

    /// <summary>Names of a model built in memory (or read from a model file): choice names may hold anything.</summary>
    public static Gen<HostileNames> ForModel { get; } =
        Gen.Select(HostileText.Any, HostileText.Any, HostileText.Any, HostileText.CsvSafe, HostileText.CsvSafe, HostileText.CsvSafe, HostileText.Any)
            .Select((h, a, b, n, c, v, s) => new HostileNames(h, a, b, n, c, v, s))
            .Where(x => x.IsUsable);

    private IReadOnlyList<string> All => new[] { Heuristic, ChoiceA, ChoiceB, NumericFeature, CategoricalFeature, Category, SetName };

    // Distinct roles (so renaming is one-to-one), a heuristic name the attribute accepts, and
    // names the run-time context accepts for features.
    private bool IsUsable =>
        All.Distinct(StringComparer.Ordinal).Count() == All.Count
        && !All.Any(n => n is OtherCategory or "choice" or "feedback" or "train" or "val" or "test")
        && Heuristic.Trim().Length > 0;

    /// <summary>Maps each of these names to the name of the same role in <paramref name="other"/> (anything else to itself).</summary>
    public Func<string, string> RenameTo(HostileNames other)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < All.Count; i++) map[All[i]] = other.All[i];
        return s => map.TryGetValue(s, out string? renamed) ? renamed : s;
    }

    /// <summary>A training log (metadata JSON written as PyTorch writes it, then the CSV) with these names.</summary>
    public string Log(HardwareKey hardware)
    {
        var metadata = new LogMetadata(hardware.SharedMemory, hardware.Capability, Heuristic, new[] { NumericFeature }, new[] { CategoricalFeature });
        var sb = new StringBuilder();
        sb.Append(metadata.ToJson()).Append('\n');
        sb.Append(NumericFeature).Append(',').Append(CategoricalFeature).Append(",choice,feedback\n");
        for (int i = 1; i <= 60; i++)
        {
            string category = i % 3 == 0 ? Category : OtherCategory;
            string n = i.ToString(CultureInfo.InvariantCulture);
            bool aWins = (i < 30) ^ (category == Category);
            sb.Append(n).Append(',').Append(category).Append(',').Append(ChoiceA).Append(',').Append(aWins ? "1.0" : "2.0").Append('\n');
            sb.Append(n).Append(',').Append(category).Append(',').Append(ChoiceB).Append(',').Append(aWins ? "2.0" : "1.0").Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// A decision model with these names: a numerical split, then categorical splits on the
    /// hostile category, one leaf per choice and an unsafe leaf; the summary has an extra set named <see cref="SetName"/>.
    /// </summary>
    public LearnedModel DecisionModel(HardwareKey hardware) => new(
        Heuristic,
        hardware,
        ModelKind.Decision,
        new[] { ChoiceA, ChoiceB },
        0.6,
        new NumericSplit(NumericFeature, 30.5,
            new CategoricalSplit(CategoricalFeature, Category,
                new Leaf(1, new[] { new LeafChoice(0.9, 0), new LeafChoice(0.1, 1) }, new[] { 9.0, 1.0 }, false) { Samples = 10 },
                new Leaf(2, new[] { new LeafChoice(1.0, 1) }, new[] { 0.0, 5.0 }, false) { Samples = 5 }) { Samples = 15 },
            new CategoricalSplit(CategoricalFeature, Category,
                new Leaf(3, new[] { new LeafChoice(0.8, 1), new LeafChoice(0.2, 0) }, new[] { 2.0, 8.0 }, false) { Samples = 10 },
                new Leaf(4, new[] { new LeafChoice(0.5, 0), new LeafChoice(0.5, 1) }, new[] { 3.0, 3.0 }, true) { Samples = 6 }) { Samples = 16 }) { Samples = 31 },
        new[] { new FeatureInfo(NumericFeature, false, false), new FeatureInfo(CategoricalFeature, true, false) },
        Summary(SetName));

    /// <summary>A regression model with these names: it scores <see cref="ChoiceA"/> apart from the other choices, on the hostile category.</summary>
    public LearnedModel RegressionModel(HardwareKey hardware) => new(
        Heuristic,
        hardware,
        ModelKind.Regression,
        new[] { ChoiceA, ChoiceB },
        1.0,
        new CategoricalSplit(CategoricalFeature, Category,
            new Leaf(1, Array.Empty<LeafChoice>(), Array.Empty<double>(), false, 1.5) { Samples = 10 },
            new CategoricalSplit("choice", ChoiceA,
                new Leaf(2, Array.Empty<LeafChoice>(), Array.Empty<double>(), false, 3.0) { Samples = 5 },
                new Leaf(3, Array.Empty<LeafChoice>(), Array.Empty<double>(), false, 0.5) { Samples = 5 }) { Samples = 10 }) { Samples = 20 },
        new[] { new FeatureInfo(CategoricalFeature, true, false), new FeatureInfo("choice", true, false) },
        Summary(SetName));

    /// <summary><paramref name="model"/> with every name passed through <paramref name="rename"/> (same tree, same numbers).</summary>
    public static LearnedModel Rename(LearnedModel model, Func<string, string> rename) => model with
    {
        Name = rename(model.Name),
        Choices = model.Choices.Select(rename).ToArray(),
        Root = Rename(model.Root, rename),
        Features = model.Features.Select(f => f with { Name = rename(f.Name) }).ToArray(),
        Summary = model.Summary with { Sets = model.Summary.Sets.ToDictionary(kv => rename(kv.Key), kv => kv.Value) },
        AlwaysIncluded = model.AlwaysIncluded.Select(rename).ToArray(),
    };

    private static TreeNode Rename(TreeNode node, Func<string, string> rename) => node switch
    {
        NumericSplit n => n with { Feature = rename(n.Feature), Left = Rename(n.Left, rename), Right = Rename(n.Right, rename) },
        CategoricalSplit c => c with { Feature = rename(c.Feature), Category = rename(c.Category), NotEqual = Rename(c.NotEqual, rename), Equal = Rename(c.Equal, rename) },
        _ => node,
    };

    private static TrainingSummary Summary(string extraSet) => new(120, 60, "entropy", 5, 1, 2, 4, new Dictionary<string, SetMetrics>
    {
        ["train"] = new(new Dictionary<string, double> { ["correct"] = 40, ["wrong"] = 1, ["unsure"] = 1, ["total"] = 42 }),
        ["test"] = new(new Dictionary<string, double> { ["correct"] = 8, ["wrong"] = 0, ["unsure"] = 1, ["total"] = 9 }),
        [extraSet] = new(new Dictionary<string, double> { ["correct"] = 50, ["wrong"] = 2, ["unsure"] = 8, ["total"] = 60 }),
    });
}
