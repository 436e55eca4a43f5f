using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using AutoHeuristic.BuildCost;

// Usage: dotnet run -c Release --project tools/AutoHeuristic.BuildCost -- [--runs N] name=path/to/log.txt ...
// For each log, runs N times (alternating) a fresh process that builds once without the log and a
// fresh process that builds once with it, so every measured build is cold (JIT included, process
// start excluded), and prints the medians and their difference.
if (args.Length == 2 && args[0] == "--child-without") return PrintRun(GeneratorRun.Run(args[1], null));
if (args.Length == 3 && args[0] == "--child-with") return PrintRun(GeneratorRun.Run(args[1], args[2]));

// Usage: ... --phases name path/to/log.txt: where one cold build's log work goes, step by step (cold and warm).
if (args.Length == 3 && args[0] == "--phases") return PhaseRun.Run(args[1], args[2]);

int runs = 3;
var logs = new List<(string Name, string Path)>();
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--runs" && i + 1 < args.Length) runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i].Split('=', 2) is [var name, var path]) logs.Add((name, path));
    else
    {
        Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: [--runs N] name=path/to/log.txt ...");
        return 2;
    }
}

if (logs.Count == 0)
{
    Console.Error.WriteLine("Give at least one log: name=path/to/log.txt (name is the heuristic name, e.g. pad_mm).");
    return 2;
}

Console.WriteLine($"cores: {Environment.ProcessorCount}, runs per case: {runs}, each run a fresh process (cold)");
foreach ((string name, string path) in logs)
{
    var without = new List<double>();
    var with = new List<double>();
    var cpuWithout = new List<double>();
    var cpuWith = new List<double>();
    string? summary = null;
    for (int r = 0; r < runs; r++)
    {
        (double ms0, double cpu0, _) = Child("--child-without", name);
        without.Add(ms0);
        cpuWithout.Add(cpu0);
        (double ms, double cpu, string line) = Child("--child-with", name, path);
        with.Add(ms);
        cpuWith.Add(cpu);
        summary = line;
    }

    double a = Median(without), b = Median(with);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: without log {a:F0} ms, with log {b:F0} ms, difference {(b - a) / 1000:+0.00;-0.00} s (medians of {runs}; runs without: {string.Join(" ", without.Select(x => x.ToString("F0", CultureInfo.InvariantCulture)))}; with: {string.Join(" ", with.Select(x => x.ToString("F0", CultureInfo.InvariantCulture)))})"));
    double c0 = Median(cpuWithout), c1 = Median(cpuWith);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  CPU time: without log {c0:F0} ms, with log {c1:F0} ms, difference {(c1 - c0) / 1000:+0.00;-0.00} s (medians; a single-threaded fit makes this the build's cost on an idle machine)"));
    Console.WriteLine("  last run with log: " + summary);
}

return 0;

static int PrintRun(GeneratorRun.Outcome o)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{o.Milliseconds:F1}\t{o.CpuMilliseconds:F1}\t{o.GeneratedFiles} generated files, {o.GeneratedChars} chars, {o.Warnings.Count} warnings{(o.Warnings.Count > 0 ? ": " + string.Join(" | ", o.Warnings.Take(3)) : string.Empty)}"));
    return 0;
}

static (double Ms, double CpuMs, string Line) Child(params string[] childArgs)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
    start.ArgumentList.Add(typeof(GeneratorRun).Assembly.Location);
    foreach (string a in childArgs) start.ArgumentList.Add(a);
    if (Environment.ProcessPath!.EndsWith("AutoHeuristic.BuildCost", StringComparison.Ordinal)) start.ArgumentList.RemoveAt(0);
    using Process child = Process.Start(start)!;
    string output = child.StandardOutput.ReadToEnd();
    child.WaitForExit();
    if (child.ExitCode != 0) throw new InvalidOperationException("The measured build failed: " + output);
    string[] parts = output.Trim().Split('\t', 3);
    return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]);
}

static double Median(List<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
