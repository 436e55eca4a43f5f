using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AutoHeuristic.Generator.Emit;
using AutoHeuristic.Generator.Fitting;
using AutoHeuristic.Generator.Helpers;
using AutoHeuristic.Generator.Model;
using AutoHeuristic.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoHeuristic.Generator;

/// <summary>
/// Learns a heuristic at build time: every <c>[AutoHeuristic("name")]</c> partial class gets the
/// trees learned from the training logs of that name (AdditionalFiles marked
/// <c>AutoHeuristicLog="true"</c>), one per hardware, plus <c>GetDecision</c>/<c>GetDecisionsRanked</c>
/// and registration with the run-time registry.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class AutoHeuristicGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Targets. The transform runs for each attributed class in an edited file; it returns a
        // location-free model (equal across comment and whitespace edits) plus its located diagnostics.
        IncrementalValuesProvider<TargetParseResult> parsedTargets = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                TargetParser.AutoHeuristicAttributeName,
                // Records are classes to the attribute; they are reported as unsupported rather than ignored.
                static (node, _) => node is ClassDeclarationSyntax || (node is RecordDeclarationSyntax r && !r.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword)),
                static (ctx, ct) => TargetParser.ParseSafely(ctx, ct))
            .WithTrackingName(TrackingNames.ParseTarget);
        IncrementalValuesProvider<HeuristicTarget> targets = parsedTargets
            .Select(static (r, _) => r.Target)
            .WithTrackingName(TrackingNames.Target);

        // Logs. Only AdditionalFiles with AutoHeuristicLog="true" (projects have other .txt files).
        // Each log is parsed on its own; an edit to one log re-parses only that log.
        IncrementalValuesProvider<ParsedLogSpec> logs = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => LogParser.IsTrainingLog(pair.Right.GetOptions(pair.Left)))
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(TrackingNames.SelectLogs)
            .Select(static (text, ct) => LogParser.Parse(text.Path, text.GetText(ct), ct))
            .WithTrackingName(TrackingNames.ParseLog);
        IncrementalValueProvider<ImmutableArray<ParsedLogSpec>> allLogs = logs.Collect();

        // MSBuild defaults (AutoHeuristic<Option> properties): a small equatable record.
        IncrementalValueProvider<(OptionValues Options, EquatableArray<DiagnosticInfo> Diagnostics)> buildOptions = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => OptionReader.ReadBuildProperties(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.BuildOptions);

        // One request per target: its logs (by name, sorted by path) and its resolved options.
        // Never combined with the Compilation, so unrelated edits leave requests equal.
        IncrementalValuesProvider<(HeuristicTarget Target, FitRequest Request)> requests = targets
            .Where(static t => t.CanGenerate)
            .Combine(allLogs)
            .Combine(buildOptions)
            .Select(static (x, _) => (x.Left.Left, BuildRequest(x.Left.Left, x.Left.Right, x.Right.Options)))
            .WithTrackingName(TrackingNames.BuildRequest);

        // Training, the expensive step: once per distinct request (two classes with the same name
        // and options share it), cached item by item while its request compares equal.
        IncrementalValuesProvider<(FitRequest Request, FitResult Result)> fits = requests
            .Select(static (x, _) => x.Request)
            .Collect()
            .SelectMany(static (all, _) => Distinct(all))
            .Select(static (request, ct) => (request, HeuristicFitter.Fit(request, ct)))
            .WithTrackingName(TrackingNames.Fit);

        // Pair each target with its fit; cheap, and the source output reruns only when this changes.
        IncrementalValuesProvider<GenerationSpec> specs = requests
            .Combine(fits.Collect())
            .Select(static (x, _) => new GenerationSpec(x.Left.Target, Find(x.Right, x.Left.Request)))
            .WithTrackingName(TrackingNames.Generate);
        context.RegisterSourceOutput(specs, static (spc, spec) => spc.AddSource(spec.Target.HintName, HeuristicEmitter.Emit(spec)));

        // Diagnostics, each from the step that found them. Log and fit diagnostics point into the
        // log files, so they only change with the data; declaration diagnostics carry C# locations
        // and are reported from their own output so the source output stays cached.
        context.RegisterSourceOutput(logs, static (spc, log) => Report(spc, log.Diagnostics));
        context.RegisterSourceOutput(fits, static (spc, fit) => Report(spc, fit.Result.Diagnostics));
        context.RegisterSourceOutput(buildOptions, static (spc, options) => Report(spc, options.Diagnostics));
        IncrementalValueProvider<ImmutableArray<LogName>> logNames = logs.Select(static (l, _) => LogName.Of(l)).Collect();
        context.RegisterSourceOutput(parsedTargets.Combine(logNames), static (spc, x) =>
        {
            Report(spc, x.Left.Diagnostics);
            if (LogNameCheck.Check(x.Left.Target, x.Left.AttributeLocation, x.Right) is DiagnosticInfo noLog) spc.ReportDiagnostic(noLog.ToDiagnostic());
        });
    }

    private static FitRequest BuildRequest(HeuristicTarget target, ImmutableArray<ParsedLogSpec> logs, OptionValues buildDefaults)
    {
        EquatableArray<ParsedLogSpec> named = logs
            .Where(l => string.Equals(l.HeuristicName, target.HeuristicName, StringComparison.Ordinal))
            .OrderBy(l => l.Path, StringComparer.Ordinal)
            .ToEquatableArray();
        return new FitRequest(target.HeuristicName, named, target.Options.Or(buildDefaults), target.Operations);
    }

    private static IEnumerable<FitRequest> Distinct(ImmutableArray<FitRequest> requests)
    {
        // Stable order (by name, then first appearance) keeps each request at the same position
        // between runs, which is how the driver matches items for caching.
        var seen = new HashSet<FitRequest>();
        return requests.Where(seen.Add).OrderBy(r => r.HeuristicName, StringComparer.Ordinal).ToList();
    }

    private static FitResult Find(ImmutableArray<(FitRequest Request, FitResult Result)> fits, FitRequest request)
    {
        foreach ((FitRequest Request, FitResult Result) fit in fits)
        {
            if (fit.Request.Equals(request)) return fit.Result;
        }

        return new FitResult(EquatableArray<TreeSource>.Empty, false, EquatableArray<string>.Empty, EquatableArray<DiagnosticInfo>.Empty);
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (DiagnosticInfo info in diagnostics) context.ReportDiagnostic(info.ToDiagnostic());
    }
}
