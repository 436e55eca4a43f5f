namespace AutoHeuristic;

/// <summary>
/// What went wrong while a learned tree read this context: a feature it needs is missing, or a
/// categorical value is one its training logs never had. <see cref="LearnedTree"/>'s reads note
/// the first problem here instead of throwing; <see cref="DecisionPolicy"/> clears it before
/// asking a tree and, when one was noted, answers unsure and counts the reason.
/// </summary>
public sealed partial class AHContext
{
    // None while nothing went wrong (a decision's normal path writes nothing here).
    private DecisionOutcome _readProblem = DecisionOutcome.Decided;
    private string? _problemFeature;
    private string? _problemValue;

    /// <summary>Forgets the problem of an earlier read (the policy calls this before each tree).</summary>
    internal void ClearReadProblem()
    {
        if (_readProblem != DecisionOutcome.Decided) _readProblem = DecisionOutcome.Decided;
    }

    /// <summary>Whether a read since <see cref="ClearReadProblem"/> found a problem.</summary>
    internal bool HasReadProblem => _readProblem != DecisionOutcome.Decided;

    /// <summary><see cref="DecisionOutcome.MissingFeature"/> or <see cref="DecisionOutcome.UnseenCategory"/>.</summary>
    internal DecisionOutcome ReadProblem => _readProblem;

    /// <summary>A tree needed <paramref name="feature"/>, which is neither logged nor augmented here.</summary>
    internal void NoteMissingFeature(string feature)
    {
        if (_readProblem != DecisionOutcome.Decided) return; // the first problem explains the decision
        _readProblem = DecisionOutcome.MissingFeature;
        _problemFeature = feature;
        _problemValue = null;
    }

    /// <summary>A tree compared <paramref name="feature"/>'s <paramref name="value"/>, which its training logs never had.</summary>
    internal void NoteUnseenCategory(string feature, string value)
    {
        if (_readProblem != DecisionOutcome.Decided) return;
        _readProblem = DecisionOutcome.UnseenCategory;
        _problemFeature = feature;
        _problemValue = value;
    }

    /// <summary>The noted problem in words (allocates: called only when there is one).</summary>
    internal string DescribeReadProblem() => _readProblem switch
    {
        DecisionOutcome.MissingFeature => $"the feature '{_problemFeature}' is not in the context (neither added nor an augmented feature)",
        DecisionOutcome.UnseenCategory => $"'{_problemValue}' is not a value of the categorical feature '{_problemFeature}' in the training logs",
        _ => "no problem",
    };
}
