using System.Linq;
using AutoHeuristic.Analyzers.Analysis;
using AutoHeuristic.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace AutoHeuristic.Analyzers.Tests.Analysis;

/// <summary><see cref="CallerIndex"/>: the text search finds every spelling of a call and nothing else.</summary>
public sealed class CallerIndexTests
{
    private const string Helper = @"
using AutoHeuristic;

public static class H
{
    public static int Ask(int x) => x;

    public static int Ask<T>(int x, T extra) => x;

    public static int AskLater(int x) => x; // Ask(1) in a comment
}

public sealed class Other
{
    public int Ask(int x) => x;
}";

    // `other?.Ask(5)`: the invocation is the member binding `.Ask(5)` under the conditional access.
    private const string Callers = @"
static class C
{
    static string text = ""H.Ask(2)"";

    static int Plain() => H.Ask(1);

    static int Generic() => H.Ask<string>(1, ""e"");

    static int Global() => global::H.@Ask(3) + H.AskLater(4);

    static int Elsewhere(Other other) => other?.Ask(5) ?? 0;
}";

    [Test]
    public void Every_invocation_named_Ask_is_found_and_nothing_in_comments_strings_or_longer_names()
    {
        var program = IndexedProgram.Of(Helper, Callers);
        string[] found = program.Index.Callers.InvocationsNamed("Ask").Select(i => i.ToString()).ToArray();

        Assert.That(found, Is.EqualTo(new[] { "H.Ask(1)", "H.Ask<string>(1, \"e\")", "global::H.@Ask(3)", ".Ask(5)" }));
    }

    [Test]
    public void A_unicode_escape_does_not_hide_a_call()
    {
        var program = IndexedProgram.Of(Helper, "static class E { static int Escaped() => H.\\u0041sk(6); }");

        Assert.That(program.Index.Callers.InvocationsNamed("Ask").Select(i => i.ToString()), Is.EqualTo(new[] { "H.\\u0041sk(6)" }));
    }

    [Test]
    public void Callers_are_confirmed_by_symbol_with_their_call()
    {
        var program = IndexedProgram.Of(Helper, Callers);
        var plain = program.Index.Callers.Of(Overload(program, generic: false));

        Assert.That(plain.Select(c => c.Caller.Method.Name), Is.EqualTo(new[] { "Plain", "Global" }));
        Assert.That(plain.Select(c => c.Call.Arguments[0].Value.Display), Is.EqualTo(new[] { "1", "3" }));
        Assert.That(program.Index.Callers.Of(Overload(program, generic: true)).Select(c => c.Caller.Method.Name), Is.EqualTo(new[] { "Generic" }));
    }

    private static IMethodSymbol Overload(IndexedProgram program, bool generic) =>
        program.Compilation.GetTypeByMetadataName("H")!.GetMembers("Ask").Cast<IMethodSymbol>().Single(m => m.IsGenericMethod == generic);
}
