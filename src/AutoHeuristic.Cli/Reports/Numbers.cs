using System.Globalization;

namespace AutoHeuristic.Cli.Reports;

/// <summary>Invariant number text for tables.</summary>
public static class Numbers
{
    /// <summary>A metric value: whole numbers without decimals, others with up to four, non-finite as Python writes them.</summary>
    public static string Metric(double value)
    {
        if (double.IsNaN(value)) return "-";
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        return value == System.Math.Floor(value) && System.Math.Abs(value) < 1e15
            ? value.ToString("0", CultureInfo.InvariantCulture)
            : value.ToString("0.####", CultureInfo.InvariantCulture);
    }

    /// <summary>An integer.</summary>
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The split criterion as sklearn names it; a regression tree's grid point carries a
    /// placeholder criterion, but it always minimises squared error, as sklearn's regressor.
    /// </summary>
    public static string Criterion(AutoHeuristic.Learning.Training.HeuristicTrainingResult h, AutoHeuristic.Learning.Training.GridPoint point) =>
        h.Preset.Learner == AutoHeuristic.Learning.Training.LearnerKind.Regression ? "squared_error" : point.CriterionName;

    /// <summary>Seconds with three decimals.</summary>
    public static string Seconds(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
