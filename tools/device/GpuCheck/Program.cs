using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using AutoHeuristic.Cuda.Benchmarking;
using AutoHeuristic.Cuda.Blas;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Cuda.Diagnostics;
using AutoHeuristic.Cuda.Driver;

namespace AutoHeuristic.Tools.GpuCheck;

/// <summary>
/// <c>gpucheck selftest [--out FILE]</c>: every GPU correctness check, a table, exit 1 on a failure.
/// <c>gpucheck fidelity [--preset default|collection] [--out FILE]</c>: the docs' GEMM shapes and
/// three long ones (bf16, cuBLASLt rank 0) timed by <see cref="GpuBenchmark"/> with do_bench-like
/// settings (default) or the settings the pad_mm collector uses (<see cref="BenchmarkOptions.PadMmCollection"/>,
/// 3 rounds, each shape's kernel run once before so the collector's kernel-reuse hint applies),
/// one JSON line per shape, for <c>fidelity.py</c> to compare with <c>triton.testing.do_bench</c>
/// on the same cuBLASLt call.
/// </summary>
public static class Program
{
    /// <summary>The docs' shape list (docs/gpu-benchmarking.md §3.2), as (m, n, k).</summary>
    public static readonly (long M, long N, long K)[] FidelityShapes =
    {
        (8192, 8192, 8192), (4096, 4096, 4096), (4096, 4096, 4095), (4096, 4096, 4104), (4096, 4096, 4100),
        (4095, 4096, 4096), (4096, 4095, 4096), (128, 4096, 4096), (16, 4096, 4096),
    };

    /// <summary>
    /// Long GEMMs (about 11, 45 and 90 ms in bf16) for the long-work paths: the estimate taken from
    /// the initializing run, and (collection preset, bound over its 60 ms budget) the skipped
    /// initializing run of work whose kernel already ran.
    /// </summary>
    public static readonly (long M, long N, long K)[] LongShapes = { (16384, 16384, 16384), (32768, 32768, 16384), (32768, 32768, 32768) };

    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: gpucheck selftest|fidelity [--preset default|collection] [--out FILE]");
            return 2;
        }

        string? outPath = null;
        string preset = "default";
        for (int i = 1; i < args.Length - 1; i++)
        {
            if (args[i] == "--out") outPath = args[i + 1];
            if (args[i] == "--preset") preset = args[i + 1];
        }

        if (preset != "default" && preset != "collection")
        {
            Console.Error.WriteLine($"unknown --preset '{preset}' (expected default or collection)");
            return 2;
        }

        if (!CudaAvailability.IsAvailable)
        {
            Console.Error.WriteLine("no CUDA: " + CudaAvailability.Reason);
            return 3;
        }

        return args[0] switch
        {
            "selftest" => SelfTest(outPath),
            "fidelity" => Fidelity(outPath, preset == "collection"),
            _ => Usage(args[0]),
        };
    }

    private static int Usage(string verb)
    {
        Console.Error.WriteLine("unknown verb " + verb);
        return 2;
    }

    private static int SelfTest(string? outPath)
    {
        using var test = new GpuSelfTest();
        var lines = new List<string>();
        int failed = 0;
        foreach (string name in GpuSelfTest.CheckNames)
        {
            SelfTestResult r = test.Run(name);
            if (!r.Passed) failed++;
            string line = string.Create(CultureInfo.InvariantCulture, $"{(r.Passed ? "PASS" : "FAIL")}  {r.Name,-24} {r.Seconds,6:F2}s  {r.Detail}");
            Console.WriteLine(line);
            lines.Add(line);
        }

        string summary = string.Create(CultureInfo.InvariantCulture, $"GPU self-test: {GpuSelfTest.CheckNames.Count - failed} passed, {failed} failed");
        Console.WriteLine(summary);
        lines.Add(summary);
        if (outPath is not null) File.WriteAllLines(outPath, lines);
        return failed == 0 ? 0 : 1;
    }

    private static int Fidelity(string? outPath, bool collectionPreset)
    {
        using var session = new GpuSession(0, 8L << 30);
        BenchmarkOptions bench = collectionPreset
            ? BenchmarkOptions.PadMmCollection
            : new BenchmarkOptions { WarmupMs = 25, EstimateRuns = 5, TargetMsPerRound = 100.0 / 3, MinReps = 10, MaxReps = 1000, MinRounds = 3, MaxRounds = 3 };
        var lines = new List<string>();
        foreach (var (m, n, k) in FidelityShapes.Concat(LongShapes))
        {
            MatmulProblem p = MatmulProblem.Create(m, k, n, GemmDType.BFloat16, false, false, false);
            session.Arena.Reset();
            ulong a = session.Arena.Take(p.Mat1Elements * 2), b = session.Arena.Take(p.Mat2Elements * 2), c = session.Arena.Take(m * n * 2);
            session.FillRandom(a, p.Mat1Elements, p.DType, 1);
            session.FillRandom(b, p.Mat2Elements, p.DType, 2);
            using MatmulPlan plan = session.Lt.Plan(p);
            MatmulCandidate first = session.Lt.Candidates(plan, 1)[0];
            Action work = () => session.Lt.Run(plan, first, a, b, c, session.Stream);
            WorkHint? hint = null;
            if (collectionPreset)
            {
                // As in a collection where this kernel already ran for an earlier input.
                work();
                session.Timer.Synchronize();
                hint = new WorkHint(session.GemmLowerBoundMs(p), Initialized: true);
            }

            OptionTiming t = session.Benchmark.MeasureInterleaved(new[] { work }, bench, new[] { hint })[0];
            bool skipped = session.Benchmark.LastPlan?.SkippedFirstRun > 0;
            string line = string.Create(CultureInfo.InvariantCulture,
                $"{{\"m\": {m}, \"n\": {n}, \"k\": {k}, \"median_ms\": {t.MedianMs:R}, \"min_ms\": {t.MinMs:R}, \"samples\": {t.Samples}, \"sm_mhz\": {(t.SmClockMHz ?? 0):F0}, \"preset\": \"{(collectionPreset ? "collection" : "default")}\", \"skipped_first_run\": {(skipped ? "true" : "false")}, \"id\": \"{first.Id}\"}}");
            Console.WriteLine(line);
            lines.Add(line);
        }

        if (outPath is not null) File.AppendAllLines(outPath, lines);
        return 0;
    }
}
