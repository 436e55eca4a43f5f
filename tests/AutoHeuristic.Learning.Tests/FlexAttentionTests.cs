using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AutoHeuristic.Features;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Training;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>The flex_attention recipe: operations, default configuration, excluded choice and unsafe leaves.</summary>
public class FlexAttentionTests
{
    private static readonly string Excluded = FlexAttentionDefaultConfig.ChoiceName(64, 16, 4, 3);
    private static readonly string Other = FlexAttentionDefaultConfig.ChoiceName(128, 32, 4, 3);

    // fp16 with head dimension 64 on an A100: Inductor's default is (128, 64, 4 warps, 3 stages).
    private static readonly string Default = FlexAttentionDefaultConfig.ChoiceName(128, 64, 4, 3);

    [Test]
    public void Preset_is_pytorchs_flex_attention_recipe()
    {
        HeuristicPreset p = HeuristicPreset.ForName("flex_attention");
        Assert.That(p, Is.SameAs(HeuristicPreset.FlexAttention));
        Assert.That(p.Grid.Points.Select(g => (g.CriterionName, g.MaxDepth, g.MinSamplesLeaf)), Is.EqualTo(new[] { ("entropy", 6, 0.01) }));
        Assert.That((p.TestFraction, p.ValFraction, p.AllowedWrongFraction, p.UnsafeLeafSlowdown), Is.EqualTo((0.01, 0.19, 1.0, (double?)1.12)));
        Assert.That(p.ExcludedChoices, Is.EqualTo(new[] { "type=triton_BLOCK-M=64_BLOCK-K=-1_BLOCK-N=16_numstages=3_numwarps=4" }));
        Assert.That(p.DefaultChoice, Is.Null);
        Assert.That(p.DefaultRule, Is.SameAs(FlexAttentionDefaultConfig.Rule));
        Assert.That(p.Operations.Select(o => o.Name), Is.EqualTo(new[] { "b*h", "b*m", "b*n", "h*m", "h*n", "m*n" }));
        Assert.That(StandardOperations.ForHeuristic("flex_attention"), Is.SameAs(StandardOperations.FlexAttention));
    }

    [Test]
    public void Operations_multiply_pairs_of_dimensions()
    {
        var source = new Source(("b", 2), ("h", 3), ("m", 5), ("n", 7));
        Assert.That(StandardOperations.FlexAttention.Select(o => o.Evaluate(source).Text), Is.EqualTo(new[] { "6", "10", "14", "15", "21", "35" }));
        Assert.That(StandardOperations.FlexAttention.All(o => !o.IsCategorical), Is.True);
    }

    [TestCase(8, "torch.float32", 256, 64, 16, 4)]
    [TestCase(8, "torch.float32", 128, 128, 32, 4)]
    [TestCase(8, "torch.bfloat16", 128, 128, 64, 8)]
    [TestCase(8, "torch.float16", 256, 32, 64, 4)]
    [TestCase(8, "torch.float16", 16, 128, 64, 4)]
    [TestCase(8, "torch.float32", 32, 64, 64, 4)]
    [TestCase(9, "torch.float16", 128, 128, 128, 8)]
    [TestCase(9, "torch.float32", 128, 32, 64, 4)]
    [TestCase(9, "torch.bfloat16", 32, 128, 64, 4)]
    [TestCase(7, "torch.float32", 64, 32, 16, 4)]
    [TestCase(8, "torch.bfloat16", 512, 64, 32, 4)]
    public void Default_config_follows_inductors_table(int major, string dtype, long headDim, int blockM, int blockN, int warps)
    {
        Assert.That(FlexAttentionDefaultConfig.ChoiceFor(new DeviceCapability(major, 0), dtype, headDim),
            Is.EqualTo(FlexAttentionDefaultConfig.ChoiceName(blockM, blockN, warps, 3)));
    }

    [Test]
    public void Default_config_is_unknown_for_other_dtypes_and_names_choices_as_inductor_logs_them()
    {
        Assert.That(FlexAttentionDefaultConfig.ChoiceFor(new DeviceCapability(8, 0), "torch.int8", 64), Is.Null);
        Assert.That(FlexAttentionDefaultConfig.ChoiceName(128, 64, 8, 3), Is.EqualTo("type=triton_BLOCK-M=128_BLOCK-K=-1_BLOCK-N=64_numstages=3_numwarps=8"));
        var input = new Source(("n", 64), ("dtype", "torch.float16"));
        Assert.That(FlexAttentionDefaultConfig.Rule.Choose(HardwareKey.A100, input), Is.EqualTo(Default));
        Assert.That(FlexAttentionDefaultConfig.Rule.Choose(HardwareKey.A100, new Source(("n", 64))), Is.Null, "no dtype, no default");
    }

    [Test]
    public void Excluded_choice_never_reaches_the_model_even_where_it_was_fastest()
    {
        HeuristicTrainingResult h = Train(slowdown: 1.05);
        Assert.That(h.Dataset.Choices, Is.EqualTo(2));
        Assert.That(h.Model!.Choices, Does.Not.Contain(Excluded));
        Assert.That(h.Model.Choices, Is.EquivalentTo(new[] { Default, Other }));
    }

    [Test]
    public void Leaf_is_unsafe_when_its_choice_is_more_than_1_12_times_the_default_on_a_training_input()
    {
        // One leaf (depth 0) predicting Other; on the inputs Default wins, Other takes 1.2 × its time.
        // The unsafe leaf answers unsure everywhere, so the only grid point has nothing correct and,
        // as in PyTorch, no model is selected.
        HeuristicTrainingResult h = Train(slowdown: 1.2);
        GridResult only = h.Grid.Single();
        foreach (string set in new[] { "train", "val", "test" })
        {
            Assert.That(only.Sets[set][MetricNames.Unsure], Is.EqualTo(only.Sets[set][MetricNames.Total]).And.GreaterThan(0), set);
        }

        Assert.That(h.Model, Is.Null);
    }

    [Test]
    public void Leaf_stays_safe_within_1_12_times_the_default_and_compares_against_each_inputs_default()
    {
        HeuristicTrainingResult h = Train(slowdown: 1.1);
        Leaf leaf = (Leaf)h.Model!.Root;
        Assert.That(leaf.IsUnsafe, Is.False);
        Assert.That(h.Model.Choices[leaf.BestChoices[0].ChoiceIndex], Is.EqualTo(Other));
        SetMetrics train = h.Selected!.Sets["train"];
        Assert.That(train[MetricNames.Unsure], Is.Zero);
        // Every decision is Other, never the default (128, 64): all are non-default predictions.
        Assert.That(train[MetricNames.NonDefaultPredictions], Is.EqualTo(train[MetricNames.Total]));
    }

    [Test]
    public void Generic_preset_keeps_the_excluded_choice()
    {
        ParsedLog log = LogReader.Parse("flex.txt", ToyLog(1.05));
        var options = new TrainingOptions { Preset = HeuristicPreset.Generic, Grid = new TrainingGrid(new[] { 0 }, new[] { 1.0 }, new[] { SplitCriterion.Entropy }) };
        HeuristicTrainingResult h = HeuristicTrainer.Train(new[] { log }, options).Heuristics.Single();
        Assert.That(h.Model!.Choices, Does.Contain(Excluded));
    }

    private static HeuristicTrainingResult Train(double slowdown)
    {
        ParsedLog log = LogReader.Parse("flex.txt", ToyLog(slowdown));
        var options = new TrainingOptions { Grid = new TrainingGrid(new[] { 0 }, new[] { 1.0 }, new[] { SplitCriterion.Entropy }) };
        TrainingResult result = HeuristicTrainer.Train(new[] { log }, options);
        return result.Heuristics.Single();
    }

    /// <summary>
    /// 40 fp16 inputs of head dimension 64: the excluded configuration is fastest everywhere; of the
    /// rest, Other wins 26 inputs and the default 14, where Other takes <paramref name="slowdown"/> × the default's time.
    /// </summary>
    internal static string ToyLog(double slowdown)
    {
        var sb = new StringBuilder();
        sb.Append("{\"shared_memory\": 166912, \"device_capa\": [8, 0], \"name\": \"flex_attention\", \"numerical_features\": [\"b\", \"h\", \"m\", \"n\", \"kv_seq_length\", \"q_stride_0\", \"q_stride_1\", \"q_stride_2\", \"q_stride_3\", \"subgraph_num_nodes\", \"subgraph_num_args_used\"], \"categorical_features\": [\"dtype\"]}\n");
        sb.Append("b,h,m,n,kv_seq_length,dtype,q_stride_0,q_stride_1,q_stride_2,q_stride_3,subgraph_num_nodes,subgraph_num_args_used,choice,feedback\n");
        for (int i = 0; i < 40; i++)
        {
            int b = 1 + i, h = 4, m = 256, n = 64;
            string features = string.Join(",", b, h, m, n, m, "torch.float16", h * m * n, n, h * n, 1, 6, 1);
            bool defaultWins = i % 3 == 0;
            double defaultTime = 1.0;
            double other = defaultWins ? slowdown * defaultTime : 0.9;
            sb.Append(features).Append(',').Append(Excluded).Append(",0.5\n");
            sb.Append(features).Append(',').Append(Default).Append(',').Append(defaultTime.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            sb.Append(features).Append(',').Append(Other).Append(',').Append(other.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        return sb.ToString();
    }

    private sealed class Source : IFeatureSource
    {
        private readonly Dictionary<string, FeatureValue> _values = new();

        public Source(params (string Name, object Value)[] values)
        {
            foreach ((string name, object value) in values)
            {
                _values[name] = value is string s ? FeatureValue.FromText(s) : FeatureValue.FromInteger(System.Convert.ToInt64(value, CultureInfo.InvariantCulture));
            }
        }

        public bool TryGetValue(string name, out FeatureValue value) => _values.TryGetValue(name, out value);
    }
}
