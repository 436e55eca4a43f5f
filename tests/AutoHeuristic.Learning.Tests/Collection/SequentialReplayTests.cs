using System;
using System.Collections.Generic;
using AutoHeuristic.Collection;
using AutoHeuristic.Learning.Collection;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests.Collection;

public class SequentialReplayTests
{
    private static IReadOnlyList<IReadOnlyList<double>> Input(params double[][] byChoice) => byChoice;

    // Rule: stop after a round when the gap exceeds 5 %, at most 3 rounds.
    // Input 1: a 1.0/1.0/1.0, b 2.0/2.0/2.0: gap 100 %, stops after round 1, label a both ways.
    // Input 2: a 1.00/1.025/1.025, b 1.02/1.00/1.00: round 1 gap 2 %, round 2 medians 1.0125 vs 1.01 (0.2 %),
    //          so all 3 rounds; full label b (1.00 < 1.025), gap 2.5 %: bucket (1 %, 3 %], unchanged.
    // Input 3: a 1.00/1.20/1.20, b 1.10/1.10/1.10: round 1 gap 10 % > 5 %: stops with label a,
    //          but over 3 rounds b wins (1.10 < 1.20) by 9.1 %: bucket (3 %, 10 %], changed.
    // Input 4: one choice only: skipped.
    private static readonly IReadOnlyList<IReadOnlyList<IReadOnlyList<double>>> Inputs = new[]
    {
        Input(new[] { 1.0, 1.0, 1.0 }, new[] { 2.0, 2.0, 2.0 }),
        Input(new[] { 1.00, 1.025, 1.025 }, new[] { 1.02, 1.00, 1.00 }),
        Input(new[] { 1.00, 1.20, 1.20 }, new[] { 1.10, 1.10, 1.10 }),
        Input(new[] { 1.0, 1.0, 1.0 }),
    };

    private static readonly double[] Edges = { 0.01, 0.03, 0.10 };

    [Test]
    public void Labels_changed_and_rows_saved_are_counted_by_hand()
    {
        ReplayResult result = SequentialReplay.Run(Inputs, new SequentialStopping(0.05), Edges);

        Assert.That(result.Buckets, Has.Count.EqualTo(4));
        Assert.That(result.Buckets[0], Is.EqualTo(new ReplayBucket(0.01, 0, 0)));
        Assert.That(result.Buckets[1], Is.EqualTo(new ReplayBucket(0.03, 1, 0)));
        Assert.That(result.Buckets[2], Is.EqualTo(new ReplayBucket(0.10, 1, 1)));
        Assert.That(result.Buckets[3], Is.EqualTo(new ReplayBucket(double.PositiveInfinity, 1, 0)));
        // 3 inputs × 6 rows logged; inputs 1 and 3 stop after round 1 (2 rows each), input 2 uses 6.
        Assert.That(result.RowsLogged, Is.EqualTo(18));
        Assert.That(result.RowsUsed, Is.EqualTo(10));
        Assert.That(result.RowsSavedFraction, Is.EqualTo(8.0 / 18).Within(1e-12));
        Assert.That(result.StoppedAfter, Is.EqualTo(new[] { 2, 0, 1 }));
        Assert.That(result.SameLabelAbove(0.03), Is.EqualTo(0.5).Within(1e-12));
        // Time: input 1 logs 9.0, uses 3.0; input 2 logs and uses 6.07; input 3 logs 6.7, uses 2.1.
        Assert.That(result.TimeLogged, Is.EqualTo(9.0 + 6.07 + 6.7).Within(1e-9));
        Assert.That(result.TimeUsed, Is.EqualTo(3.0 + 6.07 + 2.1).Within(1e-9));
    }

    [Test]
    public void Requiring_two_rounds_keeps_the_full_label_of_the_outlier_first_round()
    {
        // With at least 2 rounds, input 3's medians after round 2 are 1.10 vs 1.10: a tie, so round 3 runs.
        ReplayResult result = SequentialReplay.Run(Inputs, new SequentialStopping(0.05, minRounds: 2), Edges);
        Assert.That(result.Buckets[2].LabelsChanged, Is.EqualTo(0));
        Assert.That(result.SameLabelAbove(0.03), Is.EqualTo(1.0));
        Assert.That(result.StoppedAfter, Is.EqualTo(new[] { 0, 1, 2 }));
    }

    [Test]
    public void A_gap_that_is_not_a_bucket_edge_is_refused()
    {
        ReplayResult result = SequentialReplay.Run(Inputs, new SequentialStopping(0.05), Edges);
        Assert.Throws<ArgumentException>(() => result.SameLabelAbove(0.02));
    }
}
