using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using AutoHeuristic.Features;
using AutoHeuristic.Generator.Helpers;
using AutoHeuristic.Generator.Model;
using AutoHeuristic.Generator.Operations;
using AutoHeuristic.Generator.Parsing;
using AutoHeuristic.Learning;
using AutoHeuristic.Learning.CodeGen;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Problems;
using AutoHeuristic.Learning.Training;

namespace AutoHeuristic.Generator.Fitting;

/// <summary>
/// One fit: runs the learning engine on the logs of a request (with the standard operations of
/// the heuristic name and the user's [AHOperation]s, evaluated by <see cref="OperationEvaluator"/>)
/// and emits one tree class per learned model. Never throws except for cancellation: a failure
/// becomes a diagnostic and no trees, so the class falls back.
/// </summary>
internal static class HeuristicFitter
{
    /// <summary>Fits <paramref name="request"/>.</summary>
    public static FitResult Fit(FitRequest request, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (request.Logs.Count == 0) return Empty(diagnostics);
        ParsedLogSpec first = request.Logs[0];
        try
        {
            int rows = request.Logs.Sum(l => l.Log.RowCount);
            int maxRows = request.Options.MaxBuildRows ?? OptionReader.DefaultMaxBuildRows;
            if (rows > maxRows)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooLargeForBuild, LogParser.Locate(first.Path, first.Text, 1, 0),
                    request.HeuristicName, rows.ToString(CultureInfo.InvariantCulture), maxRows.ToString(CultureInfo.InvariantCulture)));
                return Empty(diagnostics);
            }

            IReadOnlyList<AHOperation> standard = StandardOperations.ForHeuristic(request.HeuristicName);
            List<AHOperation> user = request.Operations.Select(OperationEvaluator.ToOperation).ToList();
            TrainingOptions options = BuildOptions(request, standard, user);
            TrainingResult result = HeuristicTrainer.Train(request.Logs.Select(l => l.Log).ToList(), options, cancellationToken);

            var texts = request.Logs.ToDictionary(l => l.Path, l => l.Text, StringComparer.Ordinal);
            foreach (LearningProblem problem in result.Problems)
            {
                // The log parse step already reported the reader's problems per file; the trainer repeats them.
                if (LogReader.Codes.Contains(problem.Code)) continue;
                Microsoft.CodeAnalysis.Text.SourceText? text = problem.File is not null && texts.TryGetValue(problem.File, out var t) ? t : null;
                diagnostics.Add(LogParser.ToDiagnostic(problem, problem.File ?? first.Path, text ?? (problem.File is null ? first.Text : null)));
            }

            var models = result.Heuristics.Where(h => h.Model is not null).Select(h => h.Model!).ToList();
            return FromModels(request.HeuristicName, models, diagnostics, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TrainingFailed, LogParser.Locate(first.Path, first.Text, 1, 0),
                request.HeuristicName, e.GetType().Name + ": " + e.Message));
            return Empty(diagnostics);
        }
    }

    /// <summary>Emits the tree classes of <paramref name="models"/> (decision, ranking or regression) for a heuristic.</summary>
    public static FitResult FromModels(string heuristicName, IReadOnlyList<LearnedModel> models, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        HeuristicClassParts parts = HeuristicClassParts.FromModels(heuristicName, models);
        var trees = new List<TreeSource>();
        for (int i = 0; i < models.Count; i++)
        {
            trees.Add(new TreeSource(parts.TreeClassNames[i], LearnedModelCSharpEmitter.HardwareName(models[i].Hardware), parts.TreeSources[i], models[i].Kind == ModelKind.Regression));
        }

        return new FitResult(trees.ToEquatableArray(), models.Any(m => m.Kind == ModelKind.Ranking), parts.Report.ToEquatableArray(), diagnostics.ToEquatableArray())
        {
            TooltipLines = parts.Tooltip.ToEquatableArray(),
        };
    }

    /// <summary>The trainer's options for a request: preset by name, overridden by the resolved attribute/MSBuild options.</summary>
    public static TrainingOptions BuildOptions(FitRequest request, IReadOnlyList<AHOperation> standard, IReadOnlyList<AHOperation> user)
    {
        OptionValues o = request.Options;
        TrainingGrid? grid = null;
        if (o.MaxDepths is not null || o.MinSamplesLeafs is not null || o.Criteria is not null)
        {
            TrainingGrid preset = HeuristicPreset.ForName(request.HeuristicName).Grid;
            grid = new TrainingGrid(
                o.MaxDepths?.ToList() ?? preset.MaxDepths,
                o.MinSamplesLeafs?.ToList() ?? preset.MinSamplesLeafs,
                o.Criteria?.Select(c => c == "gini" ? SplitCriterion.Gini : SplitCriterion.Entropy).ToList() ?? preset.Criteria);
        }

        return new TrainingOptions
        {
            HeuristicName = request.HeuristicName,
            Operations = standard,
            ExtraOperations = user,
            Grid = grid,
            Split = o.Split == "pytorch" ? SplitMode.PyTorch : SplitMode.Grouped,
            RankingK = o.RankingK is > 0 ? o.RankingK : null,
            AllowedWrongFraction = o.AllowedWrongPercent / 100.0,
            DefaultChoice = o.DefaultChoice,

            // A compiler host runs many generators and builds at once: the fit stays on the thread
            // Roslyn gave it instead of spreading the grid over every core (the default, said here).
            Fits = FitScheduler.Sequential,

            // The build shows the selected model's metrics only: the other grid points are evaluated on the validation set alone.
            KeepGridMetrics = false,
            Learner = o.Learner switch
            {
                "regression" => LearnerKind.Regression,
                "decision" => LearnerKind.DecisionTree,
                _ => null,
            },
        };
    }

    private static FitResult Empty(List<DiagnosticInfo> diagnostics) =>
        new(EquatableArray<TreeSource>.Empty, false, EquatableArray<string>.Empty, diagnostics.ToEquatableArray());
}
