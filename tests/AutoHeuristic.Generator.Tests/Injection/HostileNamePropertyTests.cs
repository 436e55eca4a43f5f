using System.Linq;
using AutoHeuristic.Learning.CodeGen;
using CsCheck;
using NUnit.Framework;

namespace AutoHeuristic.Generator.Tests.Injection;

/// <summary>
/// A training log is data, never code: random hostile names (every line terminator, comment and
/// directive openers, quotes, backslashes, control and bidirectional characters, lone surrogates)
/// in every role give code that compiles cleanly, has the shape of the code for benign names, and
/// returns the names unchanged at run time. Few samples: each one compiles and loads an assembly.
/// </summary>
public class HostileNamePropertyTests
{
    [Test]
    public void TheGeneratorTurnsHostileLogNamesIntoDataOnly() =>
        HostileNames.ForLog.Sample(names => HostileBuild.CheckGenerator(names), iter: 25, threads: 1, print: Describe);

    [Test]
    public void TheStandaloneFileTurnsHostileModelNamesIntoDataOnly() =>
        HostileNames.ForModel.Sample(names => HostileBuild.CheckStandalone(names), iter: 30, threads: 1, print: Describe);

    // A failing sample, printed as C# literals so it can be pasted into a regression test.
    private static string Describe(HostileNames n) =>
        "new HostileNames(" + string.Join(", ", new[] { n.Heuristic, n.ChoiceA, n.ChoiceB, n.NumericFeature, n.CategoricalFeature, n.Category, n.SetName }.Select(CSharpText.StringLiteral)) + ")";
}
