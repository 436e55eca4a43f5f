using System;
using System.Collections.Generic;
using System.Linq;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Problems;
using AutoHeuristic.Learning.Training;
using Spectre.Console;

namespace AutoHeuristic.Cli.Reports;

/// <summary>
/// The console report of a training run, laid out like PyTorch's trainer prints it: the grid
/// table, then one table per set with every grid point sorted by right decisions, then the
/// selected model's metrics on every set. Metrics are named in words (<see cref="MetricWords"/>);
/// the JSON report keeps PyTorch's names.
/// </summary>
internal static class TrainingReport
{
    // PyTorch's per-set columns, in its order; other metrics the engine reports go to the selected-model table.
    private static readonly string[] CoreMetrics = { "correct", "wrong", "unsure", "total", "wrong_max_speedup", "wrong_gmean_speedup" };
    private static readonly string[] RegressionMetrics = { "correct", "wrong", "unsure", "total", "max_wrong_speedup", "gman_wrong_speedup" };
    private static readonly string[] TopKMetrics = { "top_k_correct", "top_k_wrong", "top_k_unsure", "wrong_max_speedup_k", "wrong_gmean_speedup_k" };

    /// <summary>Problems, errors first; info lines only when <paramref name="verbose"/>.</summary>
    public static void WriteProblems(IAnsiConsole console, IReadOnlyList<LearningProblem> problems, bool verbose)
    {
        foreach (LearningProblem p in problems.OrderByDescending(p => p.Severity))
        {
            if (p.Severity == ProblemSeverity.Info && !verbose) continue;
            string color = p.Severity switch { ProblemSeverity.Error => "red", ProblemSeverity.Warning => "yellow", _ => "grey" };
            console.MarkupLine("[" + color + "]" + Markup.Escape(p.ToString()) + "[/]");
        }
    }

    /// <summary>Everything about one heuristic: dataset, grid, per-set tables, selected model.</summary>
    /// <param name="console">Where to write.</param>
    /// <param name="h">The heuristic's result.</param>
    /// <param name="perSetTables">Whether to print PyTorch's per-set tables of every grid point.</param>
    /// <param name="ranking">Whether top-k metrics lead (ranking mode).</param>
    /// <param name="timeLabel">What the elapsed time measured.</param>
    public static void Write(IAnsiConsole console, HeuristicTrainingResult h, bool perSetTables, bool ranking, string timeLabel = "training time")
    {
        console.Write(new Rule("[bold]" + Markup.Escape(h.Name) + "[/] on " + Markup.Escape(h.Hardware.ToString())).LeftJustified());
        DatasetSummary d = h.Dataset;
        string sets = string.Join(", ", d.SetSizes.Select(s => s.Key + " " + Numbers.Int(s.Value)));
        console.MarkupLine(Markup.Escape(
            $"rows {Numbers.Int(d.Rows)} (skipped {Numbers.Int(d.SkippedRows)}), inputs {Numbers.Int(d.Inputs)}, choices {Numbers.Int(d.Choices)}; sets: {sets}"));
        // What the recipe did beyond PyTorch's base trainer, so a changed dataset is never a surprise.
        HeuristicPreset p = h.Preset;
        if (p.DefaultChoice is null && p.DefaultRule is not null) console.MarkupLine(Markup.Escape("default: " + p.DefaultRule.Description));
        if (p.UnsafeLeafSlowdown is double slowdown && p.HasDefault)
        {
            console.MarkupLine(Markup.Escape("unsafe leaves: a leaf whose choice took more than " + slowdown.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " × the default's time on a training input answers unsure"));
        }

        foreach (string excluded in p.ExcludedChoices) console.MarkupLine(Markup.Escape("excluded from the logs: " + excluded));
        if (h.Grid.Count == 0)
        {
            console.MarkupLine("[yellow]No model was trained.[/]");
            return;
        }

        console.Write(GridTable(h, ranking));
        if (perSetTables)
        {
            foreach (string set in h.SetNames) console.Write(SetTable(h, set, ranking));
        }

        if (h.Selected is { } selected)
        {
            console.MarkupLine("[bold]selected:[/] " + Markup.Escape(
                $"{Numbers.Criterion(h, selected.Point)}, max_depth {Numbers.Int(selected.Point.MaxDepth)}, min_samples_leaf {Numbers.Metric(selected.Point.MinSamplesLeaf)}, "
                + $"threshold {Numbers.Metric(selected.Threshold)}, {Numbers.Int(selected.Leaves)} leaves, depth {Numbers.Int(selected.Depth)}"));
            console.Write(SelectedTable(h, selected));
        }
        else
        {
            console.MarkupLine("[red]All learned models have too many wrong predictions, so no heuristic was generated.[/]");
        }

        console.MarkupLine(Markup.Escape($"{timeLabel} {Numbers.Seconds(h.Elapsed.TotalSeconds)} s"));
    }

    private static string Cwu(SetMetrics m, string prefix = "") =>
        Numbers.Metric(m[prefix + "correct"]) + " / " + Numbers.Metric(m[prefix + "wrong"]) + " / " + Numbers.Metric(m[prefix + "unsure"]);

    private static Table GridTable(HeuristicTrainingResult h, bool ranking)
    {
        var table = new Table().Title("grid (right / wrong / benchmark instead)").Border(TableBorder.Rounded)
            .AddColumn("").AddColumn("crit").AddColumn(new TableColumn("max_depth").RightAligned())
            .AddColumn(new TableColumn("min_samples_leaf").RightAligned()).AddColumn(new TableColumn("threshold").RightAligned())
            .AddColumn(new TableColumn("leaves").RightAligned()).AddColumn(new TableColumn("depth").RightAligned());
        string[] sets = OrderedSets(h);
        foreach (string set in sets) table.AddColumn(new TableColumn(set).RightAligned());
        if (ranking) foreach (string set in sets) table.AddColumn(new TableColumn(set + " top-k").RightAligned());
        table.AddColumn("eligible");
        for (int i = 0; i < h.Grid.Count; i++)
        {
            GridResult g = h.Grid[i];
            bool selected = i == h.SelectedIndex;
            var cells = new List<string>
            {
                selected ? "*" : string.Empty, Numbers.Criterion(h, g.Point), Numbers.Int(g.Point.MaxDepth), Numbers.Metric(g.Point.MinSamplesLeaf),
                Numbers.Metric(g.Threshold), Numbers.Int(g.Leaves), Numbers.Int(g.Depth),
            };
            foreach (string set in sets) cells.Add(g.Sets.TryGetValue(set, out SetMetrics? m) ? Cwu(m) : "-");
            if (ranking) foreach (string set in sets) cells.Add(g.Sets.TryGetValue(set, out SetMetrics? m) ? Cwu(m, "top_k_") : "-");
            cells.Add(g.Eligible ? "yes" : "no");
            table.AddRow(cells.Select(c => selected ? "[bold green]" + Markup.Escape(c) + "[/]" : Markup.Escape(c)).ToArray());
        }

        return table;
    }

    private static Table SetTable(HeuristicTrainingResult h, string set, bool ranking)
    {
        string sortKey = ranking ? "top_k_correct" : "correct";
        string[] metrics = h.Preset.Learner == LearnerKind.Regression ? RegressionMetrics
            : ranking ? CoreMetrics.Concat(TopKMetrics).ToArray() : CoreMetrics;
        var table = new Table().Title(set + " (sorted by " + MetricWords.For(sortKey) + ")").Border(TableBorder.Simple)
            .AddColumn("crit").AddColumn(new TableColumn("max_depth").RightAligned()).AddColumn(new TableColumn("min_samples_leaf").RightAligned());
        foreach (string metric in metrics) table.AddColumn(new TableColumn(MetricWords.For(metric)).RightAligned());
        // A stable sort keeps grid order among ties, as pandas' sort_values on PyTorch's table.
        var rows = h.Grid.Select((g, i) => (g, i)).Where(x => x.g.Sets.ContainsKey(set))
            .OrderByDescending(x => x.g.Sets[set][sortKey]).ThenBy(x => x.i);
        foreach (var (g, i) in rows)
        {
            var cells = new List<string> { Numbers.Criterion(h, g.Point), Numbers.Int(g.Point.MaxDepth), Numbers.Metric(g.Point.MinSamplesLeaf) };
            cells.AddRange(metrics.Select(m => Numbers.Metric(g.Sets[set][m])));
            bool selected = i == h.SelectedIndex;
            table.AddRow(cells.Select(c => selected ? "[bold green]" + Markup.Escape(c) + "[/]" : Markup.Escape(c)).ToArray());
        }

        return table;
    }

    private static Table SelectedTable(HeuristicTrainingResult h, GridResult selected)
    {
        string[] sets = OrderedSets(h);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("metric");
        foreach (string set in sets) table.AddColumn(new TableColumn(set).RightAligned());
        foreach (string metric in MetricNames(selected))
        {
            if (!h.Preset.HasDefault && MetricWords.IsAboutDefault(metric)) continue;
            var cells = new List<string> { MetricWords.For(metric) };
            cells.AddRange(sets.Select(s => selected.Sets.TryGetValue(s, out SetMetrics? m) ? Numbers.Metric(m[metric]) : "-"));
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        return table;
    }

    /// <summary>Metric names in the order the engine reports them, first appearance across sets.</summary>
    public static IReadOnlyList<string> MetricNames(GridResult g)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (SetMetrics m in g.Sets.Values)
        {
            foreach (string key in m.Values.Keys)
            {
                if (seen.Add(key)) names.Add(key);
            }
        }

        return names;
    }

    private static string[] OrderedSets(HeuristicTrainingResult h) => h.SetNames.ToArray();
}
