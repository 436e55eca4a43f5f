using System;
using System.Collections.Generic;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.CodeGen;
using AutoHeuristic.Learning.Model;

namespace AutoHeuristic.Cli.UseMode;

/// <summary>
/// A freshly trained <see cref="LearnedModel"/> as an <see cref="ILearnedHeuristic"/>, so it can be
/// registered in <see cref="LearnedHeuristicRegistry"/> and used at once, in-process, without
/// generating and compiling code. It answers exactly what the generated class answers
/// (<see cref="LearnedModelCSharpEmitter"/>): the same precondition (name, shared memory,
/// capability), the threshold folded into the leaves for decision models, null for unsafe or
/// below-threshold leaves, and one preallocated array per leaf, so a query allocates nothing.
/// </summary>
public sealed class LearnedModelHeuristic : ILearnedHeuristic
{
    private readonly LearnedModel _model;
    private readonly Dictionary<Leaf, ChoiceProbability[]?> _answers = new(ReferenceEqualityComparer.Instance);

    /// <summary>Wraps a decision or ranking model.</summary>
    /// <exception cref="ArgumentException">The model is a regression model (those score choices; they have no leaf choices).</exception>
    public LearnedModelHeuristic(LearnedModel model)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        if (model.Kind == ModelKind.Regression)
        {
            throw new ArgumentException($"'{model.Name}' is a regression model; only decision and ranking models answer with leaf choices.", nameof(model));
        }

        foreach (Leaf leaf in model.Root.CollectLeaves())
        {
            _answers[leaf] = LearnedModelCSharpEmitter.AnswersUnsure(leaf, model) ? null : Answer(leaf.BestChoices);
        }
    }

    /// <summary>The wrapped model.</summary>
    public LearnedModel Model => _model;

    /// <inheritdoc />
    public string Name => _model.Name;

    /// <inheritdoc />
    public IReadOnlyList<string> Choices => _model.Choices;

    /// <summary>The model's threshold, or 0 when the leaves apply it (decision models, as the generated code).</summary>
    public double ConfidenceThreshold => LearnedModelCSharpEmitter.FoldsThreshold(_model) ? 0.0 : _model.ConfidenceThreshold;

    /// <summary>The heuristic name and the hardware the model was trained on.</summary>
    public bool CheckPrecondition(AHMetadata metadata, AHContext context) =>
        metadata is not null && metadata.Name == _model.Name && metadata.Hardware == _model.Hardware;

    /// <inheritdoc />
    public ChoiceProbability[]? GetBestChoices(AHContext context)
    {
        if (context is null) throw new ArgumentNullException(nameof(context));
        TreeNode node = _model.Root;
        while (true)
        {
            switch (node)
            {
                case NumericSplit s:
                    node = context.GetValue(s.Feature).Number <= s.Threshold ? s.Left : s.Right;
                    break;
                case CategoricalSplit s:
                    node = context.GetValue(s.Feature).Text != s.Category ? s.NotEqual : s.Equal;
                    break;
                case Leaf leaf:
                    return _answers[leaf];
                default:
                    throw new InvalidOperationException("Unknown tree node " + node.GetType().Name + ".");
            }
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
