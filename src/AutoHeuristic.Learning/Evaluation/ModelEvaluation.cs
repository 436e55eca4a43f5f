using System;
using System.Collections.Generic;
using AutoHeuristic.Features;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.Data;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Problems;

namespace AutoHeuristic.Learning.Evaluation;

/// <summary>
/// How <see cref="ModelEvaluator"/> builds data sets and compares decisions. Unset (null) values
/// come from the preset of the model's heuristic name, as in training
/// (<see cref="Training.HeuristicPreset.ForName"/>).
/// </summary>
public sealed record ModelEvaluationOptions
{
    /// <summary>The preset (as in training); null picks it by the logs' heuristic name.</summary>
    public Training.HeuristicPreset? Preset { get; init; }

    /// <summary>Overrides the default choice the heuristic is compared against.</summary>
    public string? DefaultChoice { get; init; }

    /// <summary>Overrides the choices always appended to top-k lists (mm: <c>extern_mm</c>).</summary>
    public IReadOnlyList<string>? AlwaysIncluded { get; init; }

    /// <summary>Overrides the always-choose-X baselines (pad_mm: <c>orig</c> and <c>pad</c>).</summary>
    public IReadOnlyList<string>? BaselineChoices { get; init; }

    /// <summary>Overrides the preset's standard operations that compute augmented features.</summary>
    public IReadOnlyList<AHOperation>? Operations { get; init; }

    /// <summary>
    /// Keep inputs whose every choice failed, labelled as PyTorch's trainer labels them (off: they are
    /// left out, as they carry no decision). On to reproduce PyTorch's counts, as training with sklearn ties does.
    /// </summary>
    public bool KeepFailedInputs { get; init; }

    /// <summary>User-defined augmented features, after the preset's operations (as in training).</summary>
    public IReadOnlyList<AHOperation> ExtraOperations { get; init; } = Array.Empty<AHOperation>();

    /// <summary>
    /// PyTorch's (disabled) measurement filter, for a model trained with it; set by the tools
    /// library's experimental options (<c>ExperimentalTrainingOptions</c>). Regression models are always
    /// evaluated on filtered measurements, as PyTorch's regression trainer trains them.
    /// </summary>
    internal bool FilterNoisyMeasurements { get; init; }

    /// <summary>Also list every input's decision (<see cref="EvaluatedSet.Decisions"/>); decision and ranking models only.</summary>
    public bool IncludeDecisions { get; init; }
}

/// <summary>
/// The outcome for one heuristic and hardware found in one evaluated set: its metrics under the
/// matching model, or why it was not evaluated.
/// </summary>
public sealed class EvaluatedSet
{
    internal EvaluatedSet(string setName, IReadOnlyList<string> files, string heuristic, HardwareKey hardware, LearnedModel? model, SetMetrics? metrics, int rows, int skippedRows, int inputs, string? notEvaluatedReason)
    {
        SetName = setName;
        Files = files;
        Heuristic = heuristic;
        Hardware = hardware;
        Model = model;
        Metrics = metrics;
        Rows = rows;
        SkippedRows = skippedRows;
        Inputs = inputs;
        NotEvaluatedReason = notEvaluatedReason;
    }

    /// <summary>The set's name.</summary>
    public string SetName { get; }

    /// <summary>The logs behind it.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The heuristic name of the logs (empty when no log was usable).</summary>
    public string Heuristic { get; }

    /// <summary>The hardware of the logs.</summary>
    public HardwareKey Hardware { get; }

    /// <summary>The model it was evaluated with, or null.</summary>
    public LearnedModel? Model { get; }

    /// <summary>Every metric the trainer reports for a set (PyTorch's names plus ours), or null when not evaluated.</summary>
    public SetMetrics? Metrics { get; }

    /// <summary>Log rows used.</summary>
    public int Rows { get; }

    /// <summary>Log rows skipped as malformed.</summary>
    public int SkippedRows { get; }

    /// <summary>Distinct inputs with at least two measured choices.</summary>
    public int Inputs { get; }

    /// <summary>Why the set was not evaluated (null when it was).</summary>
    public string? NotEvaluatedReason { get; }

    /// <summary>True when <see cref="Metrics"/> is set.</summary>
    public bool IsEvaluated => Metrics is not null;

    /// <summary>
    /// True when the logs hold rows of the model's heuristic and hardware but not one input with a
    /// winner (every input had fewer than two measured choices, failed on all, or tied): an error, not a skip.
    /// </summary>
    public bool HasNoUsableInput { get; internal init; }

    /// <summary>Every input's decision, when <see cref="ModelEvaluationOptions.IncludeDecisions"/> asked for them (null otherwise, and for regression models).</summary>
    public DecisionListing? Decisions { get; internal init; }
}

/// <summary>The outcome of <see cref="ModelEvaluator.Evaluate"/>.</summary>
public sealed class ModelEvaluationResult
{
    internal ModelEvaluationResult(IReadOnlyList<EvaluatedSet> sets, IReadOnlyList<LearningProblem> problems)
    {
        Sets = sets;
        Problems = problems;
    }

    /// <summary>One entry per (set, heuristic and hardware found in it), in the order given; a set without usable logs gets one entry saying so.</summary>
    public IReadOnlyList<EvaluatedSet> Sets { get; }

    /// <summary>Every problem of reading and grouping the logs.</summary>
    public IReadOnlyList<LearningProblem> Problems { get; }
}

/// <summary>
/// A saved model's tree routed over an <see cref="InputTable"/>: numerical splits send
/// <c>value &lt;= threshold</c> left, categorical splits compare Python <c>str()</c> texts, as the
/// trainer's routing and the generated code do.
/// </summary>
internal static class ModelRouting
{
    /// <summary>
    /// The name of a feature the tree reads that <paramref name="table"/> lacks, or null.
    /// <paramref name="choiceFeature"/> names the categorical feature that stands for the choice
    /// itself (regression models), which no log has as a column.
    /// </summary>
    public static string? MissingFeature(TreeNode root, InputTable table, string? choiceFeature = null)
    {
        var stack = new Stack<TreeNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case NumericSplit n:
                    if (Find(table, n.Feature) is not { IsCategorical: false }) return n.Feature;
                    stack.Push(n.Left);
                    stack.Push(n.Right);
                    break;
                case CategoricalSplit c:
                    if (c.Feature != choiceFeature && Find(table, c.Feature) is not { IsCategorical: true }) return c.Feature;
                    stack.Push(c.NotEqual);
                    stack.Push(c.Equal);
                    break;
            }
        }

        return null;
    }

    /// <summary>
    /// The leaf <paramref name="input"/> of <paramref name="table"/> reaches (<see cref="TreeWalk"/>);
    /// with <paramref name="choiceFeature"/> set, splits on that feature compare <paramref name="choice"/>
    /// (a regression model scores one choice at a time).
    /// </summary>
    public static Leaf LeafOf(TreeNode root, InputTable table, int input, string? choiceFeature = null, string? choice = null) =>
        TreeWalk.FindLeaf(root, new TableRow(table, input, choiceFeature, choice));

    // One input of a table as the walk reads it (every feature was checked by MissingFeature first).
    private readonly struct TableRow : ITreeInput
    {
        private readonly InputTable _table;
        private readonly int _input;
        private readonly string? _choiceFeature;
        private readonly string? _choice;

        public TableRow(InputTable table, int input, string? choiceFeature, string? choice)
        {
            _table = table;
            _input = input;
            _choiceFeature = choiceFeature;
            _choice = choice;
        }

        public double Number(string feature) => Find(_table, feature)!.Numbers![_input];

        public bool HasCategory(string feature, string category)
        {
            if (_choiceFeature is not null && feature == _choiceFeature) return string.Equals(_choice, category, StringComparison.Ordinal);
            FeatureColumn column = Find(_table, feature)!;
            int code = column.Codes![_input];
            return code >= 0 && string.Equals(column.Categories![code], category, StringComparison.Ordinal);
        }
    }

    /// <summary>The answers of every leaf, indexed by leaf id (the trainer's node index).</summary>
    public static LeafAnswers Answers(LearnedModel model)
    {
        List<Leaf> leaves = model.Root.CollectLeaves();
        int size = 0;
        foreach (Leaf leaf in leaves)
        {
            if (leaf.Id < 0) throw new InvalidOperationException($"The model '{model.Name}' has a leaf with the negative id {leaf.Id}.");
            size = Math.Max(size, leaf.Id + 1);
        }

        int classes = model.Choices.Count;
        var isUnsafe = new bool[size];
        var probabilities = new double[size][];
        var predicted = new int[size];
        var maxProbability = new double[size];
        var ranked = new int[size][];
        for (int i = 0; i < size; i++)
        {
            probabilities[i] = new double[classes];
            ranked[i] = Array.Empty<int>();
            isUnsafe[i] = true;
        }

        foreach (Leaf leaf in leaves)
        {
            // BestChoices holds the trainer's probabilities best first (ties by class index), so its
            // head is the trainer's predicted class; a leaf without one can only answer unsure.
            int id = leaf.Id;
            var order = new int[leaf.BestChoices.Count];
            for (int k = 0; k < order.Length; k++)
            {
                order[k] = leaf.BestChoices[k].ChoiceIndex;
                probabilities[id][order[k]] = leaf.BestChoices[k].Probability;
            }

            ranked[id] = order;
            isUnsafe[id] = leaf.IsUnsafe || order.Length == 0;
            predicted[id] = order.Length == 0 ? 0 : order[0];
            maxProbability[id] = order.Length == 0 ? 0 : leaf.BestChoices[0].Probability;
        }

        var names = new string[classes];
        for (int k = 0; k < classes; k++) names[k] = model.Choices[k];
        return new LeafAnswers(names, isUnsafe, probabilities, predicted, maxProbability, ranked);
    }

    private static FeatureColumn? Find(InputTable table, string name)
    {
        foreach (FeatureColumn column in table.Columns)
        {
            if (column.Name == name) return column;
        }

        return null;
    }
}
