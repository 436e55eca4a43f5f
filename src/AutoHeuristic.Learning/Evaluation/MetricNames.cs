namespace AutoHeuristic.Learning.Evaluation;

/// <summary>
/// Metric keys of <see cref="Model.SetMetrics"/>: PyTorch's names (<c>DecisionEvaluator.to_map</c>)
/// first, then ours.
/// </summary>
public static class MetricNames
{
    /// <summary>Decided and equal to the fastest choice.</summary>
    public const string Correct = "correct";
    /// <summary>Decided and not the fastest choice.</summary>
    public const string Wrong = "wrong";
    /// <summary>Not decided (unsafe leaf, unavailable choice, or confidence at or below the threshold).</summary>
    public const string Unsure = "unsure";
    /// <summary>Inputs evaluated.</summary>
    public const string Total = "total";
    /// <summary>Over wrong decisions: max of predicted time / best time.</summary>
    public const string WrongMaxSpeedup = "wrong_max_speedup";
    /// <summary>Over wrong decisions: geometric mean of predicted time / best time.</summary>
    public const string WrongGmeanSpeedup = "wrong_gmean_speedup";
    /// <summary>Inputs whose fastest choice is in the top-k list.</summary>
    public const string TopKCorrect = "top_k_correct";
    /// <summary>Inputs whose fastest choice is not in the top-k list, which holds a measured choice.</summary>
    public const string TopKWrong = "top_k_wrong";
    /// <summary>Over top-k misses: max of best top-k time / best time.</summary>
    public const string WrongMaxSpeedupK = "wrong_max_speedup_k";
    /// <summary>Over top-k misses: geometric mean of best top-k time / best time.</summary>
    public const string WrongGmeanSpeedupK = "wrong_gmean_speedup_k";
    /// <summary>Inputs whose top-k list holds no measured choice.</summary>
    public const string TopKUnsure = "top_k_unsure";
    /// <summary>Max of default time / predicted time (unsure counts 1.0).</summary>
    public const string MaxSpeedupOverDefault = "max_speedup_over_default";
    /// <summary>Geometric mean of default time / predicted time (unsure counts 1.0).</summary>
    public const string GmeanSpeedupOverDefault = "gmean_speedup_over_default";
    /// <summary>The smallest default time / predicted time: the worst slowdown against the default (PyTorch's name).</summary>
    public const string MaxSpeedupDefaultOverHeuristic = "max_speedup_default_over_heuristic";
    /// <summary>Decisions that differ from the default.</summary>
    public const string NonDefaultPredictions = "non_default_predictions";
    /// <summary>Decisions slower than the default.</summary>
    public const string DefaultBetter = "default_better";

    /// <summary>Unsure as a percentage of total.</summary>
    public const string UnsurePercent = "unsure_pct";
    /// <summary>Wrong as a percentage of total.</summary>
    public const string WrongPercent = "wrong_pct";
    /// <summary>
    /// Wrong answers whose choice is more than 1 % slower than the best: the mistakes that cost
    /// more than measurement noise (near ties make many "wrong" answers nearly free).
    /// </summary>
    public const string WrongCostly1Percent = "wrong_costly_1pct";
    /// <summary>Wrong answers whose choice is more than 2 % slower than the best.</summary>
    public const string WrongCostly2Percent = "wrong_costly_2pct";
    /// <summary>
    /// Geometric mean over inputs of the heuristic's time / the oracle's (fastest) time, where an
    /// unsure input costs the default's time, or the oracle's when there is no default (the
    /// caller benchmarks). 1.0 is perfect.
    /// </summary>
    public const string OracleGmeanSlowdown = "oracle_gmean_slowdown";
    /// <summary>Total heuristic time / total oracle time, same conventions.</summary>
    public const string OracleTotalSlowdown = "oracle_total_slowdown";
    /// <summary>Total default time − total heuristic time, in milliseconds (inputs where both are finite).</summary>
    public const string TimeSavedVsDefaultMs = "time_saved_vs_default_ms";
    /// <summary>The same as a percentage of the total default time.</summary>
    public const string TimeSavedVsDefaultPercent = "time_saved_vs_default_pct";

    /// <summary>Time saved against always choosing <paramref name="choice"/>, in milliseconds.</summary>
    public static string TimeSavedVsChoiceMs(string choice) => "time_saved_vs_" + choice + "_ms";

    /// <summary>Time saved against always choosing <paramref name="choice"/>, as a percentage of that baseline's total.</summary>
    public static string TimeSavedVsChoicePercent(string choice) => "time_saved_vs_" + choice + "_pct";

    /// <summary>The safe threshold used (also reported per set for convenience).</summary>
    public const string Threshold = "threshold";
}
