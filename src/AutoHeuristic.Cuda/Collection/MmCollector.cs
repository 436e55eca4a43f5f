using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using AutoHeuristic.Cuda.Benchmarking;
using AutoHeuristic.Cuda.Blas;
using AutoHeuristic.Features;

namespace AutoHeuristic.Cuda.Collection;

/// <summary>
/// Collects GEMM kernel-choice data the way PyTorch collects <c>mm</c> (ranking mode): for each
/// input and each of the four transpose layouts, the choices are cuBLASLt's heuristic candidates
/// (stable ids from their configuration). An <see cref="AutoHeuristicSelectAlgorithm{TChoice}"/>
/// subscribes in collect mode; the candidates are measured interleaved, and each round is
/// published through <see cref="Autotuner.AutotuneSelectAlgorithm{TChoice}"/>, which records one
/// row per candidate and round. A side file (<c>OUT.candidates.csv</c>, <see cref="CandidatesFile"/>)
/// keeps cuBLASLt's rank, waves and the autotuning wall time of every candidate, for the use-mode evaluation.
/// </summary>
public sealed class MmCollector : CollectorBase
{
    private MmSampler? _sampler;
    private bool[] _layoutDone = new bool[4];

    /// <summary>Creates the collector.</summary>
    public MmCollector(CollectorOptions options)
        : base(options)
    {
    }

    /// <inheritdoc />
    public override string Name => "mm";

    /// <summary>Candidates requested from cuBLASLt per layout.</summary>
    public int RequestedCandidates { get; init; } = 16;

    /// <summary>The side file's path.</summary>
    public string CandidatesPath => CandidatesFile.PathFor(Options.OutPath);

    /// <inheritdoc />
    protected override void Prepare(GpuSession session) => _sampler = new MmSampler(Options.Seed, session.Gates(Options.MaxGflop));

    /// <inheritdoc />
    protected override string Describe(GpuSession session, int index) => _sampler!.Sample(index).ToString();

    /// <inheritdoc />
    protected override bool IsOnDisk(GpuSession session, int index, ExistingRows existing)
    {
        _layoutDone = new bool[4];
        if (existing.Rows == 0) return false;
        MmInput input = _sampler!.Sample(index);
        bool all = true;
        for (int layout = 0; layout < 4; layout++)
        {
            MatmulProblem p = input.Problem(layout);
            int candidates;
            using (MatmulPlan plan = session.Lt.Plan(p)) candidates = session.Lt.Candidates(plan, RequestedCandidates).Count;
            _layoutDone[layout] = candidates > 0 && existing.TryConsume(FeatureTexts(p), candidates * Options.Repetitions);
            all &= _layoutDone[layout];
        }

        return all;
    }

    /// <inheritdoc />
    protected override int CollectOne(GpuSession session, int index, AutoHeuristicOptions options, out string description)
    {
        MmInput input = _sampler!.Sample(index);
        description = string.Create(CultureInfo.InvariantCulture, $"{input.M}x{input.K}x{input.N} {input.DType}");
        int written = 0;
        var side = new List<CandidateRow>();
        for (int layout = 0; layout < 4; layout++)
        {
            if (_layoutDone[layout]) continue;
            session.Arena.Reset();
            written += CollectLayout(session, input, layout, (ulong)SampleRandom.Mix(Options.Seed, index), options, side, index);
        }

        CandidatesFile.Append(CandidatesPath, side);
        return written;
    }

    private int CollectLayout(GpuSession session, MmInput input, int layout, ulong dataSeed, AutoHeuristicOptions options, List<CandidateRow> side, int index)
    {
        MatmulProblem p = input.Problem(layout);
        int es = p.DType.Size();
        ulong mat1 = session.Arena.Take(p.Mat1Elements * es);
        ulong mat2 = session.Arena.Take(p.Mat2Elements * es);
        ulong output = session.Arena.Take(p.M * p.N * es);
        session.FillRandom(mat1, p.Mat1Elements, p.DType, dataSeed);
        session.FillRandom(mat2, p.Mat2Elements, p.DType, dataSeed ^ 0x5555);

        using MatmulPlan plan = session.Lt.Plan(p);
        IReadOnlyList<MatmulCandidate> candidates = session.Lt.Candidates(plan, RequestedCandidates);
        if (candidates.Count == 0) throw new NoCandidateException(p.ToString());

        var context = new AHContext();
        MmInput.AddFeatures(context, p);
        IReadOnlyList<AutotuneInput> inputs = MmInput.AutotuneInputs(p);
        using var selector = new AutoHeuristicSelectAlgorithm<MatmulCandidate>(
            () => null, candidates, c => c.Id, inputs, context, Name, StandardOperations.Mm, precondition: null, options);

        var works = new Action[candidates.Count];
        for (int c = 0; c < candidates.Count; c++)
        {
            MatmulCandidate candidate = candidates[c];
            works[c] = () => session.Lt.Run(plan, candidate, mat1, mat2, output, session.Stream);
        }

        var wall = Stopwatch.StartNew();
        IReadOnlyList<OptionTiming> timings = session.Benchmark.MeasureInterleaved(works, Options.EffectiveBenchmark);
        double wallMs = wall.Elapsed.TotalMilliseconds;
        var indexOf = new Dictionary<MatmulCandidate, int>(ReferenceEqualityComparer.Instance);
        for (int c = 0; c < candidates.Count; c++) indexOf[candidates[c]] = c;
        for (int r = 0; r < Options.Repetitions; r++)
        {
            int round = r;
            Autotuner.AutotuneSelectAlgorithm(Name, candidates, inputs, c => timings[indexOf[c]].RoundMediansMs[round]);
        }

        for (int c = 0; c < candidates.Count; c++)
        {
            OptionTiming t = timings[c];
            side.Add(new CandidateRow(Options.Seed, index, layout, p, candidates[c].Rank, candidates[c].Id, candidates[c].WavesCount, t.MedianMs, t.KiloCycles, t.SmClockMHz, wallMs / candidates.Count));
        }

        return selector.RecordedRuns * candidates.Count;
    }

    private static IReadOnlyList<string> FeatureTexts(MatmulProblem p)
    {
        var context = new AHContext();
        MmInput.AddFeatures(context, p);
        return ExistingRows.FeatureTexts(context);
    }
}
