using System.IO;
using System.IO.Compression;
using System.Linq;
using AutoHeuristic.Tools.Bench;
using NUnit.Framework;
using Spectre.Console.Testing;

namespace AutoHeuristic.Cli.Tests;

/// <summary>
/// The repository's training benchmark (tools/AutoHeuristic.Bench), which reuses the tool's
/// training session: it left the shipped tool because it needs PyTorch's datasets beside the repository.
/// </summary>
public class BenchToolTests
{
    [TestCase("--runs must be a whole number", "bench", "--runs", "x")]
    [TestCase("is a folder; give a file path", "bench", "--json", "{dir}")]
    [TestCase("--data-dir needs a folder path", "bench", "--data-dir", "")]
    [TestCase("is also an input", BenchWorkerCommand.Name, "{log}", "--out", "{log}")]
    public void Misuse_is_a_user_error_never_a_crash(string expected, params string[] template)
    {
        string dir = CliRunner.TempDir();
        string log = Path.Combine(dir, "log.txt");
        File.Copy(CliRunner.Fixture("toy_pad_a.txt"), log);
        byte[] before = File.ReadAllBytes(log);

        var (code, output) = BenchRunner.Run(template.Select(a => a.Replace("{log}", log).Replace("{dir}", dir)).ToArray());

        Assert.That(code, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain(expected));
        Assert.That(output, Does.Not.Contain(" at AutoHeuristic").And.Not.Contain("Exception:"));
        Assert.That(File.ReadAllBytes(log), Is.EqualTo(before));
    }

    [Test]
    public void BenchWithoutTheDatasetsSkipsWithAClearMessage()
    {
        var (code, output) = BenchRunner.Run("bench", "--data-dir", Path.Combine(CliRunner.TempDir(), "absent"));
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain("bench skipped").And.Contain("--data-dir"));
    }

    [Test]
    public void BenchTimesTrainingInAFreshProcessAndWritesJson()
    {
        // A stand-in for PyTorch's zip: the small fixture under the pad_mm dataset's names.
        string dataDir = CliRunner.TempDir();
        using (var zip = ZipFile.Open(Path.Combine(dataDir, "pad_mm_a100_data.zip"), ZipArchiveMode.Create))
        {
            zip.CreateEntryFromFile(CliRunner.Fixture("toy_pad_a.txt"), "pad_mm_a100_data.txt");
        }

        string json = Path.Combine(CliRunner.TempDir(), "bench.json");
        var (code, output) = BenchRunner.Run("--data-dir", dataDir, "--dataset", "pad_mm", "--baseline", "none", "--runs", "1", "--json", json);
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("pad_mm: ours run 1").And.Contain("PyTorch ref"));
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        var dataset = doc.RootElement.GetProperty("datasets")[0];
        Assert.That(dataset.GetProperty("name").GetString(), Is.EqualTo("pad_mm"));
        Assert.That(dataset.GetProperty("ours").GetProperty("seconds").GetDouble(), Is.GreaterThan(0));
        Assert.That(dataset.GetProperty("ours").GetProperty("peak_mb").GetDouble(), Is.GreaterThan(0));
        Assert.That(dataset.GetProperty("pytorch_reference_seconds").GetDouble(), Is.EqualTo(94));
        Assert.That(dataset.TryGetProperty("baseline", out _), Is.False);
    }
}

/// <summary>Runs the bench program in-process on a recording console.</summary>
internal static class BenchRunner
{
    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        int code = BenchProgram.Run(args, console);
        return (code, console.Output);
    }
}
