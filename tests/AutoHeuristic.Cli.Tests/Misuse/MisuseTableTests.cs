using System.Collections.Generic;
using System.IO;
using System.Linq;
using AutoHeuristic.Cli.Infrastructure;
using AutoHeuristic.Cuda.Collection;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests.Misuse;

/// <summary>
/// Every command misused: each case must end as a one-line user error (exit 1) with its message,
/// never as a crash (exit 70, a stack trace), and the training log must come out untouched.
/// Placeholders: {log} a training log, {once} a log with one round per input, {dir} a folder, {out} a fresh file path, {csv} a side file with a bad number.
/// </summary>
public class MisuseTableTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string expected, params string[] args) => new TestCaseData(expected, args).SetName(string.Join(" ", args));

        // train
        yield return Case("--ranking must be a whole number, got 'abc'", "train", "{log}", "--ranking", "abc");
        yield return Case("--experimental-tie-margin must be a finite number", "train", "{log}", "--experimental-tie-margin", "NaN");
        yield return Case("--json needs a file path", "train", "{log}", "--json", "");
        yield return Case("A log path is empty", "train", "");
        yield return Case("is a folder, not a file", "train", "{dir}");
        yield return Case("is a device, FIFO or socket", "train", "/dev/zero");
        yield return Case("is a folder, not a file", "train", "{log}", "--data", "extra={dir}");
        yield return Case("is also an input", "train", "{log}", "--emit-cs", "{log}");
        yield return Case("is a folder; give a file path", "train", "{log}", "--save-model", "{dir}");
        yield return Case("Unknown option", "train", "{log}", "--jsn", "{out}");

        // evaluate
        yield return Case("The model file '{dir}' is a folder", "evaluate", "--model", "{dir}", "{log}");
        yield return Case("is a device, FIFO or socket", "evaluate", "--model", "/dev/zero", "{log}");
        yield return Case("is a folder, not a file", "evaluate", "--train", "{log}", "{dir}");
        yield return Case("is also an input", "evaluate", "--train", "{log}", "{log}", "--json", "{log}");
        yield return Case("--allowed-wrong must be a finite number", "evaluate", "--train", "{log}", "{log}", "--allowed-wrong", "NaN");
        yield return Case("--model needs a file path", "evaluate", "-m", "", "{log}");

        // inspect
        yield return Case("is a device, FIFO or socket", "inspect", "/dev/zero");
        yield return Case("is a folder, not a file", "inspect", "{dir}");
        yield return Case("--choices must be a whole number, got 'x'", "inspect", "{log}", "--choices", "x");

        // merge
        yield return Case("is a folder; give a file path", "merge", "{log}", "--output", "{dir}");
        yield return Case("is also an input", "merge", "{log}", "--output", "{log}");
        yield return Case("the disk is full", "merge", "{log}", "--output", "/dev/full");
        yield return Case("is a device, FIFO or socket", "merge", "/dev/zero", "--output", "{out}");
        yield return Case("--output needs a file path", "merge", "{log}", "-o", "");

        // collect, collect-evaluate, use-evaluate (no GPU needed to be refused)
        yield return Case("is a folder; give a file path", "collect", "pad_mm", "--out", "{dir}");
        yield return Case("--max-gflop must be a finite number", "collect", "pad_mm", "--out", "{out}", "--max-gflop", "NaN");
        yield return Case("--samples must be a whole number", "collect", "pad_mm", "--out", "{out}", "--samples", "many");
        yield return Case("The side file '/dev/zero' is a device", "collect-evaluate", "mm", "--train", "{log}", "--candidates", "/dev/zero");
        yield return Case("line 2: column 4 (m): expected a whole number, found 'x'", "collect-evaluate", "mm", "--train", "{log}", "--candidates", "{csv}");
        yield return Case("--stop-when-settled needs exactly one of --noise-bound X or --noise-from LOG", "collect", "pad_mm", "--out", "{out}", "--stop-when-settled");
        yield return Case("--stop-when-settled needs exactly one of --noise-bound X or --noise-from LOG", "collect", "pad_mm", "--out", "{out}", "--stop-when-settled", "--noise-bound", "0.1", "--noise-from", "{log}");
        yield return Case("--noise-bound and --noise-from need --stop-when-settled", "collect", "pad_mm", "--out", "{out}", "--noise-bound", "0.1");
        yield return Case("--stop-when-settled and --adaptive support pad_mm only", "collect", "mm", "--out", "{out}", "--adaptive");
        yield return Case("--min-rounds must be between 1 and --reps", "collect", "pad_mm", "--out", "{out}", "--stop-when-settled", "--noise-bound", "0.1", "--min-rounds", "4");
        yield return Case("--max-minutes must be positive and finite", "collect", "pad_mm", "--out", "{out}", "--max-minutes", "0");
        yield return Case("--uniform-share must be between 0 and 1", "collect", "pad_mm", "--out", "{out}", "--adaptive", "--uniform-share", "1.5");
        yield return Case("is a folder, not a file", "collect", "pad_mm", "--out", "{out}", "--stop-when-settled", "--noise-from", "{dir}");
        yield return Case("has no (input, choice) measured twice or more", "collect", "pad_mm", "--out", "{out}", "--stop-when-settled", "--noise-from", "{once}");
        yield return Case("--noise-from: {csv}, line 1", "collect", "pad_mm", "--out", "{out}", "--stop-when-settled", "--noise-from", "{csv}");
        yield return Case("--max-seconds must be a finite number", "use-evaluate", "mm", "--train", "{log}", "--seed", "3", "--max-seconds", "inf");
        yield return Case("is a folder, not a file", "use-evaluate", "mm", "--train", "{dir}", "--seed", "3");
        yield return Case("is also an input", "use-evaluate", "mm", "--train", "{log}", "--seed", "3", "--out", "{log}");
    }

    [TestCaseSource(nameof(Cases))]
    public void Misuse_is_a_user_error_never_a_crash(string expected, string[] template)
    {
        if (!System.OperatingSystem.IsLinux() && template.Any(a => a.StartsWith("/dev/"))) Assert.Ignore("Needs Linux devices.");
        var s = new Scratch();
        string dir = s.In("folder");
        Directory.CreateDirectory(dir);
        string csv = s.In("side.csv");
        File.WriteAllText(csv, CandidatesFile.Header + "\n0,0,0,x,2,3,torch.float16,not_float_32,1,1,1,1,0,a,1,0.1,1,1,0.2\n");
        // A usable log with one round per (input, choice): no repetition spread to take a noise bound from.
        string once = s.In("once.txt");
        File.WriteAllLines(once, File.ReadAllLines(s.Log).Take(2).Concat(new[] { "1,2,torch.float16,orig,1.5", "1,2,torch.float16,pad,1.2" }));
        string Fill(string a) => a.Replace("{once}", once).Replace("{log}", s.Log).Replace("{dir}", dir).Replace("{out}", s.In("out.txt")).Replace("{csv}", csv);

        var (code, output) = CliRunner.RunUnwrapped(template.Select(Fill).ToArray());

        Assert.That(code, Is.Not.EqualTo(CliErrors.InternalError), output);
        Assert.That(code, Is.EqualTo(CliErrors.UserError), output);
        Assert.That(output, Does.Contain(Fill(expected)));
        Assert.That(output, Does.Not.Contain(" at AutoHeuristic").And.Not.Contain("Exception:"));
        s.AssertLogUnchanged();
        Assert.That(Directory.GetFileSystemEntries(dir), Is.Empty, "the folder was written into");
    }
}
