using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Learning;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Training;
using ScottPlot;

namespace AutoHeuristic.Tools.CollectionSimulation;

/// <summary>One point of a learning curve by collection time.</summary>
/// <param name="Arm">The arm's label.</param>
/// <param name="Minutes">Wall minutes of collection since the arm's start.</param>
/// <param name="Inputs">Inputs collected by then.</param>
/// <param name="Rows">Rows collected by then.</param>
/// <param name="Models">Splits on which a tree met the validation budget (without one the caller always falls back: 100 % unsure).</param>
/// <param name="Splits">Splits averaged.</param>
/// <param name="UnsurePercent">Held-out inputs answered unsure (100 without a model).</param>
/// <param name="WrongPercent">Held-out inputs decided wrongly.</param>
/// <param name="LostPercent">Mean over the splits with a model: kernel time lost on wrong decisions, over the oracle's total time (unsure falls back to benchmarking, which finds the best).</param>
/// <param name="BenchmarkPercent">Time the fallback spends benchmarking every choice of the unsure inputs once, over the oracle's total time.</param>
internal sealed record TimePoint(string Arm, double Minutes, int Inputs, long Rows, int Models, int Splits, double UnsurePercent, double WrongPercent, double LostPercent, double BenchmarkPercent)
{
    /// <summary>Whether any split had a model.</summary>
    public bool HasModel => Models > 0;
}

/// <summary>
/// The GPU comparison of collection strategies: each arm's log (with its sampling side file,
/// which says when each input's rows were written) is cut at a series of wall times, a heuristic
/// is trained on each cut with the pad_mm preset, and the held-out uniform test set measures it.
/// </summary>
internal static class GpuComparison
{
    private const string HeldOut = "heldout";

    /// <summary>
    /// The arm's curve: at every <paramref name="stepMinutes"/>, the inputs collected by then are
    /// trained <paramref name="splits"/> times with split seeds 42, 43, … (the train/val/test split
    /// falls differently each time), and the held-out metrics are averaged;
    /// with a few hundred inputs a single split decides whether any tree passes validation at all.
    /// </summary>
    /// <remarks>
    /// With <paramref name="validateOnUniform"/> each cut is split by its side file as
    /// <c>train --validate-on-uniform</c> does (<see cref="SampledLogParts"/>): validation on the
    /// uniformly drawn inputs, the inputs picked as unsure train only.
    /// </remarks>
    public static IReadOnlyList<TimePoint> Curve(string label, string logPath, ParsedLog test, double stepMinutes, double? allowedWrong, int splits, bool validateOnUniform = false)
    {
        string text = File.ReadAllText(logPath);
        IReadOnlyList<SampledInputRecord> side = SamplingLog.Read(logPath + SamplingLog.Suffix);
        if (side.Count == 0) throw new InvalidDataException($"{logPath}{SamplingLog.Suffix}: no inputs.");
        DateTime start = SamplingLog.Started(side);
        string[] lines = text.Split('\n');
        string head = lines[0] + "\n" + lines[1] + "\n";
        // Each input's rows, in log order (the side file lists the inputs in the order their rows were appended).
        var groups = new List<string>(side.Count);
        long next = 2;
        foreach (SampledInputRecord r in side)
        {
            groups.Add(string.Join("\n", lines, (int)next, r.Rows) + "\n");
            next += r.Rows;
        }

        double end = (side[^1].FinishedUtc - start).TotalMinutes;
        var points = new List<TimePoint>();
        for (double t = stepMinutes; t < end + stepMinutes; t += stepMinutes)
        {
            double cut = Math.Min(t, end);
            int inputs = side.Count(r => (r.FinishedUtc - start).TotalMinutes <= cut + 1e-9);
            if (inputs == 0) continue;
            long rows = side.Take(inputs).Sum(r => (long)r.Rows);
            var results = new List<TimePoint>();
            string prefix = head + string.Concat(groups.Take(inputs));
            string? picked = null;
            if (validateOnUniform)
            {
                SampledLogParts parts = SampledLogParts.Split(prefix, side.Take(inputs).ToList(), logPath);
                prefix = parts.UniformLog;
                if (parts.PickedInputs > 0) picked = parts.PickedLog;
            }

            for (int k = 0; k < splits; k++) results.Add(Evaluate(label, cut, inputs, rows, prefix, picked, test, allowedWrong, (uint)(42 + k)));

            List<TimePoint> withModel = results.Where(r => r.HasModel).ToList();
            points.Add(new TimePoint(label, cut, inputs, rows, withModel.Count, splits,
                results.Average(r => r.UnsurePercent), results.Average(r => r.WrongPercent),
                withModel.Count == 0 ? double.NaN : withModel.Average(r => r.LostPercent),
                withModel.Count == 0 ? double.NaN : withModel.Average(r => r.BenchmarkPercent)));
        }

        return points;
    }

    private static TimePoint Evaluate(string label, double minutes, int inputs, long rows, string log, string? trainOnly, ParsedLog test, double? allowedWrong, uint splitSeed)
    {
        TrainingResult result;
        try
        {
            var extra = new List<ExtraDataSet> { new(HeldOut, new[] { test }) };
            if (trainOnly is not null) extra.Add(new ExtraDataSet("picked", new[] { LogReader.Parse(label, trainOnly) }) { TrainingCopies = 1 });
            result = HeuristicTrainer.Train(new[] { LogReader.Parse(label, log) }, new TrainingOptions
            {
                ExtraData = extra,
                KeepDecisions = true,
                AllowedWrongFraction = allowedWrong,
                SplitSeed = splitSeed,
            });
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or AutoHeuristic.Logs.LogFormatException)
        {
            Console.Error.WriteLine($"  {label} at {minutes:F2} min ({inputs} inputs): no training ({e.Message})");
            return new TimePoint(label, minutes, inputs, rows, 0, 1, 100, 0, 0, double.NaN);
        }

        HeuristicTrainingResult? h = result.Heuristics.FirstOrDefault();
        if (h?.Selected is null || !h.Decisions.TryGetValue(HeldOut, out DecisionListing? listing))
            return new TimePoint(label, minutes, inputs, rows, 0, 1, 100, 0, 0, double.NaN);

        double oracle = 0, lost = 0, benchmark = 0;
        int unsure = 0, wrong = 0, total = 0;
        foreach (InputDecision d in listing.Inputs)
        {
            if (double.IsNaN(d.BestTime) || double.IsInfinity(d.BestTime)) continue;
            total++;
            oracle += d.BestTime;
            if (d.Decision is null)
            {
                unsure++;
                benchmark += d.Times.Where(x => !double.IsInfinity(x) && !double.IsNaN(x)).Sum();
            }
            else if (d.Outcome == AutoHeuristic.Learning.Evaluation.DecisionOutcome.Wrong)
            {
                wrong++;
                lost += d.DecisionTime - d.BestTime;
            }
        }

        return new TimePoint(label, minutes, inputs, rows, 1, 1, 100.0 * unsure / total, 100.0 * wrong / total, 100 * lost / oracle, 100 * benchmark / oracle);
    }

    public static string Table(IReadOnlyList<TimePoint> points)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| arm | minutes | inputs | rows per input | splits with a model | test unsure % | test wrong % | time lost on wrong picks | fallback benchmarking |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (TimePoint p in points)
        {
            sb.AppendLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1:0.00} | {2} | {3:0.00} | {4}/{5} | {6:0.0} | {7:0.0} | {8} | {9} |",
                p.Arm, p.Minutes, p.Inputs, (double)p.Rows / p.Inputs, p.Models, p.Splits,
                p.UnsurePercent, p.WrongPercent, p.HasModel ? p.LostPercent.ToString("0.00", CultureInfo.InvariantCulture) + " %" : "–",
                p.HasModel ? p.BenchmarkPercent.ToString("0", CultureInfo.InvariantCulture) + " %" : "–"));
        }

        return sb.ToString();
    }

    /// <summary>Test unsure % and wrong % by collection minutes, one line per arm, as PNG bytes.</summary>
    public static byte[] Plot(string title, IReadOnlyList<TimePoint> points)
    {
        var plot = new Plot();
        string[] arms = points.Select(p => p.Arm).Distinct().ToArray();
        foreach (string arm in arms)
        {
            TimePoint[] a = points.Where(p => p.Arm == arm).ToArray();
            double[] xs = a.Select(p => p.Minutes).ToArray();
            var unsure = plot.Add.ScatterLine(xs, a.Select(p => p.UnsurePercent).ToArray());
            unsure.LegendText = arm + ": test unsure %";
            unsure.LineWidth = 2.5f;
            var wrong = plot.Add.ScatterLine(xs, a.Select(p => p.WrongPercent).ToArray());
            wrong.LegendText = arm + ": test wrong %";
            wrong.LineWidth = 1.5f;
            wrong.LinePattern = LinePattern.Dashed;
            wrong.Color = unsure.Color;
        }

        plot.Title(title);
        plot.XLabel("collection wall time (minutes)");
        plot.YLabel("% of held-out inputs");
        plot.Axes.SetLimits(0, points.Max(p => p.Minutes) * 1.02, 0, 100);
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(1000, 560, ImageFormat.Png);
    }
}
