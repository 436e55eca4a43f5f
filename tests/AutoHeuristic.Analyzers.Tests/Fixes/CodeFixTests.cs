using System.Threading.Tasks;
using AutoHeuristic.Analyzers.Tests.Infrastructure;
using AutoHeuristic.CodeFixes;
using NUnit.Framework;

namespace AutoHeuristic.Analyzers.Tests.Fixes;

/// <summary>Rule 6: every code fix, applied to the marked diagnostic, gives the expected source and no diagnostic left.</summary>
public sealed class CodeFixTests
{
    private static readonly TestLog[] PadMmLogs = { TestLog.PadMmSmall() };

    private static string Decide(string features, string choices, string name, string beforeDecision = "") => @"
using AutoHeuristic;

[AutoHeuristic(""pad_mm"")]
static partial class PadMmHeuristic { }

static class Padding
{
    static string Decide(long m, long k, long n, string dtype)
    {
        var context = new AHContext();
" + features + beforeDecision + @"
        var decision = new AutoHeuristicDecision(() => ""autotune"", new[] { " + choices + @" }, null, " + name + @");
        return decision.GetChoice();
    }
}
";

    private const string AllFeatures = @"        context.AddFeature(""m"", m);
        context.AddFeature(""k"", k);
        context.AddFeature(""n"", n);
        context.AddFeature(""mat1_dtype"", dtype, isCategorical: true);";

    [Test]
    public Task RenameHeuristicNameToTheLogsSpelling() => Verify.CodeFixAsync<RenameToLoggedNameCodeFixProvider>(
        Decide(AllFeatures, @"""orig"", ""pad""", @"context, {|AH2131:{|AH2132:""Pad-MM""|}|}"),
        Decide(AllFeatures, @"""orig"", ""pad""", @"context, ""pad_mm"""),
        PadMmLogs);

    [Test]
    public Task RenameChoiceToTheLogsSpelling() => Verify.CodeFixAsync<RenameToLoggedNameCodeFixProvider>(
        Decide(AllFeatures, @"""orig"", {|AH2121:""Pad ""|}", @"context, ""pad_mm"""),
        Decide(AllFeatures, @"""orig"", ""pad""", @"context, ""pad_mm"""),
        PadMmLogs);

    [Test]
    public Task RenameCategoricalValueToTheLogsSpelling() => Verify.CodeFixAsync<RenameToLoggedNameCodeFixProvider>(
        Decide(AllFeatures.Replace(@"context.AddFeature(""mat1_dtype"", dtype, isCategorical: true);", @"context.AddFeature(""mat1_dtype"", {|AH2115:""float16""|}, isCategorical: true);"), @"""orig"", ""pad""", @"context, ""pad_mm"""),
        Decide(AllFeatures.Replace(@"context.AddFeature(""mat1_dtype"", dtype, isCategorical: true);", @"context.AddFeature(""mat1_dtype"", ""torch.float16"", isCategorical: true);"), @"""orig"", ""pad""", @"context, ""pad_mm"""),
        PadMmLogs);

    [Test]
    public Task AddMissingNumericalFeature() => Verify.CodeFixAsync<AddMissingFeatureCodeFixProvider>(
        Decide(@"        context.AddFeature(""m"", m);
        context.AddFeature(""n"", n);
        context.AddFeature(""mat1_dtype"", dtype, isCategorical: true);", @"""orig"", ""pad""", @"{|AH2110:context|}, ""pad_mm"""),
        Decide(@"        context.AddFeature(""m"", m);
        context.AddFeature(""n"", n);
        context.AddFeature(""mat1_dtype"", dtype, isCategorical: true);", @"""orig"", ""pad""", @"context, ""pad_mm""", @"
        context.AddFeature(""k"", 0 /* TODO: the value of k */, isCategorical: false);"),
        PadMmLogs);

    [Test]
    public Task AddMissingCategoricalFeature() => Verify.CodeFixAsync<AddMissingFeatureCodeFixProvider>(
        Decide(@"        context.AddFeature(""m"", m);
        context.AddFeature(""k"", k);
        context.AddFeature(""n"", n);", @"""orig"", ""pad""", @"{|AH2110:context|}, ""pad_mm"""),
        Decide(@"        context.AddFeature(""m"", m);
        context.AddFeature(""k"", k);
        context.AddFeature(""n"", n);", @"""orig"", ""pad""", @"context, ""pad_mm""", @"
        context.AddFeature(""mat1_dtype"", {|AH2115:""""|} /* TODO: the value of mat1_dtype */, isCategorical: true);"),
        PadMmLogs);

    private static string Tune(string change) => @"
using System.Collections.Generic;
using AutoHeuristic;

sealed class Kernel { public string Id = """"; }

static class Tuning
{
    static Kernel Select(List<Kernel> choices, List<Kernel> extra, IReadOnlyList<AutotuneInput> inputs, AHContext context)
    {
        using var selector = new AutoHeuristicSelectAlgorithm<Kernel>(() => null, choices, k => k.Id, inputs, context, ""mm"");
" + change + @"
        return Autotuner.AutotuneSelectAlgorithm(""mm"", choices, inputs, k => 1.0);
    }
}
";

    [Test]
    public Task CopyChoicesInsteadOfAddingToThem() => Verify.CodeFixAsync<CopyChoicesCodeFixProvider>(
        Tune(@"        {|AH2103:choices.AddRange(extra)|};"),
        Tune(@"        var choicesWithChanges = new global::System.Collections.Generic.List<global::Kernel>(choices);
        choicesWithChanges.AddRange(extra);"),
        System.Array.Empty<TestLog>());

    [Test]
    public Task CopyChoicesInsteadOfReassigningThem() => Verify.CodeFixAsync<CopyChoicesCodeFixProvider>(
        Tune(@"        {|AH2103:choices = extra|};"),
        Tune(@"        var choicesWithChanges = extra;"),
        System.Array.Empty<TestLog>());

    [Test]
    public Task MakeTheHeuristicClassPartial() => Verify.CodeFixAsync<GeneratorDeclarationDiagnostics, MakePartialCodeFixProvider>(@"
using AutoHeuristic;

[AutoHeuristic(""pad_mm"")]
public static class {|AH2001:PadMmHeuristic|} { }
", @"
using AutoHeuristic;

[AutoHeuristic(""pad_mm"")]
public static partial class PadMmHeuristic { }
", System.Array.Empty<TestLog>());

    [Test]
    public Task MakeTheClassAndItsContainersPartial() => Verify.CodeFixAsync<GeneratorDeclarationDiagnostics, MakePartialCodeFixProvider>(@"
using AutoHeuristic;

class Outer
{
    [AutoHeuristic(""pad_mm"")]
    static class {|AH2001:{|AH2002:Inner|}|} { }
}
", @"
using AutoHeuristic;

partial class Outer
{
    [AutoHeuristic(""pad_mm"")]
    static partial class Inner { }
}
", System.Array.Empty<TestLog>());
}
