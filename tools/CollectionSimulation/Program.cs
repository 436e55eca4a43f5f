// Offline simulations for issue #13 on an existing autotuning log (see docs/collection-efficiency.md):
//
//   dotnet run --project tools/CollectionSimulation -- sequential <log.txt>
//   dotnet run --project tools/CollectionSimulation -- active <log.txt> [seeds=2] [test inputs=1500] [sizes=250,500,1000,2000,4000] [allowed wrong on validation=preset's] [uniform share=0.2]
//
// Prints Markdown tables to standard output.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using AutoHeuristic.Collection;
using AutoHeuristic.Learning.Collection;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Training;
using AutoHeuristic.Tools.CollectionSimulation;

if (args.Length >= 4 && args[0] == "gpu-curves")
{
    // gpu-curves <test.txt> <step minutes> <allowed wrong|preset> <png|-> label=log.txt... (each cut averaged over 10 input orders)
    ParsedLog test = LogReader.Parse(args[1], File.ReadAllText(args[1]));
    double step = double.Parse(args[2], CultureInfo.InvariantCulture);
    double? budget = args[3] == "preset" ? null : double.Parse(args[3], CultureInfo.InvariantCulture);
    var curves = new List<TimePoint>();
    foreach (string arm in args.Skip(5))
    {
        // label=log.txt, or label=log.txt@uniform to validate on the uniformly drawn inputs only
        string[] parts = arm.Split('=', 2);
        bool uniformValidation = parts[1].EndsWith("@uniform", StringComparison.Ordinal);
        string path = uniformValidation ? parts[1][..^"@uniform".Length] : parts[1];
        curves.AddRange(GpuComparison.Curve(parts[0], path, test, step, budget, splits: 10, uniformValidation));
    }

    Console.WriteLine(GpuComparison.Table(curves));
    if (args[4] != "-") File.WriteAllBytes(args[4], GpuComparison.Plot($"pad_mm: held-out test set by collection time (validation budget {(budget is null ? "preset's" : budget.Value.ToString("P0", CultureInfo.InvariantCulture))})", curves));
    return 0;
}

if (args.Length == 3 && args[0] == "gpu-throughput")
{
    // gpu-throughput <all-rounds log> <sequential log>: the same inputs (same seed) measured both ways.
    Console.WriteLine(GpuThroughput.Report(args[1], args[2]));
    return 0;
}

if (args.Length < 2 || (args[0] != "sequential" && args[0] != "active"))
{
    Console.Error.WriteLine("usage: sequential <log.txt> | active <log.txt> [seeds] [test inputs] [sizes, comma-separated] | gpu-curves <test.txt> <step minutes> <allowed wrong|preset> <png|-> label=log.txt... | gpu-throughput <all-rounds log> <sequential log>");
    return 2;
}

LoggedInputs log = LoggedInputs.Parse(System.IO.File.ReadAllText(args[1]), args[1]);
Console.WriteLine($"{args[1]}: {log.Inputs.Count} inputs.\n");

if (args[0] == "sequential")
{
    List<double> spreads = log.RepetitionSpreads();
    Console.WriteLine(SequentialSimulation.SpreadTable(spreads));
    Console.WriteLine(SequentialSimulation.Header());
    Console.WriteLine(SequentialSimulation.Row("always 1 round", new SequentialStopping(0, 1, 1), log.Inputs));
    Console.WriteLine(SequentialSimulation.Row("always 2 rounds", new SequentialStopping(0, 2, 2), log.Inputs));
    foreach (double q in new[] { 0.5, 0.9, 0.95, 0.99, 0.999 })
    foreach (int minRounds in new[] { 1, 2 })
    {
        double bound = SequentialStopping.NoiseBoundFromSpreads(spreads, q);
        string name = string.Format(CultureInfo.InvariantCulture, "gap > q{0:0.#} spread ({1:0.00} %), ≥ {2} round(s)", q * 100, bound * 100, minRounds);
        Console.WriteLine(SequentialSimulation.Row(name, new SequentialStopping(bound, minRounds, 3), log.Inputs));
    }

    foreach (double fixedBound in new[] { 0.03, 0.05, 0.10 })
        Console.WriteLine(SequentialSimulation.Row(string.Format(CultureInfo.InvariantCulture, "gap > {0:0} % (fixed), ≥ 1 round", fixedBound * 100), new SequentialStopping(fixedBound, 1, 3), log.Inputs));
    return 0;
}

int seeds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
int testInputs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1500;
double uniformShare = args.Length > 6 ? double.Parse(args[6], CultureInfo.InvariantCulture) : 0.2;
int[] sizes = args.Length > 4 ? args[4].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : new[] { 250, 500, 1000, 2000, 4000 };
double? allowedWrong = args.Length > 5 ? double.Parse(args[5], CultureInfo.InvariantCulture) : null;
// A reduced grid for speed: PyTorch's depths and two of its leaf sizes, both criteria.
var grid = new TrainingGrid(new[] { 5, 7 }, new[] { 5, 0.01 }, new[] { SplitCriterion.Gini, SplitCriterion.Entropy });
var sim = new ActiveSamplingSimulation(log, testInputs, grid, allowedWrong);
Console.WriteLine($"held-out test: {sim.TestSize} inputs (uniform, fixed); pool: {sim.PoolSize} inputs; uniform share of adaptive rounds: {uniformShare.ToString(CultureInfo.InvariantCulture)}; allowed wrong on validation: {(allowedWrong is null ? "preset's" : allowedWrong.Value.ToString(CultureInfo.InvariantCulture))}.\n");
var points = new List<ActiveSamplingSimulation.CurvePoint>();
for (int seed = 1; seed <= seeds; seed++)
    foreach (ActiveSamplingSimulation.CurvePoint p in sim.Run(seed, sizes, uniformShare))
    {
        points.Add(p);
        Console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, "  seed {0} {1,-8} n={2,5}: unsure {3:0.0} %, wrong {4:0.0} %", p.Seed, p.Arm, p.Inputs, p.UnsurePercent, p.WrongPercent));
    }

Console.WriteLine(ActiveSamplingSimulation.Table(points));
return 0;
