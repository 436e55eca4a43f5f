using System.IO;
using System.Linq;
using System.Text.Json;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests;

/// <summary><c>--decisions</c> (one CSV row per input) and <c>explain</c> (why one input gets its answer).</summary>
public class DecisionsAndExplainTests
{
    private static string SaveModel(string dir)
    {
        string model = Path.Combine(dir, "toy.model.json");
        var (code, output) = CliRunner.Run("train", CliRunner.Fixture("toy_pad_a.txt"), "--brief", "--save-model", model);
        Assert.That(code, Is.EqualTo(0), output);
        return model;
    }

    private static string[][] Csv(string path) => File.ReadAllLines(path).Select(l => l.Split(',')).ToArray();

    [Test]
    public void Evaluate_model_writes_one_row_per_input_that_adds_up_to_the_reported_counts()
    {
        string dir = CliRunner.TempDir();
        string model = SaveModel(dir);
        string csv = Path.Combine(dir, "decisions.csv"), json = Path.Combine(dir, "eval.json");
        var (code, output) = CliRunner.Run("evaluate", "--model", model, CliRunner.Fixture("toy_pad_b.txt"), "--decisions", csv, "--json", json);
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("decisions.csv"));

        string[][] rows = Csv(csv);
        string[] header = rows[0];
        Assert.That(header, Is.EqualTo(new[] { "set", "m", "k", "dtype", "decision", "probability", "leaf", "outcome", "best", "default", "regret", "ms:orig", "ms:pad" }));
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement set = report.RootElement.GetProperty("sets").GetProperty("toy_pad_b");
        int Col(string name) => System.Array.IndexOf(header, name);
        string[][] data = rows.Skip(1).ToArray();
        Assert.That(data.Length, Is.EqualTo(set.GetProperty("total").GetDouble()));
        foreach (string outcome in new[] { "correct", "wrong", "unsure" })
        {
            Assert.That(data.Count(r => r[Col("outcome")] == outcome), Is.EqualTo(set.GetProperty(outcome).GetDouble()), outcome);
        }

        foreach (string[] r in data)
        {
            Assert.That(r[Col("set")], Is.EqualTo("toy_pad_b"));
            double orig = double.Parse(r[Col("ms:orig")], System.Globalization.CultureInfo.InvariantCulture);
            double pad = double.Parse(r[Col("ms:pad")], System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(r[Col("best")], Is.EqualTo(orig <= pad ? "orig" : "pad"));
            if (r[Col("outcome")] == "unsure")
            {
                Assert.That((r[Col("decision")], r[Col("regret")]), Is.EqualTo((string.Empty, string.Empty)));
                continue;
            }

            double chosen = r[Col("decision")] == "orig" ? orig : pad;
            Assert.That(double.Parse(r[Col("regret")], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(chosen / System.Math.Min(orig, pad)).Within(1e-12));
            Assert.That(r[Col("outcome")], Is.EqualTo(r[Col("decision")] == r[Col("best")] ? "correct" : "wrong"));
        }
    }

    [Test]
    public void Evaluate_after_training_lists_only_the_evaluated_logs_and_train_lists_every_set()
    {
        string dir = CliRunner.TempDir();
        string csv = Path.Combine(dir, "eval.csv");
        var (code, output) = CliRunner.Run("evaluate", "--train", CliRunner.Fixture("toy_pad_a.txt"), CliRunner.Fixture("toy_pad_b.txt"), "--decisions", csv);
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(Csv(csv).Skip(1).Select(r => r[0]).Distinct(), Is.EqualTo(new[] { "toy_pad_b" }));

        string trainCsv = Path.Combine(dir, "train.csv");
        var (trainCode, trainOutput) = CliRunner.Run("train", CliRunner.Fixture("toy_pad_a.txt"), "--brief", "--decisions", trainCsv);
        Assert.That(trainCode, Is.EqualTo(0), trainOutput);
        Assert.That(Csv(trainCsv).Skip(1).Select(r => r[0]).Distinct(), Is.EqualTo(new[] { "train", "val", "test" }));
    }

    [Test]
    public void Decisions_file_follows_the_output_policy()
    {
        string dir = CliRunner.TempDir();
        string model = SaveModel(dir);
        string log = Path.Combine(dir, "log.txt");
        File.Copy(CliRunner.Fixture("toy_pad_b.txt"), log);
        var (code, output) = CliRunner.RunUnwrapped("evaluate", "--model", model, log, "--decisions", log);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("--decisions").And.Contain("is also an input"));
    }

    [Test]
    public void Explain_walks_a_saved_model_with_a_logs_row_and_with_given_features()
    {
        string dir = CliRunner.TempDir();
        string model = SaveModel(dir);
        var (code, output) = CliRunner.RunUnwrapped("explain", model, "--log", CliRunner.Fixture("toy_pad_b.txt"), "--row", "1");
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("row 1 (line 3) of").And.Contain("input: m="));
        Assert.That(output, Does.Match(@"\n  1\. (m|k) = \d+ (<=|>) [0-9.]+"));
        Assert.That(output, Does.Match(@"\nleaf \d+: [\d,]+ training inputs"));
        Assert.That(output, Does.Match(@"\nanswer: (orig|pad) \(probability [01]\.\d{3}\)|\nanswer: unsure \("));

        // The row's features given by hand take the same path to the same answer.
        string[] firstRow = File.ReadLines(CliRunner.Fixture("toy_pad_b.txt")).Skip(2).First().Split(',');
        var (handCode, handOutput) = CliRunner.RunUnwrapped("explain", model, "--input", $"m={firstRow[0]},k={firstRow[1]},dtype={firstRow[2]}");
        Assert.That(handCode, Is.EqualTo(0), handOutput);
        string Tail(string text) => text.Substring(text.IndexOf("  1. ", System.StringComparison.Ordinal));
        Assert.That(Tail(handOutput), Is.EqualTo(Tail(output)));
    }

    [Test]
    public void Explain_trains_on_a_log_first()
    {
        var (code, output) = CliRunner.RunUnwrapped("explain", CliRunner.Fixture("toy_pad_a.txt"), "--row", "2");
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("row 2 (line 4) of").And.Contain("\nanswer"));
    }

    [TestCase("--input", "m=5,k", "is not one")]
    [TestCase("--input", "m=5", "The input has no feature '")]
    [TestCase("--row", "100000", "data rows")]
    public void Explain_says_what_is_wrong_with_the_input(string option, string value, string message)
    {
        string dir = CliRunner.TempDir();
        string model = SaveModel(dir);
        string[] args = option == "--row"
            ? new[] { "explain", model, "--log", CliRunner.Fixture("toy_pad_b.txt"), option, value }
            : new[] { "explain", model, option, value };
        var (code, output) = CliRunner.RunUnwrapped(args);
        Assert.That(code, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain(message));
    }

    [Test]
    public void Explain_of_a_model_row_needs_the_log()
    {
        string dir = CliRunner.TempDir();
        var (code, output) = CliRunner.RunUnwrapped("explain", SaveModel(dir), "--row", "1");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("--row N needs the log it counts in: add --log LOG."));
    }
}
