using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using AutoHeuristic.Features;
using AutoHeuristic.Learning.Data;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Experimental;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Training;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

public class ModelFileTests
{
    /// <summary>
    /// A noisy toy heuristic with four choices: the winner depends on m, k and dtype, with
    /// measurement noise and near-ties, so trees have mixed leaves, wrong and unsure answers and a
    /// non-zero confidence threshold. Deterministic for a seed.
    /// </summary>
    internal static string NoisyLog(int inputs, int seed, string name = "toy")
    {
        var sb = new StringBuilder();
        sb.Append(TestLogs.PadMetadata.Replace("\"toy\"", "\"" + name + "\"")).Append('\n').Append(TestLogs.Header).Append('\n');
        uint state = (uint)seed * 2654435761u + 12345u;
        double Next()
        {
            state = (state * 1664525u) + 1013904223u;
            return (state >> 8) / (double)(1 << 24);
        }

        string[] choices = { "a", "b", "c", "d" };
        for (int i = 0; i < inputs; i++)
        {
            int m = 1 + (int)(Next() * 4000);
            int k = 1 + (int)(Next() * 4000);
            string dtype = Next() < 0.5 ? "torch.float16" : "torch.float32";
            for (int c = 0; c < choices.Length; c++)
            {
                double baseTime = c switch
                {
                    0 => 1.0 + (m / 2000.0),
                    1 => 1.2 + (k / 2500.0),
                    2 => dtype == "torch.float16" ? 1.1 : 2.2,
                    _ => 1.6 + ((m + k) / 9000.0),
                };
                double time = baseTime * (1 + (0.25 * (Next() - 0.5)));
                sb.Append(string.Create(CultureInfo.InvariantCulture, $"{m},{k},{dtype},{choices[c]},{time:R}\n"));
            }
        }

        return sb.ToString();
    }

    private static ParsedLog Parse(string file, string text) => LogReader.Parse(file, text);

    public static IEnumerable<TestCaseData> Options()
    {
        yield return new TestCaseData(new TrainingOptions { DefaultChoice = "a", BaselineChoices = new[] { "b", "c" } }).SetName("Decision_with_default_and_baselines");
        yield return new TestCaseData(new ExperimentalTrainingOptions { Confidence = ConfidenceStrategy.CalibratedLeaves }.ApplyTo(new TrainingOptions())).SetName("Decision_calibrated_leaves");
        yield return new TestCaseData(new ExperimentalTrainingOptions { TieMargin = 1.05 }.ApplyTo(new TrainingOptions { Split = SplitMode.PyTorch })).SetName("Decision_tie_margin");
        yield return new TestCaseData(new TrainingOptions { RankingK = 2, AlwaysIncluded = new[] { "d" }, DefaultChoice = "d" }).SetName("Ranking_top2");
    }

    private static ModelEvaluationOptions EvaluationOptionsFor(TrainingOptions o) => new()
    {
        DefaultChoice = o.DefaultChoice,
        AlwaysIncluded = o.AlwaysIncluded,
        BaselineChoices = o.BaselineChoices,
    };

    [TestCaseSource(nameof(Options))]
    public void A_loaded_model_decides_and_scores_exactly_as_the_trained_one(TrainingOptions options)
    {
        ParsedLog train = Parse("train.txt", NoisyLog(400, 1));
        string otherText = NoisyLog(150, 2);
        ParsedLog other = Parse("other.txt", otherText);
        HeuristicTrainingResult h = HeuristicTrainer.Train(new[] { train }, options with
        {
            ExtraData = new[] { new ExtraDataSet("other", new[] { other }) { TrainingCopies = 0 } },
        }).Heuristics.Single();
        LearnedModel original = h.Model ?? throw new AssertionException("no model was selected");

        string text = ModelFile.Write(new[] { original });
        LearnedModel loaded = ModelFile.Parse(text, "m.json").Single();

        // The file holds the model whole: writing the loaded model gives the same text.
        Assert.That(ModelFile.Write(new[] { loaded }), Is.EqualTo(text));
        Assert.That(TestLogs.Dump(loaded.Root), Is.EqualTo(TestLogs.Dump(original.Root)));
        Assert.That(Bits(loaded.ConfidenceThreshold), Is.EqualTo(Bits(original.ConfidenceThreshold)));
        Assert.That((loaded.Name, loaded.Hardware, loaded.Kind, loaded.RankingK), Is.EqualTo((original.Name, original.Hardware, original.Kind, original.RankingK)));
        Assert.That(loaded.Choices, Is.EqualTo(original.Choices));
        Assert.That(loaded.AlwaysIncluded, Is.EqualTo(original.AlwaysIncluded));
        Assert.That(loaded.Features, Is.EqualTo(original.Features));
        Assert.That(Canonical(loaded.Summary.Sets), Is.EqualTo(Canonical(original.Summary.Sets)));

        // Same decision on every input of a log neither model was trained on.
        InputTable table = InputTableBuilder.Build("other", new[] { Parse("other.txt", otherText) }, Array.Empty<AHOperation>(), false, null, CancellationToken.None);
        Assert.That(table.Count, Is.GreaterThan(100));
        var decisions = new List<string>();
        for (int input = 0; input < table.Count; input++)
        {
            string expected = Decision(original, ModelRouting.LeafOf(original.Root, table, input));
            string actual = Decision(loaded, ModelRouting.LeafOf(loaded.Root, table, input));
            Assert.That(actual, Is.EqualTo(expected), $"input {input}");
            decisions.Add(expected);
        }

        // Identical metrics: the trainer's own evaluation of the extra set, the in-memory model
        // through ModelEvaluator, and the loaded model through ModelEvaluator.
        var sets = new[] { new ExtraDataSet("other", new[] { Parse("other.txt", otherText) }) };
        EvaluatedSet fromMemory = ModelEvaluator.Evaluate(new[] { original }, sets, EvaluationOptionsFor(options)).Sets.Single();
        EvaluatedSet fromFile = ModelEvaluator.Evaluate(new[] { loaded }, sets, EvaluationOptionsFor(options)).Sets.Single();
        Assert.That(fromFile.IsEvaluated, Is.True, fromFile.NotEvaluatedReason);
        string trainer = Canonical(h.Selected!.Sets["other"]);
        Assert.That(Canonical(fromMemory.Metrics!), Is.EqualTo(trainer));
        Assert.That(Canonical(fromFile.Metrics!), Is.EqualTo(trainer));
        Assert.That(fromFile.Metrics![MetricNames.Total], Is.EqualTo(table.Count));
        // The data is meant to be hard, so the comparison covers wrong or unsure answers too.
        Assert.That(fromFile.Metrics[MetricNames.Correct], Is.LessThan(table.Count));
        Assert.That(decisions.Distinct().Count(), Is.GreaterThan(1));
    }

    /// <summary>
    /// Three repetitions per (input, choice) within ±2 %, so PyTorch's measurement filter (which the
    /// regression learner always applies) keeps every input; three choices with near-ties.
    /// </summary>
    private static string RepeatedLog(int inputs, int seed)
    {
        var sb = new StringBuilder();
        sb.Append(TestLogs.PadMetadata).Append('\n').Append(TestLogs.Header).Append('\n');
        var random = new Random(seed);
        string[] choices = { "a", "b", "c" };
        for (int i = 0; i < inputs; i++)
        {
            int m = 1 + random.Next(4000);
            int k = 1 + random.Next(4000);
            string dtype = random.Next(2) == 0 ? "torch.float16" : "torch.float32";
            for (int c = 0; c < choices.Length; c++)
            {
                double baseTime = c switch
                {
                    0 => 1.0 + (m / 2000.0),
                    1 => 1.2 + (k / 2500.0),
                    _ => dtype == "torch.float16" ? 1.9 : 2.4,
                };
                for (int r = 0; r < 3; r++)
                {
                    double time = baseTime * (1 + (0.04 * (random.NextDouble() - 0.5)));
                    sb.Append(string.Create(CultureInfo.InvariantCulture, $"{m},{k},{dtype},{choices[c]},{time:R}\n"));
                }
            }
        }

        return sb.ToString();
    }

    [Test]
    public void A_loaded_regression_model_scores_every_input_as_the_trainer_did()
    {
        string text = RepeatedLog(300, 3);
        HeuristicTrainingResult h = HeuristicTrainer.Train(new[] { Parse("reg.txt", text) }, new TrainingOptions { Learner = LearnerKind.Regression }).Heuristics.Single();
        LearnedModel original = h.Model ?? throw new AssertionException("no model was selected");
        LearnedModel loaded = ModelFile.Parse(ModelFile.Write(new[] { original }), "m.json").Single();

        // The whole log is the trainer's train + val + test, so the counts are the sums of its sets.
        EvaluatedSet all = ModelEvaluator.Evaluate(new[] { loaded }, new[] { new ExtraDataSet("all", new[] { Parse("reg.txt", text) }) }).Sets.Single();
        Assert.That(all.IsEvaluated, Is.True, all.NotEvaluatedReason);
        string[] trainerSets = { "train", "val", "test" };
        double Sum(string metric) => trainerSets.Sum(set => h.Selected!.Sets[set][metric]);
        var counts = new[] { MetricNames.Correct, MetricNames.Wrong, MetricNames.Unsure, MetricNames.Total };
        Assert.That(counts.Select(c => all.Metrics![c]), Is.EqualTo(counts.Select(Sum)));
        Assert.That(all.Metrics![MetricNames.Total], Is.EqualTo(300));
        Assert.That(all.Metrics["max_wrong_speedup"], Is.EqualTo(trainerSets.Max(set => h.Selected!.Sets[set]["max_wrong_speedup"])));
        Assert.That(all.Metrics[MetricNames.Threshold], Is.EqualTo(original.ConfidenceThreshold));
        // Not a trivial model: it answers some inputs and leaves or misses others.
        Assert.That(all.Metrics[MetricNames.Correct], Is.GreaterThan(0).And.LessThan(300));
    }

    [Test]
    public void Doubles_round_trip_bit_for_bit_and_non_finite_metrics_survive()
    {
        double[] awkward = { 0.1 + 0.2, 1e-300, double.Epsilon, double.MaxValue, -0.0, 1.0 / 3.0, 123456789.123456789, 5e-324 * 3 };
        TreeNode root = new Leaf(0, new[] { new LeafChoice(0.1 + 0.2, 0) }, new[] { 0.3, 0.7 }, false);
        foreach (double t in awkward) root = new NumericSplit("m", t, root, new Leaf(1, Array.Empty<LeafChoice>(), new[] { 0.0, 0.0 }, true)) { Samples = 3 };
        var metrics = new Dictionary<string, double> { ["nan"] = double.NaN, ["inf"] = double.PositiveInfinity, ["ninf"] = double.NegativeInfinity, ["x"] = 1.0 / 7 };
        var model = new LearnedModel("we\"ird\\name\u00e9", AutoHeuristic.Hardware.HardwareKey.H100, ModelKind.Decision, new[] { "a", "b" }, 1.0 / 3.0, root,
            new[] { new FeatureInfo("m", false, false) }, new TrainingSummary(1, 2, "entropy", 5, 0.01, 3, 4, new Dictionary<string, SetMetrics> { ["val"] = new SetMetrics(metrics) }));

        LearnedModel loaded = ModelFile.Parse(ModelFile.Write(new[] { model }), "x.json").Single();

        Assert.That(loaded.Name, Is.EqualTo(model.Name));
        Assert.That(TestLogs.Dump(loaded.Root), Is.EqualTo(TestLogs.Dump(model.Root)));
        var thresholds = new List<long>();
        for (TreeNode n = loaded.Root; n is NumericSplit s; n = s.Left) thresholds.Add(Bits(s.Threshold));
        Assert.That(thresholds, Is.EqualTo(awkward.Reverse().Select(Bits).ToList()));
        Assert.That(Bits(loaded.Summary.MinSamplesLeaf), Is.EqualTo(Bits(0.01)));
        Assert.That(Canonical(loaded.Summary.Sets["val"]), Is.EqualTo(Canonical(new SetMetrics(metrics))));
    }

    [Test]
    public void Save_and_Load_keep_several_models()
    {
        LearnedModel a = HeuristicTrainer.Train(new[] { Parse("a.txt", NoisyLog(200, 3, "first")) }, new TrainingOptions()).Models.Single();
        LearnedModel b = HeuristicTrainer.Train(new[] { Parse("b.txt", NoisyLog(200, 3, "second")) }, new TrainingOptions()).Models.Single();
        string path = Path.Combine(Path.GetTempPath(), "ah-model-file-" + Guid.NewGuid().ToString("N"), "models.json");
        try
        {
            ModelFile.Save(path, new[] { a, b });
            IReadOnlyList<LearnedModel> loaded = ModelFile.Load(path);
            Assert.That(loaded.Select(m => m.Name), Is.EqualTo(new[] { "first", "second" }));
            Assert.That(ModelFile.Write(loaded), Is.EqualTo(File.ReadAllText(path)));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Test]
    public void Logs_without_a_matching_model_are_reported_not_evaluated()
    {
        LearnedModel model = HeuristicTrainer.Train(new[] { Parse("a.txt", NoisyLog(200, 3)) }, new TrainingOptions()).Models.Single();
        var sets = new[]
        {
            new ExtraDataSet("other_name", new[] { Parse("b.txt", NoisyLog(50, 5, "unknown")) }),
            new ExtraDataSet("empty", new[] { Parse("c.txt", string.Empty) }),
            new ExtraDataSet("same", new[] { Parse("d.txt", NoisyLog(50, 6)) }),
        };

        ModelEvaluationResult r = ModelEvaluator.Evaluate(new[] { model }, sets);

        Assert.That(r.Sets.Select(s => s.IsEvaluated), Is.EqualTo(new[] { false, false, true }));
        Assert.That(r.Sets[0].NotEvaluatedReason, Does.Contain("no model of heuristic 'unknown'").And.Contain("'toy'"));
        Assert.That(r.Sets[1].NotEvaluatedReason, Does.Contain("no usable log rows"));
        Assert.That(r.Problems.Select(p => p.File), Does.Contain("c.txt"));
        Assert.That(r.Sets[2].Metrics![MetricNames.Total], Is.EqualTo(50));
    }

    [Test]
    public void A_model_reading_a_feature_the_log_lacks_is_not_evaluated()
    {
        var model = new LearnedModel("toy", AutoHeuristic.Hardware.HardwareKey.A100, ModelKind.Decision, new[] { "a" }, 0,
            new NumericSplit("n", 3, new Leaf(1, new[] { new LeafChoice(1, 0) }, new[] { 1.0 }, false), new Leaf(2, new[] { new LeafChoice(1, 0) }, new[] { 1.0 }, false)),
            new[] { new FeatureInfo("n", false, false) }, new TrainingSummary(0, 0, "gini", 5, 1, 1, 2, new Dictionary<string, SetMetrics>()));
        EvaluatedSet s = ModelEvaluator.Evaluate(new[] { model }, new[] { new ExtraDataSet("x", new[] { Parse("x.txt", NoisyLog(20, 1)) }) }).Sets.Single();
        Assert.That(s.IsEvaluated, Is.False);
        Assert.That(s.NotEvaluatedReason, Does.Contain("'n'"));
    }

    public static IEnumerable<TestCaseData> BadFiles()
    {
        yield return new TestCaseData("", "it is empty").SetName("Bad_file_empty");
        yield return new TestCaseData("{\"format\": \"autoheuristic-model\",\n \"version\": 1, \"models\": [}", "not valid JSON: expected a JSON value at line 2, column 27").SetName("Bad_file_not_json");
        yield return new TestCaseData("{\"format\": \"something-else\", \"version\": 1, \"models\": []}", "\"format\" must be \"autoheuristic-model\"").SetName("Bad_file_wrong_format");
        yield return new TestCaseData("{\"format\": \"autoheuristic-model\", \"version\": 2, \"models\": []}", "format version 2 is not supported").SetName("Bad_file_future_version");
        yield return new TestCaseData("{\"format\": \"autoheuristic-model\", \"version\": 1}", "the file has no \"models\"").SetName("Bad_file_no_models");
        yield return new TestCaseData("[1, 2]", "the file must be a JSON object").SetName("Bad_file_not_an_object");
    }

    [TestCaseSource(nameof(BadFiles))]
    public void Bad_files_give_an_error_naming_the_file_and_the_problem(string text, string expected)
    {
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Parse(text, "bad.json"))!;
        Assert.That(e.File, Is.EqualTo("bad.json"));
        Assert.That(e.Message, Does.StartWith("The model file 'bad.json' is not usable: ").And.Contain(expected));
    }

    [Test]
    public void Damaged_model_entries_name_the_place()
    {
        LearnedModel model = HeuristicTrainer.Train(new[] { Parse("a.txt", NoisyLog(200, 3)) }, new TrainingOptions()).Models.Single();
        string text = ModelFile.Write(new[] { model });

        string badIndex = text.Replace("\"choices\": [\"a\", \"b\", \"c\", \"d\"]", "\"choices\": [\"a\"]");
        var e1 = Assert.Throws<ModelFileException>(() => ModelFile.Parse(badIndex, "m.json"))!;
        Assert.That(e1.Message, Does.Contain("models[0].tree").And.Contain(" 1 choices"));

        string badKind = text.Replace("\"kind\": \"decision\"", "\"kind\": \"forest\"");
        var e2 = Assert.Throws<ModelFileException>(() => ModelFile.Parse(badKind, "m.json"))!;
        Assert.That(e2.Message, Does.Contain("models[0].kind must be \"decision\", \"ranking\" or \"regression\", not \"forest\""));

        string badThreshold = text.Replace("\"confidence_threshold\": ", "\"confidence_threshold\": \"high\", \"x\": ");
        var e3 = Assert.Throws<ModelFileException>(() => ModelFile.Parse(badThreshold, "m.json"))!;
        Assert.That(e3.Message, Does.Contain("models[0].confidence_threshold must be a number"));
    }

    [Test]
    public void The_training_values_of_categorical_features_are_kept_and_optional_in_files()
    {
        LearnedModel model = HeuristicTrainer.Train(new[] { Parse("a.txt", NoisyLog(200, 3)) }, new TrainingOptions()).Models.Single();
        FeatureInfo dtype = model.Features.Single(f => f.Name == "dtype");
        Assert.That(dtype.Categories, Is.EqualTo(new[] { "torch.float16", "torch.float32" }), "every value of the training data, sorted");
        Assert.That(model.Features.Where(f => !f.IsCategorical).Select(f => f.Categories), Has.All.Null);

        string text = ModelFile.Write(new[] { model });
        Assert.That(text, Does.Contain("\"name\": \"dtype\", \"categorical\": true, \"augmented\": false, \"categories\": [\"torch.float16\", \"torch.float32\"]"));
        Assert.That(ModelFile.Parse(text, "m.json").Single().Features, Is.EqualTo(model.Features));

        // A file written before the values were recorded loads without them (no unseen-value check).
        string older = text.Replace(", \"categories\": [\"torch.float16\", \"torch.float32\"]", string.Empty);
        Assert.That(ModelFile.Parse(older, "old.json").Single().Features.Single(f => f.Name == "dtype").Categories, Is.Null);
        Assert.That(ModelFile.Parse(older, "old.json").Single().Features, Is.Not.EqualTo(model.Features), "categories take part in equality");
    }

    [Test]
    public void A_missing_file_is_a_model_file_error()
    {
        string path = Path.Combine(Path.GetTempPath(), "ah-no-such-dir-" + Guid.NewGuid().ToString("N"), "m.json");
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(path))!;
        Assert.That(e.Message, Does.Contain(path).And.Contain("cannot be read"));
    }

    private static string Decision(LearnedModel model, Leaf leaf)
    {
        if (leaf.IsUnsafe || leaf.BestChoices.Count == 0) return "unsure@" + leaf.Id.ToString(CultureInfo.InvariantCulture);
        double p = leaf.BestChoices[0].Probability;
        if (p != 1.0 && p <= model.ConfidenceThreshold) return "unsure@" + leaf.Id.ToString(CultureInfo.InvariantCulture);
        return string.Join(">", leaf.BestChoices.Select(c => model.Choices[c.ChoiceIndex])) + "@" + leaf.Id.ToString(CultureInfo.InvariantCulture);
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    private static string Canonical(SetMetrics metrics) =>
        string.Join("\n", metrics.Values.Select(kv => kv.Key + "=" + Bits(kv.Value).ToString(CultureInfo.InvariantCulture)));

    private static string Canonical(IReadOnlyDictionary<string, SetMetrics> sets) =>
        string.Join("\n\n", sets.Select(s => s.Key + "\n" + Canonical(s.Value)));
}
