using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using AutoHeuristic.Features;
using AutoHeuristic.Learning.Data;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Problems;
using AutoHeuristic.Learning.Splits;
using AutoHeuristic.Learning.Trees;

namespace AutoHeuristic.Learning.Training;

/// <summary>Runs training for every (heuristic, hardware) group.</summary>
internal static class TrainingPipeline
{
    /// <summary>Fewer inputs than this cannot be split into three useful sets.</summary>
    public const int MinimumInputs = 10;

    public static TrainingResult Run(IReadOnlyList<ParsedLog> logs, TrainingOptions options, CancellationToken ct)
    {
        var problems = new List<LearningProblem>();
        foreach (ParsedLog log in logs) problems.AddRange(log.Problems);
        IReadOnlyList<LogGroup> groups = LogGroups.Combine(logs, problems);
        if (options.HeuristicName is not null) groups = groups.Where(g => g.Metadata.Name == options.HeuristicName).ToList();
        if (groups.Count == 0)
        {
            problems.Add(new LearningProblem(ProblemCodes.NoDataRows, ProblemSeverity.Error,
                options.HeuristicName is null ? "No usable training log was given." : $"No usable training log of heuristic '{options.HeuristicName}' was given."));
        }

        var results = new List<HeuristicTrainingResult>();
        foreach (LogGroup group in groups)
        {
            ct.ThrowIfCancellationRequested();
            HeuristicTrainingResult? result = TrainGroup(group, options, problems, ct);
            if (result is not null) results.Add(result);
        }

        return new TrainingResult(results, problems);
    }

    /// <summary>The preset with every option override applied.</summary>
    internal static HeuristicPreset Resolve(string name, TrainingOptions options)
    {
        HeuristicPreset preset = options.Preset ?? HeuristicPreset.ForName(name);
        return preset with
        {
            Operations = options.Operations ?? preset.Operations,
            Grid = options.Grid ?? (options.Learner == LearnerKind.Regression && preset.Learner != LearnerKind.Regression ? TrainingGrid.PyTorchRegression : preset.Grid),
            TestFraction = options.TestFraction ?? preset.TestFraction,
            ValFraction = options.ValFraction ?? preset.ValFraction,
            AllowedWrongFraction = options.AllowedWrongFraction ?? preset.AllowedWrongFraction,
            DefaultChoice = options.DefaultChoice ?? preset.DefaultChoice,
            AlwaysIncluded = options.AlwaysIncluded ?? preset.AlwaysIncluded,
            BaselineChoices = options.BaselineChoices ?? preset.BaselineChoices,
            ExcludedChoices = options.ExcludedChoices ?? preset.ExcludedChoices,
            Learner = options.Learner ?? preset.Learner,
        };
    }

    private static HeuristicTrainingResult? TrainGroup(LogGroup group, TrainingOptions options, List<LearningProblem> problems, CancellationToken ct)
    {
        Func<TimeSpan> elapsed = StartTiming(options.Clock);
        string name = group.Metadata.Name;
        string label = name + " (" + group.Hardware + ")";
        HeuristicPreset preset = Resolve(name, options);
        string firstFile = group.Logs[0].FileName;
        var operations = new List<AHOperation>(preset.Operations);
        operations.AddRange(options.ExtraOperations);
        options.Progress?.Report(new TrainingProgress(label, "dataset", 0, 1));

        // PyTorch's filter_df: the preset's excluded choices never reach the dataset.
        IReadOnlyList<ParsedLog> logs = ChoiceExclusion.Apply(group.Logs, preset.ExcludedChoices);
        InputTable main;
        try
        {
            main = InputTableBuilder.Build(name, logs, operations, FiltersNoisyMeasurements(options), null, ct, KeepsFailedInputs(options), ReadsFeedbackAsPandas(options));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problems.Add(new LearningProblem(ProblemCodes.BadOption, ProblemSeverity.Error,
                $"Computing the augmented features failed: {e.Message} (an operation reads a feature the log does not have?)", firstFile));
            return null;
        }

        problems.AddRange(main.Problems);
        options.Progress?.Report(new TrainingProgress(label, "dataset", 1, 1));
        if (main.Count == 0) return null; // the table's NoUsableInput error says why

        if (main.Count < MinimumInputs)
        {
            problems.Add(new LearningProblem(ProblemCodes.TooFewInputs, ProblemSeverity.Error,
                $"Too few inputs to learn '{name}': {main.Count.ToString(CultureInfo.InvariantCulture)} input(s) with at least two measured choices; at least {MinimumInputs.ToString(CultureInfo.InvariantCulture)} are needed.", firstFile));
            return null;
        }

        if (preset.DefaultChoice is not null && main.ChoiceIndex(preset.DefaultChoice) < 0)
        {
            problems.Add(new LearningProblem(ProblemCodes.BadOption, ProblemSeverity.Warning,
                $"The default choice '{preset.DefaultChoice}' never appears in the logs of '{name}'; comparisons with the default are empty.", firstFile));
        }

        // Extra data sets of the same heuristic and hardware, encoded with the main table's categories.
        var extras = new List<(ExtraDataSet Spec, InputTable Table)>();
        foreach (ExtraDataSet extra in options.ExtraData)
        {
            var matching = new List<ParsedLog>();
            foreach (ParsedLog log in extra.Logs)
            {
                problems.AddRange(log.Problems);
                if (!log.IsUsable) continue;
                if (log.Metadata!.Name != name || log.Metadata.Hardware != group.Hardware) continue;
                if (!log.Metadata.SameAs(group.Metadata) || !log.Header.SequenceEqual(group.Header, StringComparer.Ordinal))
                {
                    problems.Add(new LearningProblem(ProblemCodes.LogsDisagree, ProblemSeverity.Error,
                        $"The extra data set '{extra.Name}' log '{log.FileName}' has other metadata or another header than '{firstFile}'; it was left out.", log.FileName, 1));
                    continue;
                }

                matching.Add(log);
            }

            if (matching.Count == 0) continue;
            InputTable table = InputTableBuilder.Build(extra.Name, ChoiceExclusion.Apply(matching, preset.ExcludedChoices), operations, FiltersNoisyMeasurements(options), main, ct, KeepsFailedInputs(options), ReadsFeedbackAsPandas(options));
            problems.AddRange(table.Problems);
            extras.Add((extra, table));
        }

        return preset.Learner == LearnerKind.Regression
            ? RegressionTrainer.Train(group, preset, options, main, extras, problems, elapsed, ct)
            : DecisionTrainer.Train(group, preset, options, main, extras, problems, elapsed, ct);
    }

    /// <summary>Whether the options' experiment asks for PyTorch's (disabled) noisy-measurement filter.</summary>
    internal static bool FiltersNoisyMeasurements(TrainingOptions options) => options.Experiment?.FiltersNoisyMeasurements ?? false;

    // The time since this call, read from the caller's clock; zero without one (the elapsed time is only reported, never used to decide).
    private static Func<TimeSpan> StartTiming(Func<TimeSpan>? clock)
    {
        if (clock is null) return static () => TimeSpan.Zero;
        TimeSpan start = clock();
        return () => clock() - start;
    }

    // PyTorch-exact mode (sklearn ties) reproduces PyTorch's data sets too, which label inputs whose every choice failed.
    internal static bool KeepsFailedInputs(TrainingOptions options) => options.TieBreaking == TieBreaking.Sklearn;

    // ... and read the logged times as pandas does, whose parser is off in the last bits: the
    // near-best weights then equal PyTorch's, and so do scikit-learn's choices between equal splits.
    internal static bool ReadsFeedbackAsPandas(TrainingOptions options) => options.TieBreaking == TieBreaking.Sklearn;
}
