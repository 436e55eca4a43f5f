using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Training;
using AutoHeuristic.Tests.Shared;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests.Parity;

/// <summary>
/// Trains one of PyTorch's published data sets once (<see cref="TieBreaking.Sklearn"/>,
/// <see cref="SplitMode.PyTorch"/>) and checks every grid point × set and the selected tree against
/// <c>Parity/Expected/<see cref="ExpectedFile"/></c>. Each data set's fixture adds PyTorch's own
/// numbers as literal assertions, so re-accepting the table cannot move them.
/// </summary>
public abstract class PyTorchParityFixture
{
    /// <summary>The options of every parity run: PyTorch's split and scikit-learn's tie-breaking.</summary>
    protected static readonly TrainingOptions SklearnTies = new() { Split = SplitMode.PyTorch, TieBreaking = TieBreaking.Sklearn };

    private HeuristicTrainingResult? result;

    /// <summary>The one training run of this fixture.</summary>
    protected HeuristicTrainingResult Result => result ?? throw new System.InvalidOperationException("Training did not run.");

    /// <summary>The selected grid point.</summary>
    protected GridResult Selected => Result.Selected ?? throw new AssertionException("No grid point was selected.");

    /// <summary>The checked-in table's file name under <c>Parity/Expected</c>.</summary>
    protected abstract string ExpectedFile { get; }

    /// <summary>The table's header: where its numbers come from.</summary>
    protected abstract IEnumerable<string> Provenance { get; }

    /// <summary>Reads the data set and trains it.</summary>
    protected abstract HeuristicTrainingResult Train();

    /// <summary>Reads <paramref name="entry"/> of PyTorch's <paramref name="zip"/>; skips (or fails) without ../shared/data.</summary>
    protected static ParsedLog Read(string zip, string entry) =>
        LogReader.Parse(entry, PyTorchData.Unzip(TestRepository.PyTorchData(), zip, entry));

    /// <summary>(correct, wrong, unsure) of a set.</summary>
    protected static (double Correct, double Wrong, double Unsure) Counts(SetMetrics m) =>
        (m[Evaluation.MetricNames.Correct], m[Evaluation.MetricNames.Wrong], m[Evaluation.MetricNames.Unsure]);

    /// <summary>A grid point's result.</summary>
    protected GridResult Point(SplitCriterion criterion, int maxDepth, double minSamplesLeaf) =>
        Result.Grid.Single(g => g.Point == new GridPoint(criterion, maxDepth, minSamplesLeaf));

    [OneTimeSetUp]
    public void TrainOnce() => result = Train();

    [Test]
    public void Every_grid_point_and_set_equals_the_expected_values() =>
        ParityTable.Match(ParityTable.Write(Result, Provenance), ExpectedFile);

    [Test]
    public void The_selected_tree_equals_the_expected_tree_node_for_node()
    {
        LearnedModel model = Result.Model ?? throw new AssertionException("No model was selected.");
        string expectedPath = Path.Combine(ExpectedFolder(), ExpectedFile);
        string[] selectedRow = File.ReadAllLines(expectedPath)
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .First(cells => cells[4] == "yes");
        string actual = TreeFingerprint.Hash(model.Root, model.Choices);
        if (actual != selectedRow[^1]) File.WriteAllText(expectedPath + ".tree.received", TreeFingerprint.Describe(model.Root, model.Choices));
        Assert.That(actual, Is.EqualTo(selectedRow[^1]), "The selected tree differs (its nodes were written to " + expectedPath + ".tree.received).");
        Assert.That((Selected.Point.CriterionName, Selected.Point.MaxDepth, Selected.Point.MinSamplesLeaf), Is.EqualTo((selectedRow[0], int.Parse(selectedRow[1], System.Globalization.CultureInfo.InvariantCulture), double.Parse(selectedRow[2], System.Globalization.CultureInfo.InvariantCulture))));
    }

    private static string ExpectedFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.Combine(Path.GetDirectoryName(path)!, "Expected");
}
