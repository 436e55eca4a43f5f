using System;
using System.Linq;
using System.Threading;
using AutoHeuristic.Analyzers.Analysis;
using AutoHeuristic.Analyzers.Logs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;

namespace AutoHeuristic.Analyzers.Tests.Infrastructure;

/// <summary>
/// Test sources compiled against the runtime (no logs) with the <see cref="ProgramIndex"/> the
/// checks would get, so one analysis (summaries, callers, names, features) can be asked directly.
/// </summary>
internal sealed class IndexedProgram
{
    private IndexedProgram(CSharpCompilation compilation, ProgramIndex index)
    {
        Compilation = compilation;
        Index = index;
    }

    public CSharpCompilation Compilation { get; }

    public ProgramIndex Index { get; }

    /// <summary>Compiles <paramref name="sources"/> (files /src/File0.cs, /src/File1.cs, …); fails on a compile error.</summary>
    public static IndexedProgram Of(params string[] sources)
    {
        var trees = sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, path: "/src/File" + i + ".cs")).ToArray();
        var compilation = CSharpCompilation.Create("Probe", trees, Verify.RuntimeReferences, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.That(errors, Is.Empty, "the test source must compile");
        KnownSymbols known = KnownSymbols.Create(compilation) ?? throw new InvalidOperationException("AHContext is not referenced.");
        return new IndexedProgram(compilation, new ProgramIndex(known, compilation, Array.Empty<TrainingLog>(), new LogValueSource(null), CancellationToken.None));
    }

    /// <summary>The one method <paramref name="type"/>.<paramref name="name"/>.</summary>
    public IMethodSymbol Method(string type, string name) =>
        (IMethodSymbol)(Compilation.GetTypeByMetadataName(type) ?? throw new ArgumentException("No type " + type)).GetMembers(name).Single();

    /// <summary>The summary of <paramref name="type"/>.<paramref name="name"/>.</summary>
    public MethodSummary Summary(string type, string name) =>
        Index.Summaries.Of(Method(type, name)) ?? throw new ArgumentException("No summary of " + type + "." + name);
}
