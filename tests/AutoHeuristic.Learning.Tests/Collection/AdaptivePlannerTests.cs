using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AutoHeuristic.Learning.Collection;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests.Collection;

public class AdaptivePlannerTests
{
    private static readonly string[] Choices = { "a", "b" };

    // "a" wins below m = 100 and "b" above, except in the band 90..110 where the winner is a coin toss:
    // a tree is sure far from the band and unsure inside it.
    private static bool AWins(int m, int i) => m < 90 || (m <= 110 && (i * 2654435761u) % 2 == 0);

    private static string Cells(int m, int k) => string.Create(CultureInfo.InvariantCulture, $"{m},{k},torch.float16");

    private static string Collected(int inputs)
    {
        var sb = new StringBuilder(TestLogs.PadMetadata + "\n" + TestLogs.Header + "\n");
        for (int i = 0; i < inputs; i++)
        {
            int m = 10 + (i * 37 % 191);
            int k = 16 + (i * 13 % 97);
            bool a = AWins(m, i);
            sb.Append(Cells(m, k)).Append(",a,").Append(a ? "1.0" : "2.0").Append('\n');
            sb.Append(Cells(m, k)).Append(",b,").Append(a ? "1.5" : "1.2").Append('\n');
        }

        return sb.ToString();
    }

    private static List<PoolInput> Pool(int count) =>
        Enumerable.Range(0, count).Select(i => new PoolInput(1000 + i, Cells(11 + (i * 53 % 189), 17 + (i * 29 % 95)))).ToList();

    private static int M(PoolInput p) => int.Parse(p.FeatureCells.Split(',')[0], CultureInfo.InvariantCulture);

    [Test]
    public void Without_a_log_every_pick_is_uniform_with_the_pool_over_picks_weight()
    {
        var planner = new AdaptivePlanner(uniformShare: 0.2, seed: 1, allowedWrongFraction: 0.03);
        List<PoolInput> pool = Pool(400);
        AdaptivePlan plan = planner.Plan(null, null, Choices, pool, 50, round: 0);
        Assert.That(plan.HadModel, Is.False);
        Assert.That(plan.Picks, Has.Count.EqualTo(50));
        Assert.That(plan.Picks.Select(p => p.Index).Distinct().Count(), Is.EqualTo(50));
        Assert.That(plan.Picks.All(p => p.Reason == SampleReason.Uniform && p.Weight == 400.0 / 50), Is.True);
    }

    [Test]
    public void With_a_tree_the_unsure_picks_sit_where_the_winner_is_a_coin_toss()
    {
        var planner = new AdaptivePlanner(uniformShare: 0.2, seed: 1, allowedWrongFraction: 0.03);
        List<PoolInput> pool = Pool(400);
        AdaptivePlan plan = planner.Plan(Collected(800), null, Choices, pool, 50, round: 1);

        Assert.That(plan.HadModel, Is.True);
        Assert.That(plan.UnsureInPool, Is.GreaterThan(0));
        List<SampledInput> uniform = plan.Picks.Where(p => p.Reason == SampleReason.Uniform).ToList();
        List<SampledInput> unsure = plan.Picks.Where(p => p.Reason == SampleReason.Unsure).ToList();
        Assert.That(uniform, Has.Count.EqualTo(10));
        Assert.That(uniform.All(p => p.Weight == 400.0 / 10), Is.True);
        Assert.That(unsure, Has.Count.EqualTo(40));
        Assert.That(unsure.All(p => p.Weight == 1), Is.True);
        // Picks by uncertainty crowd into the coin-toss band (until it is used up); uniform picks would land there as often as the pool does.
        static bool InBand(int m) => m is >= 85 and <= 115;
        double poolShare = pool.Count(p => InBand(M(p))) / (double)pool.Count;
        double pickShare = unsure.Count(p => InBand(M(pool[p.Index]))) / (double)unsure.Count;
        Assert.That(poolShare, Is.LessThan(0.25));
        Assert.That(pickShare, Is.GreaterThanOrEqualTo(0.85));
    }

    [Test]
    public void Picked_inputs_train_the_scoring_tree_without_entering_its_validation()
    {
        var planner = new AdaptivePlanner(uniformShare: 0.2, seed: 1, allowedWrongFraction: 0.03);
        List<PoolInput> pool = Pool(400);
        // Only coin-toss inputs picked earlier: in validation they would make every tree look worse than it is.
        string picked = TestLogs.PadMetadata + "\n" + TestLogs.Header + "\n" + string.Concat(Collected(4000).Split('\n').Skip(2)
            .Where(l => l.Length > 0 && int.Parse(l.Split(',')[0], CultureInfo.InvariantCulture) is >= 90 and <= 110).Take(400).Select(l => l + "\n"));
        AdaptivePlan withParts = planner.Plan(Collected(800), picked, Choices, pool, 50, round: 1);
        Assert.That(withParts.HadModel, Is.True);
        Assert.That(withParts.Picks, Has.Count.EqualTo(50));
        AdaptivePlan pickedOnly = planner.Plan(null, picked, Choices, pool, 50, round: 1);
        Assert.That(pickedOnly.HadModel, Is.False, "without uniformly drawn inputs there is nothing to validate on: uniform picks");
    }

    [Test]
    public void The_same_seed_and_round_pick_the_same_inputs_and_another_round_picks_others()
    {
        var planner = new AdaptivePlanner(0.5, seed: 3, allowedWrongFraction: 0.03);
        List<PoolInput> pool = Pool(300);
        var first = planner.Plan(null, null, Choices, pool, 40, round: 0).Picks.Select(p => p.Index).ToList();
        var again = planner.Plan(null, null, Choices, pool, 40, round: 0).Picks.Select(p => p.Index).ToList();
        var other = planner.Plan(null, null, Choices, pool, 40, round: 1).Picks.Select(p => p.Index).ToList();
        Assert.That(again, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
    }

    [Test]
    public void The_pool_log_copies_the_header_and_writes_one_row_per_choice()
    {
        string log = AdaptivePlanner.PoolLog(Collected(2), Choices, new[] { new PoolInput(5, "1,2,torch.float16") });
        Assert.That(log, Is.EqualTo(TestLogs.PadMetadata + "\n" + TestLogs.Header + "\n1,2,torch.float16,a,1\n1,2,torch.float16,b,2\n"));
        Assert.Throws<FormatException>(() => AdaptivePlanner.PoolLog("only one line", Choices, Array.Empty<PoolInput>()));
    }
}
