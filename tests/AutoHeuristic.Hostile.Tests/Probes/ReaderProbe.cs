using System;
using System.Collections.Generic;
using System.Linq;
using AutoHeuristic.Hostile.Tests.Corpus;
using AutoHeuristic.Learning;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Problems;
using AutoHeuristic.Learning.Training;

namespace AutoHeuristic.Hostile.Tests.Probes;

/// <summary>What one tool made of one log.</summary>
/// <param name="Verdict">The classified outcome.</param>
/// <param name="Detail">The first problem or error line (for the failure message and the report).</param>
/// <param name="Choices">The choice names the tool learned, when it learned a tree (for the round-trip check).</param>
public sealed record ProbeResult(Verdict Verdict, string Detail, IReadOnlyList<string>? Choices = null);

/// <summary>The library path: <c>LogFiles.Read</c> on the file, then <c>HeuristicTrainer.Train</c>.</summary>
internal static class ReaderProbe
{
    public static ProbeResult Run(CorpusLog log, string path)
    {
        try
        {
            ParsedLog parsed = LogFiles.Read(path);
            var problems = new List<LearningProblem>(parsed.Problems);
            TrainingResult? result = null;
            if (parsed.IsUsable)
            {
                result = HeuristicTrainer.Train(new[] { parsed }, new TrainingOptions { HeuristicName = parsed.HeuristicName });
                problems.AddRange(result.Problems.Where(p => !parsed.Problems.Contains(p)));
            }

            LearningProblem? error = problems.FirstOrDefault(p => p.Severity == ProblemSeverity.Error);
            LearningProblem? warning = problems.FirstOrDefault(p => p.Severity == ProblemSeverity.Warning);
            bool trained = result is not null && result.Models.Count > 0;
            if (!trained)
            {
                LearningProblem? why = error ?? warning;
                if (why is null) return new ProbeResult(Verdict.SilentWrong, "no model and no problem reported");
                return new ProbeResult(why.Line > 0 || why.File is not null ? Verdict.CleanError : Verdict.SilentWrong, why.ToString());
            }

            IReadOnlyList<string> choices = result!.Models[0].Choices;
            if (error is not null) return new ProbeResult(Verdict.Warned, error.ToString(), choices);
            if (warning is not null) return new ProbeResult(Verdict.Warned, warning.ToString(), choices);
            return new ProbeResult(Verdict.Ok, "trained", choices);
        }
        catch (Exception e)
        {
            return new ProbeResult(Verdict.Crash, e.GetType().Name + ": " + e.Message);
        }
    }
}
