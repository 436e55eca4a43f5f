using System;
using System.Globalization;
using System.Text.RegularExpressions;
using AutoHeuristic.Formatting;

namespace AutoHeuristic.Explaining;

/// <summary>
/// How a split's test reads, for pictures and explanations: always positive. A categorical split
/// (which the tree stores as "value != category") reads "dtype is torch.float32", with "yes" on the
/// equal side; a yes/no feature reads as what it means ("n is a multiple of 32", "mat1 is
/// contiguous"), with "yes" where that holds. Numeric splits keep "m &lt;= 2048.5".
/// </summary>
public static class SplitWording
{
    private static readonly Regex Multiple = new("^([A-Za-z0-9]+)_multiple_([0-9]+)$", RegexOptions.CultureInvariant);
    private static readonly Regex Between = new("^([0-9]+)LEQ([A-Za-z0-9]+)LEQ([0-9]+)$", RegexOptions.CultureInvariant);
    private static readonly Regex Contiguous = new("^(mat[0-9])_iscontig$", RegexOptions.CultureInvariant);
    private static readonly Regex InnermostPadding = new("^(mat[0-9])_innermost_needs_padding$", RegexOptions.CultureInvariant);
    private static readonly Regex PaddedLength = new("^([A-Za-z0-9]+)_padded_length$", RegexOptions.CultureInvariant);
    private static readonly Regex Prepadded = new("^prepadded_(mat[0-9])$", RegexOptions.CultureInvariant);

    /// <summary>A numeric split's test: <c>m &lt;= 2048.5</c> (the threshold as Python's repr, the exact double compared).</summary>
    public static string NumericTest(string feature, double threshold) => feature + " <= " + PythonFormat.Str(threshold);

    /// <summary>
    /// Whether a categorical split on <paramref name="category"/> tests a yes/no feature: the
    /// category is <c>True</c> or <c>False</c> and the feature holds nothing else (an augmented
    /// feature of the standard sets, or a logged flag such as <c>mat1_iscontig</c>).
    /// <c>using_tf32</c>, which also holds <c>not_float_32</c>, is not one.
    /// </summary>
    public static bool IsYesNo(string feature, bool isAugmented, string category) =>
        category is "True" or "False"
        && (isAugmented || Contiguous.IsMatch(feature) || Prepadded.IsMatch(feature));

    /// <summary>
    /// A categorical split's positive test and which child "yes" leads to. For a yes/no feature,
    /// the statement that it holds ("n is a multiple of 32") and yes is the child where the value is
    /// <c>True</c>; otherwise "feature is category" and yes is the child where the value equals it.
    /// </summary>
    /// <returns>The test, and true when "yes" is the split's equal child (false: its not-equal child).</returns>
    public static (string Test, bool YesIsEqual) CategoricalTest(string feature, string category, bool yesNo) =>
        yesNo ? (Statement(feature, true), category == "True") : (feature + " is " + category, true);

    /// <summary>What a yes/no feature being <paramref name="holds"/> means: "n is a multiple of 32", "mat1 is not contiguous".</summary>
    public static string Statement(string feature, bool holds)
    {
        string not = holds ? string.Empty : "not ";
        Match m;
        if ((m = Multiple.Match(feature)).Success) return m.Groups[1].Value + " is " + not + "a multiple of " + m.Groups[2].Value;
        if ((m = Between.Match(feature)).Success)
        {
            string range = m.Groups[1].Value + " <= " + m.Groups[2].Value + " <= " + m.Groups[3].Value;
            return holds ? range : "not " + range;
        }

        if ((m = Contiguous.Match(feature)).Success) return m.Groups[1].Value + " is " + not + "contiguous";
        if ((m = InnermostPadding.Match(feature)).Success) return m.Groups[1].Value + "'s innermost dimension " + (holds ? "needs" : "needs no") + " padding";
        if ((m = Prepadded.Match(feature)).Success) return m.Groups[1].Value + " is " + not + "padded already";
        return feature + " is " + (holds ? "True" : "False");
    }

    /// <summary>
    /// What a numeric comparison means for a few well-known features, or null: <c>k_padded_length</c>
    /// above a threshold below 1 means "k needs padding".
    /// </summary>
    public static string? NumericHint(string feature, double threshold, bool above)
    {
        Match m = PaddedLength.Match(feature);
        if (m.Success && threshold >= 0 && threshold < 1) return m.Groups[1].Value + (above ? " needs padding" : " needs no padding");
        return null;
    }

    /// <summary>A number as an explanation shows it: integers as digits, other values as Python's repr.</summary>
    public static string Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 9e15 ? ((long)value).ToString(CultureInfo.InvariantCulture) : PythonFormat.Str(value);
}
