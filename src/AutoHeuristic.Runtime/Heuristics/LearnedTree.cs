using System;
using System.Collections.Generic;
using AutoHeuristic.Features;
using AutoHeuristic.Hardware;

namespace AutoHeuristic;

/// <summary>
/// The base of every generated tree (and of the CLI's in-memory trees): the name, choice table,
/// threshold and hardware a tree was trained for, the precondition that dispatches on them, and
/// the reads a tree's splits make. A generated tree holds only its data and its
/// <c>if</c>/<c>else</c> walk; what a decision does with the answer is <see cref="DecisionPolicy"/>'s.
/// </summary>
/// <remarks>
/// Reads never throw: a feature the context lacks (and that no augmented operation of the tree's
/// class computes), or a categorical value outside the values the training logs had, is noted on
/// the context and a stand-in value keeps the walk going; <see cref="DecisionPolicy"/> then
/// discards the answer and counts the reason (<see cref="DecisionOutcome.MissingFeature"/>,
/// <see cref="DecisionOutcome.UnseenCategory"/>). Calling <see cref="GetBestChoices"/> directly
/// returns the stand-in walk's leaf.
/// </remarks>
public abstract class LearnedTree : ILearnedHeuristic
{
    private readonly string[] _choices;
    private readonly long _sharedMemory;
    private readonly int _capabilityMajor;
    private readonly int _capabilityMinor;
    private readonly Dictionary<string, AHOperation>? _operations;

    /// <summary>Creates the tree's fixed data.</summary>
    /// <param name="name">The heuristic name in the training logs.</param>
    /// <param name="choices">The choice table; leaf entries index it.</param>
    /// <param name="sharedMemory">The shared memory per block of the hardware trained on (bytes).</param>
    /// <param name="capabilityMajor">The compute capability's major version of that hardware.</param>
    /// <param name="capabilityMinor">The compute capability's minor version of that hardware.</param>
    /// <param name="confidenceThreshold">The top probability must be greater than this (0 when the leaves apply the threshold).</param>
    /// <param name="operations">The augmented features the tree may compute when the context lacks them (the class's <c>Operations</c>); null for none.</param>
    protected LearnedTree(string name, string[] choices, long sharedMemory, int capabilityMajor, int capabilityMinor, double confidenceThreshold, IReadOnlyList<AHOperation>? operations)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        _choices = choices ?? throw new ArgumentNullException(nameof(choices));
        _sharedMemory = sharedMemory;
        _capabilityMajor = capabilityMajor;
        _capabilityMinor = capabilityMinor;
        ConfidenceThreshold = confidenceThreshold;
        if (operations is not null && operations.Count > 0)
        {
            _operations = new Dictionary<string, AHOperation>(operations.Count, StringComparer.Ordinal);
            foreach (AHOperation op in operations)
            {
                if (op is not null && !_operations.ContainsKey(op.Name)) _operations.Add(op.Name, op); // the first of equal names, as the context's table
            }
        }
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Choices => _choices;

    /// <inheritdoc />
    public double ConfidenceThreshold { get; }

    /// <summary>The hardware the tree was trained on.</summary>
    public HardwareKey Hardware => new(_sharedMemory, new DeviceCapability(_capabilityMajor, _capabilityMinor));

    /// <summary>Whether the metadata names this heuristic and the hardware it was trained on (shared memory and capability).</summary>
    public virtual bool CheckPrecondition(AHMetadata metadata, AHContext context) =>
        metadata is not null
        && string.Equals(metadata.Name, Name, StringComparison.Ordinal)
        && metadata.SharedMemory == _sharedMemory
        && metadata.DeviceCapability.Major == _capabilityMajor
        && metadata.DeviceCapability.Minor == _capabilityMinor;

    /// <inheritdoc />
    public abstract ChoiceProbability[]? GetBestChoices(AHContext context);

    /// <summary>
    /// The numeric value of <paramref name="feature"/>: the context's (added, or augmented by the
    /// caller's operations), else computed by the tree's operation of that name. Missing: NaN, noted.
    /// </summary>
    protected double Number(AHContext context, string feature) => Read(context, feature).Number;

    /// <summary>
    /// The Python <c>str()</c> text of <paramref name="feature"/> (an augmented categorical
    /// feature: its values are computed, not logged). Missing: an empty text, noted.
    /// </summary>
    protected string Text(AHContext context, string feature) => Read(context, feature).Text;

    /// <summary>
    /// The text of the logged categorical <paramref name="feature"/>, checked against
    /// <paramref name="seenValues"/> (the values the training logs had): another value is noted as
    /// unseen, because the tree's equality tests cannot tell what it means.
    /// </summary>
    protected string Category(AHContext context, string feature, string[] seenValues)
    {
        string text = Read(context, feature).Text;
        for (int i = 0; i < seenValues.Length; i++)
        {
            if (string.Equals(seenValues[i], text, StringComparison.Ordinal)) return text;
        }

        context.NoteUnseenCategory(feature, text); // after a missing feature, that first problem stays the reason
        return text;
    }

    private FeatureValue Read(AHContext context, string feature)
    {
        if (context.TryGetValue(feature, out FeatureValue value)) return value;
        if (_operations is not null && _operations.TryGetValue(feature, out AHOperation? operation)) return Compute(operation, context);
        context.NoteMissingFeature(feature);
        return Missing;
    }

    // An augmented feature the caller did not apply; when its inputs are missing, the reason names it too.
    private static FeatureValue Compute(AHOperation operation, AHContext context)
    {
        try
        {
            return operation.Evaluate(context);
        }
        catch (KeyNotFoundException e)
        {
            throw new KeyNotFoundException($"The augmented feature '{operation.Name}' cannot be computed: {e.Message}", e);
        }
    }

    // What a missing feature reads as while the walk finishes: NaN goes right at every numeric
    // split, an empty text is no category. The answer is discarded.
    private static readonly FeatureValue Missing = FeatureValue.FromText(string.Empty);
}

/// <summary>
/// The base of every generated regression tree (PyTorch's <c>LearnedHeuristicRegression</c>): it
/// scores one choice at a time (<see cref="PredictFeedback"/>); <see cref="DecisionPolicy"/>
/// compares the scores of the offered choices.
/// </summary>
public abstract class LearnedRegressionTree : LearnedTree, ILearnedRegressionHeuristic
{
    /// <summary>Creates the tree's fixed data (see <see cref="LearnedTree"/>).</summary>
    protected LearnedRegressionTree(string name, string[] choices, long sharedMemory, int capabilityMajor, int capabilityMinor, double confidenceThreshold, IReadOnlyList<AHOperation>? operations)
        : base(name, choices, sharedMemory, capabilityMajor, capabilityMinor, confidenceThreshold, operations)
    {
    }

    /// <summary>Regression trees have no leaf choices (null); the policy scores each offered choice instead.</summary>
    public sealed override ChoiceProbability[]? GetBestChoices(AHContext context) => null;

    /// <inheritdoc />
    public abstract double PredictFeedback(AHContext context, string choice);
}
