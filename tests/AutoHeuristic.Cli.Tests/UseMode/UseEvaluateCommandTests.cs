using System.IO;
using System.Linq;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Cuda.Driver;
using AutoHeuristic.Tests.Shared;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests.UseMode;

/// <summary><c>use-evaluate</c> and <c>collect-evaluate</c> through the real command line (the GPU path itself is tested in AutoHeuristic.Cuda.Tests/Gpu).</summary>
public class UseEvaluateCommandTests
{
    // samples/data of this checkout, found from this source file (test binaries may live outside the tree).
    private static string SampleLog(string name) => Path.Combine(TestRepository.Root, "samples", "data", name);

    [TestCase(new[] { "use-evaluate", "pad_mm", "--train", "x.txt", "--seed", "3" }, "only mm can be evaluated")]
    [TestCase(new[] { "use-evaluate", "mm", "--seed", "3" }, "Give at least one --train LOG")]
    [TestCase(new[] { "use-evaluate", "mm", "--train", "x.txt" }, "--seed S is required")]
    [TestCase(new[] { "use-evaluate", "mm", "--train", "x.txt", "--seed", "3", "--samples", "0" }, "--samples must be at least 1")]
    [TestCase(new[] { "use-evaluate", "mm", "--train", "x.txt", "--seed", "3", "--top-k", "0" }, "--top-k must be at least 1")]
    [TestCase(new[] { "use-evaluate", "mm", "--train", "x.txt", "--seed", "3", "--max-gflop", "0" }, "--max-gflop must be positive and finite")]
    [TestCase(new[] { "use-evaluate", "mm", "--train", "x.txt", "--seed", "3", "--device", "-1" }, "--device must not be negative")]
    [TestCase(new[] { "use-evaluate", "mm", "--train", "x.txt", "--seed", "3", "--max-seconds", "0" }, "--max-seconds must be positive and finite")]
    [TestCase(new[] { "use-evaluate", "mm", "--train", "x.txt", "--seed", "3", "--narrowing", "fancy" }, "Unknown --narrowing 'fancy': use top-k or adaptive")]
    [TestCase(new[] { "collect-evaluate", "mm", "--train", "x.txt", "--candidates", "y.csv", "--learned-count", "1" }, "--learned-count, --library-count, --fallback-count and --no-agreement need --narrowing adaptive")]
    [TestCase(new[] { "collect-evaluate", "mm", "--train", "x.txt", "--candidates", "y.csv", "--narrowing", "adaptive", "--library-count", "0" }, "--library-count must be at least 1")]
    public void Bad_arguments_are_named(string[] args, string message)
    {
        var (code, output) = CliRunner.Run(args);

        Assert.That(code, Is.Not.Zero);
        Assert.That(output, Does.Contain(message));
    }

    [Test]
    public void Help_lists_use_evaluate_with_its_options()
    {
        var (_, list) = CliRunner.Run("--help");
        var (_, help) = CliRunner.Run("use-evaluate", "--help");

        Assert.That(list, Does.Contain("use-evaluate"));
        foreach (string option in new[] { "--train", "--samples", "--seed", "--max-gflop", "--top-k", "--narrowing", "--out", "--max-seconds", "--device" }) Assert.That(help, Does.Contain(option));
    }

    [Test]
    public void A_missing_training_log_or_output_folder_is_reported_before_the_device_is_touched()
    {
        string dir = CliRunner.TempDir();
        string log = Path.Combine(dir, "train.txt");

        var (missing, output1) = CliRunner.Run("use-evaluate", "mm", "--train", log, "--seed", "3");
        File.WriteAllText(log, "x");
        var (badOut, output2) = CliRunner.Run("use-evaluate", "mm", "--train", log, "--seed", "3", "--out", Path.Combine(dir, "nope", "r.csv"));

        Assert.That(missing, Is.EqualTo(1));
        Assert.That(output1, Does.Contain("The training log '" + log + "' does not exist"));
        Assert.That(badOut, Is.EqualTo(1));
        Assert.That(output2, Does.Contain("The folder of --out"));
    }

    [Test]
    public void Without_a_gpu_it_says_why()
    {
        if (CudaAvailability.IsAvailable) Assert.Ignore("A CUDA device is present here.");
        string log = SampleLog("mm_h100_seed1.txt");
        if (!File.Exists(log)) Assert.Ignore("samples/data is not beside the tests.");

        var (code, output) = CliRunner.Run("use-evaluate", "mm", "--train", log, "--seed", "3", "--samples", "2");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("No usable CUDA device:"));
    }

    [Test]
    public void Collect_evaluate_names_an_unknown_dtype_with_file_and_line()
    {
        string dir = CliRunner.TempDir();
        string train = Path.Combine(dir, "train.txt");
        string candidates = Path.Combine(dir, "held.candidates.csv");
        File.WriteAllText(train, "not read: the side files are checked first");
        File.WriteAllText(candidates, CandidatesFile.Header + "\n"
            + "2,0,0,64,64,64,torch.float16,not_float_32,64,1,64,1,0,lt_algo=1,1.0,0.01,,,0.5\n"
            + "2,0,0,64,64,64,torch.int8,not_float_32,64,1,64,1,1,lt_algo=2,1.0,0.02,,,0.5\n");

        var (code, output) = CliRunner.Run("collect-evaluate", "mm", "--train", train, "--candidates", candidates);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("held.candidates.csv' line 3: column 7 (dtype): unknown dtype 'torch.int8'"));
    }

    // The replay is deterministic (the training and the measured timings are fixed): every number
    // of the table on the sample data (seed 1 trained, seed 2 replayed; docs/gpu-collection.md).
    // A layout whose narrowed set is a single candidate times nothing, as live.
    [Test]
    public void Collect_evaluate_replays_the_sample_data_in_use_mode()
    {
        string train = SampleLog("mm_h100_seed1.txt"), held = SampleLog("mm_h100_seed2.candidates.csv");
        if (!File.Exists(train) || !File.Exists(held)) Assert.Ignore("samples/data is not beside the tests.");

        var (code, output) = CliRunner.RunUnwrapped("collect-evaluate", "mm", "--train", train, "--candidates", held, "--top-k", "3", "--no-first-pick");

        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("640 held-out layouts; unsure/no match 191 (29.8 %); heuristic query"));
        Assert.That(output, Does.Contain("trained on 640 inputs (14652 rows): 31 leaves, depth 5, 353 choices"));
        Assert.That(TableRow(output, "full autotuning (all cuBLASLt candidates)"), Is.EqualTo(new[] { "1.0000", "1.000", "100.0 %", "7.58", "115.65", "100.0 %" }));
        Assert.That(TableRow(output, "cuBLASLt first pick (no autotuning)"), Is.EqualTo(new[] { "1.0491", "2.123", "40.3 %", "0.00", "0.00", "0.0 %" }));
        Assert.That(TableRow(output, "learned top-3 + autotuning"), Is.EqualTo(new[] { "1.0240", "1.717", "69.1 %", "3.77", "56.98", "49.3 %" }));
        Assert.That(TableRow(output, "learned top-1 (no autotuning; first pick when unsure)"), Is.EqualTo(new[] { "1.0468", "2.020", "40.3 %", "0.00", "0.00", "0.0 %" }));

        // By default cuBLASLt's first pick joins the learned candidates, as in use-evaluate.
        var (defaultCode, defaultOutput) = CliRunner.RunUnwrapped("collect-evaluate", "mm", "--train", train, "--candidates", held, "--top-k", "3");
        Assert.That(defaultCode, Is.Zero, defaultOutput);
        Assert.That(TableRow(defaultOutput, "learned top-3 + first pick + autotuning"), Is.EqualTo(new[] { "1.0089", "1.347", "80.8 %", "4.30", "65.08", "56.3 %" }));
    }

    // The cells after the strategy name of the table row that starts with it.
    private static string[] TableRow(string output, string strategy)
    {
        foreach (string line in output.Split('\n'))
        {
            string[] cells = line.Split('│').Select(c => c.Trim()).Where(c => c.Length > 0).ToArray();
            if (cells.Length > 0 && cells[0] == strategy) return cells.Skip(1).ToArray();
        }

        Assert.Fail("No table row '" + strategy + "' in:\n" + output);
        return System.Array.Empty<string>();
    }

    // The H100 replay of docs/gpu-collection.md ("mm: narrowing per input"): the top-k default and the
    // adaptive rule, searched on seed 1 → 2 and checked on seed 2 → 1. Rows are the cells after the
    // strategy name: gmean | worst | at best | candidates timed | autotuning s | autotuning vs full.
    [TestCase("mm_h100_seed1.txt", "mm_h100_seed2.candidates.csv",
        "1.0089|1.347|80.8 %|4.30|65.08|56.3 %", "1.0099|1.328|72.5 %|2.51|38.63|33.4 %", "191 (29.8 %)", "80 (12.5 %)")]
    [TestCase("mm_h100_seed2.txt", "mm_h100_seed1.candidates.csv",
        "1.0065|1.347|85.3 %|5.06|77.35|65.9 %", "1.0117|2.688|71.2 %|2.30|35.56|30.3 %", "298 (46.6 %)", "76 (11.9 %)")]
    public void Collect_evaluate_replays_the_adaptive_narrowing_on_the_sample_data(
        string trainLog, string heldOut, string topKRow, string adaptiveRow, string fallbacks, string agreements)
    {
        string train = SampleLog(trainLog), held = SampleLog(heldOut);
        if (!File.Exists(train) || !File.Exists(held)) Assert.Ignore("samples/data is not beside the tests.");

        var (topKCode, topK) = CliRunner.RunUnwrapped("collect-evaluate", "mm", "--train", train, "--candidates", held, "--top-k", "3");
        var (code, adaptive) = CliRunner.RunUnwrapped("collect-evaluate", "mm", "--train", train, "--candidates", held, "--top-k", "3", "--narrowing", "adaptive");

        Assert.That(topKCode, Is.Zero, topK);
        Assert.That(code, Is.Zero, adaptive);
        Assert.That(TableRow(topK, "learned top-3 + first pick + autotuning"), Is.EqualTo(topKRow.Split('|')));
        Assert.That(TableRow(adaptive, "adaptive (agreement → first pick; learned top-2 + library top-2; unsure → library top-2)"), Is.EqualTo(adaptiveRow.Split('|')));

        // The same layouts fall back under both rules (the ranking is the same); only the adaptive rule takes agreements untimed.
        Assert.That(topK, Does.Contain("unsure/no match " + fallbacks + "; heuristic query"));
        Assert.That(adaptive, Does.Contain("unsure/no match " + fallbacks + "; learned top-1 = first pick (taken untimed) " + agreements + "; heuristic query"));
    }
}
