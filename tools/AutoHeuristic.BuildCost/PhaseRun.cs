using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Threading;
using AutoHeuristic.Features;
using AutoHeuristic.Generator.Fitting;
using AutoHeuristic.Generator.Helpers;
using AutoHeuristic.Generator.Model;
using AutoHeuristic.Generator.Parsing;
using AutoHeuristic.Learning;
using AutoHeuristic.Learning.Training;
using Microsoft.CodeAnalysis.Text;

namespace AutoHeuristic.BuildCost;

/// <summary>
/// Where one cold build's log work goes: in a fresh process, a build without the log (so the
/// compiler's own code is compiled by the JIT first), then the generator's steps called one by one
/// on the log — read, parse, group, dataset, split and matrix, each grid point, selection, tree
/// code — then the same steps again, now warm. A step's cold time minus its warm time is mostly JIT.
/// </summary>
internal static class PhaseRun
{
    /// <summary>Prints one line per step: its name, then cold and warm milliseconds, wall clock and CPU time of the whole process.</summary>
    public static int Run(string heuristicName, string logPath)
    {
        var clock = Stopwatch.StartNew();
        GeneratorRun.Outcome withoutLog = GeneratorRun.Run(heuristicName, null);
        Console.WriteLine("step\tcold ms\tcold CPU ms\tcold JIT ms\tcold GC ms\twarm ms\twarm CPU ms");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"build without the log (the compiler's and generator's JIT)\t{withoutLog.Milliseconds:F0}\t{withoutLog.CpuMilliseconds:F0}\t\t\t\t"));

        List<Step> cold = Merged(Steps(heuristicName, logPath));
        List<Step> warm = Merged(Steps(heuristicName, logPath));
        for (int i = 0; i < cold.Count; i++)
        {
            Step c = cold[i], w = i < warm.Count && warm[i].Name == c.Name ? warm[i] : new Step("?", double.NaN, double.NaN, double.NaN, double.NaN);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Name}\t{c.Ms:F0}\t{c.CpuMs:F0}\t{c.JitMs:F0}\t{c.GcMs:F0}\t{w.Ms:F0}\t{w.CpuMs:F0}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"log steps in all\t{cold.Sum(s => s.Ms):F0}\t{cold.Sum(s => s.CpuMs):F0}\t{cold.Sum(s => s.JitMs):F0}\t{cold.Sum(s => s.GcMs):F0}\t{warm.Sum(s => s.Ms):F0}\t{warm.Sum(s => s.CpuMs):F0}"));

        // The whole build without and with the log once more, warm: the difference less the warm log
        // steps is what the generated code costs the compiler (binding the trees) and the driver.
        GeneratorRun.Outcome warmWithout = GeneratorRun.Run(heuristicName, null);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"whole build without the log, warm\t\t\t\t\t{warmWithout.Milliseconds:F0}\t{warmWithout.CpuMilliseconds:F0}"));
        GeneratorRun.Outcome withLog = GeneratorRun.Run(heuristicName, logPath);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"whole build with the log, warm\t\t\t\t\t{withLog.Milliseconds:F0}\t{withLog.CpuMilliseconds:F0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process in all\t{clock.Elapsed.TotalMilliseconds:F0}\t\t\t\t\t"));
        return 0;
    }

    // Wall clock, CPU time of the process, time the JIT compiled (every thread) and GC pauses, in milliseconds.
    private readonly record struct Step(string Name, double Ms, double CpuMs, double JitMs, double GcMs);

    // The grid points as one step (their count in the name); the other steps as they are.
    private static List<Step> Merged(List<Step> steps)
    {
        var merged = new List<Step>();
        int points = 0;
        double ms = 0, cpu = 0, jit = 0, gc = 0;
        foreach (Step step in steps)
        {
            if (step.Name == GridPoint)
            {
                points++;
                ms += step.Ms;
                cpu += step.CpuMs;
                jit += step.JitMs;
                gc += step.GcMs;
                continue;
            }

            if (points > 0) merged.Add(new Step($"train: {points.ToString(CultureInfo.InvariantCulture)} grid points (deep fits, cuts, evaluation)", ms, cpu, jit, gc));
            points = 0;
            merged.Add(step);
        }

        return merged;
    }

    private const string GridPoint = "grid point";

    // The generator's steps for one log, as HeuristicFitter.Fit runs them, each timed.
    private static List<Step> Steps(string heuristicName, string logPath)
    {
        var steps = new List<Step>();
        var clock = Stopwatch.StartNew();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime, jit = JitInfo.GetCompilationTime(), gc = GC.GetTotalPauseDuration();
        void Mark(string step)
        {
            TimeSpan cpuNow = Process.GetCurrentProcess().TotalProcessorTime, jitNow = JitInfo.GetCompilationTime(), gcNow = GC.GetTotalPauseDuration();
            steps.Add(new Step(step, clock.Elapsed.TotalMilliseconds, (cpuNow - cpu).TotalMilliseconds, (jitNow - jit).TotalMilliseconds, (gcNow - gc).TotalMilliseconds));
            (cpu, jit, gc) = (cpuNow, jitNow, gcNow);
            clock.Restart();
        }

        SourceText text;
        using (FileStream stream = File.OpenRead(logPath)) text = SourceText.From(stream, System.Text.Encoding.UTF8, canBeEmbedded: false);
        Mark("read the file into a SourceText (the compiler's work)");

        ParsedLogSpec log = LogParser.Parse(logPath, text, CancellationToken.None);
        Mark("parse the log (checksum, rows)");

        var request = new FitRequest(heuristicName, new[] { log }.ToEquatableArray(), OptionValues.None, EquatableArray<Generator.Operations.OperationSpec>.Empty);
        IReadOnlyList<AHOperation> standard = StandardOperations.ForHeuristic(heuristicName);
        int gridPoints = 0; // the trainer reports the last point twice: when fitted, and after the selection
        TrainingOptions options = HeuristicFitter.BuildOptions(request, standard, Array.Empty<AHOperation>()) with
        {
            Progress = new StepMarks(p => Mark(p switch
            {
                { Stage: "dataset", Done: 0 } => "train: group and merge the logs",
                { Stage: "dataset" } => "train: input table (features, choices, times)",
                { Stage: "grid", Done: 0 } => "train: split, classes, training matrix, sorted order",
                { Stage: "grid" } when gridPoints++ < p.Total => GridPoint,
                _ => "train: selection",
            })),
        };
        TrainingResult result = HeuristicTrainer.Train(new[] { log.Log }, options, CancellationToken.None);
        Mark("train: model conversion and result");

        var models = result.Heuristics.Where(h => h.Model is not null).Select(h => h.Model!).ToList();
        FitResult fit = HeuristicFitter.FromModels(heuristicName, models, new List<DiagnosticInfo>(), CancellationToken.None);
        if (fit.Trees.Count == 0) throw new InvalidOperationException("No tree was learned from " + logPath);
        Mark("tree classes as C#");
        return steps;
    }

    /// <summary>Calls back synchronously on every report (unlike <see cref="Progress{T}"/>, which posts).</summary>
    private sealed class StepMarks : IProgress<TrainingProgress>
    {
        private readonly Action<TrainingProgress> _onReport;

        public StepMarks(Action<TrainingProgress> onReport) => _onReport = onReport;

        public void Report(TrainingProgress value) => _onReport(value);
    }
}
