using System;

namespace AutoHeuristic.Learning.Model;

/// <summary>
/// What a tree walk reads from one input: a numeric feature, or whether a categorical feature
/// has a given Python <c>str()</c> text. A regression tree's split on the choice being scored
/// (<see cref="CodeGen.LearnedModelCSharpEmitter.ChoiceFeature"/>) is asked through
/// <see cref="HasCategory"/> too; no log column can have that name.
/// </summary>
public interface ITreeInput
{
    /// <summary>The numeric value of <paramref name="feature"/>.</summary>
    double Number(string feature);

    /// <summary>Whether the categorical <paramref name="feature"/>'s text is <paramref name="category"/>.</summary>
    bool HasCategory(string feature, string category);
}

/// <summary>
/// The one walk of a <see cref="LearnedModel"/>'s tree, shared by the evaluator, the CLI's
/// in-memory heuristics and the tests that check generated code: a numeric split sends
/// <c>value &lt;= threshold</c> left (so NaN goes right), a categorical split sends
/// <c>str(value) != category</c> left, as the trainer's routing and the generated <c>if</c>/<c>else</c> do.
/// </summary>
public static class TreeWalk
{
    /// <summary>The leaf <paramref name="input"/> reaches from <paramref name="root"/> (iterative: deep trees cannot overflow the stack).</summary>
    /// <typeparam name="TInput">A struct reader, so the walk allocates nothing.</typeparam>
    public static Leaf FindLeaf<TInput>(TreeNode root, TInput input)
        where TInput : ITreeInput
    {
        TreeNode node = root ?? throw new ArgumentNullException(nameof(root));
        while (true)
        {
            switch (node)
            {
                case Leaf leaf:
                    return leaf;
                case NumericSplit split:
                    node = input.Number(split.Feature) <= split.Threshold ? split.Left : split.Right;
                    break;
                case CategoricalSplit split:
                    node = input.HasCategory(split.Feature, split.Category) ? split.Equal : split.NotEqual;
                    break;
                default:
                    throw new InvalidOperationException("Unknown tree node " + node.GetType().Name + ".");
            }
        }
    }

    /// <summary>The leaf a feature source reaches; with <paramref name="choice"/>, a regression tree's choice splits compare it.</summary>
    public static Leaf FindLeaf(TreeNode root, Features.IFeatureSource source, string? choice = null) =>
        FindLeaf(root, new FeatureSourceInput(source, choice));

    /// <summary>Reads features from an <see cref="Features.IFeatureSource"/> (throws, naming a feature it lacks).</summary>
    public readonly struct FeatureSourceInput : ITreeInput
    {
        private readonly Features.IFeatureSource _source;
        private readonly string? _choice;

        /// <summary>Reads <paramref name="source"/>; <paramref name="choice"/> is the choice a regression tree scores (or null).</summary>
        public FeatureSourceInput(Features.IFeatureSource source, string? choice)
        {
            _source = source ?? throw new ArgumentNullException(nameof(source));
            _choice = choice;
        }

        /// <inheritdoc />
        public double Number(string feature) => Features.FeatureSourceExtensions.Get(_source, feature).Number;

        /// <inheritdoc />
        public bool HasCategory(string feature, string category) =>
            _choice is not null && feature == CodeGen.LearnedModelCSharpEmitter.ChoiceFeature
                ? string.Equals(_choice, category, StringComparison.Ordinal)
                : string.Equals(Features.FeatureSourceExtensions.Get(_source, feature).Text, category, StringComparison.Ordinal);
    }
}
