using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using AutoHeuristic.Cuda.Blas;

namespace AutoHeuristic.Cuda.Collection;

/// <summary>One row of the mm collector's side file: one cuBLASLt candidate of one layout, as measured.</summary>
/// <param name="Seed">Seed of the input sequence.</param>
/// <param name="Index">Input index in the sequence.</param>
/// <param name="Layout">Transpose layout (0..3, <see cref="MmInput.Layouts"/>).</param>
/// <param name="Problem">The GEMM (its result contiguous: <see cref="MatmulProblem.OutputLd"/> = n).</param>
/// <param name="Rank">cuBLASLt's rank of the candidate (0: its first pick).</param>
/// <param name="Id">The candidate's stable id (its configuration), the choice in the training log.</param>
/// <param name="Waves">cuBLASLt's wave count estimate.</param>
/// <param name="MedianMs">Median GEMM time of the candidate, in ms.</param>
/// <param name="KiloCycles">The median in thousands of SM clock cycles, when the clock was read.</param>
/// <param name="SmClockMHz">The SM clock during the measurement, when it was read.</param>
/// <param name="MeasureWallMs">Autotuning cost: the layout's measurement wall time divided by its candidates, in ms.</param>
public sealed record CandidateRow(
    int Seed, int Index, int Layout, MatmulProblem Problem, int Rank, string Id, float Waves,
    double MedianMs, double? KiloCycles, double? SmClockMHz, double MeasureWallMs);

/// <summary>The candidates of one layout (one input under one transpose layout), in cuBLASLt's rank order.</summary>
/// <param name="Problem">The GEMM (from the layout's first row).</param>
/// <param name="Candidates">Its candidates; the first is cuBLASLt's first pick (rank 0).</param>
public sealed record CandidateLayout(MatmulProblem Problem, IReadOnlyList<CandidateRow> Candidates);

/// <summary>A side file that <see cref="CandidatesFile"/> cannot read, located by file, line and column.</summary>
public sealed class CandidatesFileException : FormatException
{
    /// <summary>Creates the exception; the message names the place.</summary>
    public CandidatesFileException(string path, int line, string problem)
        : base(string.Create(CultureInfo.InvariantCulture, $"'{path}' line {line}: {problem}"))
    {
        Path = path;
        Line = line;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>1-based line; 1 is the header.</summary>
    public int Line { get; }
}

/// <summary>
/// The mm collector's side file <c>OUT.candidates.csv</c>: cuBLASLt's rank, waves, timings and the
/// autotuning cost of every candidate of every layout, one CSV row each (invariant culture, one
/// header line). <see cref="MmCollector"/> writes it with <see cref="Append"/>; <c>collect-evaluate</c>
/// reads it with <see cref="ReadLayouts"/>. The columns are named here only.
/// </summary>
public static class CandidatesFile
{
    // The columns in file order; Column's values index this array.
    private static readonly string[] ColumnNames =
    {
        "seed", "index", "layout", "m", "k", "n", "dtype", "using_tf32", "mat1_stride_0", "mat1_stride_1", "mat2_stride_0", "mat2_stride_1",
        "rank", "id", "waves", "median_ms", "kcycles", "sm_mhz", "measure_wall_ms",
    };

    private enum Column
    {
        Seed, Index, Layout, M, K, N, DType, UsingTf32, Mat1Stride0, Mat1Stride1, Mat2Stride0, Mat2Stride1,
        Rank, Id, Waves, MedianMs, KiloCycles, SmMhz, MeasureWallMs,
    }

    /// <summary>The header line (without a newline).</summary>
    public static string Header { get; } = string.Join(",", ColumnNames);

    /// <summary>The side file of a training log: <c>OUT.candidates.csv</c> beside <paramref name="logPath"/>.</summary>
    public static string PathFor(string logPath) => Path.GetFullPath(logPath) + ".candidates.csv";

    /// <summary>One row as written (no newline): round-trip numbers, the clock in whole MHz, the autotuning cost to the µs.</summary>
    public static string FormatRow(CandidateRow row)
    {
        if (row is null) throw new ArgumentNullException(nameof(row));
        MatmulProblem p = row.Problem;
        return string.Create(CultureInfo.InvariantCulture,
            $"{row.Seed},{row.Index},{row.Layout},{p.M},{p.K},{p.N},{p.DType.TorchName()},{Tf32Text(p)},{p.Mat1Stride0},{p.Mat1Stride1},{p.Mat2Stride0},{p.Mat2Stride1},{row.Rank},{row.Id},{row.Waves:R},{row.MedianMs:R},{(row.KiloCycles is double kc ? kc.ToString("R", CultureInfo.InvariantCulture) : "")},{(row.SmClockMHz is double mhz ? mhz.ToString("F0", CultureInfo.InvariantCulture) : "")},{row.MeasureWallMs:F3}");
    }

    /// <summary>Appends <paramref name="rows"/> to <paramref name="path"/>, starting with the header when the file is new or empty.</summary>
    public static void Append(string path, IEnumerable<CandidateRow> rows)
    {
        if (rows is null) throw new ArgumentNullException(nameof(rows));
        var text = new StringBuilder();
        if (!File.Exists(path) || new FileInfo(path).Length == 0) text.Append(Header).Append('\n');
        foreach (CandidateRow row in rows) text.Append(FormatRow(row)).Append('\n');
        File.AppendAllText(path, text.ToString());
    }

    /// <summary>Every row of one side file, in file order.</summary>
    /// <exception cref="CandidatesFileException">Another header, a row with another cell count, or a cell that is not what its column holds.</exception>
    public static IReadOnlyList<CandidateRow> Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, path);
    }

    /// <summary>Every row of a side file's text (row i on line i + 2); <paramref name="path"/> names it in errors.</summary>
    /// <exception cref="CandidatesFileException">As <see cref="Read(string)"/>.</exception>
    public static IReadOnlyList<CandidateRow> Read(TextReader reader, string path)
    {
        if (reader is null) throw new ArgumentNullException(nameof(reader));
        if (reader.ReadLine() != Header) throw new CandidatesFileException(path, 1, "not a side file of 'collect mm' (header differs).");
        var rows = new List<CandidateRow>();
        for (string? text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            rows.Add(ParseRow(text, new Place(path, rows.Count + 2)));
        }

        return rows;
    }

    /// <summary>
    /// The layouts of several side files, in file order then order of first appearance; each
    /// layout's candidates in rank order (stable), so the first is cuBLASLt's first pick.
    /// </summary>
    /// <exception cref="CandidatesFileException">As <see cref="Read(string)"/>, or a layout without a candidate of rank 0.</exception>
    public static IReadOnlyList<CandidateLayout> ReadLayouts(IEnumerable<string> paths)
    {
        if (paths is null) throw new ArgumentNullException(nameof(paths));
        var layouts = new List<CandidateLayout>();
        foreach (string path in paths)
        {
            var groups = new Dictionary<(int, int, int), (int FirstLine, List<CandidateRow> Rows)>();
            var order = new List<(int, int, int)>();
            IReadOnlyList<CandidateRow> all = Read(path);
            for (int i = 0; i < all.Count; i++)
            {
                CandidateRow row = all[i];
                var key = (row.Seed, row.Index, row.Layout);
                if (!groups.TryGetValue(key, out var group))
                {
                    groups[key] = group = (i + 2, new List<CandidateRow>());
                    order.Add(key);
                }

                group.Rows.Add(row);
            }

            foreach (var key in order)
            {
                (int firstLine, List<CandidateRow> rows) = groups[key];
                if (!rows.Any(r => r.Rank == 0))
                {
                    throw new CandidatesFileException(path, firstLine, string.Create(CultureInfo.InvariantCulture,
                        $"the layout of seed {key.Item1}, index {key.Item2}, layout {key.Item3} has no candidate of rank 0 (cuBLASLt's first pick); the side file is incomplete."));
                }

                layouts.Add(new CandidateLayout(rows[0].Problem, rows.OrderBy(r => r.Rank).ToList()));
            }
        }

        return layouts;
    }

    private static string Tf32Text(MatmulProblem p) => p.DType == GemmDType.Float32 ? (p.UseTf32 ? "True" : "False") : "not_float_32";

    private static CandidateRow ParseRow(string text, Place at)
    {
        string[] cells = text.Split(',');
        if (cells.Length != ColumnNames.Length)
        {
            throw at.Error(string.Create(CultureInfo.InvariantCulture, $"expected {ColumnNames.Length} cells, found {cells.Length}."));
        }

        string dtypeCell = cells[(int)Column.DType];
        if (!GemmDTypes.TryFromTorchName(dtypeCell, out GemmDType dtype))
        {
            throw at.Error(Column.DType, $"unknown dtype '{dtypeCell}' (expected torch.float16, torch.bfloat16 or torch.float32).");
        }

        string tf32 = cells[(int)Column.UsingTf32];
        bool tf32Valid = dtype == GemmDType.Float32 ? tf32 is "True" or "False" : tf32 == "not_float_32";
        if (!tf32Valid)
        {
            throw at.Error(Column.UsingTf32, $"expected {(dtype == GemmDType.Float32 ? "True or False" : "not_float_32")} for {dtypeCell}, found '{tf32}'.");
        }

        string id = cells[(int)Column.Id];
        if (id.Length == 0) throw at.Error(Column.Id, "the candidate id is empty.");

        long m = Whole(cells, Column.M, at), n = Whole(cells, Column.N, at);
        var problem = new MatmulProblem(
            m, Whole(cells, Column.K, at), n, dtype, tf32 == "True",
            Whole(cells, Column.Mat1Stride0, at), Whole(cells, Column.Mat1Stride1, at), Whole(cells, Column.Mat2Stride0, at), Whole(cells, Column.Mat2Stride1, at),
            n);
        return new CandidateRow(
            Integer(cells, Column.Seed, at), (int)Whole(cells, Column.Index, at), Layout(cells, at), problem, (int)Whole(cells, Column.Rank, at), id,
            (float)Number(cells, Column.Waves, at), Number(cells, Column.MedianMs, at), OptionalNumber(cells, Column.KiloCycles, at),
            OptionalNumber(cells, Column.SmMhz, at), Number(cells, Column.MeasureWallMs, at));
    }

    // A size, stride, index or rank: 0 ≤ value ≤ int.MaxValue.
    private static long Whole(string[] cells, Column column, Place at)
    {
        string cell = cells[(int)column];
        return long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) && value >= 0 && value <= int.MaxValue
            ? value
            : throw at.Error(column, $"expected a whole number, found '{cell}'.");
    }

    private static int Integer(string[] cells, Column column, Place at)
    {
        string cell = cells[(int)column];
        return int.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw at.Error(column, $"expected an integer, found '{cell}'.");
    }

    private static int Layout(string[] cells, Place at)
    {
        long layout = Whole(cells, Column.Layout, at);
        return layout < MmInput.Layouts.Count ? (int)layout : throw at.Error(Column.Layout, $"expected a layout 0 to {MmInput.Layouts.Count - 1}, found '{layout}'.");
    }

    // A time, count or clock: finite and ≥ 0.
    private static double Number(string[] cells, Column column, Place at)
    {
        string cell = cells[(int)column];
        return double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && value >= 0
            ? value
            : throw at.Error(column, $"expected a finite number ≥ 0, found '{cell}'.");
    }

    private static double? OptionalNumber(string[] cells, Column column, Place at) =>
        cells[(int)column].Length == 0 ? null : Number(cells, column, at);

    // Where a cell is, for error messages.
    private readonly record struct Place(string Path, int Line)
    {
        public CandidatesFileException Error(string problem) => new(Path, Line, problem);

        public CandidatesFileException Error(Column column, string problem) =>
            new(Path, Line, string.Create(CultureInfo.InvariantCulture, $"column {(int)column + 1} ({ColumnNames[(int)column]}): {problem}"));
    }
}
