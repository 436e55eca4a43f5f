using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using AutoHeuristic.Hostile.Tests.Corpus;
using AutoHeuristic.Hostile.Tests.Probes;
using NUnit.Framework;

namespace AutoHeuristic.Hostile.Tests;

/// <summary>
/// Every log of the mutation corpus through the reader, the CLI and the generator: each tool must
/// reach the class's expected verdict (clean error, warned, or OK), and none may crash or take a
/// broken log silently. Names that try to become code must come back unchanged from the generated trees.
/// </summary>
public sealed class HostileInputTests
{
    private static readonly Lazy<IReadOnlyList<(CorpusLog Log, Tool Tool, ProbeResult Result)>> Results = new(RunCorpus);

    private static IEnumerable<TestCaseData> Cases() =>
        MutationClasses.All().SelectMany(log => Enum.GetValues<Tool>().Select(tool =>
            new TestCaseData(log.Class, log.Variant, tool).SetName($"{tool}: {log.Class} #{log.Variant}")));

    [TestCaseSource(nameof(Cases))]
    public void EachToolReachesTheExpectedVerdict(string mutationClass, int variant, Tool tool)
    {
        var (log, _, result) = Results.Value.Single(r => r.Log.Class == mutationClass && r.Log.Variant == variant && r.Tool == tool);
        Assert.That(result.Verdict, Is.EqualTo(log.Expected), result.Detail);
    }

    [Test]
    public void NamesThatLookLikeCodeComeBackUnchangedFromTheTrees()
    {
        var hostile = Results.Value.Where(r => r.Log.Class.StartsWith("choice name", StringComparison.Ordinal) && r.Tool is Tool.Generator or Tool.Reader).ToList();
        Assert.That(hostile, Has.Count.EqualTo(6));
        foreach (var group in hostile.GroupBy(r => r.Log))
        {
            var reader = group.Single(r => r.Tool == Tool.Reader).Result;
            var generator = group.Single(r => r.Tool == Tool.Generator).Result;
            Assert.That(reader.Choices, Is.Not.Null, group.Key.Class + ": " + reader.Detail);
            Assert.That(generator.Choices, Is.EqualTo(reader.Choices), group.Key.Class);
            Assert.That(reader.Choices!.Any(c => c.Length > 1), Is.True, group.Key.Class + ": the hostile name is one of the choices");
        }
    }

    [Test]
    public void NoToolCrashesOrTakesABrokenLogSilently()
    {
        string table = Report(Results.Value);
        TestContext.Out.WriteLine(table);
        var bad = Results.Value.Where(r => r.Result.Verdict is Verdict.Crash or Verdict.SilentWrong).ToList();
        Assert.That(bad, Is.Empty, string.Join("\n", bad.Select(r => $"{r.Tool} {r.Log}: {r.Result.Verdict} {r.Result.Detail}")));
    }

    /// <summary>The report: classes × tools → the count of logs per verdict.</summary>
    internal static string Report(IReadOnlyList<(CorpusLog Log, Tool Tool, ProbeResult Result)> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| class | logs | expected | reader | CLI | generator |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var byClass in results.GroupBy(r => r.Log.Class))
        {
            int logs = byClass.Select(r => r.Log.Variant).Distinct().Count();
            sb.Append("| ").Append(byClass.Key).Append(" | ").Append(logs.ToString(CultureInfo.InvariantCulture)).Append(" | ").Append(Word(byClass.First().Log.Expected));
            foreach (Tool tool in Enum.GetValues<Tool>())
            {
                var verdicts = byClass.Where(r => r.Tool == tool).GroupBy(r => r.Result.Verdict).OrderBy(g => g.Key).Select(g => Word(g.Key) + (logs > 1 ? " " + g.Count().ToString(CultureInfo.InvariantCulture) : string.Empty));
                sb.Append(" | ").Append(string.Join(", ", verdicts));
            }

            sb.AppendLine(" |");
        }

        sb.AppendLine();
        sb.AppendLine("| tool | clean error | warned | OK | crash | silent wrong |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (Tool tool in Enum.GetValues<Tool>())
        {
            var counts = Enum.GetValues<Verdict>().Select(v => results.Count(r => r.Tool == tool && r.Result.Verdict == v)).ToArray();
            sb.Append("| ").Append(tool).Append(" | ").Append(counts[(int)Verdict.CleanError]).Append(" | ").Append(counts[(int)Verdict.Warned])
                .Append(" | ").Append(counts[(int)Verdict.Ok]).Append(" | ").Append(counts[(int)Verdict.Crash]).Append(" | ").Append(counts[(int)Verdict.SilentWrong]).AppendLine(" |");
        }

        return sb.ToString();
    }

    private static string Word(Verdict verdict) => verdict switch
    {
        Verdict.CleanError => "clean error",
        Verdict.Warned => "warned",
        Verdict.Ok => "OK",
        Verdict.Crash => "crash",
        _ => "silent wrong",
    };

    // A broken log taken without a word is the worst outcome: it is counted as such, not as OK.
    private static ProbeResult Judge(CorpusLog log, ProbeResult result) =>
        result.Verdict == Verdict.Ok && log.Expected != Verdict.Ok ? result with { Verdict = Verdict.SilentWrong, Detail = "taken without a word: " + result.Detail } : result;

    private static IReadOnlyList<(CorpusLog, Tool, ProbeResult)> RunCorpus()
    {
        string folder = Path.Combine(Path.GetTempPath(), "ah-hostile-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var results = new List<(CorpusLog, Tool, ProbeResult)>();
        try
        {
            int n = 0;
            foreach (CorpusLog log in MutationClasses.All())
            {
                string path = Path.Combine(folder, "log" + (n++).ToString(CultureInfo.InvariantCulture) + ".txt");
                File.WriteAllBytes(path, log.Bytes);
                results.Add((log, Tool.Reader, Judge(log, ReaderProbe.Run(log, path))));
                results.Add((log, Tool.Cli, Judge(log, CliProbe.Run(log, path))));
                results.Add((log, Tool.Generator, Judge(log, GeneratorProbe.Run(log))));
                File.Delete(path);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return results;
    }
}
