using System;
using System.Collections.Generic;
using AutoHeuristic.Formatting;
using AutoHeuristic.Learning.Data;

namespace AutoHeuristic.Learning.Evaluation;

/// <summary>
/// Builds a <see cref="DecisionListing"/> with the evaluator's own rules (<see cref="DecisionEvaluator.IsUnsure"/>),
/// so the per-input rows add up to the reported correct / wrong / unsure counts.
/// </summary>
internal static class DecisionListingBuilder
{
    /// <param name="setName">The set's name.</param>
    /// <param name="answers">The leaves' answers.</param>
    /// <param name="set">The set's rows (ranking sets: only the winner rows are listed, as evaluated).</param>
    /// <param name="leaves">Each row's leaf (an index into <paramref name="answers"/>).</param>
    /// <param name="threshold">The confidence threshold.</param>
    /// <param name="defaults">The default choices, or null.</param>
    /// <param name="featureOrder">The logged feature names in the log's column order.</param>
    public static DecisionListing Build(string setName, LeafAnswers answers, SampleSet set, int[] leaves, double threshold, DefaultChoices? defaults, IReadOnlyList<string> featureOrder)
    {
        // One choice list for the listing: every choice of the set's tables, in first-seen order.
        var choices = new List<string>();
        var choiceIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenTables = new HashSet<InputTable>();
        for (int i = 0; i < set.Count; i++)
        {
            if (!seenTables.Add(set.Tables[i])) continue;
            foreach (string c in set.Tables[i].Choices)
            {
                if (choiceIndex.ContainsKey(c)) continue;
                choiceIndex.Add(c, choices.Count);
                choices.Add(c);
            }
        }

        var classChoice = new DecisionEvaluator.ClassChoiceCache(answers.Classes);
        var rows = new List<InputDecision>();
        var columnsPerTable = new Dictionary<InputTable, FeatureColumn?[]>();
        for (int i = 0; i < set.Count; i++)
        {
            if (!set.IsWinnerRow[i]) continue;
            InputTable table = set.Tables[i];
            int input = set.Inputs[i];
            int leaf = leaves[i];
            if (!columnsPerTable.TryGetValue(table, out FeatureColumn?[]? columns))
            {
                columns = new FeatureColumn?[featureOrder.Count];
                for (int f = 0; f < columns.Length; f++) columns[f] = table.Columns.Find(c => c.Name == featureOrder[f] && !c.IsAugmented);
                columnsPerTable.Add(table, columns);
            }

            var values = new string[columns.Length];
            for (int f = 0; f < values.Length; f++) values[f] = Text(columns[f], input);

            var times = new double[choices.Count];
            for (int c = 0; c < times.Length; c++) times[c] = double.NaN;
            for (int c = 0; c < table.Choices.Length; c++) times[choiceIndex[table.Choices[c]]] = table.Time(input, c);

            int winner = table.Winner[input];
            double bestTime = table.Time(input, winner);
            int predicted = classChoice.Get(table, answers.Predicted[leaf]);
            double predictedTime = predicted >= 0 ? table.Time(input, predicted) : double.NaN;
            bool unsure = DecisionEvaluator.IsUnsure(answers, leaf, predictedTime, threshold);
            int defaultIndex = defaults?.IndexOf(table, input) ?? -1;
            string? defaultName = defaults?.NameOf(table, input);
            double defaultTime = defaultIndex >= 0 ? table.Time(input, defaultIndex) : double.NaN;
            double probability = answers.Ranked[leaf].Length == 0 ? double.NaN : answers.MaxProbability[leaf];
            DecisionOutcome outcome = unsure ? DecisionOutcome.Unsure : predicted == winner ? DecisionOutcome.Correct : DecisionOutcome.Wrong;
            rows.Add(new InputDecision(values, unsure ? null : table.Choices[predicted], probability, leaf, outcome, table.Choices[winner], times,
                defaultName, unsure ? double.NaN : predictedTime, bestTime, defaultTime));
        }

        return new DecisionListing(setName, featureOrder, choices, rows);
    }

    // Numbers as Python's str() writes the logged ints (and floats); categories as logged.
    private static string Text(FeatureColumn? column, int input)
    {
        if (column is null) return string.Empty;
        if (column.IsCategorical)
        {
            int code = column.Codes![input];
            return code < 0 ? string.Empty : column.Categories![code];
        }

        double v = column.Numbers![input];
        return v == Math.Floor(v) && Math.Abs(v) < 9e15 ? PythonFormat.Str((long)v) : PythonFormat.Str(v);
    }
}
