using System;
using System.IO;
using System.Linq;
using AutoHeuristic;
using AutoHeuristic.Hardware;
using AutoHeuristic.Logs;
using AutoHeuristic.Cuda.Blas;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Cuda.Driver;
using NUnit.Framework;

namespace AutoHeuristic.Cuda.Tests.Collection;

public class ResumeAndOptionsTests
{
    private string _path = null!;

    [SetUp]
    public void SetUp() => _path = Path.Combine(Path.GetTempPath(), "ah-cuda-resume-" + Guid.NewGuid().ToString("N") + ".txt");

    [TearDown]
    public void TearDown() => File.Delete(_path);

    [Test]
    public void Counts_complete_inputs_and_ignores_a_torn_last_line()
    {
        File.WriteAllText(_path, "{\"meta\": 1}\nm,k,choice,feedback\n1,2,orig,0.5\n1,2,pad,0.4\n3,4,orig,0.1\n3,4,pa");
        ExistingRows rows = ExistingRows.Read(_path);
        Assert.That(rows.Rows, Is.EqualTo(3));
        Assert.That(rows.Count(new[] { "1", "2" }), Is.EqualTo(2));
        Assert.That(rows.Count(new[] { "3", "4" }), Is.EqualTo(1));
    }

    [Test]
    public void Sequential_resume_claims_whole_rounds_between_one_and_the_most()
    {
        // Input (1,2): one round (2 rows); input (3,4): three rounds; (5,6): a torn half round only.
        File.WriteAllText(_path, "x\nh\n1,2,orig,0.5\n1,2,pad,0.4\n3,4,orig,1\n3,4,pad,2\n3,4,orig,1\n3,4,pad,2\n3,4,orig,1\n3,4,pad,2\n5,6,orig,1\n");
        ExistingRows rows = ExistingRows.Read(_path);
        Assert.That(rows.TryConsume(new[] { "1", "2" }, 6), Is.False, "fixed-round resume wants all 3 rounds");
        Assert.That(rows.TryConsumeRounds(new[] { "1", "2" }, choices: 2, maxRounds: 3), Is.True);
        Assert.That(rows.TryConsumeRounds(new[] { "1", "2" }, choices: 2, maxRounds: 3), Is.False, "its one round is claimed");
        Assert.That(rows.TryConsumeRounds(new[] { "3", "4" }, choices: 2, maxRounds: 3), Is.True);
        Assert.That(rows.Count(new[] { "3", "4" }), Is.EqualTo(0), "all three rounds belong to the one input");
        Assert.That(rows.TryConsumeRounds(new[] { "5", "6" }, choices: 2, maxRounds: 3), Is.False, "less than a round is not on disk");
    }

    [Test]
    public void Two_inputs_with_equal_features_each_claim_at_most_the_most_rounds()
    {
        File.WriteAllText(_path, "x\nh\n" + string.Concat(Enumerable.Repeat("1,2,orig,0.5\n1,2,pad,0.4\n", 4)));
        ExistingRows rows = ExistingRows.Read(_path);
        Assert.That(rows.TryConsumeRounds(new[] { "1", "2" }, 2, 3), Is.True);
        Assert.That(rows.TryConsumeRounds(new[] { "1", "2" }, 2, 3), Is.True, "the fourth round is the second input's");
        Assert.That(rows.TryConsumeRounds(new[] { "1", "2" }, 2, 3), Is.False);
    }

    [Test]
    public void Options_refuse_stopping_beyond_the_repetitions_and_a_non_positive_time_limit()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CollectorOptions { Repetitions = 2, Stopping = new AutoHeuristic.Collection.SequentialStopping(0.1, 1, 3) }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new CollectorOptions { MaxDuration = TimeSpan.Zero }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new CollectorOptions { Inputs = new[] { new PlannedInput(-1, 0, SampleReasons.Uniform, 1) } }.Validate());
    }

    [Test]
    public void Planned_inputs_default_to_the_sequence()
    {
        var options = new CollectorOptions { Samples = 3 };
        Assert.That(options.PlannedInputs(), Is.EqualTo(new[] { PlannedInput.InSequence(0), PlannedInput.InSequence(1), PlannedInput.InSequence(2) }));
        Assert.That(options.EffectiveSamplingLogPath, Is.EqualTo(Path.GetFullPath(options.OutPath) + ".sampling.csv"));
    }

    [Test]
    public void Equal_feature_tuples_are_claimed_once_per_input()
    {
        File.WriteAllText(_path, "x\nh\n1,2,orig,0.5\n1,2,pad,0.4\n");
        ExistingRows rows = ExistingRows.Read(_path);
        Assert.That(rows.TryConsume(new[] { "1", "2" }, 2), Is.True);
        Assert.That(rows.TryConsume(new[] { "1", "2" }, 2), Is.False, "a second input with the same features is not on disk");
    }

    [Test]
    public void A_partial_last_line_is_cut_and_whole_files_are_left_alone()
    {
        string partial = _path, whole = _path + ".whole", single = _path + ".single";
        try
        {
            File.WriteAllText(partial, "meta\nhead\n1,a,1.0\n2,b,");
            File.WriteAllText(whole, "meta\nhead\n1,a,1.0\n");
            File.WriteAllText(single, "no line break at all");

            Assert.That(LogTail.TrimPartialLastLine(partial), Is.EqualTo(4));
            Assert.That(File.ReadAllText(partial), Is.EqualTo("meta\nhead\n1,a,1.0\n"));
            Assert.That(LogTail.TrimPartialLastLine(whole), Is.Zero);
            Assert.That(File.ReadAllText(whole), Is.EqualTo("meta\nhead\n1,a,1.0\n"));
            Assert.That(LogTail.TrimPartialLastLine(single), Is.EqualTo(20));
            Assert.That(File.ReadAllText(single), Is.Empty);
            Assert.That(LogTail.TrimPartialLastLine(_path + ".missing"), Is.Zero);
        }
        finally
        {
            File.Delete(whole);
            File.Delete(single);
        }
    }

    [Test]
    public void Resume_cuts_the_torn_line_so_appended_rows_stay_whole()
    {
        var metadata = new LogMetadata(232448, new DeviceCapability(9, 0), "pad_mm", new[] { "m", "k" }, Array.Empty<string>());
        var writer = new TrainingLogWriter(_path, metadata, new[] { "m", "k" });
        writer.AppendRows(new[] { "1", "2" }, new[] { new ChoiceFeedback("orig", 0.5), new ChoiceFeedback("pad", 0.4) });
        File.AppendAllText(_path, "3,4,orig,0.");

        ExistingRows rows = ExistingRows.ReadForResume(_path);
        writer.AppendRows(new[] { "3", "4" }, new[] { new ChoiceFeedback("orig", 0.1), new ChoiceFeedback("pad", 0.2) });

        Assert.That(rows.Rows, Is.EqualTo(2));
        Assert.That(File.ReadAllLines(_path).Skip(2), Is.EqualTo(new[] { "1,2,orig,0.5", "1,2,pad,0.4", "3,4,orig,0.1", "3,4,pad,0.2" }),
            "the fragment is gone, not kept as a line of its own");
    }

    [Test]
    public void A_log_with_data_is_refused_without_resume()
    {
        Assert.That(new CollectorOptions { OutPath = _path }.OutputConflict(), Is.Null, "no file yet");
        File.WriteAllText(_path, string.Empty);
        Assert.That(new CollectorOptions { OutPath = _path }.OutputConflict(), Is.Null, "an empty file");
        File.WriteAllText(_path, "meta\nhead\n");
        Assert.That(new CollectorOptions { OutPath = _path }.OutputConflict(), Does.Contain(_path).And.Contain("--resume"));
        Assert.That(new CollectorOptions { OutPath = _path, Resume = true }.OutputConflict(), Is.Null);
    }

    [Test]
    public void A_missing_file_has_no_rows() => Assert.That(ExistingRows.Read(_path).Rows, Is.EqualTo(0));

    [Test]
    public void Options_name_the_bad_value()
    {
        Assert.That(() => new CollectorOptions { Samples = 0 }.Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("--samples"));
        Assert.That(() => new CollectorOptions { Repetitions = 0 }.Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("--reps"));
        Assert.That(() => new CollectorOptions { MaxGflop = -1 }.Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("--max-gflop"));
        Assert.That(new CollectorOptions { Repetitions = 5 }.EffectiveBenchmark.MaxRounds, Is.EqualTo(5));
    }

    [Test]
    public void Collectors_use_their_preset_unless_a_harness_setting_is_given()
    {
        var preset = AutoHeuristic.Cuda.Benchmarking.BenchmarkOptions.PadMmCollection;
        var byPreset = new CollectorOptions { Repetitions = 4 }.EffectiveBenchmarkOr(preset);
        Assert.That(byPreset, Is.EqualTo(preset with { MinRounds = 4, MaxRounds = 4 }));
        var given = new AutoHeuristic.Cuda.Benchmarking.BenchmarkOptions { TargetMsPerRound = 7 };
        var byGiven = new CollectorOptions { Benchmark = given }.EffectiveBenchmarkOr(preset);
        Assert.That(byGiven.TargetMsPerRound, Is.EqualTo(7));
        Assert.That(byGiven.MaxRounds, Is.EqualTo(3), "rounds always follow --reps");
    }

    [Test]
    public void Out_of_memory_and_cublas_refusals_are_recoverable_sticky_errors_are_not()
    {
        Assert.That(CollectorBase.IsRecoverable(new ArenaExhaustedException(10, 1, 5)), Is.True);
        Assert.That(CollectorBase.IsRecoverable(new CudaException(CudaErrorSource.Driver, 2, "CUDA_ERROR_OUT_OF_MEMORY", "", "")), Is.True);
        Assert.That(CollectorBase.IsRecoverable(new CudaException(CudaErrorSource.CublasLt, 15, "CUBLAS_STATUS_NOT_SUPPORTED", "", "")), Is.True);
        Assert.That(CollectorBase.IsRecoverable(new NoCandidateException("x")), Is.True);
        Assert.That(CollectorBase.IsRecoverable(new CudaException(CudaErrorSource.Driver, 700, "CUDA_ERROR_ILLEGAL_ADDRESS", "", "")), Is.False);
        Assert.That(CollectorBase.IsRecoverable(new InvalidOperationException()), Is.False);
    }
}
