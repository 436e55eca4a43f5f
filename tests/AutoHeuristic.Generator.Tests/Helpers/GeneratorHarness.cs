using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AutoHeuristic.Generator.Tests.Helpers;

/// <summary>An AdditionalText backed by a string.</summary>
internal sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly SourceText _text;

    public InMemoryAdditionalText(string path, string text)
    {
        Path = path;
        _text = SourceText.From(text, System.Text.Encoding.UTF8);
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>Analyzer config options: global MSBuild properties and per-file item metadata.</summary>
internal sealed class TestOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly DictionaryOptions _global;
    private readonly Dictionary<string, DictionaryOptions> _perFile;

    public TestOptionsProvider(IReadOnlyDictionary<string, string> global, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> perFile)
    {
        _global = new DictionaryOptions(global);
        _perFile = perFile.ToDictionary(kv => kv.Key, kv => new DictionaryOptions(kv.Value));
    }

    public override AnalyzerConfigOptions GlobalOptions => _global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => DictionaryOptions.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        _perFile.TryGetValue(textFile.Path, out DictionaryOptions? options) ? options : DictionaryOptions.Empty;

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        public static readonly DictionaryOptions Empty = new(new Dictionary<string, string>());
        private readonly IReadOnlyDictionary<string, string> _values;

        public DictionaryOptions(IReadOnlyDictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, out string value)
        {
            bool found = _values.TryGetValue(key, out string? v);
            value = v ?? string.Empty;
            return found;
        }
    }
}

/// <summary>Builds compilations, runs the generator with step tracking, and loads the result.</summary>
internal static class GeneratorHarness
{
    public const string LogMetadata = "build_metadata.AdditionalFiles.AutoHeuristicLog";

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .ToList();
        paths.Add(typeof(AutoHeuristic.AHContext).Assembly.Location);
        paths.Add(typeof(AutoHeuristic.Features.AHOperation).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    });

    /// <summary>The path of a file under TestData.</summary>
    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    /// <summary>A training log as the build gives it to the compiler (marked AutoHeuristicLog).</summary>
    public static (AdditionalText Text, bool IsLog) Log(string path, string content) => (new InMemoryAdditionalText(path, content), true);

    /// <summary>A compilation of <paramref name="sources"/> against the runtime.</summary>
    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest), path: "/src/File" + i + ".cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true));

    /// <summary>An options provider for <paramref name="texts"/> (marked ones are logs) and MSBuild properties.</summary>
    public static TestOptionsProvider Options(IEnumerable<(AdditionalText Text, bool IsLog)> texts, IReadOnlyDictionary<string, string>? buildProperties = null) =>
        new(buildProperties ?? new Dictionary<string, string>(),
            texts.Where(t => t.IsLog).ToDictionary(t => t.Text.Path, _ => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { [LogMetadata] = "true" }));

    /// <summary>A driver with step tracking on.</summary>
    public static GeneratorDriver CreateDriver(IEnumerable<(AdditionalText Text, bool IsLog)> texts, IReadOnlyDictionary<string, string>? buildProperties = null)
    {
        var list = texts.ToList();
        return CSharpGeneratorDriver.Create(
            new[] { new AutoHeuristicGenerator().AsSourceGenerator() },
            list.Select(t => t.Text),
            new CSharpParseOptions(LanguageVersion.Latest),
            Options(list, buildProperties),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>Runs the generator once and returns the updated compilation, its diagnostics and the run result.</summary>
    public static (Compilation Output, ImmutableArray<Diagnostic> Diagnostics, GeneratorDriver Driver) Run(Compilation input, IEnumerable<(AdditionalText Text, bool IsLog)> texts, IReadOnlyDictionary<string, string>? buildProperties = null)
    {
        GeneratorDriver driver = CreateDriver(texts, buildProperties).RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return (output, diagnostics, driver);
    }

    /// <summary>The generated sources of the last run, by hint name.</summary>
    public static IReadOnlyDictionary<string, string> GeneratedSources(GeneratorDriver driver) =>
        driver.GetRunResult().Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>Emits <paramref name="compilation"/> and loads it into a collectible context; fails the test on compile errors.</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException("The generated code does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        stream.Position = 0;
        var context = new AssemblyLoadContext("generated-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        return context.LoadFromStream(stream);
    }
}
