using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using AutoHeuristic.Cli.Collection;
using AutoHeuristic.Cuda.Collection;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests.Collection;

/// <summary>The adaptive loop with a stand-in for the GPU: "measuring" writes rows of a toy heuristic and the side-file line.</summary>
public class AdaptiveCollectionTests
{
    private const string Metadata = "{\"shared_memory\": 232448, \"device_capa\": [9, 0], \"name\": \"toy\", \"numerical_features\": [\"m\", \"k\"], \"categorical_features\": [\"dtype\"]}";
    private const string Header = "m,k,dtype,choice,feedback";
    private static readonly string[] Choices = { "a", "b" };
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "ah-adaptive-" + Guid.NewGuid().ToString("N"))).FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static (int M, int K) Input(int index) => (10 + (index * 37 % 191), 16 + (index * 13 % 97));

    private static string Cells(int index) => string.Create(CultureInfo.InvariantCulture, $"{Input(index).M},{Input(index).K},torch.float16");

    // "a" wins below m = 70, "b" above 130; within 70..130 the winner depends on the index (a coin toss to a tree).
    private static bool AWins(int index) => Input(index).M < 70 || (Input(index).M <= 130 && (index * 2654435761u) % 2 == 0);

    private sealed class StandIn
    {
        public List<IReadOnlyList<PlannedInput>> Rounds { get; } = new();

        public CollectSummary Measure(CollectorOptions options)
        {
            if (!options.Resume && File.Exists(options.OutPath)) throw new InvalidOperationException("a fresh round would overwrite the log");
            IReadOnlyList<PlannedInput> planned = options.PlannedInputs();
            Rounds.Add(planned);
            var text = new StringBuilder(File.Exists(options.OutPath) ? string.Empty : Metadata + "\n" + Header + "\n");
            foreach (PlannedInput p in planned)
            {
                bool a = AWins(p.Index);
                text.Append(Cells(p.Index)).Append(",a,").Append(a ? "1.0" : "2.0").Append('\n');
                text.Append(Cells(p.Index)).Append(",b,").Append(a ? "1.5" : "1.2").Append('\n');
            }

            File.AppendAllText(options.OutPath, text.ToString());
            foreach (PlannedInput p in planned)
                SamplingLog.Append(options.EffectiveSamplingLogPath, new SampledInputRecord(options.Seed, p, 1, 2, 0.01, DateTime.UtcNow));
            return new CollectSummary(planned.Count, 0, 0, planned.Count * 2, TimeSpan.FromSeconds(1), Array.Empty<string>(), "stand-in");
        }
    }

    private AdaptiveCollection Loop(StandIn gpu, int samples, int pool, int roundSize, bool resume = false) =>
        new(new CollectorOptions { Samples = samples, Seed = 4, OutPath = Path.Combine(_dir, "log.txt"), Resume = resume },
            new AdaptiveSettings(pool, roundSize, UniformShare: 0.25), Choices, Cells, gpu.Measure);

    [Test]
    public void Rounds_measure_distinct_pool_inputs_and_record_round_reason_and_weight()
    {
        var gpu = new StandIn();
        var rounds = new List<AdaptiveRound>();
        CollectSummary summary = Loop(gpu, samples: 360, pool: 900, roundSize: 120).Run(rounds.Add);

        Assert.That(summary.Collected, Is.EqualTo(360));
        Assert.That(rounds.Select(r => r.Round), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(rounds[0].Plan.HadModel, Is.False, "nothing to train on before the first round");
        Assert.That(rounds[1].Plan.HadModel, Is.True);
        IReadOnlyList<SampledInputRecord> side = SamplingLog.Read(Path.Combine(_dir, "log.txt") + SamplingLog.Suffix);
        Assert.That(side, Has.Count.EqualTo(360));
        Assert.That(side.Select(r => r.Input.Index).Distinct().Count(), Is.EqualTo(360), "no input is measured twice");
        Assert.That(side.All(r => r.Input.Index < 900), Is.True);
        Assert.That(side.Where(r => r.Input.Round == 0).All(r => r.Input.Reason == SampleReasons.Uniform && r.Input.Weight == 900.0 / 120), Is.True);
        List<SampledInputRecord> second = side.Where(r => r.Input.Round == 1).ToList();
        Assert.That(second.Count(r => r.Input.Reason == SampleReasons.Uniform), Is.EqualTo(30));
        Assert.That(second.Count(r => r.Input.Reason == SampleReasons.Unsure), Is.EqualTo(90));
        Assert.That(second.Where(r => r.Input.Reason == SampleReasons.Uniform).All(r => r.Input.Weight == 780.0 / 30), Is.True, "pool left / uniform picks");
    }

    [Test]
    public void Picks_by_uncertainty_crowd_where_the_winner_is_a_coin_toss()
    {
        var gpu = new StandIn();
        Loop(gpu, samples: 360, pool: 900, roundSize: 120).Run();
        static bool NearBand(int index) => Input(index).M is >= 65 and <= 135;
        double poolShare = Enumerable.Range(0, 900).Count(NearBand) / 900.0;
        IReadOnlyList<SampledInputRecord> side = SamplingLog.Read(Path.Combine(_dir, "log.txt") + SamplingLog.Suffix);
        List<SampledInputRecord> unsure = side.Where(r => r.Input.Reason == SampleReasons.Unsure).ToList();
        double unsureShare = unsure.Count(r => NearBand(r.Input.Index)) / (double)unsure.Count;
        Assert.That(poolShare, Is.LessThan(0.4));
        Assert.That(unsureShare, Is.GreaterThanOrEqualTo(0.95), $"unsure picks near the band: {unsureShare:P0}, pool: {poolShare:P0}");
    }

    [Test]
    public void A_resumed_collection_continues_with_the_next_round_and_new_inputs()
    {
        Loop(new StandIn(), samples: 240, pool: 900, roundSize: 120).Run();
        var gpu = new StandIn();
        var rounds = new List<AdaptiveRound>();
        CollectSummary summary = Loop(gpu, samples: 360, pool: 900, roundSize: 120, resume: true).Run(rounds.Add);

        Assert.That(rounds.Select(r => r.Round), Is.EqualTo(new[] { 2 }));
        Assert.That(summary.Collected, Is.EqualTo(120));
        Assert.That(summary.Resumed, Is.EqualTo(240));
        IReadOnlyList<SampledInputRecord> side = SamplingLog.Read(Path.Combine(_dir, "log.txt") + SamplingLog.Suffix);
        Assert.That(side.Select(r => r.Input.Index).Distinct().Count(), Is.EqualTo(360));
    }

    [Test]
    public void The_collection_ends_when_the_pool_is_used_up()
    {
        var gpu = new StandIn();
        CollectSummary summary = Loop(gpu, samples: 500, pool: 150, roundSize: 100).Run();
        Assert.That(summary.Collected, Is.EqualTo(150));
        Assert.That(gpu.Rounds.Select(r => r.Count), Is.EqualTo(new[] { 100, 50 }));
    }

    [Test]
    public void Bad_settings_are_named()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Loop(new StandIn(), 10, pool: 0, roundSize: 5))!;
        Assert.That(e.Message, Does.Contain("--pool"));
    }
}
