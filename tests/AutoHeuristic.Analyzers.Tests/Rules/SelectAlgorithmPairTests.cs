using System.Threading.Tasks;
using AutoHeuristic.Analyzers.Tests.Infrastructure;
using NUnit.Framework;

namespace AutoHeuristic.Analyzers.Tests.Rules;

/// <summary>Rule 1: AutoHeuristicSelectAlgorithm and the autotune call after it (AH2101–AH2105).</summary>
public sealed class SelectAlgorithmPairTests
{
    // A kernel-choice scaffold; each test writes only the body of Select.
    private static string Code(string body, string extraMembers = "") => @"
using System.Collections.Generic;
using AutoHeuristic;

sealed class Kernel { public string Id = """"; }

[AutoHeuristic(""mm"")]
static partial class MmHeuristic { }

static class Tuning
{
    static bool CollectingFor(string name) => false;

    static Kernel Select(List<Kernel> choices, List<Kernel> other, List<Kernel> extra, IReadOnlyList<AutotuneInput> inputs, IReadOnlyList<AutotuneInput> otherInputs)
    {
        var context = new AHContext();
        context.AddFeature(""m"", 1);
" + body + @"
    }
" + extraMembers + @"
}";

    private const string Selector = @"
        using var selector = new AutoHeuristicSelectAlgorithm<Kernel>(() => null, choices, k => k.Id, inputs, context, ""mm"");";

    [Test]
    public Task MatchingPairIsClean() => Verify.AnalyzerAsync(Code(Selector + @"
        return Autotuner.AutotuneSelectAlgorithm(""mm"", choices, inputs, k => 1.0);"));

    [Test]
    public Task DifferentNameIsAnError() => Verify.AnalyzerAsync(Code(Selector + @"
        return Autotuner.AutotuneSelectAlgorithm({|AH2101:""mm2""|}, choices, inputs, k => 1.0);"));

    [Test]
    public Task DifferentChoicesAreAnError() => Verify.AnalyzerAsync(Code(Selector + @"
        return Autotuner.AutotuneSelectAlgorithm(""mm"", {|AH2102:other|}, inputs, k => 1.0);"));

    [Test]
    public Task DifferentInputsAreAnError() => Verify.AnalyzerAsync(Code(Selector + @"
        return Autotuner.AutotuneSelectAlgorithm(""mm"", choices, {|AH2104:otherInputs|}, k => 1.0);"));

    [TestCase("choices.AddRange(extra)", "AddRange")]
    [TestCase("choices.Add(extra[0])", "Add")]
    [TestCase("choices.Insert(0, extra[0])", "Insert")]
    [TestCase("choices.Remove(extra[0])", "Remove")]
    [TestCase("choices.Clear()", "Clear")]
    [TestCase("choices = extra", "reassigned")]
    [TestCase("choices[0] = extra[0]", "element replaced")]
    public Task ChangingChoicesInBetweenIsAnError(string change, string _) => Verify.AnalyzerAsync(Code(Selector + @"
        {|AH2103:" + change + @"|};
        return Autotuner.AutotuneSelectAlgorithm(""mm"", choices, inputs, k => 1.0);"));

    [Test]
    public Task ChangingChoicesBeforeTheSelectorIsFine() => Verify.AnalyzerAsync(Code(@"
        choices.AddRange(extra);" + Selector + @"
        return Autotuner.AutotuneSelectAlgorithm(""mm"", choices, inputs, k => 1.0);"));

    [Test]
    public Task ChangingChoicesOnlyWhenNotCollectingIsFine() => Verify.AnalyzerAsync(Code(Selector + @"
        if (!CollectingFor(""mm"")) choices = choices.GetRange(0, 1);
        return Autotuner.AutotuneSelectAlgorithm(""mm"", choices, inputs, k => 1.0);"));

    [Test]
    public Task MissingAutotuneCallIsAWarning() => Verify.AnalyzerAsync(Code(@"
        using var selector = new {|AH2105:AutoHeuristicSelectAlgorithm<Kernel>|}(() => null, choices, k => k.Id, inputs, context, ""mm"");
        return selector.GetChoiceCaller() ?? choices[0];"));

    [Test]
    public Task AutotuneInAHelperIsFollowedThroughItsParameters() => Verify.AnalyzerAsync(Code(Selector + @"
        return Tune(""mm"", choices, inputs);", @"
    static Kernel Tune(string name, IReadOnlyList<Kernel> candidates, IReadOnlyList<AutotuneInput> inputs) =>
        Autotuner.AutotuneSelectAlgorithm(name, candidates, inputs, k => 1.0);"));

    [Test]
    public Task AutotuneInAHelperWithAnotherNameIsAnError() => Verify.AnalyzerAsync(Code(Selector + @"
        return Tune({|AH2101:""mm_other""|}, choices, inputs);", @"
    static Kernel Tune(string name, IReadOnlyList<Kernel> candidates, IReadOnlyList<AutotuneInput> inputs) =>
        Autotuner.AutotuneSelectAlgorithm(name, candidates, inputs, k => 1.0);"));

    [Test]
    public Task SelectorInAHelperIsPairedInTheCaller() => Verify.AnalyzerAsync(Code(@"
        Consult(context, choices, inputs);
        {|AH2103:choices.AddRange(extra)|};
        return Autotuner.AutotuneSelectAlgorithm(""mm"", choices, inputs, k => 1.0);", @"
    static void Consult(AHContext context, IReadOnlyList<Kernel> choices, IReadOnlyList<AutotuneInput> inputs)
    {
        using var selector = new AutoHeuristicSelectAlgorithm<Kernel>(() => null, choices, k => k.Id, inputs, context, ""mm"");
    }"));

    // A public entry point nobody here calls: another assembly may autotune after calling it, but
    // only while the selector lives on.
    private static string PublicEntry(string body) => @"
using System.Collections.Generic;
using AutoHeuristic;

public sealed class Kernel { public string Id = """"; }

[AutoHeuristic(""mm"")]
public static partial class MmHeuristic { }

public static class Tuning
{
    public static object? Select(List<Kernel> choices, IReadOnlyList<AutotuneInput> inputs, AHContext context)
    {
" + body + @"
    }
}";

    [Test]
    public Task APublicMethodWithoutCallersWhoseSelectorIsDisposedIsAWarning() => Verify.AnalyzerAsync(PublicEntry(@"
        using var selector = new {|AH2105:AutoHeuristicSelectAlgorithm<Kernel>|}(() => null, choices, k => k.Id, inputs, context, ""mm"");
        return selector.GetChoiceCaller() ?? choices[0];"));

    [Test]
    public Task APublicMethodWithoutCallersWhoseSelectorIsDroppedIsAWarning() => Verify.AnalyzerAsync(PublicEntry(@"
        return new {|AH2105:AutoHeuristicSelectAlgorithm<Kernel>|}(() => null, choices, k => k.Id, inputs, context, ""mm"").GetChoiceCaller();"));

    [Test]
    public Task APublicMethodReturningItsSelectorIsLeftToItsCallers() => Verify.AnalyzerAsync(PublicEntry(@"
        var selector = new AutoHeuristicSelectAlgorithm<Kernel>(() => null, choices, k => k.Id, inputs, context, ""mm"");
        return selector;"));
}
