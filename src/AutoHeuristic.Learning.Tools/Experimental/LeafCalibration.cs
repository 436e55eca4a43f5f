using System;
using System.Collections.Generic;
using AutoHeuristic.Learning.Data;
using AutoHeuristic.Learning.Evaluation;

namespace AutoHeuristic.Learning.Experimental;

/// <summary>
/// Per-leaf confidence (experimental, <see cref="ConfidenceStrategy.CalibratedLeaves"/>). PyTorch ranks leaves by
/// their raw training purity and cuts at one probability; small pure leaves (3 of 3) then rank
/// above large, slightly mixed ones (95 of 100) and a purity of exactly 1.0 is never unsure. Here
/// each leaf's reliability is its Laplace-smoothed training purity
/// <c>(majority weight + 1) / (leaf weight + 2)</c>, which ranks a leaf by the evidence behind it.
/// Leaves are admitted from the most to the least reliable, and the cut is the one that answers
/// the most validation inputs correctly while validation wrong answers stay within the allowed
/// fraction; every other leaf becomes unsafe ("unsure"). The test set never takes part.
/// </summary>
internal static class LeafCalibration
{
    public static LeafAnswers Calibrate(LeafAnswers answers, SampleSet train, int[] trainLeaves, SampleSet val, int[] valLeaves, double allowedWrongFraction)
    {
        int nodes = answers.Tree.NodeCount;
        var score = new double[nodes];
        var isLeaf = new bool[nodes];
        for (int node = 0; node < nodes; node++)
        {
            if (!answers.Tree.IsLeaf(node)) continue;
            isLeaf[node] = true;
            double[] w = answers.Tree.ClassWeights[node];
            double total = 0;
            foreach (double x in w) total += x;
            score[node] = (w[answers.Predicted[node]] + 1.0) / (total + 2.0);
        }

        // Validation outcome per leaf if it answers.
        var valCorrect = new int[nodes];
        var valWrong = new int[nodes];
        var classChoice = new DecisionEvaluator.ClassChoiceCache(answers.Classes);
        for (int i = 0; i < val.Count; i++)
        {
            int leaf = valLeaves[i];
            if (answers.Unsafe[leaf]) continue;
            InputTable table = val.Tables[i];
            int input = val.Inputs[i];
            int predicted = classChoice.Get(table, answers.Predicted[leaf]);
            if (predicted < 0 || double.IsNaN(table.Time(input, predicted))) continue;
            if (predicted == table.Winner[input]) valCorrect[leaf]++;
            else valWrong[leaf]++;
        }

        var order = new List<int>();
        for (int node = 0; node < nodes; node++) if (isLeaf[node] && !answers.Unsafe[node]) order.Add(node);
        order.Sort((a, b) => score[a] != score[b] ? score[b].CompareTo(score[a]) : a.CompareTo(b));

        int allowed = (int)(val.Count * allowedWrongFraction);
        int bestCut = 0, bestCorrect = -1;
        int correct = 0, wrong = 0;
        for (int cut = 0; cut <= order.Count; cut++)
        {
            if (wrong <= allowed && correct > bestCorrect)
            {
                bestCorrect = correct;
                bestCut = cut;
            }

            if (cut == order.Count) break;
            correct += valCorrect[order[cut]];
            wrong += valWrong[order[cut]];
        }

        var unsafeLeaves = (bool[])answers.Unsafe.Clone();
        for (int j = bestCut; j < order.Count; j++) unsafeLeaves[order[j]] = true;
        return new LeafAnswers(answers.Tree, answers.Classes, unsafeLeaves);
    }
}
