using System;
using System.Collections.Generic;
using System.Linq;
using AutoHeuristic.Features;
using AutoHeuristic.Learning.CodeGen;
using AutoHeuristic.Learning.Model;

namespace AutoHeuristic.Cli.UseMode;

/// <summary>
/// A freshly trained <see cref="LearnedModel"/> as a <see cref="LearnedTree"/>, so it can be
/// registered in <see cref="LearnedHeuristicRegistry"/> and used at once, in-process, without
/// generating and compiling code. It is the generated class in another form: the same base (the
/// precondition on name, shared memory and capability, the feature reads that note a missing
/// feature or an unseen category), the same walk (<see cref="TreeWalk"/>), the threshold folded
/// into the leaves for decision models, null for unsafe or below-threshold leaves, and one
/// preallocated array per leaf, so a query allocates nothing. <see cref="DecisionPolicy"/> decides.
/// </summary>
public sealed class LearnedModelHeuristic : LearnedTree
{
    private readonly LearnedModel _model;
    private readonly Dictionary<Leaf, ChoiceProbability[]?> _answers = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, string[]> _knownValues = new(StringComparer.Ordinal);

    /// <summary>Wraps a decision or ranking model; <paramref name="operations"/> computes augmented features a context lacks.</summary>
    /// <exception cref="ArgumentException">The model is a regression model (those score choices; they have no leaf choices).</exception>
    public LearnedModelHeuristic(LearnedModel model, IReadOnlyList<AHOperation>? operations = null)
        : base(
            (model ?? throw new ArgumentNullException(nameof(model))).Name,
            model.Choices.ToArray(),
            model.Hardware.SharedMemory,
            model.Hardware.Capability.Major,
            model.Hardware.Capability.Minor,
            UnsureLeaves.FoldsThreshold(model) ? 0.0 : model.ConfidenceThreshold,
            operations)
    {
        _model = model;
        if (model.Kind == ModelKind.Regression)
        {
            throw new ArgumentException($"'{model.Name}' is a regression model; only decision and ranking models answer with leaf choices.", nameof(model));
        }

        foreach (Leaf leaf in model.Root.CollectLeaves())
        {
            _answers[leaf] = UnsureLeaves.AnswersUnsure(model, leaf) ? null : Answer(leaf.BestChoices);
        }

        // Logged categorical features with known training values are checked, as the generated code checks them.
        foreach (FeatureInfo feature in model.Features)
        {
            if (feature.IsCategorical && !feature.IsAugmented && feature.Categories is not null) _knownValues[feature.Name] = feature.Categories.ToArray();
        }
    }

    /// <summary>The wrapped model.</summary>
    public LearnedModel Model => _model;

    /// <inheritdoc />
    public override ChoiceProbability[]? GetBestChoices(AHContext context)
    {
        if (context is null) throw new ArgumentNullException(nameof(context));
        return _answers[TreeWalk.FindLeaf(_model.Root, new ContextInput(this, context))];
    }

    // The walk's reads, through the base class's (which note a missing feature or an unseen value).
    private readonly struct ContextInput : ITreeInput
    {
        private readonly LearnedModelHeuristic _owner;
        private readonly AHContext _context;

        public ContextInput(LearnedModelHeuristic owner, AHContext context)
        {
            _owner = owner;
            _context = context;
        }

        public double Number(string feature) => _owner.Number(_context, feature);

        public bool HasCategory(string feature, string category)
        {
            string text = _owner._knownValues.TryGetValue(feature, out string[]? seen) ? _owner.Category(_context, feature, seen) : _owner.Text(_context, feature);
            return string.Equals(text, category, StringComparison.Ordinal);
        }
    }

    // A leaf's fixed answer, built once: the decision path returns it without allocating.
    private static ChoiceProbability[] Answer(IReadOnlyList<LeafChoice> best)
    {
        var result = new ChoiceProbability[best.Count];
        for (int i = 0; i < result.Length; i++) result[i] = new ChoiceProbability(best[i].Probability, best[i].ChoiceIndex);
        return result;
    }
}
