using System.IO;
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
        File.WriteAllText(candidates, MmCollector.CandidatesHeader + "\n"
            + "2,0,0,64,64,64,torch.float16,not_float_32,64,1,64,1,0,lt_algo=1,1.0,0.01,,,0.5\n"
            + "2,0,0,64,64,64,torch.int8,not_float_32,64,1,64,1,1,lt_algo=2,1.0,0.02,,,0.5\n");

        var (code, output) = CliRunner.Run("collect-evaluate", "mm", "--train", train, "--candidates", candidates);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("held.candidates.csv' line 3: unknown dtype 'torch.int8' in column 'dtype'"));
    }

    [Test]
    public void Collect_evaluate_replays_the_sample_data_in_use_mode()
    {
        string train = SampleLog("mm_h100_seed1.txt"), held = SampleLog("mm_h100_seed2.candidates.csv");
        if (!File.Exists(train) || !File.Exists(held)) Assert.Ignore("samples/data is not beside the tests.");

        var (code, output) = CliRunner.Run("collect-evaluate", "mm", "--train", train, "--candidates", held, "--top-k", "3", "--no-first-pick");

        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("640 held-out layouts"));
        Assert.That(output, Does.Contain("learned top-3 + autotuning"));

        // By default cuBLASLt's first pick joins the learned candidates, as in use-evaluate.
        var (defaultCode, defaultOutput) = CliRunner.Run("collect-evaluate", "mm", "--train", train, "--candidates", held, "--top-k", "3");
        Assert.That(defaultCode, Is.Zero, defaultOutput);
        Assert.That(defaultOutput, Does.Contain("learned top-3 + first pick + autotuning"));
    }

    // The H100 replay of docs/gpu-collection.md ("mm: narrowing per input"): the top-k default and the
    // adaptive rule, searched on seed 1 → 2 and checked on seed 2 → 1.
    [TestCase("mm_h100_seed1.txt", "mm_h100_seed2.candidates.csv", "1.0089", "4.30", "56.3 %", "1.0099", "2.51", "33.4 %", 80)]
    [TestCase("mm_h100_seed2.txt", "mm_h100_seed1.candidates.csv", "1.0065", "5.06", "65.9 %", "1.0117", "2.30", "30.3 %", 76)]
    public void Collect_evaluate_replays_the_adaptive_narrowing_on_the_sample_data(
        string trainLog, string heldOut, string topKGmean, string topKTimed, string topKShare, string adaptiveGmean, string adaptiveTimed, string adaptiveShare, int agreements)
    {
        string train = SampleLog(trainLog), held = SampleLog(heldOut);
        if (!File.Exists(train) || !File.Exists(held)) Assert.Ignore("samples/data is not beside the tests.");

        var (topKCode, topK) = CliRunner.RunUnwrapped("collect-evaluate", "mm", "--train", train, "--candidates", held, "--top-k", "3");
        var (code, adaptive) = CliRunner.RunUnwrapped("collect-evaluate", "mm", "--train", train, "--candidates", held, "--top-k", "3", "--narrowing", "adaptive");

        Assert.That(topKCode, Is.Zero, topK);
        Assert.That(code, Is.Zero, adaptive);
        Assert.That(topK, Does.Match(@"learned top-3 \+ first pick \+ autotuning\s*│\s*" + topKGmean + @"\s*│[^│]*│[^│]*│\s*" + topKTimed + @"\s*│[^│]*│\s*" + topKShare));
        Assert.That(adaptive, Does.Match(@"adaptive \(agreement → first pick; learned top-2 \+ library top-2; unsure → library top-2\)\s*│\s*" + adaptiveGmean + @"\s*│[^│]*│[^│]*│\s*" + adaptiveTimed + @"\s*│[^│]*│\s*" + adaptiveShare));
        Assert.That(adaptive, Does.Contain("learned top-1 = first pick (taken untimed) " + agreements + " ("));
    }
}
