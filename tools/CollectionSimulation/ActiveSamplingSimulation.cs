using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AutoHeuristic.Learning;
using AutoHeuristic.Learning.Collection;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Training;

namespace AutoHeuristic.Tools.CollectionSimulation;

/// <summary>
/// Pool-based simulation of active sampling: a fixed uniform held-out test split; from the rest
/// (the pool), collect inputs in rounds either uniformly or with <see cref="AdaptiveSampler"/>
/// (train on what is collected, pick where the tree is least sure plus a uniform share), and
/// report the held-out unsure and wrong percentages at each collected size.
/// </summary>
internal sealed class ActiveSamplingSimulation
{
    private const string HeldOut = "heldout";
    private const string Pool = "pool";

    private readonly LoggedInputs _log;
    private readonly List<LoggedInput> _test;
    private readonly List<LoggedInput> _pool;
    private readonly TrainingGrid _grid;
    private readonly double? _allowedWrong;

    /// <param name="log">The whole log.</param>
    /// <param name="testInputs">Inputs held out (uniformly, the same for every seed and arm).</param>
    /// <param name="grid">The training grid.</param>
    /// <param name="allowedWrong">The allowed wrong fraction on validation (null: the preset's, PyTorch's 1 %).</param>
    public ActiveSamplingSimulation(LoggedInputs log, int testInputs, TrainingGrid grid, double? allowedWrong)
    {
        _log = log;
        _grid = grid;
        _allowedWrong = allowedWrong;
        List<LoggedInput> usable = log.Inputs.Where(i => i.Times.Count >= 2).ToList();
        Shuffle(usable, new Random(12345)); // the held-out split is the same for every seed and arm
        _test = usable.Take(testInputs).ToList();
        _pool = usable.Skip(testInputs).ToList();
    }

    public int PoolSize => _pool.Count;
    public int TestSize => _test.Count;

    /// <summary>One point of a learning curve.</summary>
    /// <param name="HasModel">Whether a grid point met the validation wrong budget; without one every input falls back (100 % unsure).</param>
    /// <param name="UnsurePicks">Adaptive arm: share of the inputs picked by uncertainty in the round that led here whose answer was unsure (NaN otherwise).</param>
    public sealed record CurvePoint(string Arm, int Seed, int Inputs, double UnsurePercent, double WrongPercent, bool HasModel, double UnsurePicks);

    /// <summary>Runs both arms for one seed, collecting up to each size in <paramref name="sizes"/> (increasing; the first is a uniform warm start for both).</summary>
    public IEnumerable<CurvePoint> Run(int seed, IReadOnlyList<int> sizes, double uniformShare)
    {
        var order = new List<LoggedInput>(_pool);
        Shuffle(order, new Random(seed));

        // Uniform arm: the first n of a random order of the pool.
        foreach (int n in sizes)
        {
            (SetMetrics? test, _) = Train(order.Take(n).ToList(), null);
            yield return Point("uniform", seed, n, test, double.NaN);
        }

        // Adaptive arm: the same warm start, then rounds picked by the sampler.
        var collected = order.Take(sizes[0]).ToList();
        var remaining = order.Skip(sizes[0]).ToList();
        var sampler = new AdaptiveSampler(uniformShare, seed);
        double unsurePicks = double.NaN;
        for (int k = 0; ; k++)
        {
            (SetMetrics? test, DecisionListing? poolDecisions) = Train(collected, remaining);
            yield return Point("adaptive", seed, collected.Count, test, unsurePicks);
            if (k + 1 >= sizes.Count) break;
            double[] uncertainty = Uncertainties(remaining, poolDecisions);
            IReadOnlyList<SampledInput> picks = sampler.Select(uncertainty, sizes[k + 1] - collected.Count);
            var byUncertainty = picks.Where(p => p.Reason == SampleReason.Unsure).ToList();
            unsurePicks = byUncertainty.Count == 0 ? double.NaN : (double)byUncertainty.Count(p => uncertainty[p.Index] >= 1) / byUncertainty.Count;
            var picked = new HashSet<int>(picks.Select(p => p.Index));
            collected.AddRange(picks.Select(p => remaining[p.Index]));
            remaining = remaining.Where((_, i) => !picked.Contains(i)).ToList();
        }
    }

    /// <summary>Trains on <paramref name="collected"/>; returns the held-out metrics and, if asked, the decisions on <paramref name="pool"/>.</summary>
    private (SetMetrics? Test, DecisionListing? Pool) Train(List<LoggedInput> collected, List<LoggedInput>? pool)
    {
        var extra = new List<ExtraDataSet> { new(HeldOut, new[] { LogReader.Parse("heldout.txt", _log.Text(_test)) }) };
        if (pool is not null) extra.Add(new ExtraDataSet(Pool, new[] { LogReader.Parse("pool.txt", _log.Text(pool)) }));
        TrainingResult result = HeuristicTrainer.Train(new[] { LogReader.Parse("collected.txt", _log.Text(collected)) }, new TrainingOptions
        {
            Grid = _grid,
            ExtraData = extra,
            KeepDecisions = pool is not null,
            AllowedWrongFraction = _allowedWrong,
        });
        HeuristicTrainingResult? h = result.Heuristics.FirstOrDefault();
        if (h?.Selected is null) return (null, null);
        h.Decisions.TryGetValue(Pool, out DecisionListing? listing);
        return (h.Selected.Sets[HeldOut], listing);
    }

    /// <summary>Each remaining input's uncertainty; with no model yet, every input is equally unsure.</summary>
    private static double[] Uncertainties(List<LoggedInput> remaining, DecisionListing? decisions)
    {
        double[] scores = Enumerable.Repeat(2.0, remaining.Count).ToArray();
        if (decisions is null) return scores;
        var byKey = new Dictionary<string, InputDecision>(StringComparer.Ordinal);
        foreach (InputDecision d in decisions.Inputs) byKey[string.Join(",", d.FeatureValues)] = d;
        int missing = 0;
        for (int i = 0; i < remaining.Count; i++)
        {
            if (byKey.TryGetValue(remaining[i].Key, out InputDecision? d)) scores[i] = AdaptiveSampler.Uncertainty(d.Decision is not null, d.Probability);
            else missing++;
        }

        if (missing > 0) Console.Error.WriteLine($"  note: {missing} pool inputs had no decision (left out by the trainer, e.g. tied or failed); scored as unsure.");
        return scores;
    }

    private static CurvePoint Point(string arm, int seed, int n, SetMetrics? test, double unsurePicks)
    {
        if (test is null) return new CurvePoint(arm, seed, n, 100, 0, false, unsurePicks); // no eligible model: the caller always falls back
        double total = test.Values[MetricNames.Total];
        return new CurvePoint(arm, seed, n, 100 * test.Values[MetricNames.Unsure] / total, 100 * test.Values[MetricNames.Wrong] / total, true, unsurePicks);
    }

    private static void Shuffle<T>(List<T> items, Random random)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>The learning curves as a Markdown table: mean over seeds (and min–max).</summary>
    public static string Table(IReadOnlyList<CurvePoint> points)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| inputs collected | uniform: test unsure % | uniform: test wrong % | adaptive: test unsure % | adaptive: test wrong % | seeds without a model (uniform / adaptive) | adaptive picks answered unsure | seeds |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (int n in points.Select(p => p.Inputs).Distinct().OrderBy(n => n))
        {
            var u = points.Where(p => p.Inputs == n && p.Arm == "uniform").ToList();
            var a = points.Where(p => p.Inputs == n && p.Arm == "adaptive").ToList();
            var picked = a.Where(p => !double.IsNaN(p.UnsurePicks)).ToList();
            sb.AppendLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2} | {3} | {4} | {5} / {6} | {7} | {8} |",
                n, Cell(u, p => p.UnsurePercent), Cell(u, p => p.WrongPercent), Cell(a, p => p.UnsurePercent), Cell(a, p => p.WrongPercent),
                u.Count(p => !p.HasModel), a.Count(p => !p.HasModel), picked.Count == 0 ? "–" : Cell(picked, p => 100 * p.UnsurePicks) + " %", Math.Max(u.Count, a.Count)));
        }

        return sb.ToString();
    }

    private static string Cell(List<CurvePoint> points, Func<CurvePoint, double> value)
    {
        if (points.Count == 0) return "–";
        double[] v = points.Select(value).ToArray();
        return v.Length == 1
            ? string.Format(CultureInfo.InvariantCulture, "{0:0.0}", v[0])
            : string.Format(CultureInfo.InvariantCulture, "{0:0.0} ({1:0.0}–{2:0.0})", v.Average(), v.Min(), v.Max());
    }
}
