namespace AutoHeuristic.Generator;

/// <summary>Names of the pipeline steps, for <c>WithTrackingName</c> and the incrementality tests.</summary>
public static class TrackingNames
{
    /// <summary>FAWMN transform of an [AutoHeuristic] class.</summary>
    public const string ParseTarget = nameof(ParseTarget);

    /// <summary>The location-free target (what the source output depends on).</summary>
    public const string Target = nameof(Target);

    /// <summary>AdditionalFiles filtered by the AutoHeuristicLog metadata.</summary>
    public const string SelectLogs = nameof(SelectLogs);

    /// <summary>Parsing one training log.</summary>
    public const string ParseLog = nameof(ParseLog);

    /// <summary>Reading the MSBuild defaults.</summary>
    public const string BuildOptions = nameof(BuildOptions);

    /// <summary>Building each target's fit request (its logs and resolved options).</summary>
    public const string BuildRequest = nameof(BuildRequest);

    /// <summary>Training: one run per distinct fit request.</summary>
    public const string Fit = nameof(Fit);

    /// <summary>Pairing each target with its fit, the input of the source output.</summary>
    public const string Generate = nameof(Generate);
}
