// Usage (CLI evaluate --model, tests):
//
//   IReadOnlyList<LearnedModel> models = ModelFile.Load("pad_mm.model.json");
//   ModelEvaluationResult result = ModelEvaluator.Evaluate(models,
//       new[] { new ExtraDataSet("run2", new[] { LogFiles.Read("run2.txt") }) });
//   foreach (EvaluatedSet s in result.Sets)
//       Use(s.Metrics /* null when not evaluated */, s.NotEvaluatedReason);
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AutoHeuristic.Features;
using AutoHeuristic.Learning.Data;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Problems;
using AutoHeuristic.Learning.Training;

namespace AutoHeuristic.Learning;

/// <summary>
/// Evaluates given (e.g. saved and loaded) models on logs with the trainer's own dataset building
/// and evaluator: each set gets exactly the metrics the trainer reports for an extra
/// <c>--data</c> set that it does not train on.
/// </summary>
public static class ModelEvaluator
{
    /// <summary>
    /// Evaluates every set with the model of its logs' heuristic name and hardware. Bad log content
    /// becomes problems; a set whose heuristic and hardware have no model (or whose model cannot
    /// be evaluated on it) is reported with the reason. Only cancellation throws.
    /// </summary>
    public static ModelEvaluationResult Evaluate(IReadOnlyList<LearnedModel> models, IReadOnlyList<ExtraDataSet> sets, ModelEvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (models is null) throw new ArgumentNullException(nameof(models));
        if (sets is null) throw new ArgumentNullException(nameof(sets));
        options ??= new ModelEvaluationOptions();
        var problems = new List<LearningProblem>();
        var results = new List<EvaluatedSet>();
        foreach (ExtraDataSet set in sets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (ParsedLog log in set.Logs) problems.AddRange(log.Problems);
            IReadOnlyList<LogGroup> groups = LogGroups.Combine(set.Logs, problems);
            if (groups.Count == 0)
            {
                results.Add(new EvaluatedSet(set.Name, set.Logs.Select(l => l.FileName).ToList(), string.Empty, default, null, null, 0, 0, 0,
                    "no usable log rows (see the problems reported for the file)."));
                continue;
            }

            foreach (LogGroup group in groups)
            {
                results.Add(EvaluateGroup(models, set.Name, group, options, problems, cancellationToken));
            }
        }

        return new ModelEvaluationResult(results, problems);
    }

    private static EvaluatedSet EvaluateGroup(IReadOnlyList<LearnedModel> models, string setName, LogGroup group, ModelEvaluationOptions options, List<LearningProblem> problems, CancellationToken ct)
    {
        string name = group.Metadata.Name;
        List<string> files = group.Logs.Select(l => l.FileName).ToList();
        int rows = group.RowCount;
        int skipped = group.Logs.Sum(l => l.SkippedRows);
        EvaluatedSet NotEvaluated(LearnedModel? model, string reason, int inputs = 0, bool noUsableInput = false) =>
            new(setName, files, name, group.Hardware, model, null, rows, skipped, inputs, reason) { HasNoUsableInput = noUsableInput };

        LearnedModel? model = models.FirstOrDefault(m => m.Name == name && m.Hardware == group.Hardware);
        if (model is null)
        {
            string available = models.Count == 0 ? "none" : string.Join(", ", models.Select(m => $"'{m.Name}' on {m.Hardware}"));
            return NotEvaluated(null, $"no model of heuristic '{name}' on hardware {group.Hardware} (the models given: {available}).");
        }

        if (model.Choices.Count == 0) return NotEvaluated(model, $"the model '{model.Name}' has no choices.");

        // The same preset resolution as training, so default, baselines and top-k lists agree.
        HeuristicPreset preset = TrainingPipeline.Resolve(name, new TrainingOptions
        {
            Preset = options.Preset,
            DefaultChoice = options.DefaultChoice,
            AlwaysIncluded = options.AlwaysIncluded,
            BaselineChoices = options.BaselineChoices,
            Operations = options.Operations,
        });
        var operations = new List<AHOperation>(preset.Operations);
        operations.AddRange(options.ExtraOperations);

        InputTable table;
        try
        {
            // PyTorch's regression trainer always filters noisy measurements; its models are evaluated the same way.
            bool filter = options.FilterNoisyMeasurements || model.Kind == ModelKind.Regression;
            table = InputTableBuilder.Build(setName, ChoiceExclusion.Apply(group.Logs, preset.ExcludedChoices), operations, filter, null, ct, options.KeepFailedInputs);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return NotEvaluated(model, $"computing the augmented features failed: {e.Message}");
        }

        // Left-out inputs are reported; a set without any input is not evaluated (its error says why).
        problems.AddRange(table.Problems);
        if (table.Count == 0)
        {
            return NotEvaluated(model, "no usable input (no input with at least two measured choices and a winner; see the problems reported for the file).", noUsableInput: true);
        }

        string? choiceFeature = model.Kind == ModelKind.Regression ? RegressionTrainer.ChoiceFeature : null;
        if (ModelRouting.MissingFeature(model.Root, table, choiceFeature) is string missing)
        {
            return NotEvaluated(model, $"the model reads the feature '{missing}', which these logs do not have (or have with another kind).", table.Count);
        }

        if (model.Kind == ModelKind.Regression)
        {
            var regression = new SetMetrics(EvaluateRegression(model, table, ct));
            return new EvaluatedSet(setName, files, name, group.Hardware, model, regression, table.Rows, table.SkippedRows, table.Count, null);
        }

        bool ranking = model.Kind == ModelKind.Ranking;
        int topK = ranking ? model.RankingK : 5;
        IReadOnlyList<string> always = ranking ? model.AlwaysIncluded : preset.AlwaysIncluded;
        var settings = new EvaluationSettings(DefaultChoices.For(preset, group.Hardware), topK, always, preset.BaselineChoices);
        SampleSet samples = SampleSet.FromInputs(setName, table, Enumerable.Range(0, table.Count), ranking);
        var leaves = new int[samples.Count];
        for (int i = 0; i < samples.Count; i++) leaves[i] = ModelRouting.LeafOf(model.Root, table, samples.Inputs[i]).Id;
        ct.ThrowIfCancellationRequested();
        LeafAnswers answers = ModelRouting.Answers(model);
        var metrics = new SetMetrics(DecisionEvaluator.Evaluate(answers, samples, leaves, model.ConfidenceThreshold, settings, ranking));
        DecisionListing? decisions = options.IncludeDecisions
            ? DecisionListingBuilder.Build(setName, answers, samples, leaves, model.ConfidenceThreshold, settings.Defaults, LoggedFeatures(group.Header))
            : null;
        return new EvaluatedSet(setName, files, name, group.Hardware, model, metrics, table.Rows, table.SkippedRows, table.Count, null) { Decisions = decisions };
    }

    /// <summary>The logged feature names of a log header (every column but the final <c>choice</c> and <c>feedback</c>).</summary>
    internal static IReadOnlyList<string> LoggedFeatures(IReadOnlyList<string> header) =>
        header.Count >= 2 ? header.Take(header.Count - 2).ToList() : new List<string>();

    // A regression model scores every measured (input, choice); per input the best score is the
    // prediction and best / second best is compared with the threshold, exactly as in training.
    private static Dictionary<string, double> EvaluateRegression(LearnedModel model, InputTable table, CancellationToken ct)
    {
        var rowInput = new List<int>();
        var rowChoice = new List<int>();
        for (int input = 0; input < table.Count; input++)
        {
            for (int c = 0; c < table.Choices.Length; c++)
            {
                if (double.IsNaN(table.Time(input, c))) continue;
                rowInput.Add(input);
                rowChoice.Add(c);
            }
        }

        int[] inputs = rowInput.ToArray();
        int[] choices = rowChoice.ToArray();
        ct.ThrowIfCancellationRequested();
        double Score(int row) => ModelRouting.LeafOf(model.Root, table, inputs[row], RegressionTrainer.ChoiceFeature, table.Choices[choices[row]]).Value;
        return RegressionTrainer.Metrics(RegressionTrainer.Decide(inputs, choices, Score), table, model.ConfidenceThreshold);
    }
}
