using System;
using System.Linq;
using System.Threading;
using AutoHeuristic.Features;
using AutoHeuristic.Learning.Data;
using AutoHeuristic.Learning.Logs;
using NUnit.Framework;

namespace AutoHeuristic.Learning.Tests;

/// <summary>
/// What PyTorch's pandas code decides besides the split: the one-hot column order that
/// scikit-learn's feature draws run over, and the winner among exactly equal median times.
/// </summary>
public class PyTorchLayoutTests
{
    private static InputTable Build(string text) =>
        InputTableBuilder.Build("t", new[] { LogReader.Parse("t.txt", text) }, Array.Empty<AHOperation>(), false, null, CancellationToken.None);

    [Test]
    public void One_hot_columns_follow_first_appearance_in_group_by_order()
    {
        // Inputs sort by (m, k, dtype): the first input (m = 1) is float32, then bfloat16, then float16,
        // so pandas' unique() lists float32, bfloat16, float16 while the codes are sorted texts.
        InputTable table = Build(TestLogs.Log(
            "3,8,torch.float16,a,1", "3,8,torch.float16,b,2",
            "1,8,torch.float32,a,1", "1,8,torch.float32,b,2",
            "2,8,torch.bfloat16,a,2", "2,8,torch.bfloat16,b,1"));
        var slots = new SlotMap(table);
        FeatureColumn dtype = slots.CategoricalColumns.Single();
        Assert.That(dtype.Categories, Is.EqualTo(new[] { "torch.bfloat16", "torch.float16", "torch.float32" }));
        string[] layout = slots.OneHotOrder()[0].Select(code => dtype.Categories![code]).ToArray();
        Assert.That(layout, Is.EqualTo(new[] { "torch.float32", "torch.bfloat16", "torch.float16" }));

        Trees.TrainingMatrix matrix = slots.Matrix(SampleSet.FromInputs("train", table, Enumerable.Range(0, table.Count), false), table.Choices);
        Assert.That(matrix.OneHotOrder, Is.EqualTo(slots.OneHotOrder()));
    }

    [Test]
    public void Exact_tie_winner_is_the_row_pandas_sort_puts_first()
    {
        // 18 choices c00..c17 in choice order; c03 and c14 share the fastest median. A stable sort
        // would pick c03; numpy's quicksort (pandas' sort_values) puts c14 first.
        double[] times = { 9, 8, 7, 1, 6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 1, 4, 3, 2 };
        Assert.That(NumpyArgsort.Quicksort(times)[0], Is.EqualTo(14), "fixture: numpy's order");
        string[] rows = times.Select((t, c) => FormattableString.Invariant($"5,8,torch.float16,c{c:00},{t}")).ToArray();
        InputTable table = Build(TestLogs.Log(rows));
        Assert.That(table.Choices[table.Winner[0]], Is.EqualTo("c14"));
        Assert.That(table.Speedup[0], Is.EqualTo(1.0));

        // Without a tie the fastest choice wins, wherever it sits.
        times[14] = 1.5;
        InputTable untied = Build(TestLogs.Log(times.Select((t, c) => FormattableString.Invariant($"5,8,torch.float16,c{c:00},{t}")).ToArray()));
        Assert.That(untied.Choices[untied.Winner[0]], Is.EqualTo("c03"));
    }
}
