using System;
using System.Linq;
using System.Text;
using System.Threading;
using AutoHeuristic.Features;
using AutoHeuristic.Learning.Data;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Problems;
using AutoHeuristic.Learning.Training;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>
/// Inputs without a winner: every choice failed (left out, unless PyTorch's counts are asked for) or every
/// choice tied (kept with PyTorch's label); both counted and reported, and a log without any real winner is an error.
/// </summary>
public class InputVerdictTests
{
    private static InputTable Build(string text, bool filter = false) =>
        InputTableBuilder.Build("t", new[] { LogReader.Parse("t.txt", text) }, Array.Empty<AHOperation>(), filter, null, CancellationToken.None);

    private static (string Code, ProblemSeverity Severity, string? File, int Line) Where(LearningProblem p) => (p.Code, p.Severity, p.File, p.Line);

    [Test]
    public void An_input_whose_every_choice_failed_is_left_out_counted_and_located()
    {
        InputTable t = Build(TestLogs.Log("1,2,x,a,1.0", "1,2,x,b,2.0", "5,2,x,a,inf", "5,2,x,b,inf", "5,2,x,a,inf", "7,2,x,a,inf", "7,2,x,b,3.0"));
        Assert.That(t.Count, Is.EqualTo(2), "the input with one failed choice keeps its winner");
        Assert.That(t.Columns.Single(c => c.Name == "m").Numbers, Is.EqualTo(new[] { 1.0, 7.0 }));
        Assert.That(t.FailedInputs, Is.EqualTo(1));
        LearningProblem p = t.Problems.Single();
        Assert.That(Where(p), Is.EqualTo((ProblemCodes.FailedInputs, ProblemSeverity.Warning, "t.txt", 5)));
        Assert.That(p.Message, Does.StartWith("1 input(s)"));
    }

    [Test]
    public void An_input_whose_every_choice_took_the_same_time_keeps_pytorchs_label_and_is_counted()
    {
        InputTable t = Build(TestLogs.Log("1,2,x,a,1.0", "1,2,x,b,2.0", "3,2,x,a,0.0", "3,2,x,b,0.0", "4,2,x,a,2.5", "4,2,x,b,2.5", "4,2,x,c,2.5"));
        Assert.That(t.Count, Is.EqualTo(3));
        Assert.That(t.TiedInputs, Is.EqualTo(2));
        Assert.That(t.Winner, Is.EqualTo(new[] { 0, 0, 0 }), "the first choice of each tie, as PyTorch's sort leaves it");
        Assert.That(Where(t.Problems.Single()), Is.EqualTo((ProblemCodes.TiedInputs, ProblemSeverity.Warning, "t.txt", 5)));
    }

    [Test]
    public void In_pytorch_exact_mode_an_input_whose_every_choice_failed_keeps_pytorchs_label()
    {
        ParsedLog log = LogReader.Parse("t.txt", TestLogs.Log("1,2,x,a,1.0", "1,2,x,b,2.0", "5,2,x,a,inf", "5,2,x,b,inf"));
        InputTable t = InputTableBuilder.Build("t", new[] { log }, Array.Empty<AHOperation>(), false, null, CancellationToken.None, keepFailedInputs: true);
        Assert.That((t.Count, t.FailedInputs, t.Winner[1]), Is.EqualTo((2, 1, 0)));
        Assert.That(t.Problems.Single().Message, Does.Contain("labelled as PyTorch labels them"));
    }

    [Test]
    public void A_log_whose_every_input_tied_has_no_real_winner_and_is_an_error()
    {
        InputTable t = Build(TestLogs.Log("1,2,x,a,0.0", "1,2,x,b,0.0", "3,2,x,a,0.0", "3,2,x,b,0.0"));
        Assert.That((t.Count, t.TiedInputs), Is.EqualTo((0, 2)));
        Assert.That(t.Problems.Select(p => (p.Code, p.Severity)), Does.Contain((ProblemCodes.NoUsableInput, ProblemSeverity.Error)));
    }

    [Test]
    public void A_partial_tie_keeps_pytorchs_winner()
    {
        InputTable t = Build(TestLogs.Log("1,2,x,a,1.0", "1,2,x,b,1.0", "1,2,x,c,2.0"));
        Assert.That((t.Count, t.TiedInputs, t.Winner[0]), Is.EqualTo((1, 0, 0)));
        Assert.That(t.Problems, Is.Empty);
    }

    [Test]
    public void No_input_with_a_decision_is_an_error_that_says_why()
    {
        InputTable t = Build(TestLogs.Log("1,2,x,a,1.0", "2,2,x,a,0.0", "2,2,x,b,0.0", "3,2,x,a,inf", "3,2,x,b,inf", "4,2,x,a,1.0"));
        Assert.That(t.Count, Is.EqualTo(0));
        LearningProblem error = t.Problems.Single(p => p.Severity == ProblemSeverity.Error);
        Assert.That((error.Code, error.File), Is.EqualTo((ProblemCodes.NoUsableInput, "t.txt")));
        Assert.That(error.Message, Does.Contain("of 4 input(s), 2 have fewer than two measured choices, 1 failed on every choice and 1 took the same time"));
    }

    [Test]
    public void All_zero_feedback_trains_no_perfect_model_but_reports_that_nothing_can_be_learned()
    {
        var sb = new StringBuilder(TestLogs.PadMetadata + "\n" + TestLogs.Header + "\n");
        for (int i = 0; i < 50; i++) sb.Append(i).Append(",2,x,a,0.0\n").Append(i).Append(",2,x,b,0.0\n");
        TrainingResult r = HeuristicTrainer.Train(new[] { LogReader.Parse("zero.txt", sb.ToString()) }, new TrainingOptions(), CancellationToken.None);
        Assert.That(r.Models, Is.Empty);
        Assert.That(r.Heuristics, Is.Empty);
        Assert.That(r.Problems.Select(p => (p.Code, p.Severity)), Is.EquivalentTo(new[]
        {
            (ProblemCodes.TiedInputs, ProblemSeverity.Warning),
            (ProblemCodes.NoUsableInput, ProblemSeverity.Error),
        }));
        Assert.That(r.Problems.Single(p => p.Code == ProblemCodes.TiedInputs).Message, Does.StartWith("50 input(s)"));
    }

    [Test]
    public void The_training_summary_counts_failed_inputs_left_out_and_tied_inputs_kept()
    {
        string log = TestLogs.Separable(60) + "1000,2,x,a,inf\n1000,2,x,b,inf\n1001,2,x,a,0.5\n1001,2,x,b,0.5\n1002,2,x,a,0.5\n1002,2,x,b,0.5\n";
        TrainingResult r = HeuristicTrainer.Train(new[] { LogReader.Parse("toy.txt", log) }, new TrainingOptions(), CancellationToken.None);
        DatasetSummary d = r.Heuristics.Single().Dataset;
        Assert.That((d.Inputs, d.FailedInputs, d.TiedInputs), Is.EqualTo((62, 1, 2)));
        Assert.That(r.Problems.Select(p => p.Code), Is.SupersetOf(new[] { ProblemCodes.FailedInputs, ProblemCodes.TiedInputs }));
    }

    [Test]
    public void Evaluating_a_log_without_a_usable_input_is_an_error_and_the_set_is_not_evaluated()
    {
        LearnedModel model = HeuristicTrainer.Train(new[] { LogReader.Parse("toy.txt", TestLogs.Separable(200)) }, new TrainingOptions(), CancellationToken.None).Models.Single();
        ParsedLog single = LogReader.Parse("single.txt", TestLogs.Log("1,2,x,a,1.0", "2,2,x,b,1.0"));
        ModelEvaluationResult result = ModelEvaluator.Evaluate(new[] { model }, new[] { new ExtraDataSet("single", new[] { single }) });
        EvaluatedSet set = result.Sets.Single();
        Assert.That(set.IsEvaluated, Is.False);
        Assert.That(set.NotEvaluatedReason, Does.StartWith("no usable input"));
        Assert.That(Where(result.Problems.Single()), Is.EqualTo((ProblemCodes.NoUsableInput, ProblemSeverity.Error, "single.txt", 0)));
    }
}
