using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Training;

namespace AutoHeuristic.Learning.Collection;

/// <summary>One input of an adaptive collection's pool that is not measured yet.</summary>
/// <param name="Index">The input's index in the seed's sequence.</param>
/// <param name="FeatureCells">Its feature cells as a log row writes them, joined by commas (the row before <c>choice,feedback</c>).</param>
public sealed record PoolInput(int Index, string FeatureCells);

/// <summary>The inputs picked for the next round.</summary>
/// <param name="Picks">Indices into the pool list given to <see cref="AdaptivePlanner.Plan"/>, with reason and weight.</param>
/// <param name="HadModel">Whether a tree was selected on the collected data; without one every pick is uniform.</param>
/// <param name="UnsureInPool">Pool inputs the tree answered unsure (no decision); 0 without a model.</param>
public sealed record AdaptivePlan(IReadOnlyList<SampledInput> Picks, bool HadModel, int UnsureInPool);

/// <summary>
/// One round of active sampling: train on what is collected so far, score every pool input with
/// the selected tree (<see cref="AdaptiveSampler.Uncertainty"/>), and pick the next inputs with
/// <see cref="AdaptiveSampler"/> (a uniform share plus the least sure). Pure: texts in, picks out,
/// so the collector (which measures) and the offline simulation use the same rule.
/// </summary>
public sealed class AdaptivePlanner
{
    private const string PoolSetName = "pool";
    private const string PickedSetName = "picked";

    /// <summary>Creates the planner.</summary>
    /// <param name="uniformShare">Share of each round drawn uniformly at random (0 to 1).</param>
    /// <param name="seed">Seed of the picks; round r uses <c>seed · 1000 + r</c>, so a resumed collection picks the same.</param>
    /// <param name="allowedWrongFraction">
    /// The validation wrong budget of the tree that scores the pool (e.g. 0.03). Looser than PyTorch's
    /// 1 % so that a tree exists from about a thousand inputs on; it only steers sampling, the final
    /// heuristic is trained with the user's settings.
    /// </param>
    /// <param name="fits">How the grid's trees are fitted (null: one after another on the calling thread; a tool passes a parallel scheduler).</param>
    public AdaptivePlanner(double uniformShare, int seed, double allowedWrongFraction, FitScheduler? fits = null)
    {
        if (double.IsNaN(uniformShare) || uniformShare < 0 || uniformShare > 1)
            throw new ArgumentOutOfRangeException(nameof(uniformShare), uniformShare, "The uniform share must be between 0 and 1.");
        if (double.IsNaN(allowedWrongFraction) || allowedWrongFraction < 0 || allowedWrongFraction > 1)
            throw new ArgumentOutOfRangeException(nameof(allowedWrongFraction), allowedWrongFraction, "The allowed wrong share must be between 0 and 1.");
        UniformShare = uniformShare;
        Seed = seed;
        AllowedWrongFraction = allowedWrongFraction;
        _fits = fits;
    }

    private readonly FitScheduler? _fits;

    /// <summary>Share of each round drawn uniformly.</summary>
    public double UniformShare { get; }

    /// <summary>Seed of the picks.</summary>
    public int Seed { get; }

    /// <summary>Validation wrong budget of the scoring tree.</summary>
    public double AllowedWrongFraction { get; }

    /// <summary>
    /// Picks <paramref name="count"/> inputs of <paramref name="pool"/> for round <paramref name="round"/>.
    /// The inputs collected so far come in two parts (PyTorch's log format each): the ones drawn
    /// uniformly, split into train, validation and test as usual, and the ones earlier rounds picked
    /// as unsure, which only train, so the scoring tree is selected on the natural input mix rather
    /// than on enriched validation data.
    /// </summary>
    /// <param name="uniformLog">The uniformly drawn inputs collected so far, or null before the first round: then every pick is uniform.</param>
    /// <param name="pickedLog">The inputs picked as unsure so far (training only), or null.</param>
    /// <param name="choices">The heuristic's choices (the pool log gets one row per choice).</param>
    /// <param name="pool">The inputs not measured yet.</param>
    /// <param name="count">Inputs to pick.</param>
    /// <param name="round">The round number (0 for the first).</param>
    /// <param name="cancellationToken">Stops training.</param>
    public AdaptivePlan Plan(string? uniformLog, string? pickedLog, IReadOnlyList<string> choices, IReadOnlyList<PoolInput> pool, int count, int round, CancellationToken cancellationToken = default)
    {
        if (choices is null || choices.Count < 2) throw new ArgumentException("A decision needs at least two choices.", nameof(choices));
        if (pool is null) throw new ArgumentNullException(nameof(pool));
        int seed = unchecked(Seed * 1000 + round);
        double[] uncertainty = Enumerable.Repeat(2.0, pool.Count).ToArray();
        DecisionListing? decisions = uniformLog is null ? null : ScorePool(uniformLog, pickedLog, choices, pool, cancellationToken);
        if (decisions is null)
            return new AdaptivePlan(new AdaptiveSampler(1.0, seed).Select(uncertainty, count), false, 0);

        var byCells = new Dictionary<string, InputDecision>(StringComparer.Ordinal);
        foreach (InputDecision d in decisions.Inputs) byCells[string.Join(",", d.FeatureValues)] = d;
        int unsure = 0;
        for (int i = 0; i < pool.Count; i++)
        {
            // An input the trainer left out of the listing (it never should for the pool's distinct
            // dummy times) stays at the highest score: measuring it is the safe side.
            if (!byCells.TryGetValue(pool[i].FeatureCells, out InputDecision? d)) continue;
            uncertainty[i] = AdaptiveSampler.Uncertainty(d.Decision is not null, d.Probability);
            if (d.Decision is null) unsure++;
        }

        return new AdaptivePlan(new AdaptiveSampler(UniformShare, seed).Select(uncertainty, count), true, unsure);
    }

    /// <summary>The pool as a log of the collected log's format: the same two header lines, one row per choice with distinct dummy times.</summary>
    public static string PoolLog(string collectedLog, IReadOnlyList<string> choices, IReadOnlyList<PoolInput> pool)
    {
        int first = collectedLog.IndexOf('\n');
        int second = first < 0 ? -1 : collectedLog.IndexOf('\n', first + 1);
        if (second < 0) throw new FormatException("The collected log has no header lines to copy.");
        var text = new StringBuilder(collectedLog, 0, second + 1, (second + 1) + pool.Count * choices.Count * 96);
        foreach (PoolInput input in pool)
        {
            for (int c = 0; c < choices.Count; c++)
            {
                // Distinct times so no input is an all-tied one the trainer would treat specially.
                text.Append(input.FeatureCells).Append(',').Append(choices[c]).Append(',').Append(c + 1).Append('\n');
            }
        }

        return text.ToString();
    }

    private DecisionListing? ScorePool(string collectedLog, string? pickedLog, IReadOnlyList<string> choices, IReadOnlyList<PoolInput> pool, CancellationToken cancellationToken)
    {
        if (pool.Count == 0) return null;
        ParsedLog collected = LogReader.Parse("collected", collectedLog);
        ParsedLog poolLog = LogReader.Parse(PoolSetName, PoolLog(collectedLog, choices, pool));
        var options = new TrainingOptions
        {
            ExtraData = pickedLog is null
                ? new[] { new ExtraDataSet(PoolSetName, new[] { poolLog }) }
                : new[] { new ExtraDataSet(PoolSetName, new[] { poolLog }), new ExtraDataSet(PickedSetName, new[] { LogReader.Parse(PickedSetName, pickedLog) }) { TrainingCopies = 1 } },
            KeepDecisions = true,
            AllowedWrongFraction = AllowedWrongFraction,
        };
        if (_fits is not null) options = options with { Fits = _fits };
        TrainingResult result = HeuristicTrainer.Train(new[] { collected }, options, cancellationToken);
        HeuristicTrainingResult? heuristic = result.Heuristics.FirstOrDefault();
        if (heuristic?.Selected is null) return null;
        return heuristic.Decisions.TryGetValue(PoolSetName, out DecisionListing? listing) ? listing : null;
    }
}
