using System;
using System.Linq;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Noise;
using AutoHeuristic.Tests.Shared;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

public class MeasurementNoiseTests
{
    // Input m=1: a near tie. Medians a 1.000, b 1.002: label a, gap 0.2 %. Repetition winners a, b, a.
    // Input m=2: a clear win of b (medians 2.1 and 1.0: gap 110 %), every repetition agrees.
    // Input m=3: only a was measured (skipped, as the trainer drops it).
    private static readonly string Log = TestLogs.Log(
        "1,8,f16,a,1.000", "1,8,f16,b,1.005",
        "1,8,f16,a,1.010", "1,8,f16,b,1.000",
        "1,8,f16,a,0.990", "1,8,f16,b,1.002",
        "2,8,f16,a,2.0", "2,8,f16,b,1.0",
        "2,8,f16,a,2.1", "2,8,f16,b,1.1",
        "2,8,f16,a,2.2", "2,8,f16,b,1.0",
        "3,8,f16,a,1.0");

    private static MeasurementNoiseReport Analyze(MeasurementNoiseOptions? options = null) =>
        MeasurementNoise.Analyze(new[] { LogReader.Parse("toy.txt", Log) }, options);

    [Test]
    public void Near_tie_repetitions_are_counted_by_hand()
    {
        MeasurementNoiseReport report = Analyze();
        Assert.That(report.Inputs, Has.Count.EqualTo(2));
        Assert.That(report.SingleChoiceInputs, Is.EqualTo(1));

        InputNoise tie = report.Inputs[0];
        Assert.That(tie.Label, Is.EqualTo("a"));
        Assert.That(tie.Gap, Is.EqualTo((1.002 / 1.000) - 1).Within(1e-12));
        Assert.That((tie.Repetitions, tie.RepetitionsAgainstLabel, tie.RepetitionPairs, tie.RepetitionPairsDisagreeing), Is.EqualTo((3, 1, 3, 2)));
        Assert.That(tie.LabelFlipProbability, Is.GreaterThan(0.05).And.LessThan(0.95), "resampled medians sometimes flip a near tie");

        InputNoise clear = report.Inputs[1];
        Assert.That((clear.Label, clear.RepetitionsAgainstLabel, clear.RepetitionPairsDisagreeing, clear.LabelFlipProbability), Is.EqualTo(("b", 0, 0, 0.0)));
        Assert.That(clear.Gap, Is.EqualTo((2.1 / 1.0) - 1).Within(1e-12));
    }

    [Test]
    public void Buckets_group_inputs_by_gap()
    {
        MeasurementNoiseReport report = Analyze();
        Assert.That(report.Buckets.Select(b => b.Inputs), Is.EqualTo(new[] { 1, 0, 0, 0, 1 }));
        NoiseBucket first = report.Buckets[0];
        Assert.That((first.LowerGap, first.UpperGap), Is.EqualTo((0.0, 0.005)));
        Assert.That(first.RepetitionAgainstLabelRate, Is.EqualTo(1.0 / 3).Within(1e-12));
        Assert.That(first.RepetitionPairDisagreementRate, Is.EqualTo(2.0 / 3).Within(1e-12));
        Assert.That(report.Buckets[1].RepetitionAgainstLabelRate, Is.NaN, "an empty bucket has no rate");
        Assert.That(double.IsPositiveInfinity(report.Buckets[4].UpperGap), Is.True);
        Assert.That(report.ToMarkdown(), Does.Contain("| 0–0.5 % | 1 | 50.0 % | 33.3 % | 66.7 % |"));
    }

    [Test]
    public void Noise_floor_drops_to_zero_when_the_closest_inputs_are_unsure()
    {
        MeasurementNoiseReport report = Analyze();
        Assert.That(report.ExpectedNoiseWrong(0), Is.EqualTo(report.ExpectedLabelFlips));
        Assert.That(report.ExpectedNoiseWrong(0.5), Is.EqualTo(0.0), "the near tie is the closer half");
        Assert.That(report.ExpectedNoiseWrong(1), Is.EqualTo(0.0));
        Assert.That(() => report.ExpectedNoiseWrong(1.5), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Same_seed_same_report_and_no_bootstrap_means_no_flips()
    {
        Assert.That(Analyze().Inputs[0].LabelFlipProbability, Is.EqualTo(Analyze().Inputs[0].LabelFlipProbability));
        Assert.That(Analyze(new MeasurementNoiseOptions { Bootstraps = 0 }).ExpectedLabelFlips, Is.EqualTo(0.0));
    }

    [Test]
    public void Bad_arguments_name_the_problem()
    {
        ParsedLog other = LogReader.Parse("other.txt",
            "{\"shared_memory\": 1, \"device_capa\": [8, 0], \"name\": \"toy\", \"numerical_features\": [\"m\"], \"categorical_features\": []}\nm,choice,feedback\n1,a,1.0\n");
        Assert.That(() => MeasurementNoise.Analyze(new[] { LogReader.Parse("toy.txt", Log), other }),
            Throws.ArgumentException.With.Message.Contains("'toy.txt' and 'other.txt' have different features"));
        Assert.That(() => MeasurementNoise.Analyze(new[] { LogReader.Parse("empty.txt", string.Empty) }),
            Throws.ArgumentException.With.Message.Contains("No usable log"));
        Assert.That(() => Analyze(new MeasurementNoiseOptions { BucketEdges = new[] { 0.02, 0.01 } }),
            Throws.ArgumentException.With.Message.Contains("strictly increasing"));
    }

    [Test]
    [Category(TestRepository.SharedDataCategory)]
    public void Pad_mm_a100_near_ties_are_noisy_but_not_coin_flips()
    {
        string folder = TestRepository.PyTorchData();
        ParsedLog log = LogReader.Parse("pad_mm_a100_data.txt", PyTorchData.Unzip(folder, "pad_mm_a100_data.zip", "pad_mm_a100_data.txt"));
        MeasurementNoiseReport report = MeasurementNoise.Analyze(new[] { log }, new MeasurementNoiseOptions { Bootstraps = 200 });

        // The trainer's 9699 inputs (two inputs of the log have one choice only).
        Assert.That(report.Inputs, Has.Count.EqualTo(9699));
        Assert.That(report.SingleChoiceInputs, Is.EqualTo(2));
        int reps = report.Inputs.Sum(i => i.Repetitions), against = report.Inputs.Sum(i => i.RepetitionsAgainstLabel);
        int pairs = report.Inputs.Sum(i => i.RepetitionPairs), pairsDisagreeing = report.Inputs.Sum(i => i.RepetitionPairsDisagreeing);
        // Bucket-independent totals equal tools/bench/padmm_label_noise.py's "all" row (2.7 %, 4.7 %).
        Assert.That(100.0 * against / reps, Is.EqualTo(2.7).Within(0.05));
        Assert.That(100.0 * pairsDisagreeing / pairs, Is.EqualTo(4.7).Within(0.05));

        NoiseBucket closest = report.Buckets[0];
        TestContext.Out.WriteLine(report.ToMarkdown());
        Assert.That(closest.RepetitionPairDisagreementRate, Is.GreaterThan(0.2).And.LessThan(0.4), "near ties disagree often, yet far from a coin flip's 0.5");
        Assert.That(report.Buckets[^1].RepetitionPairDisagreementRate, Is.LessThan(0.001), "clear wins are stable");
        // An oracle unsure on the closest 17.5 % would mislabel about 0.2 % of inputs: noise alone does not force 35 % unsure.
        Assert.That(report.ExpectedNoiseWrong(0.175) / report.Inputs.Count, Is.LessThan(0.005));
    }
}
