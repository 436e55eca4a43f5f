using System.IO;
using System.Linq;
using System.Text.Json;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests;

/// <summary><c>train --save-model</c> and <c>evaluate --model</c>.</summary>
public class EvaluateModelTests
{
    private static string SaveModel(string dir)
    {
        string model = Path.Combine(dir, "toy.model.json");
        var (code, output) = CliRunner.Run("train", CliRunner.Fixture("toy_pad_a.txt"), "--brief", "--save-model", model);
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("Wrote").And.Contain("toy.model.json").And.Contain("(1 model)"));
        return model;
    }

    [Test]
    public void A_saved_model_scores_other_logs_exactly_as_evaluate_after_training()
    {
        string dir = CliRunner.TempDir();
        string model = SaveModel(dir);
        Assert.That(File.ReadAllText(model), Does.StartWith("{\n  \"format\": \"autoheuristic-model\",\n  \"version\": 1,"));

        string savedJson = Path.Combine(dir, "saved.json");
        var (code, output) = CliRunner.Run("evaluate", "--model", model, CliRunner.Fixture("toy_pad_b.txt"), "--json", savedJson);
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Match(@"metric\s+│\s+toy_pad_b\s+│"));
        Assert.That(output, Does.Contain("evaluation time").And.Not.Contain("not evaluated"));

        string trainedJson = Path.Combine(dir, "trained.json");
        var (trainCode, trainOutput) = CliRunner.Run("evaluate", "--train", CliRunner.Fixture("toy_pad_a.txt"), CliRunner.Fixture("toy_pad_b.txt"), "--json", trainedJson);
        Assert.That(trainCode, Is.EqualTo(0), trainOutput);

        using JsonDocument saved = JsonDocument.Parse(File.ReadAllText(savedJson));
        using JsonDocument trained = JsonDocument.Parse(File.ReadAllText(trainedJson));
        JsonElement savedSet = saved.RootElement.GetProperty("sets").GetProperty("toy_pad_b");
        JsonElement trainedSet = trained.RootElement.GetProperty("sets").GetProperty("toy_pad_b");
        Assert.That(savedSet.GetProperty("total").GetDouble(), Is.GreaterThan(50));
        // Every metric, with PyTorch's names, equal to the text: the same evaluator on the same model.
        Assert.That(savedSet.EnumerateObject().Select(p => p.Name + "=" + p.Value.GetRawText()),
            Is.EqualTo(trainedSet.EnumerateObject().Select(p => p.Name + "=" + p.Value.GetRawText())));
        Assert.That(saved.RootElement.GetProperty("selected").GetRawText(), Is.EqualTo(trained.RootElement.GetProperty("selected").GetRawText()));
        Assert.That(saved.RootElement.GetProperty("not_evaluated").GetArrayLength(), Is.EqualTo(0));
    }

    [Test]
    public void A_saved_regression_model_is_evaluated_with_the_trainers_counts()
    {
        string dir = CliRunner.TempDir();
        string model = Path.Combine(dir, "reg.model.json");
        string trainJson = Path.Combine(dir, "train.json");
        string log = CliRunner.Fixture("toy_pad_3reps.txt");
        var (trainCode, trainOutput) = CliRunner.Run("train", log, "--regression", "--brief", "--save-model", model, "--json", trainJson);
        Assert.That(trainCode, Is.EqualTo(0), trainOutput);

        string json = Path.Combine(dir, "eval.json");
        var (code, output) = CliRunner.Run("evaluate", "--model", model, log, "--json", json);
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("squared_error").And.Not.Contain("not evaluated"));

        // The whole log is the trainer's train + val + test: the counts add up.
        using JsonDocument trained = JsonDocument.Parse(File.ReadAllText(trainJson));
        using JsonDocument evaluated = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement all = evaluated.RootElement.GetProperty("sets").GetProperty("toy_pad_3reps");
        foreach (string metric in new[] { "correct", "wrong", "unsure", "total" })
        {
            double sum = trained.RootElement.GetProperty("sets").EnumerateObject().Sum(set => set.Value.GetProperty(metric).GetDouble());
            Assert.That(all.GetProperty(metric).GetDouble(), Is.EqualTo(sum), metric);
        }

        Assert.That(all.GetProperty("total").GetDouble(), Is.GreaterThan(0));
        Assert.That(evaluated.RootElement.GetProperty("selected").GetProperty("criterion").GetString(), Is.EqualTo("squared_error"));
    }

    [Test]
    public void Logs_of_other_hardware_are_reported_not_evaluated_with_the_reason()
    {
        string dir = CliRunner.TempDir();
        string model = SaveModel(dir);
        string json = Path.Combine(dir, "r.json");
        var (code, output) = CliRunner.Run("evaluate", "--model", model, CliRunner.Fixture("toy_pad_a100.txt"), CliRunner.Fixture("toy_pad_b.txt"), "--json", json);
        Assert.That(code, Is.EqualTo(0), output);
        // Long lines may wrap at the console width; compare with whitespace runs folded.
        string flat = System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");
        Assert.That(flat, Does.Contain("not evaluated").And.Contain("toy_pad_a100.txt").And.Contain("no model of heuristic 'toy_pad' on hardware"));
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement missing = doc.RootElement.GetProperty("not_evaluated").EnumerateArray().Single();
        Assert.That(missing.GetProperty("set").GetString(), Is.EqualTo("toy_pad_a100"));
        Assert.That(missing.GetProperty("reason").GetString(), Does.Contain("capability (8, 0)"));
        Assert.That(doc.RootElement.GetProperty("sets").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "toy_pad_b" }));
    }

    [Test]
    public void Nothing_evaluated_is_an_error_exit()
    {
        string model = SaveModel(CliRunner.TempDir());
        var (code, output) = CliRunner.Run("evaluate", "--model", model, CliRunner.Fixture("toy_pad_a100.txt"));
        Assert.That(code, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("not evaluated"));
    }

    [Test]
    public void A_bad_or_missing_model_file_is_named_in_the_error()
    {
        string dir = CliRunner.TempDir();
        string bad = Path.Combine(dir, "bad.json");
        File.WriteAllText(bad, "{\"format\": \"autoheuristic-model\", \"version\": 9, \"models\": []}");
        var (code, output) = CliRunner.Run("evaluate", "--model", bad, CliRunner.Fixture("toy_pad_b.txt"));
        Assert.That(code, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("bad.json").And.Contain("format version 9 is not supported"));

        var (missingCode, missingOutput) = CliRunner.Run("evaluate", "--model", Path.Combine(dir, "none.json"), CliRunner.Fixture("toy_pad_b.txt"));
        Assert.That(missingCode, Is.EqualTo(1), missingOutput);
        Assert.That(missingOutput, Does.Contain("none.json").And.Contain("does not exist"));
    }

    [Test]
    public void Model_and_training_logs_do_not_mix()
    {
        var (code, output) = CliRunner.Run("evaluate", "--model", "m.json", "--train", CliRunner.Fixture("toy_pad_a.txt"), CliRunner.Fixture("toy_pad_b.txt"));
        Assert.That(code, Is.Not.EqualTo(0));
        Assert.That(output, Does.Contain("not both"));
    }
}
