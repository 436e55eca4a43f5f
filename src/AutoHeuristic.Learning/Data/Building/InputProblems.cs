using System.Collections.Generic;
using System.Globalization;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Problems;

namespace AutoHeuristic.Learning.Data.Building;

/// <summary>
/// The problems an <see cref="InputSelection"/> reports: a warning for the inputs that failed on
/// every choice and one for the tied inputs, each at the first such input's line, and an error
/// when no input carries a decision.
/// </summary>
internal static class InputProblems
{
    /// <summary>The problems of <paramref name="selection"/> for the table <paramref name="name"/>.</summary>
    public static List<LearningProblem> Report(string name, IReadOnlyList<ParsedLog> logs, InputIndex inputs, InputSelection selection, bool keepFailedInputs)
    {
        var problems = new List<LearningProblem>();
        ReportInputs(problems, logs, inputs.FirstRow, selection.Failed, ProblemCodes.FailedInputs, keepFailedInputs
            ? "failed on every choice (feedback inf): they have no winner and are labelled as PyTorch labels them (kept for PyTorch's counts)"
            : "were left out because every choice failed (feedback inf): they have no winner and carry no decision");
        ReportInputs(problems, logs, inputs.FirstRow, selection.Tied, ProblemCodes.TiedInputs,
            "took exactly the same time on every measured choice: they have no real winner and are labelled as PyTorch labels them (the first of the tie)");
        if (selection.NoneCarriesADecision)
        {
            problems.Add(new LearningProblem(ProblemCodes.NoUsableInput, ProblemSeverity.Error,
                $"No input of '{name}' carries a decision: of {Count(selection.InputCount)} input(s), {Count(selection.SingleChoice)} have fewer than two measured choices, "
                + $"{Count(selection.Failed.Count)} failed on every choice and {Count(selection.Tied.Count)} took the same time on every choice; there is nothing to learn from or evaluate on.",
                logs[0].FileName));
        }

        return problems;
    }

    // One warning for the inputs of one kind, located at the first row of the first of them.
    private static void ReportInputs(List<LearningProblem> problems, IReadOnlyList<ParsedLog> logs, List<int> inputFirstRow, List<int> inputs, string code, string what)
    {
        if (inputs.Count == 0) return;
        int row = inputFirstRow[inputs[0]];
        ParsedLog log = logs[0];
        foreach (ParsedLog candidate in logs)
        {
            log = candidate;
            if (row < candidate.RowCount) break;
            row -= candidate.RowCount;
        }

        problems.Add(new LearningProblem(code, ProblemSeverity.Warning,
            $"{Count(inputs.Count)} input(s) {what} (the first is at this line).",
            log.FileName, log.Columns!.LineNumbers[row]));
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
