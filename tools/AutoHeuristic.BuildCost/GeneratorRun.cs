using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using AutoHeuristic.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AutoHeuristic.BuildCost;

/// <summary>
/// One build of a small project with a class asking for a heuristic, as the compiler runs it: the
/// generator (with or without the training log as an AdditionalText marked AutoHeuristicLog) and
/// then the compilation's diagnostics, which compile the generated code.
/// </summary>
internal static class GeneratorRun
{
    /// <summary>What one run took (wall clock and CPU time of the whole process, JIT threads included) and produced.</summary>
    public sealed record Outcome(double Milliseconds, double CpuMilliseconds, int GeneratedFiles, int GeneratedChars, IReadOnlyList<string> Warnings);

    /// <summary>Runs the build once; <paramref name="logPath"/> null builds without a log.</summary>
    public static Outcome Run(string heuristicName, string? logPath)
    {
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        CSharpCompilation compilation = Compile(UserClass(heuristicName));
        var texts = new List<AdditionalText>();
        if (logPath is not null) texts.Add(new FileText(logPath));

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new AutoHeuristicGenerator().AsSourceGenerator() },
            texts,
            new CSharpParseOptions(LanguageVersion.Latest),
            new LogOptions(texts.Select(t => t.Path)));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        ImmutableArray<Diagnostic> compileDiagnostics = output.GetDiagnostics();
        clock.Stop();
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;

        GeneratorDriverRunResult result = driver.GetRunResult();
        var generated = result.Results.SelectMany(r => r.GeneratedSources).ToList();
        var warnings = generatorDiagnostics.Concat(compileDiagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.Id + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
            .Distinct()
            .ToList();
        return new Outcome(clock.Elapsed.TotalMilliseconds, cpu, generated.Count, generated.Sum(g => g.SourceText.Length), warnings);
    }

    private static string UserClass(string heuristicName) =>
        "namespace Sample;\n\n/// <summary>The heuristic.</summary>\n[global::AutoHeuristic.AutoHeuristic(\"" + heuristicName + "\")]\npublic static partial class H\n{\n}\n";

    private static CSharpCompilation Compile(string source)
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .ToList();
        paths.Add(typeof(AutoHeuristic.AHContext).Assembly.Location);
        paths.Add(typeof(AutoHeuristic.Features.AHOperation).Assembly.Location);
        return CSharpCompilation.Create(
            "Consumer",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/src/H.cs") },
            paths.Distinct().Select(p => MetadataReference.CreateFromFile(p)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true));
    }

    /// <summary>A file as the compiler reads an AdditionalText: decoded when asked for.</summary>
    private sealed class FileText : AdditionalText
    {
        public FileText(string path) => Path = path;

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default)
        {
            using FileStream stream = File.OpenRead(Path);
            return SourceText.From(stream, System.Text.Encoding.UTF8, canBeEmbedded: false);
        }
    }

    /// <summary>Marks the given files as training logs (the AutoHeuristicLog item metadata).</summary>
    private sealed class LogOptions : AnalyzerConfigOptionsProvider
    {
        private readonly HashSet<string> _logs;

        public LogOptions(IEnumerable<string> logs) => _logs = new HashSet<string>(logs, StringComparer.Ordinal);

        public override AnalyzerConfigOptions GlobalOptions => Values.None;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Values.None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _logs.Contains(textFile.Path) ? Values.Log : Values.None;

        private sealed class Values : AnalyzerConfigOptions
        {
            public static readonly Values None = new(false);
            public static readonly Values Log = new(true);
            private readonly bool _isLog;

            private Values(bool isLog) => _isLog = isLog;

            public override bool TryGetValue(string key, out string value)
            {
                bool found = _isLog && key == "build_metadata.AdditionalFiles.AutoHeuristicLog";
                value = found ? "true" : string.Empty;
                return found;
            }
        }
    }
}
