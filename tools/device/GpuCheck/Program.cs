using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using AutoHeuristic.Cuda.Benchmarking;
using AutoHeuristic.Cuda.Blas;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Cuda.Diagnostics;
using AutoHeuristic.Cuda.Driver;
using AutoHeuristic.Logs;

namespace AutoHeuristic.Tools.GpuCheck;

/// <summary>
/// <c>gpucheck selftest [--out FILE]</c>: every GPU correctness check, a table, exit 1 on a failure.
/// <c>gpucheck fidelity [--preset default|collection] [--out FILE]</c>: the docs' GEMM shapes and
/// three long ones (bf16, cuBLASLt rank 0) timed by <see cref="GpuBenchmark"/> with do_bench-like
/// settings (default) or the settings the pad_mm collector uses (<see cref="BenchmarkOptions.PadMmCollection"/>,
/// 3 rounds, each shape's kernel run once before so the collector's kernel-reuse hint applies),
/// one JSON line per shape, for <c>fidelity.py</c> to compare with <c>triton.testing.do_bench</c>
/// on the same cuBLASLt call.
/// <c>gpucheck fidelity --serve</c>: the same measurement, one shape and preset per request line
/// on standard input (what <c>fidelity.py alternate</c> uses to alternate with do_bench).
/// </summary>
public static class Program
{
    /// <summary>The docs' shape list (../shared/docs/gpu-benchmarking.md §3.2), as (m, n, k).</summary>
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
            Console.Error.WriteLine("usage: gpucheck selftest [--out FILE] | fidelity [--preset default|collection] [--out FILE] | fidelity --serve");
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
            "fidelity" when args.Contains("--serve") => Serve(),
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
        var lines = new List<string>();
        foreach (var (m, n, k) in FidelityShapes.Concat(LongShapes))
        {
            string line = MeasureShape(session, m, n, k, collectionPreset);
            Console.WriteLine(line);
            lines.Add(line);
        }

        if (outPath is not null) File.AppendAllLines(outPath, lines);
        return 0;
    }

    /// <summary>
    /// <c>fidelity --serve</c>: opens the device once, prints a <c>{"ready": ...}</c> line, then answers
    /// each request line <c>M N K PRESET</c> (preset <c>default</c> or <c>collection</c>) from standard
    /// input with one JSON line on standard output, until end of input. fidelity.py drives it so each
    /// shape is timed by do_bench and by us back to back, alternating, in the same thermal state.
    /// A bad request or a failed measurement answers <c>{"error": ...}</c> and the loop goes on.
    /// </summary>
    private static int Serve()
    {
        using var session = new GpuSession(0, 8L << 30);
        Console.Out.WriteLine("{\"ready\": true, \"device\": " + JsonString(session.Device.ToString()) + "}");
        Console.Out.Flush();
        string? request;
        while ((request = Console.In.ReadLine()) is not null)
        {
            if (request.Trim().Length == 0) continue;
            string answer;
            try
            {
                FidelityRequest r = FidelityRequest.Parse(request);
                answer = MeasureShape(session, r.M, r.N, r.K, r.CollectionPreset);
            }
            catch (Exception e) when (e is FormatException || CollectorBase.IsRecoverable(e))
            {
                answer = "{\"error\": " + JsonString(e.GetType().Name + ": " + e.Message) + ", \"request\": " + JsonString(request) + "}";
                session.Timer.Synchronize();
            }

            Console.Out.WriteLine(answer);
            Console.Out.Flush();
        }

        return 0;
    }

    /// <summary>
    /// Times one bf16 GEMM (m×k @ k×n, cuBLASLt's first pick) with the do_bench-like preset or the
    /// pad_mm collection preset and returns its JSON line.
    /// </summary>
    private static string MeasureShape(GpuSession session, long m, long n, long k, bool collectionPreset)
    {
        BenchmarkOptions bench = collectionPreset ? BenchmarkOptions.PadMmCollection : DoBenchLike;
        MatmulProblem p = MatmulProblem.Create(m, k, n, GemmDType.BFloat16, false, false, false);
        session.Arena.Reset();
        ulong a = session.Arena.Take(p.Mat1Elements * 2), b = session.Arena.Take(p.Mat2Elements * 2), c = session.Arena.Take(m * n * 2);
        session.FillRandom(a, p.Mat1Elements, p.DType, 1);
        session.FillRandom(b, p.Mat2Elements, p.DType, 2);
        using MatmulPlan plan = session.Lt.Plan(p);
        IReadOnlyList<MatmulCandidate> candidates = session.Lt.Candidates(plan, 1);
        if (candidates.Count == 0) throw new NoCandidateException(p.ToString());
        MatmulCandidate first = candidates[0];
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
        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"m\": {m}, \"n\": {n}, \"k\": {k}, \"median_ms\": {t.MedianMs:R}, \"min_ms\": {t.MinMs:R}, \"samples\": {t.Samples}, \"sm_mhz\": {(t.SmClockMHz ?? 0):F0}, \"preset\": \"{(collectionPreset ? "collection" : "default")}\", \"skipped_first_run\": {(skipped ? "true" : "false")}, \"id\": \"{first.Id}\"}}");
    }

    /// <summary>do_bench's budgets: 25 ms of warm-up and 100 ms of measured runs, here spread over 3 interleaved rounds.</summary>
    private static readonly BenchmarkOptions DoBenchLike = new() { WarmupMs = 25, EstimateRuns = 5, TargetMsPerRound = 100.0 / 3, MinReps = 10, MaxReps = 1000, MinRounds = 3, MaxRounds = 3 };

    // A JSON string literal with Core's escaping (the one the training logs' metadata uses).
    private static string JsonString(string s)
    {
        var sb = new StringBuilder();
        JsonText.WriteString(sb, s);
        return sb.ToString();
    }
}
