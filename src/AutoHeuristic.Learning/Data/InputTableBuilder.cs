using System.Collections.Generic;
using System.Threading;
using AutoHeuristic.Features;
using AutoHeuristic.Learning.Data.Building;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Problems;

namespace AutoHeuristic.Learning.Data;

/// <summary>
/// Builds an <see cref="InputTable"/> from the rows of one or more logs that share metadata, as
/// PyTorch's <c>get_df</c> does: group by features + choice, median feedback (inf when any
/// measurement is inf), optional noise filter, inputs with at least two choices, winner, speedup,
/// then augmented features from <see cref="AHOperation"/>s. Unlike PyTorch, an input whose every
/// choice failed is left out (unless <c>keepFailedInputs</c> asks for PyTorch's labels); inputs
/// whose measured choices all tied keep PyTorch's label; both are counted with a warning, and a table
/// without any input that has a real winner gets an error. With <c>pandasFeedback</c> the times
/// are first read as pandas reads PyTorch's text (<see cref="PandasFloatReading"/>).
/// Each stage is a type of <c>Data/Building</c>.
/// </summary>
internal static class InputTableBuilder
{
    public static InputTable Build(string name, IReadOnlyList<ParsedLog> logs, IReadOnlyList<AHOperation> operations, bool filterNoisy, InputTable? reference, CancellationToken ct, bool keepFailedInputs = false, bool pandasFeedback = false)
    {
        // 1. The logs' rows, one after the other, with global category and choice codes.
        ConcatenatedRows rows = ConcatenatedRows.Of(logs);
        if (pandasFeedback) PandasFloatReading.ReadAllAsPandas(rows.Feedback);
        ct.ThrowIfCancellationRequested();
        CategorySemantics categories = CategorySemantics.Of(rows);

        // 2. Inputs: distinct feature tuples.
        InputIndex inputs = InputIndex.Find(rows);
        ct.ThrowIfCancellationRequested();

        // 3. (input, choice) groups: median feedback, optionally without the noisy groups.
        ChoiceMedians medians = ChoiceMedians.Compute(rows, inputs, filterNoisy);
        ct.ThrowIfCancellationRequested();

        // 4. Inputs with ≥ 2 measured choices, in pandas' group-by order; winner and speedup.
        InputSelection selection = InputSelection.Choose(medians, keepFailedInputs);
        List<LearningProblem> problems = InputProblems.Report(name, logs, inputs, selection, keepFailedInputs);
        List<int> kept = selection.Kept;
        KeySort.InGroupByOrder(kept, rows, categories, inputs);
        InputLabels labels = InputLabels.Of(medians, kept);

        // 5. Columns for the kept inputs, then augmented features.
        List<FeatureColumn> columns = LoggedColumns.Create(rows, categories, inputs, kept, reference, out string[][] rawTexts);
        AugmentedFeatures.Add(columns, rawTexts, operations, kept.Count, rows.HasFloat, reference, ct);
        return new InputTable(name, kept.Count, columns, rows.Choices, labels.Times, labels.Winner, labels.Speedup, rows.Count, rows.SkippedRows)
        {
            FailedInputs = selection.Failed.Count,
            TiedInputs = selection.Tied.Count,
            Problems = problems,
        };
    }
}
