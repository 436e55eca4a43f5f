using System;
using System.IO;
using System.Linq;
using System.Reflection;
using AutoHeuristic.Tests.Shared;
using NUnit.Framework;

namespace AutoHeuristic.Generator.Tests;

/// <summary>
/// What the compiler loads stays lean: the generator's assemblies reference no tools library, and
/// the banned-API analyzer has no exceptions left in them, so it proves they do no file I/O, read
/// no clock and start no threads.
/// </summary>
public class CompilerLoadedAssemblyTests
{
    private static readonly string[] CompilerLoadedProjects = { "AutoHeuristic.Core", "AutoHeuristic.Learning", "AutoHeuristic.Generator", "AutoHeuristic.Analyzers" };

    [Test]
    public void The_generator_loads_only_Core_and_the_build_time_learning_library()
    {
        Assembly generator = typeof(AutoHeuristicGenerator).Assembly;
        Assembly learning = typeof(Learning.HeuristicTrainer).Assembly;

        string[] generatorReferences = OwnReferences(generator);
        string[] learningReferences = OwnReferences(learning);

        Assert.That(generatorReferences, Is.EquivalentTo(new[] { "AutoHeuristic.Core", "AutoHeuristic.Learning" }));
        Assert.That(learningReferences, Is.EquivalentTo(new[] { "AutoHeuristic.Core" }));
    }

    [Test]
    public void No_compiler_loaded_source_disables_the_banned_api_check()
    {
        foreach (string project in CompilerLoadedProjects)
        {
            string folder = Path.Combine(TestRepository.Root, "src", project);
            var fenced = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .Where(f => File.ReadAllText(f).Contains("RS0030", StringComparison.Ordinal))
                .Select(f => Path.GetRelativePath(TestRepository.Root, f))
                .ToList();
            Assert.That(fenced, Is.Empty, project + " sources that switch the banned-API analyzer off");
        }
    }

    // The repository's own assemblies an assembly references.
    private static string[] OwnReferences(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("AutoHeuristic.", StringComparison.Ordinal)).ToArray();
}
