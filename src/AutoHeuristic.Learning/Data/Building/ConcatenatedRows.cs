using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoHeuristic.Learning.Logs;

namespace AutoHeuristic.Learning.Data.Building;

/// <summary>
/// The rows of one or more logs that share metadata, one after the other: each feature as numbers
/// or as category codes shared by all the logs, each row's choice as an index into
/// <see cref="Choices"/> (sorted, scikit-learn's class order) and its feedback.
/// </summary>
internal sealed class ConcatenatedRows
{
    private ConcatenatedRows(LogColumns first, int count, int skippedRows, double[][] numbers, bool[] hasFloat, int[][] codes, List<string>[] categoryTexts, string[] choices, int[] choice, double[] feedback)
    {
        FeatureNames = first.FeatureNames;
        IsCategorical = first.IsCategorical;
        Count = count;
        SkippedRows = skippedRows;
        Numbers = numbers;
        HasFloat = hasFloat;
        Codes = codes;
        CategoryTexts = categoryTexts;
        Choices = choices;
        Choice = choice;
        Feedback = feedback;
    }

    /// <summary>The logged features, in the logs' order.</summary>
    public string[] FeatureNames { get; }

    /// <summary>Per feature, whether it is categorical.</summary>
    public bool[] IsCategorical { get; }

    /// <summary>Rows of all the logs.</summary>
    public int Count { get; }

    /// <summary>Rows the log reader skipped, of all the logs.</summary>
    public int SkippedRows { get; }

    /// <summary>Per numerical feature, its value per row (null for a categorical feature).</summary>
    public double[][] Numbers { get; }

    /// <summary>Per numerical feature, whether any log wrote a value of it with a fraction.</summary>
    public bool[] HasFloat { get; }

    /// <summary>Per categorical feature, its code per row into <see cref="CategoryTexts"/> (null for a numerical feature).</summary>
    public int[][] Codes { get; }

    /// <summary>Per categorical feature, its distinct logged texts in order of first appearance.</summary>
    public List<string>[] CategoryTexts { get; }

    /// <summary>The choices of all the logs, sorted ordinally.</summary>
    public string[] Choices { get; }

    /// <summary>Per row, its choice as an index into <see cref="Choices"/>.</summary>
    public int[] Choice { get; }

    /// <summary>Per row, its feedback (the measured time; inf for a failed run).</summary>
    public double[] Feedback { get; }

    /// <summary>Concatenates the rows of <paramref name="logs"/>, mapping each log's codes to global ones.</summary>
    [MethodImpl(HotPath.Optimized)]
    public static ConcatenatedRows Of(IReadOnlyList<ParsedLog> logs)
    {
        LogColumns first = logs[0].Columns!;
        int featureCount = first.FeatureNames.Length;
        int n = 0, skipped = 0;
        foreach (ParsedLog log in logs)
        {
            n += log.RowCount;
            skipped += log.SkippedRows;
        }

        var numbers = new double[featureCount][];
        var hasFloat = new bool[featureCount];
        var codes = new int[featureCount][];
        var texts = new List<string>[featureCount];
        var textIndex = new Dictionary<string, int>[featureCount];
        for (int f = 0; f < featureCount; f++)
        {
            if (first.IsCategorical[f])
            {
                codes[f] = new int[n];
                texts[f] = new List<string>();
                textIndex[f] = new Dictionary<string, int>(StringComparer.Ordinal);
            }
            else
            {
                numbers[f] = new double[n];
            }
        }

        var choiceNamesSeen = new List<string>();
        var choiceIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var choice = new int[n];
        var feedback = new double[n];
        int offset = 0;
        foreach (ParsedLog log in logs)
        {
            LogColumns c = log.Columns!;
            int rows = c.RowCount;
            for (int f = 0; f < featureCount; f++)
            {
                if (c.IsCategorical[f])
                {
                    var map = new int[c.CategoryTexts[f].Count];
                    for (int k = 0; k < map.Length; k++) map[k] = Intern(texts[f], textIndex[f], c.CategoryTexts[f][k]);
                    int[] src = c.CategoryCodes[f];
                    int[] dst = codes[f];
                    for (int r = 0; r < rows; r++) dst[offset + r] = map[src[r]];
                }
                else
                {
                    Array.Copy(c.Numbers[f], 0, numbers[f], offset, rows);
                    hasFloat[f] |= c.NumericHasFloat[f];
                }
            }

            var choiceMap = new int[c.ChoiceNames.Count];
            for (int k = 0; k < choiceMap.Length; k++) choiceMap[k] = Intern(choiceNamesSeen, choiceIndex, c.ChoiceNames[k]);
            for (int r = 0; r < rows; r++) choice[offset + r] = choiceMap[c.ChoiceCodes[r]];
            Array.Copy(c.Feedback, 0, feedback, offset, rows);
            offset += rows;
        }

        // Choices in scikit-learn's class order (sorted), remapped.
        string[] choices = choiceNamesSeen.ToArray();
        Array.Sort(choices, StringComparer.Ordinal);
        var toSorted = new int[choices.Length];
        for (int k = 0; k < choiceNamesSeen.Count; k++) toSorted[k] = Array.BinarySearch(choices, choiceNamesSeen[k], StringComparer.Ordinal);
        for (int r = 0; r < n; r++) choice[r] = toSorted[choice[r]];

        return new ConcatenatedRows(first, n, skipped, numbers, hasFloat, codes, texts, choices, choice, feedback);
    }

    private static int Intern(List<string> list, Dictionary<string, int> index, string value)
    {
        if (!index.TryGetValue(value, out int code))
        {
            code = list.Count;
            list.Add(value);
            index.Add(value, code);
        }

        return code;
    }
}
