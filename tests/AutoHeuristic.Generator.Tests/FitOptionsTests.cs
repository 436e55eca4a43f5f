using System;
using AutoHeuristic.Features;
using AutoHeuristic.Generator.Fitting;
using AutoHeuristic.Generator.Helpers;
using AutoHeuristic.Generator.Model;
using AutoHeuristic.Generator.Operations;
using AutoHeuristic.Generator.Parsing;
using AutoHeuristic.Learning.Training;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;

namespace AutoHeuristic.Generator.Tests;

/// <summary>The trainer options the generator builds for a fit inside the compiler.</summary>
public class FitOptionsTests
{
    [Test]
    public void The_generator_fits_on_one_thread()
    {
        ParsedLogSpec parsed = LogParser.Parse("pad_mm.txt", SourceText.From(string.Empty), System.Threading.CancellationToken.None);
        var request = new FitRequest("pad_mm", new[] { parsed }.ToEquatableArray(), OptionValues.None, EquatableArray<OperationSpec>.Empty);

        TrainingOptions options = HeuristicFitter.BuildOptions(request, StandardOperations.ForHeuristic("pad_mm"), Array.Empty<AHOperation>());

        Assert.That(options.Fits, Is.SameAs(FitScheduler.Sequential));
        Assert.That(options.Clock, Is.Null, "a build reads no clock");
    }

    [Test]
    public void The_generator_keeps_only_the_metrics_the_selection_and_the_summary_read()
    {
        ParsedLogSpec parsed = LogParser.Parse("pad_mm.txt", SourceText.From(string.Empty), System.Threading.CancellationToken.None);
        var request = new FitRequest("pad_mm", new[] { parsed }.ToEquatableArray(), OptionValues.None, EquatableArray<OperationSpec>.Empty);

        TrainingOptions options = HeuristicFitter.BuildOptions(request, StandardOperations.ForHeuristic("pad_mm"), Array.Empty<AHOperation>());

        Assert.That(options.KeepGridMetrics, Is.False);
        Assert.That(new TrainingOptions().KeepGridMetrics, Is.True, "the CLI's grid report keeps every set");
    }
}
