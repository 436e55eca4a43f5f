using System.Collections.Generic;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.Data;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Trees;

namespace AutoHeuristic.Learning.Training;

/// <summary>Turns a fitted tree into the shared <see cref="LearnedModel"/> IR.</summary>
internal static class ModelConverter
{
    public static LearnedModel ToModel(string name, HardwareKey hardware, ModelKind kind, FittedTree tree, LeafAnswers? answers, double threshold, SlotMap slots, TrainingSummary summary, IReadOnlyList<string>? choices = null)
    {
        var features = new List<FeatureInfo>();
        foreach (FeatureColumn c in slots.NumericColumns) features.Add(new FeatureInfo(c.Name, false, c.IsAugmented));
        foreach (FeatureColumn c in slots.CategoricalColumns) features.Add(new FeatureInfo(c.Name, true, c.IsAugmented) { Categories = SortedCategories(c) });
        // A "tie" class (the experimental tie margin, TrainingExperiment.Relabel) is no choice: it leaves the choice list, and leaves predicting it are unsafe.
        string[] classes = answers?.Classes ?? System.Array.Empty<string>();
        int tie = System.Array.IndexOf(classes, SampleSet.TieClass);
        var classIndex = new int[classes.Length];
        var kept = new List<string>();
        for (int k = 0; k < classes.Length; k++)
        {
            classIndex[k] = k == tie ? -1 : kept.Count;
            if (k != tie) kept.Add(classes[k]);
        }

        TreeNode root = Convert(tree, 0, answers, slots, kind == ModelKind.Regression ? choices : null, classIndex);
        return new LearnedModel(name, hardware, kind, choices ?? kept, threshold, root, features, summary);
    }

    private static TreeNode Convert(FittedTree tree, int node, LeafAnswers? answers, SlotMap slots, IReadOnlyList<string>? choiceSlot, int[] classIndex)
    {
        if (tree.IsLeaf(node))
        {
            var best = new List<LeafChoice>();
            double[] weights = tree.ClassWeights[node];
            bool isUnsafe = false;
            if (answers is not null)
            {
                foreach (int k in answers.Ranked[node])
                {
                    if (classIndex[k] >= 0) best.Add(new LeafChoice(answers.Probabilities[node][k], classIndex[k]));
                }

                isUnsafe = answers.Unsafe[node] || classIndex[answers.Predicted[node]] < 0;
                weights = Keep(weights, classIndex);
            }

            return new Leaf(node, best, weights, isUnsafe, tree.Value[node]) { Samples = tree.Samples[node] };
        }

        int slot = tree.Slot[node];
        TreeNode left = Convert(tree, tree.Left[node], answers, slots, choiceSlot, classIndex);
        TreeNode right = Convert(tree, tree.Right[node], answers, slots, choiceSlot, classIndex);
        if (slot < slots.NumericCount)
        {
            return new NumericSplit(slots.NumericColumns[slot].Name, tree.Threshold[node], left, right) { Samples = tree.Samples[node] };
        }

        int categorical = slot - slots.NumericCount;
        if (categorical == slots.CategoricalColumns.Count && choiceSlot is not null)
        {
            // The regression learner's trailing slot: the choice being scored.
            return new CategoricalSplit(RegressionTrainer.ChoiceFeature, choiceSlot[tree.Category[node]], left, right) { Samples = tree.Samples[node] };
        }

        FeatureColumn column = slots.CategoricalColumns[categorical];
        return new CategoricalSplit(column.Name, column.Categories![tree.Category[node]], left, right) { Samples = tree.Samples[node] };
    }

    // The values the training data had, for the run time's unseen-value check.
    private static IReadOnlyList<string>? SortedCategories(FeatureColumn column)
    {
        if (column.Categories is null) return null;
        var sorted = new List<string>(column.Categories);
        sorted.Sort(System.StringComparer.Ordinal);
        return sorted;
    }

    private static double[] Keep(double[] weights, int[] classIndex)
    {
        int count = 0;
        foreach (int k in classIndex) if (k >= 0) count++;
        if (count == weights.Length) return weights;
        var kept = new double[count];
        for (int k = 0; k < weights.Length; k++) if (classIndex[k] >= 0) kept[classIndex[k]] = weights[k];
        return kept;
    }
}
