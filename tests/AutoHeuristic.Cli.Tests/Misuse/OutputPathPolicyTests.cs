using System.IO;
using System.Linq;
using AutoHeuristic.Cli.Infrastructure;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests.Misuse;

/// <summary>The output-path policy (<see cref="OutputFiles"/>, <see cref="OutputFile"/>) as the commands apply it.</summary>
public class OutputPathPolicyTests
{
    // What a run that got as far as training prints; a refused run prints none of it.
    private static void AssertNoTrainingRan(string output) =>
        Assert.That(output, Does.Not.Contain("grid (right").And.Not.Contain("reading and training"), "training ran before the output was refused");

    [TestCase("--json")]
    [TestCase("--svg")]
    [TestCase("--dot")]
    [TestCase("--emit-cs")]
    [TestCase("--save-model")]
    public void An_output_on_the_training_log_is_refused_before_training_and_the_log_is_untouched(string option)
    {
        var s = new Scratch();
        var (code, output) = CliRunner.RunUnwrapped("train", s.Log, option, s.Log);

        Assert.That(code, Is.EqualTo(CliErrors.UserError), output);
        Assert.That(output, Does.Contain($"{option} '{s.Log}' is also an input of this command"));
        AssertNoTrainingRan(output);
        s.AssertLogUnchanged();
    }

    [Test]
    public void An_output_reaching_an_input_by_another_spelling_or_a_link_is_refused()
    {
        Posix.RequireLinux();
        var s = new Scratch();
        string link = s.In("alias.txt");
        File.CreateSymbolicLink(link, "log.txt");
        string extra = s.In("extra.txt");
        File.Copy(s.Log, extra);

        var (viaLink, linkOutput) = CliRunner.RunUnwrapped("train", s.Log, "--json", link);
        var (viaDots, dotsOutput) = CliRunner.RunUnwrapped("train", s.Log, "--svg", Path.Combine(s.Dir, ".", "sub", "..", "log.txt"));
        var (viaData, dataOutput) = CliRunner.RunUnwrapped("train", s.Log, "--data", "extra=" + extra, "--dot", extra);

        Assert.That((viaLink, viaDots, viaData), Is.EqualTo((1, 1, 1)));
        Assert.That(linkOutput, Does.Contain("is also an input"));
        Assert.That(dotsOutput, Does.Contain("is also an input"));
        Assert.That(dataOutput, Does.Contain("is also an input").And.Contain("extra.txt"));
        s.AssertLogUnchanged();
        Assert.That(File.ReadAllBytes(extra), Is.EqualTo(s.LogBytes));
    }

    [Test]
    public void Two_outputs_on_one_path_are_refused_before_training_and_nothing_is_written()
    {
        var s = new Scratch();
        string same = s.In("same.out");
        var (code, output) = CliRunner.RunUnwrapped("train", s.Log, "--json", same, "--svg", same);

        Assert.That(code, Is.EqualTo(CliErrors.UserError), output);
        Assert.That(output, Does.Contain("--json and --svg both name"));
        AssertNoTrainingRan(output);
        Assert.That(Directory.GetFiles(s.Dir).Select(Path.GetFileName), Is.EqualTo(new[] { "log.txt" }));
    }

    [Test]
    public void A_folder_or_a_path_through_a_file_is_a_clear_error_before_training()
    {
        var s = new Scratch();
        Directory.CreateDirectory(s.In("folder"));

        var (folderCode, folderOutput) = CliRunner.RunUnwrapped("train", s.Log, "--json", s.In("folder"));
        var (slashCode, slashOutput) = CliRunner.RunUnwrapped("train", s.Log, "--svg", s.In("new") + "/");
        var (throughCode, throughOutput) = CliRunner.RunUnwrapped("train", s.Log, "--json", Path.Combine(s.Log, "r.json"));

        Assert.That((folderCode, slashCode, throughCode), Is.EqualTo((1, 1, 1)));
        Assert.That(folderOutput, Does.Contain("--json '" + s.In("folder") + "' is a folder; give a file path."));
        Assert.That(slashOutput, Does.Contain("names a folder; give a file path"));
        Assert.That(throughOutput, Does.Contain("cannot be created").And.Contain("log.txt' is a file, not a folder"));
        AssertNoTrainingRan(folderOutput + slashOutput + throughOutput);
        s.AssertLogUnchanged();
    }

    [Test]
    public void A_symbolic_link_output_is_written_through_and_stays_a_link()
    {
        Posix.RequireLinux();
        var s = new Scratch();
        string target = s.In("real.json");
        File.WriteAllText(target, "old");
        string link = s.In("link.json");
        File.CreateSymbolicLink(link, "real.json");

        var (code, output) = CliRunner.RunUnwrapped("train", s.Log, "--brief", "--json", link);

        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo("real.json"));
        Assert.That(File.ReadAllText(target), Does.StartWith("{").And.Contain("\"toy_pad\""));
        Assert.That(Directory.GetFiles(s.Dir).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "link.json", "log.txt", "real.json" }));
    }

    [Test]
    public void Writing_dev_full_is_a_clean_disk_full_error_and_it_stays_a_device()
    {
        Posix.RequireLinux();
        if (!File.Exists("/dev/full")) Assert.Ignore("No /dev/full here.");
        var s = new Scratch();

        var (code, output) = CliRunner.RunUnwrapped("train", s.Log, "--brief", "--save-model", "/dev/full");

        Assert.That(code, Is.EqualTo(CliErrors.UserError), output);
        Assert.That(output, Does.Contain("Could not write --save-model '/dev/full': the disk is full"));
        Assert.That(output, Does.Not.Contain(" at AutoHeuristic").And.Not.Contain("Exception"));
        Assert.That(FileKinds.Of("/dev/full"), Is.EqualTo(FileKind.Special));
    }

    [Test]
    public void A_device_output_is_written_in_place()
    {
        Posix.RequireLinux();
        var s = new Scratch();
        var (code, output) = CliRunner.RunUnwrapped("train", s.Log, "--brief", "--json", "/dev/null", "--svg", "/dev/null");
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("Wrote /dev/null."));
        Assert.That(FileKinds.Of("/dev/null"), Is.EqualTo(FileKind.Special));
    }

    [Test]
    public void A_missing_output_folder_is_created_and_no_temporary_file_is_left()
    {
        var s = new Scratch();
        string json = Path.Combine(s.Dir, "a", "b", "r.json");
        var (code, output) = CliRunner.RunUnwrapped("train", s.Log, "--brief", "--json", json);

        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(File.ReadAllText(json), Does.Contain("\"toy_pad\""));
        Assert.That(Directory.GetFiles(Path.Combine(s.Dir, "a", "b")).Select(Path.GetFileName), Is.EqualTo(new[] { "r.json" }));
    }

    [Test]
    public void A_heuristic_name_with_dot_dot_slash_cannot_write_outside_the_picture_folder()
    {
        var s = new Scratch();
        string meta9 = File.ReadLines(CliRunner.Fixture("toy_pad_a.txt")).First();
        string evil9 = s.In("evil9.txt");
        string evil8 = s.In("evil8.txt");
        File.WriteAllLines(evil9, File.ReadAllLines(CliRunner.Fixture("toy_pad_a.txt")).Select((l, i) => i == 0 ? l.Replace("\"toy_pad\"", "\"../../escaped\"") : l));
        File.WriteAllLines(evil8, File.ReadAllLines(CliRunner.Fixture("toy_pad_b.txt")).Select((l, i) => i == 0 ? l.Replace("\"toy_pad\"", "\"../../escaped\"").Replace("[9, 0]", "[8, 0]") : l));
        string pictures = Path.Combine(s.Dir, "deep", "pics");
        Directory.CreateDirectory(pictures);

        var (code, output) = CliRunner.RunUnwrapped("train", evil9, evil8, "--brief", "--svg", Path.Combine(pictures, "t.svg"), "--dot", Path.Combine(pictures, "t.dot"));

        Assert.That(meta9, Does.Contain("[9, 0]"), "the fixture's capability changed; the test needs two hardware keys");
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(Directory.GetFiles(pictures).Select(Path.GetFileName).Order(),
            Is.EqualTo(new[] { "t_.._.._escaped_8_0.dot", "t_.._.._escaped_8_0.svg", "t_.._.._escaped_9_0.dot", "t_.._.._escaped_9_0.svg" }));
        Assert.That(Directory.GetFileSystemEntries(Path.Combine(s.Dir, "deep")).Select(Path.GetFileName), Is.EqualTo(new[] { "pics" }));
        Assert.That(Directory.GetFileSystemEntries(s.Dir).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "deep", "evil8.txt", "evil9.txt", "log.txt" }));
    }

    [TestCase("../../x", ".._.._x")]
    [TestCase("..", "__")]
    [TestCase("a/b\\c d", "a_b_c_d")]
    [TestCase("pad_mm_9_0", "pad_mm_9_0")]
    public void Names_in_file_names_are_sanitised(string name, string expected) =>
        Assert.That(OutputFiles.SafeName(name), Is.EqualTo(expected));
}
