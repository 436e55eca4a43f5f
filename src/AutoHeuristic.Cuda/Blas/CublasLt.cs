using System;
using System.Collections.Generic;
using System.Globalization;
using AutoHeuristic.Cuda.Driver;
using AutoHeuristic.Cuda.Native;

namespace AutoHeuristic.Cuda.Blas;

/// <summary>One cuBLASLt heuristic candidate: the configured algorithm, its decoded attributes and a stable string id.</summary>
public sealed class MatmulCandidate
{
    internal MatmulCandidate(CublasLtMatmulAlgo algo, long workspaceBytes, float waves, int rank, IReadOnlyDictionary<CublasLtMatmulAlgoConfigAttribute, long> config)
    {
        Algo = algo;
        WorkspaceBytes = workspaceBytes;
        WavesCount = waves;
        Rank = rank;
        Config = config;
        Id = FormatId(config);
    }

    internal CublasLtMatmulAlgo Algo;

    /// <summary>Workspace the algorithm needs.</summary>
    public long WorkspaceBytes { get; }

    /// <summary>cuBLASLt's waves estimate.</summary>
    public float WavesCount { get; }

    /// <summary>Position in cuBLASLt's ranking (0 = its first pick).</summary>
    public int Rank { get; }

    /// <summary>Decoded algorithm configuration (id, tile, stages, split-K, …).</summary>
    public IReadOnlyDictionary<CublasLtMatmulAlgoConfigAttribute, long> Config { get; }

    /// <summary>
    /// Stable id: the configuration, not the rank, so the same kernel gets the same id on every
    /// shape: <c>lt_algo=66_tile=24_stages=35_splitk=1_red=0_swz=0_opt=0_inner=0_cluster=2</c>.
    /// </summary>
    public string Id { get; }

    /// <inheritdoc />
    public override string ToString() => Id;

    /// <summary>Builds the id from decoded attributes (missing ones count as 0).</summary>
    public static string FormatId(IReadOnlyDictionary<CublasLtMatmulAlgoConfigAttribute, long> c)
    {
        long Get(CublasLtMatmulAlgoConfigAttribute a) => c.TryGetValue(a, out long v) ? v : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"lt_algo={Get(CublasLtMatmulAlgoConfigAttribute.Id)}_tile={Get(CublasLtMatmulAlgoConfigAttribute.TileId)}_stages={Get(CublasLtMatmulAlgoConfigAttribute.StagesId)}_splitk={Get(CublasLtMatmulAlgoConfigAttribute.SplitKNum)}_red={Get(CublasLtMatmulAlgoConfigAttribute.ReductionScheme)}_swz={Get(CublasLtMatmulAlgoConfigAttribute.CtaSwizzling)}_opt={Get(CublasLtMatmulAlgoConfigAttribute.CustomOption)}_inner={Get(CublasLtMatmulAlgoConfigAttribute.InnerShapeId)}_cluster={Get(CublasLtMatmulAlgoConfigAttribute.ClusterShapeId)}");
    }
}

/// <summary>A cuBLASLt handle plus the 32 MiB workspace NVIDIA recommends on Hopper.</summary>
public sealed class CublasLt : IDisposable
{
    /// <summary>Workspace size (32 MiB, as PyTorch uses on sm_90).</summary>
    public const long WorkspaceBytes = 32L << 20;

    /// <summary>(attribute, size in bytes) of every decoded algorithm-config attribute.</summary>
    public static IReadOnlyList<(CublasLtMatmulAlgoConfigAttribute Attribute, int Bytes)> ConfigAttributes { get; } = new[]
    {
        (CublasLtMatmulAlgoConfigAttribute.Id, 4),
        (CublasLtMatmulAlgoConfigAttribute.TileId, 4),
        (CublasLtMatmulAlgoConfigAttribute.SplitKNum, 4),
        (CublasLtMatmulAlgoConfigAttribute.ReductionScheme, 4),
        (CublasLtMatmulAlgoConfigAttribute.CtaSwizzling, 4),
        (CublasLtMatmulAlgoConfigAttribute.CustomOption, 4),
        (CublasLtMatmulAlgoConfigAttribute.StagesId, 4),
        (CublasLtMatmulAlgoConfigAttribute.InnerShapeId, 2),
        (CublasLtMatmulAlgoConfigAttribute.ClusterShapeId, 2),
    };

    private readonly IntPtr _handle;
    private readonly DeviceBuffer _workspace;
    private bool _disposed;

    /// <summary>Creates the handle and workspace in <paramref name="context"/>.</summary>
    public CublasLt(CudaContext context)
    {
        CudaLibraries.EnsureResolver();
        context.MakeCurrent();
        CudaException.CheckCublas(CublasLtApi.Create(out _handle), "cublasLtCreate");
        _workspace = context.Allocate(WorkspaceBytes);
    }

    /// <summary>cuBLASLt's version number (e.g. 130100).</summary>
    public static long Version
    {
        get
        {
            CudaLibraries.EnsureResolver();
            return (long)CublasLtApi.GetVersion();
        }
    }

    /// <summary>Creates the descriptors of a problem.</summary>
    public MatmulPlan Plan(MatmulProblem problem) => new(this, problem);

    /// <summary>cuBLASLt's ranked candidates for a plan (at most <paramref name="requested"/>; entries with a bad state dropped).</summary>
    public unsafe IReadOnlyList<MatmulCandidate> Candidates(MatmulPlan plan, int requested = 16)
    {
        IntPtr pref;
        CudaException.CheckCublas(CublasLtApi.MatmulPreferenceCreate(out pref), "cublasLtMatmulPreferenceCreate");
        try
        {
            ulong ws = WorkspaceBytes;
            CudaException.CheckCublas(CublasLtApi.MatmulPreferenceSetAttribute(pref, CublasLtMatmulPreferenceAttribute.MaxWorkspaceBytes, &ws, sizeof(ulong)), "cublasLtMatmulPreferenceSetAttribute(MAX_WORKSPACE_BYTES)");
            var results = new CublasLtMatmulHeuristicResult[requested];
            int returned;
            fixed (CublasLtMatmulHeuristicResult* r = results)
            {
                CudaException.CheckCublas(
                    CublasLtApi.MatmulAlgoGetHeuristic(_handle, plan.Desc, plan.ADesc, plan.BDesc, plan.CDesc, plan.CDesc, pref, requested, r, out returned),
                    "cublasLtMatmulAlgoGetHeuristic");
            }

            var list = new List<MatmulCandidate>(returned);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < returned; i++)
            {
                if (results[i].State != 0) continue;
                var candidate = new MatmulCandidate(results[i].Algo, (long)results[i].WorkspaceSize, results[i].WavesCount, list.Count, Decode(results[i].Algo));
                if (seen.Add(candidate.Id)) list.Add(candidate);
            }

            return list;
        }
        finally
        {
            CublasLtApi.MatmulPreferenceDestroy(pref);
        }
    }

    /// <summary>Enqueues D = A·B for the plan with one candidate (alpha 1, beta 0).</summary>
    public unsafe void Run(MatmulPlan plan, MatmulCandidate candidate, ulong mat1, ulong mat2, ulong output, CudaStream stream)
    {
        float alpha = 1f, beta = 0f;
        CublasLtMatmulAlgo algo = candidate.Algo;
        // cuBLASLt's A is mat2 and B is mat1 (column-major view of the row-major product).
        CudaException.CheckCublas(
            CublasLtApi.Matmul(_handle, plan.Desc, &alpha, mat2, plan.ADesc, mat1, plan.BDesc, &beta, output, plan.CDesc, output, plan.CDesc,
                &algo, _workspace.Pointer, (nuint)WorkspaceBytes, stream.NativeHandle),
            "cublasLtMatmul");
    }

    internal IntPtr Handle => _disposed ? throw new ObjectDisposedException(nameof(CublasLt)) : _handle;

    private static unsafe Dictionary<CublasLtMatmulAlgoConfigAttribute, long> Decode(CublasLtMatmulAlgo algo)
    {
        var d = new Dictionary<CublasLtMatmulAlgoConfigAttribute, long>();
        foreach (var (attribute, bytes) in ConfigAttributes)
        {
            ulong buffer = 0;
            if (CublasLtApi.MatmulAlgoConfigGetAttribute(&algo, attribute, &buffer, (nuint)bytes, out nuint _) == 0)
            {
                d[attribute] = bytes == 2 ? (long)(ushort)buffer : (long)(int)(uint)buffer;
            }
        }

        return d;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        CublasLtApi.Destroy(_handle);
        _workspace.Dispose();
    }
}

/// <summary>The cuBLASLt descriptors of one problem (operation and three layouts).</summary>
public sealed class MatmulPlan : IDisposable
{
    internal unsafe MatmulPlan(CublasLt lt, MatmulProblem problem)
    {
        Problem = problem;
        var (a, b) = problem.ColumnMajorView();
        CudaDataType type = problem.DType.CudaType();
        CudaException.CheckCublas(CublasLtApi.MatmulDescCreate(out IntPtr desc, problem.ComputeType, CudaDataType.R32F), "cublasLtMatmulDescCreate");
        Desc = desc;
        int opA = (int)a.Op, opB = (int)b.Op;
        CudaException.CheckCublas(CublasLtApi.MatmulDescSetAttribute(Desc, CublasLtMatmulDescAttribute.TransA, &opA, sizeof(int)), "cublasLtMatmulDescSetAttribute(TRANSA)");
        CudaException.CheckCublas(CublasLtApi.MatmulDescSetAttribute(Desc, CublasLtMatmulDescAttribute.TransB, &opB, sizeof(int)), "cublasLtMatmulDescSetAttribute(TRANSB)");
        CudaException.CheckCublas(CublasLtApi.MatrixLayoutCreate(out IntPtr ad, type, a.Rows, a.Cols, a.Ld), "cublasLtMatrixLayoutCreate(A)");
        ADesc = ad;
        CudaException.CheckCublas(CublasLtApi.MatrixLayoutCreate(out IntPtr bd, type, b.Rows, b.Cols, b.Ld), "cublasLtMatrixLayoutCreate(B)");
        BDesc = bd;
        CudaException.CheckCublas(CublasLtApi.MatrixLayoutCreate(out IntPtr cd, type, (ulong)problem.N, (ulong)problem.M, problem.OutputLd), "cublasLtMatrixLayoutCreate(C)");
        CDesc = cd;
        _ = lt;
    }

    /// <summary>The problem.</summary>
    public MatmulProblem Problem { get; }

    internal IntPtr Desc { get; }

    internal IntPtr ADesc { get; }

    internal IntPtr BDesc { get; }

    internal IntPtr CDesc { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (CDesc != IntPtr.Zero) CublasLtApi.MatrixLayoutDestroy(CDesc);
        if (BDesc != IntPtr.Zero) CublasLtApi.MatrixLayoutDestroy(BDesc);
        if (ADesc != IntPtr.Zero) CublasLtApi.MatrixLayoutDestroy(ADesc);
        if (Desc != IntPtr.Zero) CublasLtApi.MatmulDescDestroy(Desc);
    }
}
