using System.Threading;
using AutoHeuristic.Learning.Trees;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>
/// Our CART against the trees Debian's scikit-learn learned on the same small data sets
/// (Sklearn/generate_expected.py writes both). Same structure, thresholds, sample counts and
/// class distributions (or values), node by node in sklearn's pre-order numbering.
/// </summary>
public class SklearnComparisonTests
{
    private static readonly string[] Cases = { "gini_depth3", "entropy_depth4", "gini_leaf5", "entropy_leaf_fraction", "gini_weighted", "regression_depth3" };

    [TestCaseSource(nameof(Cases))]
    public void Tree_matches_sklearn(string name)
    {
        SklearnExpectedTree expected = SklearnExpectedTree.Load(name);
        expected.AssertMatches(CartLearner.Fit(expected.Matrix, expected.Parameters, CancellationToken.None));
    }
}
