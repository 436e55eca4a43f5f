using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AutoHeuristic.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace AutoHeuristic.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="AutoHeuristicUsageAnalyzer"/> (and fixes) on test sources compiled against the
/// real AutoHeuristic runtime assembly, with training logs as AdditionalFiles carrying
/// <c>AutoHeuristicLog=true</c> through a global analyzer config, as the MSBuild props set it.
/// </summary>
internal static class Verify
{
    private static readonly Lazy<MetadataReference[]> References = new(CreateReferences);

    /// <summary>The framework, runtime and core references the test sources compile against.</summary>
    public static IReadOnlyList<MetadataReference> RuntimeReferences => References.Value;

    /// <summary>Checks that <paramref name="source"/> (with <c>{|ID:…|}</c> markup) gives exactly the marked diagnostics.</summary>
    public static Task AnalyzerAsync(string source, params TestLog[] logs) => AnalyzerAsync(new[] { source }, logs, Array.Empty<DiagnosticResult>());

    /// <summary>Several sources, logs and explicit expectations (for locations markup cannot mark, such as log files).</summary>
    public static Task AnalyzerAsync(IEnumerable<string> sources, IEnumerable<TestLog> logs, IEnumerable<DiagnosticResult> expected)
    {
        var test = new CSharpAnalyzerTest<AutoHeuristicUsageAnalyzer, DefaultVerifier>();
        Configure(test.TestState, sources, logs);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>Applies <typeparamref name="TFix"/> to the marked diagnostic and compares with <paramref name="fixedSource"/>.</summary>
    public static Task CodeFixAsync<TFix>(string source, string fixedSource, TestLog[] logs, int? iterations = null)
        where TFix : CodeFixProvider, new() => CodeFixAsync<AutoHeuristicUsageAnalyzer, TFix>(source, fixedSource, logs, iterations);

    /// <summary>As <see cref="CodeFixAsync{TFix}"/> with another analyzer producing the diagnostic.</summary>
    public static Task CodeFixAsync<TAnalyzer, TFix>(string source, string fixedSource, TestLog[] logs, int? iterations = null)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>();
        Configure(test.TestState, new[] { source }, logs);
        Configure(test.FixedState, new[] { fixedSource }, logs);
        if (iterations is int n) test.NumberOfFixAllIterations = n;
        return test.RunAsync(CancellationToken.None);
    }

    private static void Configure(SolutionState state, IEnumerable<string> sources, IEnumerable<TestLog> logs)
    {
        state.ReferenceAssemblies = new ReferenceAssemblies("net10.0-local");
        state.AdditionalReferences.AddRange(References.Value);
        foreach (string source in sources) state.Sources.Add(source);
        var config = new StringBuilder("is_global = true\n");
        foreach (TestLog log in logs)
        {
            state.AdditionalFiles.Add((log.Path, log.Content));
            if (log.IsMarkedAsLog) config.Append('[').Append(log.Path).Append("]\nbuild_metadata.AdditionalFiles.AutoHeuristicLog = true\n");
        }

        state.AnalyzerConfigFiles.Add(("/.globalconfig", config.ToString()));
    }

    // The test host's own framework assemblies plus the AutoHeuristic runtime and core.
    private static MetadataReference[] CreateReferences()
    {
        string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        var paths = tpa.Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) || f is "netstandard.dll" or "mscorlib.dll"))
            .ToList();
        paths.Add(typeof(AHContext).Assembly.Location);
        paths.Add(typeof(AutoHeuristic.Logs.LogMetadata).Assembly.Location);
        return paths.Distinct(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    }
}

/// <summary>An additional file for a test: a training log unless <see cref="IsMarkedAsLog"/> is false.</summary>
internal sealed record TestLog(string Path, string Content, bool IsMarkedAsLog = true)
{
    /// <summary>A log with the given metadata features, header order and rows (<c>values…,choice,feedback</c>).</summary>
    public static TestLog Create(string path, string name, string[] numerical, string[] categorical, string[] header, params string[] rows)
    {
        var sb = new StringBuilder();
        sb.Append("{\"shared_memory\": 232448, \"device_capa\": [9, 0], \"name\": \"").Append(name).Append("\", \"numerical_features\": [")
          .Append(string.Join(", ", numerical.Select(n => "\"" + n + "\""))).Append("], \"categorical_features\": [")
          .Append(string.Join(", ", categorical.Select(n => "\"" + n + "\""))).Append("]}\n");
        sb.Append(string.Join(",", header)).Append(",choice,feedback\n");
        foreach (string row in rows) sb.Append(row).Append('\n');
        return new TestLog(path, sb.ToString());
    }

    /// <summary>A small pad_mm-shaped log: m, k, n numerical, mat1_dtype categorical, choices orig/pad.</summary>
    public static TestLog PadMmSmall(string path = "/logs/pad_mm.txt", string name = "pad_mm") => Create(
        path, name,
        new[] { "m", "k", "n" }, new[] { "mat1_dtype" }, new[] { "m", "k", "n", "mat1_dtype" },
        "1024,1000,512,torch.float16,orig,0.5",
        "1024,1000,512,torch.float16,pad,0.25");
}
