using System.IO;
using System.Linq;
using AutoHeuristic.Cuda.Blas;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Tests.Shared;
using NUnit.Framework;

namespace AutoHeuristic.Cuda.Tests.Collection;

/// <summary>The mm side file's writer and reader (no GPU): the format is pinned, rows round-trip, bad cells are located.</summary>
public class CandidatesFileTests
{
    // A row of samples/data/mm_h100_seed1.candidates.csv (fp32 without TF32) and the record it holds.
    private const string SampleLine =
        "1,1,0,1408,25600,2048,torch.float32,False,25600,1,2048,1,0,lt_algo=20_tile=24_stages=26_splitk=7_red=1_swz=0_opt=0_inner=0_cluster=0,4.6666665,3.122688055038452,6244.6993341784655,2000,40.629";

    private static readonly CandidateRow SampleRow = new(
        1, 1, 0, MatmulProblem.Create(1408, 25600, 2048, GemmDType.Float32, false, false, false), 0,
        "lt_algo=20_tile=24_stages=26_splitk=7_red=1_swz=0_opt=0_inner=0_cluster=0", 4.6666665f, 3.122688055038452, 6244.6993341784655, 2000, 40.629);

    private static CandidateRow Row(int index, int layout, int rank, string id, double medianMs, GemmDType dtype = GemmDType.BFloat16, bool tf32 = false) =>
        new(7, index, layout, MatmulProblem.Create(64, 128, 256, dtype, tf32, layout % 2 == 1, layout >= 2), rank, id, 1.5f, medianMs, null, null, 0.25);

    private static string FileText(params string[] rows) => CandidatesFile.Header + "\n" + string.Join("\n", rows) + "\n";

    [Test]
    public void The_header_is_the_collectors_format()
    {
        Assert.That(CandidatesFile.Header, Is.EqualTo(
            "seed,index,layout,m,k,n,dtype,using_tf32,mat1_stride_0,mat1_stride_1,mat2_stride_0,mat2_stride_1,rank,id,waves,median_ms,kcycles,sm_mhz,measure_wall_ms"));
        Assert.That(CandidatesFile.PathFor("/data/mm.txt"), Is.EqualTo("/data/mm.txt.candidates.csv"));
    }

    [Test]
    public void A_collected_row_is_written_and_read_back_exactly()
    {
        Assert.That(CandidatesFile.FormatRow(SampleRow), Is.EqualTo(SampleLine));
        Assert.That(CandidatesFile.Read(new StringReader(FileText(SampleLine)), "s.csv").Single(), Is.EqualTo(SampleRow));
    }

    [Test]
    public void Rows_of_every_dtype_and_layout_round_trip_with_missing_clock_readings()
    {
        CandidateRow[] rows =
        {
            Row(0, 0, 0, "a", 0.1),
            Row(0, 3, 1, "b", 1.0 / 3, GemmDType.Float16),
            Row(1, 1, 0, "c", 2e-5, GemmDType.Float32, tf32: true),
            Row(1, 2, 2, "d", 12.5, GemmDType.Float32) with { KiloCycles = 123.456789, SmClockMHz = 1980 },
        };
        string text = FileText(rows.Select(CandidatesFile.FormatRow).ToArray());

        Assert.That(text.Split('\n')[1], Is.EqualTo("7,0,0,64,128,256,torch.bfloat16,not_float_32,128,1,256,1,0,a,1.5,0.1,,,0.250"));
        Assert.That(CandidatesFile.Read(new StringReader(text), "r.csv"), Is.EqualTo(rows));
    }

    [Test]
    public void Append_writes_the_header_once()
    {
        using var temp = new TempFolder();
        string path = temp.File("mm.txt.candidates.csv");
        CandidatesFile.Append(path, new[] { Row(0, 0, 0, "a", 1) });
        CandidatesFile.Append(path, new[] { Row(0, 0, 1, "b", 2), Row(0, 1, 0, "c", 3) });

        string[] lines = File.ReadAllLines(path);
        Assert.That(lines[0], Is.EqualTo(CandidatesFile.Header));
        Assert.That(lines.Skip(1).Select(l => l.Split(',')[13]), Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(CandidatesFile.Read(path).Select(r => r.Id), Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [TestCase("seed,index", 1, "line 1: not a side file of 'collect mm' (header differs).")]
    [TestCase("1,0,0,64,128,256,torch.bfloat16,not_float_32,128,1,256,1,0,a,1.5,0.1,,", 2, "line 2: expected 19 cells, found 18.")]
    [TestCase("1,0,0,x,128,256,torch.bfloat16,not_float_32,128,1,256,1,0,a,1.5,0.1,,,0.25", 2, "line 2: column 4 (m): expected a whole number, found 'x'.")]
    [TestCase("1,0,0,64,128,-256,torch.bfloat16,not_float_32,128,1,256,1,0,a,1.5,0.1,,,0.25", 2, "line 2: column 6 (n): expected a whole number, found '-256'.")]
    [TestCase("1,0,0,64,128,256,torch.int8,not_float_32,128,1,256,1,0,a,1.5,0.1,,,0.25", 2, "line 2: column 7 (dtype): unknown dtype 'torch.int8'")]
    [TestCase("1,0,0,64,128,256,torch.float32,not_float_32,128,1,256,1,0,a,1.5,0.1,,,0.25", 2, "line 2: column 8 (using_tf32): expected True or False for torch.float32, found 'not_float_32'.")]
    [TestCase("1,0,0,64,128,256,torch.float16,True,128,1,256,1,0,a,1.5,0.1,,,0.25", 2, "line 2: column 8 (using_tf32): expected not_float_32 for torch.float16, found 'True'.")]
    [TestCase("1,0,4,64,128,256,torch.bfloat16,not_float_32,128,1,256,1,0,a,1.5,0.1,,,0.25", 2, "line 2: column 3 (layout): expected a layout 0 to 3, found '4'.")]
    [TestCase("1,0,0,64,128,256,torch.bfloat16,not_float_32,128,1,256,1,0,,1.5,0.1,,,0.25", 2, "line 2: column 14 (id): the candidate id is empty.")]
    [TestCase("1,0,0,64,128,256,torch.bfloat16,not_float_32,128,1,256,1,0,a,1.5,NaN,,,0.25", 2, "line 2: column 16 (median_ms): expected a finite number ≥ 0, found 'NaN'.")]
    [TestCase("1,0,0,64,128,256,torch.bfloat16,not_float_32,128,1,256,1,0,a,1.5,0.1,fast,,0.25", 2, "line 2: column 17 (kcycles): expected a finite number ≥ 0, found 'fast'.")]
    [TestCase("1,0,0,64,128,256,torch.bfloat16,not_float_32,128,1,256,1,0,a,1.5,0.1,,,-1", 2, "line 2: column 19 (measure_wall_ms): expected a finite number ≥ 0, found '-1'.")]
    public void A_bad_cell_is_named_by_file_line_and_column(string row, int line, string message)
    {
        string text = line == 1 ? row + "\n" : FileText(row);

        var e = Assert.Throws<CandidatesFileException>(() => CandidatesFile.Read(new StringReader(text), "held.csv"))!;
        Assert.That(e.Message, Does.StartWith("'held.csv' " + message));
        Assert.That((e.Path, e.Line), Is.EqualTo(("held.csv", line)));
    }

    [Test]
    public void An_empty_file_is_not_a_side_file()
    {
        var e = Assert.Throws<CandidatesFileException>(() => CandidatesFile.Read(new StringReader(string.Empty), "empty.csv"))!;
        Assert.That(e.Message, Is.EqualTo("'empty.csv' line 1: not a side file of 'collect mm' (header differs)."));
    }

    [Test]
    public void Layouts_group_a_files_rows_in_rank_order_in_order_of_first_appearance()
    {
        using var temp = new TempFolder();
        string first = temp.File("a.csv"), second = temp.File("b.csv");
        CandidatesFile.Append(first, new[] { Row(0, 0, 1, "x1", 2), Row(0, 1, 0, "y0", 1), Row(0, 0, 0, "x0", 3), Row(0, 1, 1, "y1", 4) });
        CandidatesFile.Append(second, new[] { Row(0, 0, 0, "z0", 5) });

        var layouts = CandidatesFile.ReadLayouts(new[] { first, second });

        Assert.That(layouts.Select(l => string.Join(" ", l.Candidates.Select(c => c.Id))), Is.EqualTo(new[] { "x0 x1", "y0 y1", "z0" }));
        Assert.That(layouts[1].Problem, Is.EqualTo(Row(0, 1, 0, "y0", 1).Problem));
    }

    [Test]
    public void A_layout_without_cublasLts_first_pick_is_refused_with_its_first_line()
    {
        using var temp = new TempFolder();
        string path = temp.File("held.csv");
        CandidatesFile.Append(path, new[] { Row(0, 0, 0, "a", 1), Row(3, 2, 1, "b", 1), Row(3, 2, 2, "c", 1) });

        var e = Assert.Throws<CandidatesFileException>(() => CandidatesFile.ReadLayouts(new[] { path }))!;
        Assert.That(e.Line, Is.EqualTo(3));
        Assert.That(e.Message, Does.Contain("seed 7, index 3, layout 2 has no candidate of rank 0"));
    }
}
