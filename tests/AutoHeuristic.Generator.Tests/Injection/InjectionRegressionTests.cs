using System;
using System.Linq;
using AutoHeuristic.Generator.Tests.Helpers;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.CodeGen;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace AutoHeuristic.Generator.Tests.Injection;

/// <summary>The attacks that were found, each through the generator and through <c>train --emit-cs</c>'s file.</summary>
public class InjectionRegressionTests
{
    // A statement after a C# line terminator, the rest of the line commented out: this ran.
    // (A log cell cannot hold a quote, so the payload needs none.)
    private const string StatementPayload = "orig\u2028System.Console.WriteLine(0x0BAD);//";

    private static HostileNames WithChoice(string choiceA) => HostileNames.Benign with { ChoiceA = choiceA };

    [Test]
    public void AChoiceNameWithALineSeparatorStaysInsideItsComment()
    {
        foreach (string code in new[] { HostileBuild.CheckGenerator(WithChoice(StatementPayload)), HostileBuild.CheckStandalone(WithChoice(StatementPayload)) })
        {
            Assert.That(code, Does.Not.Contain("\u2028"));
            Assert.That(code, Does.Contain("// leaf ").And.Contain("orig\\u2028System.Console.WriteLine(0x0BAD);//"));
            Assert.That(code, Does.Contain("\"orig\\u2028System.Console.WriteLine(0x0BAD);//\""), "the string literal");
        }
    }

    [TestCase("orig\u2028#error boom")]
    [TestCase("orig\u0085#error boom")]
    [TestCase("orig\u2029#if NEVER")]
    [TestCase("orig\u2028#line 1 evil")]
    public void ADirectiveInAChoiceNameNeverReachesThePreprocessor(string choice)
    {
        HostileBuild.CheckGenerator(WithChoice(choice));
        HostileBuild.CheckStandalone(WithChoice(choice));
    }

    [Test]
    public void AHeuristicNameWithAnEscapedNewLineInTheMetadataJsonCompiles()
    {
        // The JSON reader turns \n into a line feed; it ended the "///" doc line that named the
        // heuristic, and the rest of the name was parsed as code.
        HostileNames names = HostileNames.Benign with { Heuristic = "pad\nmm</para><para>injected" };
        Assert.That(names.Log(HardwareKey.A100).Split('\n')[0], Does.Contain("\"name\": \"pad\\nmm</para><para>injected\""));
        string generated = HostileBuild.CheckGenerator(names);
        Assert.That(generated, Does.Contain("/// <para>Learned 'pad\\nmm&lt;/para&gt;&lt;para&gt;injected' for A100 from "));
        Assert.That(generated, Does.Contain("public const string HeuristicName = \"pad\\nmm</para><para>injected\";"));
        HostileBuild.CheckStandalone(names);
    }

    [Test]
    public void TrojanSourceCharactersAreVisibleEscapesInComments()
    {
        HostileNames names = HostileNames.Benign with { ChoiceA = "ok\u202e\u2066 }//", Heuristic = "h\u202eeval" };
        foreach (string code in new[] { HostileBuild.CheckGenerator(names), HostileBuild.CheckStandalone(names) })
        {
            Assert.That(code.Where(c => c is '\u202e' or '\u2066'), Is.Empty);
            Assert.That(code, Does.Contain("ok\\u202e\\u2066 }//"));
        }
    }

    [Test]
    public void ALogDiagnosticAfterACellWithALineSeparatorPointsAtTheLogsOwnLine()
    {
        // The reader counts lines at \n only; the compiler's line table also breaks at U+2028.
        string[] lines = WithChoice("orig\u2028x").Log(HardwareKey.A100).Split('\n');
        lines[6] = "not,a,number,row,too many";
        var (_, diagnostics, _) = GeneratorHarness.Run(GeneratorHarness.Compile(HostileBuild.UserClass("heuristic")), new[] { GeneratorHarness.Log(HostileBuild.LogPath, string.Join("\n", lines)) });
        Diagnostic d = diagnostics.Single(x => x.Id == "AH1004");
        Assert.That(d.Location.GetLineSpan().StartLinePosition.Line, Is.EqualTo(6), "0-based line 6 is the file's line 7");
        Assert.That(d.Location.GetLineSpan().EndLinePosition.Character, Is.EqualTo("not,a,number,row,too many".Length));
        Assert.That(d.Location.SourceSpan.Length, Is.EqualTo("not,a,number,row,too many".Length));
    }

    [Test]
    public void HardwareWithNegativeNumbersStillNamesAClass()
    {
        var odd = new HardwareKey(-1, new DeviceCapability(-9, 0));
        Assert.That(LearnedModelCSharpEmitter.HardwareName(odd), Is.EqualTo("SmNeg90SmemNeg1"));
        string source = LearnedModelCSharpEmitter.WriteStandaloneFile(new[] { Models.PadMm(odd) }, "Precomputed", "PadMmTrees");
        Assert.That(GeneratorHarness.Compile(source).GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning), Is.Empty);
    }

    [TestCase("My App", "Trees", "namespaceName")]
    [TestCase("MyApp;\u2028class X", "Trees", "namespaceName")]
    [TestCase("MyApp", "Trees{}", "className")]
    [TestCase("MyApp", "class", "className")]
    [TestCase(null, "trees", "className")]
    public void TheStandaloneFileRefusesNamesThatAreNotCSharpNames(string? ns, string cls, string parameter)
    {
        var e = Assert.Throws<ArgumentException>(() => LearnedModelCSharpEmitter.WriteStandaloneFile(new[] { Models.PadMm(HardwareKey.A100) }, ns, cls));
        Assert.That(e!.ParamName, Is.EqualTo(parameter));
    }

    [Test]
    public void AGeneratedLineNeverHoldsALineBreak()
    {
        var writer = new SourceWriter();
        Assert.Throws<ArgumentException>(() => writer.WriteLine("// a\u2028b"));
        Assert.Throws<ArgumentException>(() => writer.WriteLine("x\r"));
        Assert.That(writer.WriteLines("a\r\nb\n").ToString(), Is.EqualTo("a\nb\n"));
    }
}
