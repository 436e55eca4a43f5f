using System;
using System.Collections.Generic;
using System.Globalization;
using AutoHeuristic.Collection;
using AutoHeuristic.Cuda.Benchmarking;
using AutoHeuristic.Cuda.Blas;
using AutoHeuristic.Features;

namespace AutoHeuristic.Cuda.Collection;

/// <summary>
/// Collects pad_mm data: for each input, the GEMM as given ("orig") against padding every
/// misaligned dimension to PyTorch's alignment, the padded GEMM and a slice of the result
/// ("pad"; the slice is a view as in PyTorch). A prepadded operand is padded once outside the
/// timed region. Both choices are measured interleaved in each round; round r's medians are
/// logged through <see cref="AutoHeuristicDecision"/> as repetition r, with PyTorch's features,
/// choices and precondition. With <see cref="CollectorOptions.Stopping"/> an input whose winner is
/// clear after fewer rounds gets fewer rows (one per choice per round measured).
/// </summary>
public sealed class PadMmCollector : CollectorBase
{
    private PadMmSampler? _sampler;

    /// <summary>Creates the collector.</summary>
    public PadMmCollector(CollectorOptions options)
        : base(options)
    {
    }

    /// <inheritdoc />
    public override string Name => "pad_mm";

    /// <summary>The last input's timings (orig, pad), for reports.</summary>
    public IReadOnlyList<OptionTiming>? LastTimings { get; private set; }

    /// <inheritdoc />
    protected override void Prepare(GpuSession session) => _sampler = new PadMmSampler(Options.Seed, session.Gates(Options.MaxGflop));

    /// <inheritdoc />
    protected override bool IsOnDisk(GpuSession session, int index, ExistingRows existing) => Options.Stopping is null
        ? existing.TryConsume(_sampler!.Sample(index).FeatureTexts(), Options.Repetitions * PadMmInput.Choices.Count)
        : existing.TryConsumeRounds(_sampler!.Sample(index).FeatureTexts(), PadMmInput.Choices.Count, Options.Repetitions);

    /// <inheritdoc />
    protected override int RoundsMeasured => LastTimings is { Count: > 0 } t ? t[0].RoundMediansMs.Count : Options.Repetitions;

    /// <summary>
    /// The input's features as the log rows write them (the key <see cref="ExistingRows"/> counts by),
    /// for inputs that are planned but not measured yet (e.g. an adaptive collection's pool).
    /// Valid after the collector has prepared a session (<see cref="CollectorBase.Run(GpuSession, IProgress{CollectProgress}, System.Threading.CancellationToken)"/>) or <see cref="PrepareSampler"/>.
    /// </summary>
    public IReadOnlyList<string> FeatureTexts(int index) => (_sampler ?? throw new InvalidOperationException("The collector has not been prepared.")).Sample(index).FeatureTexts();

    /// <summary>Prepares the input sequence for a session without measuring (gates from the device).</summary>
    public void PrepareSampler(GpuSession session) => Prepare(session);

    /// <inheritdoc />
    protected override string Describe(GpuSession session, int index) => _sampler!.Sample(index).ToString();

    /// <inheritdoc />
    protected override int CollectOne(GpuSession session, int index, AutoHeuristicOptions options, out string description)
    {
        PadMmInput input = _sampler!.Sample(index);
        description = string.Create(CultureInfo.InvariantCulture, $"{input.M}x{input.K}x{input.N} {input.DType}");
        IReadOnlyList<OptionTiming> timings = Measure(
            session, input, (ulong)SampleRandom.Mix(Options.Seed, index), Options.EffectiveBenchmarkOr(BenchmarkOptions.PadMmCollection), Options.Stopping);
        LastTimings = timings;
        int written = 0;
        int rounds = timings[0].RoundMediansMs.Count;
        for (int r = 0; r < rounds; r++)
        {
            var context = new AHContext();
            input.AddFeatures(context);
            int round = r;
            var decision = new AutoHeuristicDecision(
                () => "autotune", PadMmInput.Choices,
                choice => timings[choice == "orig" ? 0 : 1].RoundMediansMs[round],
                context, Name, StandardOperations.PadMm, StandardPreconditions.PadMm, options);
            written += decision.CollectedFeedback.Count;
        }

        description += string.Create(CultureInfo.InvariantCulture, $": orig {timings[0].MedianMs:F3} ms, pad {timings[1].MedianMs:F3} ms, {rounds} round{(rounds == 1 ? "" : "s")}");
        return written;
    }

    /// <summary>Measures one input's two choices interleaved (orig first in the result).</summary>
    public static IReadOnlyList<OptionTiming> Measure(GpuSession session, PadMmInput input, ulong dataSeed, BenchmarkOptions bench) =>
        Measure(session, input, dataSeed, bench, null);

    /// <summary>
    /// Measures one input's two choices interleaved (orig first in the result); with
    /// <paramref name="stopping"/>, rounds stop as soon as the rule finds the winner clear.
    /// </summary>
    public static IReadOnlyList<OptionTiming> Measure(GpuSession session, PadMmInput input, ulong dataSeed, BenchmarkOptions bench, SequentialStopping? stopping)
    {
        MatmulProblem p = input.Problem;
        int es = input.DType.Size();
        var arena = session.Arena;
        ulong mat1 = arena.Take(p.Mat1Elements * es);
        ulong mat2 = arena.Take(p.Mat2Elements * es);
        ulong output = arena.Take(p.M * p.N * es);
        session.FillRandom(mat1, p.Mat1Elements, input.DType, dataSeed);
        session.FillRandom(mat2, p.Mat2Elements, input.DType, dataSeed ^ 0x5555);

        long mp = input.M + input.MPadded, kp = input.K + input.KPadded, np = input.N + input.NPadded;
        ulong mat1p = input.PadsMat1 ? arena.Take(mp * kp * es) : mat1;
        ulong mat2p = input.PadsMat2 ? arena.Take(kp * np * es) : mat2;
        ulong outputp = arena.Take(mp * np * es);
        var padded = new MatmulProblem(mp, kp, np, input.DType, input.UseTf32,
            input.PadsMat1 ? kp : p.Mat1Stride0, input.PadsMat1 ? 1 : p.Mat1Stride1,
            input.PadsMat2 ? np : p.Mat2Stride0, input.PadsMat2 ? 1 : p.Mat2Stride1, np);

        void PadMat1() => session.Kernels.Pad2D(session.Stream, mat1, p.M, p.K, p.Mat1Stride0, p.Mat1Stride1, mat1p, mp, kp, es);
        void PadMat2() => session.Kernels.Pad2D(session.Stream, mat2, p.K, p.N, p.Mat2Stride0, p.Mat2Stride1, mat2p, kp, np, es);

        // Prepadded operands: their padding is free in PyTorch (memory-planned), so it happens here, untimed.
        if (input.PadsMat1 && input.PrepaddedMat1) PadMat1();
        if (input.PadsMat2 && input.PrepaddedMat2) PadMat2();

        using MatmulPlan origPlan = session.Lt.Plan(p);
        using MatmulPlan padPlan = session.Lt.Plan(padded);
        MatmulCandidate origAlgo = FirstCandidate(session, origPlan);
        MatmulCandidate padAlgo = FirstCandidate(session, padPlan);
        bool padMat1InTime = input.PadsMat1 && !input.PrepaddedMat1;
        bool padMat2InTime = input.PadsMat2 && !input.PrepaddedMat2;

        Action orig = () => session.Lt.Run(origPlan, origAlgo, mat1, mat2, output, session.Stream);
        Action pad = () =>
        {
            if (padMat1InTime) PadMat1();
            if (padMat2InTime) PadMat2();
            session.Lt.Run(padPlan, padAlgo, mat1p, mat2p, outputp, session.Stream);
        };

        // Long work whose kernels already ran on this GpuSession skips the initializing run (WorkHint).
        string origKey = KernelKey(p, origAlgo);
        string padKey = KernelKey(padded, padAlgo);
        string padCopyKey = string.Create(CultureInfo.InvariantCulture, $"pad2d|{es}");
        bool padCopiesKnown = !(padMat1InTime || padMat2InTime) || session.InitializedKernels.Contains(padCopyKey);
        var hints = new WorkHint?[]
        {
            new(session.GemmLowerBoundMs(p), session.InitializedKernels.Contains(origKey)),
            new(session.GemmLowerBoundMs(padded), session.InitializedKernels.Contains(padKey) && padCopiesKnown),
        };
        IReadOnlyList<OptionTiming> timings = session.Benchmark.MeasureInterleaved(new[] { orig, pad }, bench, hints, stopping is null ? null : stopping.ShouldStop);
        session.InitializedKernels.Add(origKey);
        session.InitializedKernels.Add(padKey);
        if (padMat1InTime || padMat2InTime) session.InitializedKernels.Add(padCopyKey);
        return timings;
    }

    /// <summary>
    /// Identifies the cuBLASLt kernel a run launches: the candidate's configuration plus what else
    /// makes cuBLASLt pick a different kernel for it (dtype, compute type, transposes, and the
    /// 16-byte alignment of each leading dimension).
    /// </summary>
    public static string KernelKey(MatmulProblem problem, MatmulCandidate candidate) => KernelKey(problem, candidate.Id);

    /// <summary>The kernel key for a candidate id (see <see cref="KernelKey(MatmulProblem, MatmulCandidate)"/>).</summary>
    public static string KernelKey(MatmulProblem problem, string candidateId)
    {
        var (a, b) = problem.ColumnMajorView();
        int es = problem.DType.Size();
        static long Align(long ld, int es)
        {
            long bytes = ld * es, alignment = 16;
            while (bytes % alignment != 0) alignment /= 2;
            return alignment;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{problem.DType}|{problem.ComputeType}|{a.Op}{b.Op}|{Align(a.Ld, es)},{Align(b.Ld, es)},{Align(problem.OutputLd, es)}|{candidateId}");
    }

    private static MatmulCandidate FirstCandidate(GpuSession session, MatmulPlan plan)
    {
        IReadOnlyList<MatmulCandidate> candidates = session.Lt.Candidates(plan, 1);
        if (candidates.Count == 0) throw new NoCandidateException(plan.Problem.ToString());
        return candidates[0];
    }
}
