using System.Linq;
using AutoHeuristic.Cli.Infrastructure;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests.Misuse;

/// <summary>Option values are checked with messages that name the option (<see cref="OptionValues"/>).</summary>
public class OptionValueTests
{
    [TestCase("--ranking", "abc", "--ranking must be a whole number, got 'abc'.")]
    [TestCase("--ranking", "", "--ranking must be a whole number, got ''.")]
    [TestCase("--parallelism", "99999999999", "--parallelism is out of range, got '99999999999'.")]
    [TestCase("--leaf-choices", "2.5", "--leaf-choices must be a whole number, got '2.5'.")]
    [TestCase("--experimental-tie-margin", "NaN", "--experimental-tie-margin must be a finite number, got 'NaN'.")]
    [TestCase("--experimental-tie-margin", "Infinity", "--experimental-tie-margin must be a finite number, got 'Infinity'.")]
    [TestCase("--allowed-wrong", "-inf", "--allowed-wrong must be a finite number, got '-inf'.")]
    [TestCase("--allowed-wrong", "1e999", "--allowed-wrong must be a finite number, got '1e999'.")]
    [TestCase("--allowed-wrong", "half", "--allowed-wrong must be a number (such as 1.5), got 'half'.")]
    [TestCase("--json", "", "--json needs a file path.")]
    [TestCase("--svg", "  ", "--svg needs a file path.")]
    [TestCase("--save-model", "", "--save-model needs a file path.")]
    public void A_bad_value_is_named_with_its_option(string option, string value, string message)
    {
        var s = new Scratch();
        var (code, output) = CliRunner.RunUnwrapped("train", s.Log, option, value);
        Assert.That(code, Is.EqualTo(CliErrors.UserError), output);
        Assert.That(output, Does.Contain(message));
        Assert.That(output, Does.Not.Contain("Failed to convert").And.Not.Contain("Nullable"));
    }

    [Test]
    public void The_equals_and_short_forms_are_checked_too()
    {
        var s = new Scratch();
        var (eqCode, eqOutput) = CliRunner.RunUnwrapped("train", s.Log, "--ranking=abc");
        var (shortCode, shortOutput) = CliRunner.RunUnwrapped("evaluate", "-m", "", s.Log);
        Assert.That((eqCode, shortCode), Is.EqualTo((1, 1)));
        Assert.That(eqOutput, Does.Contain("--ranking must be a whole number, got 'abc'."));
        Assert.That(shortOutput, Does.Contain("--model needs a file path."));
    }

    [Test]
    public void An_unknown_option_is_an_error_not_ignored()
    {
        var s = new Scratch();
        var (code, output) = CliRunner.RunUnwrapped("train", s.Log, "--jsn", s.In("r.json"));
        Assert.That(code, Is.EqualTo(CliErrors.UserError), output);
        Assert.That(output, Does.Contain("Unknown option"));
        Assert.That(System.IO.File.Exists(s.In("r.json")), Is.False);
    }

    [Test]
    public void Good_values_pass()
    {
        var s = new Scratch();
        var (code, output) = CliRunner.RunUnwrapped("train", s.Log, "--brief", "--experimental-tie-margin", "1.02", "--allowed-wrong", "1e-2", "--parallelism", "1");
        Assert.That(code, Is.EqualTo(0), output);
    }

    [Test]
    public void Every_command_is_known_to_the_option_check()
    {
        var commands = typeof(Program).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && OptionValues.SettingsOf(t) is not null)
            .ToList();
        Assert.That(commands, Is.Not.Empty);
        Assert.That(Program.Commands.Values, Is.EquivalentTo(commands));
    }
}
