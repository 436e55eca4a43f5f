using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Threading;
using AutoHeuristic.Generator;
using AutoHeuristic.Hostile.Tests.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AutoHeuristic.Hostile.Tests.Probes;

/// <summary>
/// The source generator as a build runs it: the log's bytes decoded the way the C# compiler decodes
/// an AdditionalFile, an <c>[AutoHeuristic]</c> class asking for the log's name, the output compiled
/// with warnings counted (user projects build with warnings as errors) and loaded to read the trees.
/// </summary>
internal static class GeneratorProbe
{
    private const string LogKey = "build_metadata.AdditionalFiles.AutoHeuristicLog";

    public static ProbeResult Run(CorpusLog log)
    {
        try
        {
            string source = "namespace Hostile;\n\n[global::AutoHeuristic.AutoHeuristic(" + Literal(log.HeuristicName) + ")]\npublic static partial class ToyHeuristic\n{\n}\n";
            CSharpCompilation input = CSharpCompilation.Create(
                "Consumer",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/src/ToyHeuristic.cs") },
                References.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var text = new BytesAdditionalText("/project/heuristics/toy.txt", log.Bytes);
            GeneratorDriver driver = CSharpGeneratorDriver.Create(
                new[] { new AutoHeuristicGenerator().AsSourceGenerator() },
                new AdditionalText[] { text },
                new CSharpParseOptions(LanguageVersion.Latest),
                new LogOptions(text.Path));
            driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);

            Diagnostic? failure = generatorDiagnostics.FirstOrDefault(d => d.Id is "CS8784" or "CS8785" || d.Id.StartsWith("AD", StringComparison.Ordinal));
            if (failure is not null) return new ProbeResult(Verdict.Crash, failure.ToString());

            // Anything the generated code makes the compiler say breaks a warnings-as-errors build.
            Diagnostic? compile = output.GetDiagnostics().FirstOrDefault(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath != "/src/ToyHeuristic.cs");
            if (compile is not null) return new ProbeResult(Verdict.Crash, "generated code: " + compile);

            IReadOnlyList<string>? choices = TreeChoices(output);
            Diagnostic? warning = generatorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).OrderBy(d => d.Id, StringComparer.Ordinal).FirstOrDefault();
            if (choices is null)
            {
                if (warning is null) return new ProbeResult(Verdict.SilentWrong, "no tree and no diagnostic");
                return new ProbeResult(warning.Location.Kind == LocationKind.ExternalFile ? Verdict.CleanError : Verdict.SilentWrong, warning.ToString());
            }

            return warning is null ? new ProbeResult(Verdict.Ok, "tree generated", choices) : new ProbeResult(Verdict.Warned, warning.ToString(), choices);
        }
        catch (Exception e)
        {
            return new ProbeResult(Verdict.Crash, e.GetType().Name + ": " + e.Message);
        }
    }

    // The choices of the first generated tree, or null when no tree was learned.
    private static IReadOnlyList<string>? TreeChoices(Compilation output)
    {
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        if (!emitted.Success) throw new InvalidOperationException("The generated code does not compile: " + emitted.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error));
        stream.Position = 0;
        var context = new AssemblyLoadContext("hostile-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        try
        {
            Assembly assembly = context.LoadFromStream(stream);
            var trees = (IReadOnlyList<ILearnedHeuristic>)assembly.GetType("Hostile.ToyHeuristic")!.GetProperty("Trees")!.GetValue(null)!;
            return trees.Count == 0 ? null : trees[0].Choices.ToList();
        }
        finally
        {
            context.Unload();
        }
    }

    private static string Literal(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in value) sb.Append(c is '"' or '\\' || c < 0x20 || c > 0x7E ? "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString());
        return sb.Append('"').ToString();
    }

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .ToList();
        paths.Add(typeof(AHContext).Assembly.Location);
        paths.Add(typeof(AutoHeuristic.Features.AHOperation).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    });

    /// <summary>
    /// An AdditionalFile read from bytes as the command-line compiler reads it: strict UTF-8 first,
    /// a byte order mark decides UTF-16/32, and text that is not UTF-8 falls back to a code page
    /// (Roslyn's internal EncodedStringText, reached by reflection so the probe decodes exactly as a build does).
    /// </summary>
    private sealed class BytesAdditionalText : AdditionalText
    {
        private static readonly MethodInfo Create = typeof(SourceText).Assembly.GetType("Microsoft.CodeAnalysis.Text.EncodedStringText", throwOnError: true)!
            .GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
            .First(m => m.Name == "Create" && m.GetParameters().Length > 0 && m.GetParameters()[0].ParameterType == typeof(Stream));

        private readonly SourceText _text;

        public BytesAdditionalText(string path, byte[] bytes)
        {
            Path = path;
            ParameterInfo[] parameters = Create.GetParameters();
            object?[] arguments = new object?[parameters.Length];
            arguments[0] = new MemoryStream(bytes, writable: false);
            for (int i = 1; i < parameters.Length; i++) arguments[i] = parameters[i].HasDefaultValue ? parameters[i].DefaultValue : null;
            _text = (SourceText)Create.Invoke(null, arguments)!;
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class LogOptions : AnalyzerConfigOptionsProvider
    {
        private readonly string _logPath;

        public LogOptions(string logPath) => _logPath = logPath;

        public override AnalyzerConfigOptions GlobalOptions => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => textFile.Path == _logPath ? Options.Log : Options.Empty;

        private sealed class Options : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(false);
            public static readonly Options Log = new(true);
            private readonly bool _isLog;

            private Options(bool isLog) => _isLog = isLog;

            public override bool TryGetValue(string key, out string value)
            {
                value = _isLog && key == LogKey ? "true" : string.Empty;
                return _isLog && key == LogKey;
            }
        }
    }
}
