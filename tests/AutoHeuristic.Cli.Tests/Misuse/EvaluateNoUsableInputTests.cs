using System.IO;
using System.Linq;
using System.Text.Json;
using AutoHeuristic.Cli.Infrastructure;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests.Misuse;

/// <summary>A log with rows but not one usable input is an error for <c>evaluate</c>, never "total 0" and exit 0.</summary>
public class EvaluateNoUsableInputTests
{
    // Only the 'orig' rows: every input has one measured choice, so none can be scored.
    private static string OneChoiceLog(Scratch s)
    {
        string path = s.In("one_choice.txt");
        File.WriteAllLines(path, File.ReadAllLines(s.Log).Where((line, i) => i < 2 || line.Contains(",orig,")));
        return path;
    }

    [Test]
    public void After_training_such_a_log_is_an_error_exit()
    {
        var s = new Scratch();
        string empty = OneChoiceLog(s);

        var (code, output) = CliRunner.RunUnwrapped("evaluate", "--train", s.Log, empty);

        Assert.That(code, Is.EqualTo(CliErrors.UserError), output);
        Assert.That(output, Does.Contain("'" + empty + "' was not evaluated: it has no usable input (no input with measured times for at least two choices)."));
    }

    [Test]
    public void With_a_saved_model_such_a_log_is_an_error_exit_and_the_json_still_says_why()
    {
        var s = new Scratch();
        string model = s.In("m.json");
        Assert.That(CliRunner.RunUnwrapped("train", s.Log, "--brief", "--save-model", model).ExitCode, Is.EqualTo(0));
        string empty = OneChoiceLog(s);
        string json = s.In("eval.json");

        var (code, output) = CliRunner.RunUnwrapped("evaluate", "--model", model, empty, "--json", json);

        Assert.That(code, Is.EqualTo(CliErrors.UserError), output);
        Assert.That(output, Does.Contain("was not evaluated: it has no usable input"));
        Assert.That(output, Does.Not.Match(@"total\s+│\s+0\s"));
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement entry = doc.RootElement.GetProperty("not_evaluated")[0];
        Assert.That(entry.GetProperty("file").GetString(), Is.EqualTo(empty));
        Assert.That(entry.GetProperty("reason").GetString(), Does.Contain("no usable input"));
    }

    [Test]
    public void The_filter_dropping_every_input_is_named_as_the_cause()
    {
        var s = new Scratch();
        string model = s.In("m.json");
        Assert.That(CliRunner.RunUnwrapped("train", s.Log, "--brief", "--save-model", model).ExitCode, Is.EqualTo(0));

        var (code, output) = CliRunner.RunUnwrapped("evaluate", "--model", model, s.Log, "--experimental-filter");

        Assert.That(code, Is.EqualTo(CliErrors.UserError), output);
        Assert.That(output, Does.Contain("--experimental-filter also dropped the noisy measurements"));
    }
}
