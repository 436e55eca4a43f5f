using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using AutoHeuristic.Cuda.Benchmarking;
using AutoHeuristic.Cuda.Blas;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Cuda.Driver;
using AutoHeuristic.Cuda.Hardware;
using AutoHeuristic.Cuda.Native;
using AutoHeuristic.Cuda.UseMode;
using AutoHeuristic.Hardware;

namespace AutoHeuristic.Cuda.Diagnostics;

/// <summary>The outcome of one GPU check.</summary>
public sealed record SelfTestResult(string Name, bool Passed, string Detail, double Seconds);

/// <summary>
/// Correctness checks that need a real GPU: exports, versions, copies, NVRTC, the padding kernel
/// (exact), GEMMs against an fp64 host reference, the timer against a spin of known cycles, graph
/// replay, cuBLASLt candidates, the harness anchors and the live use-mode evaluation. The NUnit GPU tests and the device-side
/// runner call the same checks.
/// </summary>
public sealed class GpuSelfTest : IDisposable
{
    private readonly GpuSession _session;

    /// <summary>Opens device <paramref name="ordinal"/> with a small arena.</summary>
    public GpuSelfTest(int ordinal = 0) => _session = new GpuSession(ordinal, 6L << 30);

    /// <summary>The session the checks use.</summary>
    public GpuSession Session => _session;

    /// <summary>The names of all checks, in run order.</summary>
    public static IReadOnlyList<string> CheckNames { get; } = new[]
    {
        nameof(ExportsResolve), nameof(Versions), nameof(CopyRoundTrip), nameof(NvrtcReportsErrors), nameof(PaddingIsExact),
        nameof(GemmMatchesReference), nameof(TimerMatchesSpin), nameof(GraphTimingMatchesSpin), nameof(CandidatesAreStable), nameof(HarnessAnchors),
        nameof(UseModeNarrowsAutotuning),
    };

    /// <summary>Runs every check, catching failures.</summary>
    public IReadOnlyList<SelfTestResult> RunAll() => CheckNames.Select(Run).ToArray();

    /// <summary>Runs one check by name.</summary>
    public SelfTestResult Run(string name)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            string detail = name switch
            {
                nameof(ExportsResolve) => ExportsResolve(),
                nameof(Versions) => Versions(),
                nameof(CopyRoundTrip) => CopyRoundTrip(),
                nameof(NvrtcReportsErrors) => NvrtcReportsErrors(),
                nameof(PaddingIsExact) => PaddingIsExact(),
                nameof(GemmMatchesReference) => GemmMatchesReference(),
                nameof(TimerMatchesSpin) => TimerMatchesSpin(),
                nameof(GraphTimingMatchesSpin) => GraphTimingMatchesSpin(),
                nameof(CandidatesAreStable) => CandidatesAreStable(),
                nameof(HarnessAnchors) => HarnessAnchors(),
                nameof(UseModeNarrowsAutotuning) => UseModeNarrowsAutotuning(),
                _ => throw new ArgumentException("Unknown check " + name, nameof(name)),
            };
            return new SelfTestResult(name, true, detail, clock.Elapsed.TotalSeconds);
        }
        catch (Exception e)
        {
            try
            {
                _session.Timer.Synchronize();
            }
            catch (CudaException)
            {
                // Report the original failure.
            }

            return new SelfTestResult(name, false, e.GetType().Name + ": " + e.Message, clock.Elapsed.TotalSeconds);
        }
    }

    /// <summary>Every bound export exists in the loaded library.</summary>
    public string ExportsResolve()
    {
        var missing = new List<string>();
        foreach (var group in BindingTable.All.GroupBy(i => i.Library))
        {
            IntPtr lib = CudaLibraries.Load(group.Key);
            foreach (NativeImport import in group)
            {
                if (!NativeLibrary.TryGetExport(lib, import.EntryPoint, out _)) missing.Add(group.Key + ":" + import.EntryPoint);
            }
        }

        Require(missing.Count == 0, "missing exports: " + string.Join(", ", missing));
        return BindingTable.All.Count + " exports resolved";
    }

    /// <summary>Driver ≥ 13.0, NVRTC 13.x, cuBLASLt 13.x.</summary>
    public string Versions()
    {
        int driver = CudaContext.DriverVersion;
        var (maj, min) = NvrtcCompiler.Version;
        long lt = CublasLt.Version;
        Require(driver >= 13000, $"driver API {driver} < 13000");
        Require(maj == 13, $"NVRTC {maj}.{min} is not 13.x");
        Require(lt >= 130000 && lt < 140000, $"cuBLASLt {lt} is not 13.x");
        return string.Create(CultureInfo.InvariantCulture, $"driver {driver}, NVRTC {maj}.{min}, cuBLASLt {lt}; {_session.Device}");
    }

    /// <summary>Host → device → host is exact; a 32-bit memset writes its pattern.</summary>
    public string CopyRoundTrip()
    {
        var data = new int[100_003];
        for (int i = 0; i < data.Length; i++) data[i] = i * 7919 - 13;
        using DeviceBuffer buffer = _session.Context.Allocate(data.Length * 4L);
        buffer.CopyFrom<int>(data);
        var back = new int[data.Length];
        buffer.CopyTo<int>(back);
        Require(back.SequenceEqual(data), "round trip differs");
        buffer.Fill32Async(0xDEADBEEF, _session.Stream);
        _session.Stream.Synchronize();
        buffer.CopyTo<int>(back);
        Require(back.All(v => v == unchecked((int)0xDEADBEEF)), "memset pattern differs");
        return "100003 ints exact; memset exact";
    }

    /// <summary>A compile error raises a <see cref="CudaException"/> carrying the compiler log.</summary>
    public string NvrtcReportsErrors()
    {
        try
        {
            NvrtcCompiler.CompileToCubin("extern \"C\" __global__ void broken() { undefined_thing(); }", "broken.cu", NvrtcCompiler.CubinOptions(9, 0));
        }
        catch (CudaException e) when (e.Library == CudaErrorSource.Nvrtc)
        {
            Require(e.ErrorText.Contains("undefined_thing", StringComparison.Ordinal), "the log does not name the bad identifier: " + e.ErrorText);
            return "compile error surfaced with its log";
        }

        throw new InvalidOperationException("broken source compiled");
    }

    /// <summary>The padding kernel copies every element exactly and writes zeros in the padding, for both layouts and element sizes.</summary>
    public string PaddingIsExact()
    {
        var rng = new Random(7);
        int cases = 0;
        foreach (int es in new[] { 2, 4 })
        {
            foreach (bool transposed in new[] { false, true })
            {
                long rows = 37 + rng.Next(60), cols = 41 + rng.Next(60);
                long prows = rows + rng.Next(0, 8), pcols = cols + rng.Next(1, 8);
                long s0 = transposed ? 1 : cols, s1 = transposed ? rows : 1;
                var src = new byte[rows * cols * es];
                rng.NextBytes(src);
                using DeviceBuffer d = _session.Context.Allocate(src.Length);
                using DeviceBuffer p = _session.Context.Allocate(prows * pcols * es);
                d.CopyFrom<byte>(src);
                p.Fill32Async(0xFFFFFFFF, _session.Stream);
                _session.Kernels.Pad2D(_session.Stream, d.Pointer, rows, cols, s0, s1, p.Pointer, prows, pcols, es);
                _session.Stream.Synchronize();
                var got = new byte[prows * pcols * es];
                p.CopyTo<byte>(got);
                for (long r = 0; r < prows; r++)
                {
                    for (long c = 0; c < pcols; c++)
                    {
                        for (int b = 0; b < es; b++)
                        {
                            byte expected = r < rows && c < cols ? src[(r * s0 + c * s1) * es + b] : (byte)0;
                            Require(got[(r * pcols + c) * es + b] == expected, $"element ({r},{c}) byte {b} wrong (es {es}, transposed {transposed})");
                        }
                    }
                }

                cases++;
            }
        }

        return cases + " cases exact";
    }

    /// <summary>cuBLASLt GEMMs (rank-0 and last candidate) against an fp64 host reference, all dtypes and layouts, odd shapes.</summary>
    public string GemmMatchesReference()
    {
        var shapes = new (long M, long K, long N)[] { (97, 130, 65), (256, 512, 128), (33, 1000, 17), (768, 777, 800) };
        int checks = 0;
        double worst = 0;
        int s = 0;
        foreach (var (m, k, n) in shapes)
        {
            foreach (GemmDType dtype in new[] { GemmDType.Float32, GemmDType.Float16, GemmDType.BFloat16 })
            {
                foreach (bool tf32 in dtype == GemmDType.Float32 ? new[] { false, true } : new[] { false })
                {
                    var (t1, t2) = MmInput.Layouts[s++ % 4];
                    MatmulProblem p = MatmulProblem.Create(m, k, n, dtype, tf32, t1, t2);
                    worst = Math.Max(worst, CheckGemm(p));
                    checks++;
                }
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{checks} GEMMs within tolerance; worst error/tolerance {worst:F3}");
    }

    private double CheckGemm(MatmulProblem p)
    {
        int es = p.DType.Size();
        _session.Arena.Reset();
        ulong a = _session.Arena.Take(p.Mat1Elements * es), b = _session.Arena.Take(p.Mat2Elements * es), c = _session.Arena.Take(p.M * p.N * es);
        _session.FillRandom(a, p.Mat1Elements, p.DType, 11);
        _session.FillRandom(b, p.Mat2Elements, p.DType, 12);
        double[] ha = ReadMatrix(a, p.Mat1Elements, p.DType), hb = ReadMatrix(b, p.Mat2Elements, p.DType);
        using MatmulPlan plan = _session.Lt.Plan(p);
        IReadOnlyList<MatmulCandidate> candidates = _session.Lt.Candidates(plan);
        Require(candidates.Count > 0, "no candidate for " + p);
        double tolerance = p.DType switch
        {
            GemmDType.Float32 => p.UseTf32 ? 4e-3 : 2e-5,
            GemmDType.Float16 => 4e-3,
            _ => 1.6e-2,
        };
        double worst = 0;
        foreach (MatmulCandidate candidate in new[] { candidates[0], candidates[^1] })
        {
            _session.Lt.Run(plan, candidate, a, b, c, _session.Stream);
            _session.Stream.Synchronize();
            double[] hc = ReadMatrix(c, p.M * p.N, p.DType);
            for (long i = 0; i < p.M; i++)
            {
                for (long j = 0; j < p.N; j++)
                {
                    double sum = 0, abs = 0;
                    for (long q = 0; q < p.K; q++)
                    {
                        double x = ha[i * p.Mat1Stride0 + q * p.Mat1Stride1] * hb[q * p.Mat2Stride0 + j * p.Mat2Stride1];
                        sum += x;
                        abs += Math.Abs(x);
                    }

                    double err = Math.Abs(hc[i * p.N + j] - sum) / (tolerance * Math.Max(abs, 1e-6));
                    worst = Math.Max(worst, err);
                    Require(err <= 1, string.Create(CultureInfo.InvariantCulture, $"{p} candidate {candidate.Id}: C[{i},{j}] = {hc[i * p.N + j]} vs {sum}"));
                }
            }
        }

        return worst;
    }

    private double[] ReadMatrix(ulong pointer, long elements, GemmDType dtype)
    {
        var result = new double[elements];
        if (dtype == GemmDType.Float32)
        {
            var f = new float[elements];
            CopyOut(pointer, f);
            for (long i = 0; i < elements; i++) result[i] = f[i];
        }
        else
        {
            var h = new ushort[elements];
            CopyOut(pointer, h);
            for (long i = 0; i < elements; i++)
            {
                result[i] = dtype == GemmDType.Float16 ? (double)BitConverter.UInt16BitsToHalf(h[i]) : BitConverter.UInt32BitsToSingle((uint)h[i] << 16);
            }
        }

        return result;
    }

    private unsafe void CopyOut<T>(ulong pointer, T[] destination) where T : unmanaged
    {
        _session.Stream.Synchronize();
        fixed (T* d = destination) CudaException.Check(DriverApi.MemcpyDtoH(d, pointer, (nuint)(destination.LongLength * sizeof(T))), "cuMemcpyDtoH");
    }

    /// <summary>The event timer agrees with <c>%globaltimer</c> inside a spin kernel of known cycles (±5 %), and the stamp clock with the spin's clock (±10 %).</summary>
    public string TimerMatchesSpin()
    {
        using DeviceBuffer result = _session.Context.Allocate(16);
        const long cycles = 2_000_000;
        var bench = new BenchmarkOptions { FlushL2 = false, WarmupMs = 2, EstimateRuns = 2, TargetMsPerRound = 20, MinReps = 10, MaxReps = 50, MinRounds = 3, MaxRounds = 3, GraphThresholdMs = 0 };
        OptionTiming t = _session.Benchmark.Measure(() => _session.Kernels.Spin(_session.Stream, cycles, result.Pointer), bench);
        var host = new ulong[2];
        result.CopyTo<ulong>(host);
        double spinMs = host[1] / 1e6;
        double spinMHz = host[0] * 1000.0 / host[1];
        double ratio = t.MedianMs / spinMs;
        Require(Math.Abs(ratio - 1) < 0.05, string.Create(CultureInfo.InvariantCulture, $"events {t.MedianMs:F4} ms vs globaltimer {spinMs:F4} ms"));
        if (t.SmClockMHz is double mhz) Require(Math.Abs(mhz / spinMHz - 1) < 0.10, string.Create(CultureInfo.InvariantCulture, $"stamp clock {mhz:F0} MHz vs spin clock {spinMHz:F0} MHz"));
        return string.Create(CultureInfo.InvariantCulture, $"events {t.MedianMs:F4} ms, globaltimer {spinMs:F4} ms (ratio {ratio:F4}); spin clock {spinMHz:F0} MHz, stamp clock {t.SmClockMHz:F0} MHz");
    }

    /// <summary>A short spin (below the graph threshold) is timed as a graph of unrolled copies within 25 % of its own duration.</summary>
    public string GraphTimingMatchesSpin()
    {
        using DeviceBuffer result = _session.Context.Allocate(16);
        const long cycles = 16_000;
        var bench = new BenchmarkOptions { FlushL2 = false, WarmupMs = 1, EstimateRuns = 3, TargetMsPerRound = 5, MinReps = 5, MaxReps = 20, MinRounds = 3, MaxRounds = 3, GraphThresholdMs = 0.05, GraphTargetMs = 1 };
        OptionTiming t = _session.Benchmark.Measure(() => _session.Kernels.Spin(_session.Stream, cycles, result.Pointer), bench);
        var host = new ulong[2];
        result.CopyTo<ulong>(host);
        double spinMs = host[1] / 1e6;
        Require(t.Graph, string.Create(CultureInfo.InvariantCulture, $"not timed as a graph (estimate {t.EstimateMs:F4} ms)"));
        double ratio = t.MedianMs / spinMs;
        Require(ratio > 0.9 && ratio < 1.25, string.Create(CultureInfo.InvariantCulture, $"graph {t.MedianMs * 1000:F2} µs per copy vs spin {spinMs * 1000:F2} µs"));
        return string.Create(CultureInfo.InvariantCulture, $"graph {t.MedianMs * 1000:F2} µs per copy, spin {spinMs * 1000:F2} µs (single-launch estimate {t.EstimateMs * 1000:F2} µs)");
    }

    /// <summary>cuBLASLt returns candidates for 4096³ bf16 with distinct ids that are the same on a second query.</summary>
    public string CandidatesAreStable()
    {
        MatmulProblem p = MatmulProblem.Create(4096, 4096, 4096, GemmDType.BFloat16, false, false, false);
        using MatmulPlan plan = _session.Lt.Plan(p);
        var first = _session.Lt.Candidates(plan).Select(c => c.Id).ToArray();
        var second = _session.Lt.Candidates(plan).Select(c => c.Id).ToArray();
        Require(first.Length > 0, "no candidates");
        Require(first.Distinct().Count() == first.Length, "duplicate ids");
        Require(first.SequenceEqual(second), "ids changed between queries");
        return first.Length + " candidates; rank 0 " + first[0];
    }

    /// <summary>Loose anchors from ../shared/docs/gpu-benchmarking.md: 8192³ bf16 above 600 TFLOP/s; K=4095 slower than K=4096.</summary>
    public string HarnessAnchors()
    {
        var bench = new BenchmarkOptions { TargetMsPerRound = 30, MinReps = 5, MaxReps = 50, WarmupMs = 10 };
        double big = TimeGemm(8192, 8192, 8192, bench);
        double tflops = 2.0 * 8192 * 8192 * 8192 / (big * 1e-3) / 1e12;
        double aligned = TimeGemm(4096, 4096, 4096, bench);
        double odd = TimeGemm(4096, 4095, 4096, bench);
        Require(tflops > 600, string.Create(CultureInfo.InvariantCulture, $"8192³ bf16 at {tflops:F0} TFLOP/s"));
        Require(odd > aligned * 1.5, string.Create(CultureInfo.InvariantCulture, $"K=4095 {odd:F3} ms not slower than K=4096 {aligned:F3} ms"));
        return string.Create(CultureInfo.InvariantCulture, $"8192³ {big:F3} ms = {tflops:F0} TFLOP/s; 4096³ {aligned * 1000:F1} µs; K=4095 {odd * 1000:F1} µs");
    }

    /// <summary>
    /// The live use-mode evaluation on one input (four layouts) with stand-in heuristics
    /// registered as <c>mm</c>: a ranking of every offered candidate narrows autotuning to the
    /// top 2; an unsure one falls back to full autotuning; every selected kernel is re-measured.
    /// </summary>
    public string UseModeNarrowsAutotuning()
    {
        const int seed = 3;
        const double cap = 20;
        MmInput input = new MmSampler(seed, _session.Gates(cap)).Sample(0);
        var ids = new List<string>();
        for (int layout = 0; layout < MmInput.Layouts.Count; layout++)
        {
            using MatmulPlan plan = _session.Lt.Plan(input.Problem(layout));
            ids.AddRange(_session.Lt.Candidates(plan, 16).Select(c => c.Id).Where(id => !ids.Contains(id)));
        }

        UseReport ranked = EvaluateWith(new StandInRanking(ids.ToArray(), unsure: false), seed, cap);
        UseReport unsure = EvaluateWith(new StandInRanking(ids.ToArray(), unsure: true), seed, cap);
        Require(ranked.Layouts.Count == 4 && unsure.Layouts.Count == 4, "layouts evaluated: " + ranked.Layouts.Count + " and " + unsure.Layouts.Count + "; " + string.Join("; ", ranked.Errors.Concat(unsure.Errors)));
        foreach (UseLayoutResult l in ranked.Layouts)
        {
            string where = string.Create(CultureInfo.InvariantCulture, $"layout {l.Layout} ({l.Candidates} candidates): ");
            Require(l.Outcome == LearnedOutcome.Ranked, where + "the ranking was not used (" + l.Outcome + ")");
            Require(l.Learned.Timed == (l.Candidates >= 2 ? 2 : 0), where + "learned top-2 timed " + l.Learned.Timed);
            Require(l.Full.Timed == (l.Candidates >= 2 ? l.Candidates : 0), where + "full autotuning timed " + l.Full.Timed);
            Require(l.Full.GemmMs > 0 && l.Learned.GemmMs > 0 && l.FirstPick.GemmMs > 0, where + "a re-measured GEMM time is not positive");
        }

        foreach (UseLayoutResult l in unsure.Layouts)
        {
            Require(l.Outcome == LearnedOutcome.Unsure && l.Learned.Timed == l.Full.Timed, string.Create(CultureInfo.InvariantCulture, $"layout {l.Layout}: unsure did not fall back ({l.Outcome}, timed {l.Learned.Timed} vs {l.Full.Timed})"));
        }

        UseSummary s = UseSummary.Compute(ranked.Layouts);
        return string.Create(CultureInfo.InvariantCulture,
            $"{input.M}x{input.K}x{input.N} {input.DType}: top-2 timed {s[UseStrategy.LearnedTopK].MeanTimed:F1} of {s[UseStrategy.FullAutotuning].MeanTimed:F1}, selection {s[UseStrategy.LearnedTopK].SelectionSeconds * 1000:F0} vs {s[UseStrategy.FullAutotuning].SelectionSeconds * 1000:F0} ms; unsure fell back 4/4");
    }

    private UseReport EvaluateWith(ILearnedHeuristic heuristic, int seed, double cap)
    {
        var options = new AutoHeuristicOptions { HardwareInfoProvider = new CudaHardwareInfoProvider(_session.Device) };
        options.SetMode(MmUseEvaluator.Name, AutoHeuristicMode.Use);
        LearnedHeuristicRegistry.Register(heuristic);
        try
        {
            return new MmUseEvaluator(new MmUseOptions { Samples = 1, Seed = seed, MaxGflop = cap, TopK = 2 }).Run(_session, options);
        }
        finally
        {
            LearnedHeuristicRegistry.Unregister(heuristic);
        }
    }

    // Ranks its whole choice table in order (or answers unsure), whatever the input.
    private sealed class StandInRanking(string[] choices, bool unsure) : ILearnedHeuristic
    {
        public string Name => MmUseEvaluator.Name;

        public IReadOnlyList<string> Choices => choices;

        public double ConfidenceThreshold => 0;

        public bool CheckPrecondition(AHMetadata metadata, AHContext context) => metadata.Name == Name;

        public ChoiceProbability[]? GetBestChoices(AHContext context) =>
            unsure ? null : choices.Select((_, i) => new ChoiceProbability(1.0 / (i + 2), i)).ToArray();
    }

    private double TimeGemm(long m, long k, long n, BenchmarkOptions bench)
    {
        MatmulProblem p = MatmulProblem.Create(m, k, n, GemmDType.BFloat16, false, false, false);
        _session.Arena.Reset();
        ulong a = _session.Arena.Take(p.Mat1Elements * 2), b = _session.Arena.Take(p.Mat2Elements * 2), c = _session.Arena.Take(m * n * 2);
        _session.FillRandom(a, p.Mat1Elements, p.DType, 1);
        _session.FillRandom(b, p.Mat2Elements, p.DType, 2);
        using MatmulPlan plan = _session.Lt.Plan(p);
        MatmulCandidate first = _session.Lt.Candidates(plan, 1)[0];
        return _session.Benchmark.Measure(() => _session.Lt.Run(plan, first, a, b, c, _session.Stream), bench).MedianMs;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new InvalidOperationException(message);
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
