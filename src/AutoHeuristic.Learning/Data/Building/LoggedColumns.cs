using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace AutoHeuristic.Learning.Data.Building;

/// <summary>The logged features' columns for the kept inputs, in the logs' feature order.</summary>
internal static class LoggedColumns
{
    /// <summary>
    /// One column per logged feature, one value per input of <paramref name="kept"/>; categorical
    /// values as Python's <c>str()</c> of them, which <paramref name="rawTexts"/> also gets per
    /// categorical feature (null for a numerical one) for the augmented features to read.
    /// </summary>
    [MethodImpl(HotPath.Optimized)]
    public static List<FeatureColumn> Create(ConcatenatedRows rows, CategorySemantics categories, InputIndex inputs, List<int> kept, InputTable? reference, out string[][] rawTexts)
    {
        int featureCount = rows.FeatureNames.Length;
        int count = kept.Count;
        List<int> inputFirstRow = inputs.FirstRow;
        var columns = new List<FeatureColumn>();
        rawTexts = new string[featureCount][];
        for (int f = 0; f < featureCount; f++)
        {
            string featureName = rows.FeatureNames[f];
            if (rows.IsCategorical[f])
            {
                string[] text = categories.Text[f];
                int[] codes = rows.Codes[f];
                var values = new string[count];
                for (int j = 0; j < count; j++) values[j] = text[codes[inputFirstRow[kept[j]]]];
                rawTexts[f] = values;
                columns.Add(CategoricalColumns.Create(featureName, false, values, reference));
            }
            else
            {
                double[] numbers = rows.Numbers[f];
                var values = new double[count];
                for (int j = 0; j < count; j++) values[j] = numbers[inputFirstRow[kept[j]]];
                columns.Add(new FeatureColumn(featureName, false, false, values, null, null));
            }
        }

        return columns;
    }
}
