using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace AutoHeuristic.Learning.Data.Building;

/// <summary>
/// The inputs a table keeps: those with at least two measured choices. An input whose every choice
/// failed has no winner: it is left out (unless failed inputs are kept for PyTorch's labels) and
/// counted. An input whose measured choices all took exactly the same time is kept with PyTorch's
/// label (the first of the tie, as its sort puts it), so results stay PyTorch's, but counted; when
/// no input has a real winner (an all-zero log), nothing is kept: a model of such labels looks
/// perfect while deciding nothing.
/// </summary>
internal sealed class InputSelection
{
    private InputSelection(int inputCount, List<int> kept, List<int> failed, List<int> tied, int singleChoice, bool noneCarriesADecision)
    {
        InputCount = inputCount;
        Kept = kept;
        Failed = failed;
        Tied = tied;
        SingleChoice = singleChoice;
        NoneCarriesADecision = noneCarriesADecision;
    }

    /// <summary>Number of inputs before the selection.</summary>
    public int InputCount { get; }

    /// <summary>The kept inputs, in input order.</summary>
    public List<int> Kept { get; }

    /// <summary>Inputs whose every choice failed (feedback inf).</summary>
    public List<int> Failed { get; }

    /// <summary>Inputs whose measured choices all took the same finite time.</summary>
    public List<int> Tied { get; }

    /// <summary>Number of inputs with fewer than two measured choices (not all failed).</summary>
    public int SingleChoice { get; }

    /// <summary>Whether no input has a real winner, so that <see cref="Kept"/> is empty.</summary>
    public bool NoneCarriesADecision { get; }

    /// <summary>Chooses the inputs of <paramref name="medians"/> to keep.</summary>
    [MethodImpl(HotPath.Optimized)]
    public static InputSelection Choose(ChoiceMedians medians, bool keepFailedInputs)
    {
        int inputCount = medians.InputCount;
        int choiceCount = medians.ChoiceCount;
        double[] median = medians.Median;
        int[] groups = medians.Groups;
        int[] failedGroups = medians.FailedGroups;
        var kept = new List<int>();
        var failedInputs = new List<int>();
        var tiedInputs = new List<int>();
        int keptFailed = 0; // kept although every choice failed (keepFailedInputs)
        int singleChoice = 0;
        for (int i = 0; i < inputCount; i++)
        {
            if (failedGroups[i] == groups[i])
            {
                // PyTorch labels such an input anyway (the first choice its sort leaves among the infs).
                failedInputs.Add(i);
                if (keepFailedInputs && groups[i] >= 2)
                {
                    kept.Add(i);
                    keptFailed++;
                }

                continue;
            }

            int measured = 0;
            bool tied = true;
            double firstTime = double.NaN;
            long b = (long)i * choiceCount;
            for (int c = 0; c < choiceCount; c++)
            {
                double t = median[b + c];
                if (double.IsNaN(t)) continue;
                if (measured++ == 0) firstTime = t;
                else tied &= t == firstTime;
            }

            if (measured < 2) singleChoice++;
            else
            {
                if (tied && !double.IsInfinity(firstTime)) tiedInputs.Add(i);
                kept.Add(i);
            }
        }

        bool noneCarriesADecision = kept.Count == tiedInputs.Count + keptFailed;
        if (noneCarriesADecision) kept.Clear();
        return new InputSelection(inputCount, kept, failedInputs, tiedInputs, singleChoice, noneCarriesADecision);
    }
}
