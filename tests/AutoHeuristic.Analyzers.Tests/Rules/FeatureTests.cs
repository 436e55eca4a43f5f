using System.Threading.Tasks;
using AutoHeuristic.Analyzers.Tests.Infrastructure;
using NUnit.Framework;

namespace AutoHeuristic.Analyzers.Tests.Rules;

/// <summary>Rule 2: the features added to a context against its heuristic's logs (AH2110–AH2114).</summary>
public sealed class FeatureTests
{
    private static readonly TestLog[] Logs = { TestLog.PadMmSmall() };

    private static string Code(string body, string extraMembers = "") => @"
using AutoHeuristic;

[AutoHeuristic(""pad_mm"")]
static partial class PadMmHeuristic { }

static class Padding
{
    static string Decide(long m, long k, long n, string dtype, string heuristicName)
    {
" + body + @"
    }
" + extraMembers + @"
}";

    private const string Decision = @"
        var decision = new AutoHeuristicDecision(() => ""autotune"", new[] { ""orig"", ""pad"" }, null, context, ""pad_mm"");
        return decision.GetChoice();";

    private const string AllFeatures = @"
        var context = new AHContext();
        context.AddFeature(""m"", m);
        context.AddFeature(""k"", k);
        context.AddFeature(""n"", n);
        context.AddFeature(""mat1_dtype"", dtype, isCategorical: true);";

    [Test]
    public Task AllLoggedFeaturesAddedIsClean() => Verify.AnalyzerAsync(Code(AllFeatures + Decision), Logs);

    [Test]
    public Task FeatureTheLogsUseButTheCodeNeverAddsIsAnError() => Verify.AnalyzerAsync(Code(@"
        var context = new AHContext();
        context.AddFeature(""m"", m);
        context.AddFeature(""n"", n);
        context.AddFeature(""mat1_dtype"", dtype, isCategorical: true);
        var decision = new AutoHeuristicDecision(() => ""autotune"", new[] { ""orig"", ""pad"" }, null, {|AH2110:context|}, ""pad_mm"");
        return decision.GetChoice();"), Logs);

    [Test]
    public Task CategoricalInTheLogsButNumericalInTheCodeIsAnError() => Verify.AnalyzerAsync(Code(@"
        var context = new AHContext();
        context.AddFeature(""m"", m);
        context.AddFeature(""k"", k);
        context.AddFeature(""n"", n);
        {|AH2111:context.AddFeature(""mat1_dtype"", dtype)|};" + Decision), Logs);

    [Test]
    public Task NumericalInTheLogsButCategoricalInTheCodeIsAnError() => Verify.AnalyzerAsync(Code(@"
        var context = new AHContext();
        {|AH2111:context.AddFeature(""m"", m, isCategorical: true)|};
        context.AddFeature(""k"", k);
        context.AddFeature(""n"", n);
        context.AddFeature(""mat1_dtype"", dtype, isCategorical: true);" + Decision), Logs);

    [Test]
    public Task SameFeatureTwiceIsAWarning() => Verify.AnalyzerAsync(Code(AllFeatures + @"
        {|AH2112:context.AddFeature(""k"", k + 1)|};" + Decision), Logs);

    [Test]
    public Task SameFeatureInTwoBranchesIsFine() => Verify.AnalyzerAsync(Code(@"
        var context = new AHContext();
        context.AddFeature(""m"", m);
        if (k > 0) context.AddFeature(""k"", k);
        else context.AddFeature(""k"", -k);
        context.AddFeature(""n"", n);
        context.AddFeature(""mat1_dtype"", dtype, isCategorical: true);" + Decision), Logs);

    [Test]
    public Task FeatureTheLogsLackIsInformational() => Verify.AnalyzerAsync(Code(AllFeatures + @"
        {|AH2113:context.AddFeature(""batch"", 1)|};" + Decision), Logs);

    [Test]
    public Task NonConstantHeuristicNameIsInformational() => Verify.AnalyzerAsync(Code(AllFeatures + @"
        var decision = new AutoHeuristicDecision(() => ""autotune"", new[] { ""orig"", ""pad"" }, null, context, {|AH2114:heuristicName|});
        return decision.GetChoice();"), Logs);

    [Test]
    public Task FeaturesAddedInAHelperThatBuildsTheContextCount() => Verify.AnalyzerAsync(Code(@"
        var context = GetContext(m, k, n, dtype);" + Decision, @"
    static AHContext GetContext(long m, long k, long n, string dtype)
    {
        var context = new AHContext();
        context.AddFeature(""m"", m);
        AddSizes(context, k, n);
        context.AddFeature(""mat1_dtype"", dtype, isCategorical: true);
        return context;
    }

    static void AddSizes(AHContext context, long k, long n)
    {
        context.AddFeature(""k"", k);
        context.AddFeature(""n"", n);
    }"), Logs);

    [Test]
    public Task InterpolatedFeatureNamesCoverTheLogFeaturesTheyCanProduce() => Verify.AnalyzerAsync(Code(AllFeatures + @"
        AddStrides(context, ""mat1"", new long[] { k, 1 });" + Decision, @"
    static void AddStrides(AHContext context, string prefix, long[] strides)
    {
        for (int i = 0; i < strides.Length; i++) context.AddFeature($""{prefix}_stride_{i}"", strides[i]);
    }"), new[] { TestLog.Create("/logs/pad_mm.txt", "pad_mm",
        new[] { "m", "k", "n", "mat1_stride_0", "mat1_stride_1" }, new[] { "mat1_dtype" },
        new[] { "m", "k", "n", "mat1_dtype", "mat1_stride_0", "mat1_stride_1" },
        "1,2,3,torch.float16,2,1,orig,0.5", "1,2,3,torch.float16,2,1,pad,0.25") });

    [Test]
    public Task HeuristicNamePassedByEveryCallerAsAConstantIsChecked() => Verify.AnalyzerAsync(Code(@"
        return Ask(m, k, dtype, ""pad_mm"");", @"
    static string Ask(long m, long k, string dtype, string name)
    {
        var context = new AHContext();
        context.AddFeature(""m"", m);
        context.AddFeature(""k"", k);
        context.AddFeature(""mat1_dtype"", dtype, isCategorical: true);
        return new AutoHeuristicDecision(() => ""autotune"", new[] { ""orig"", ""pad"" }, null, {|AH2110:context|}, name).GetChoice();
    }"), Logs);

    [Test]
    public Task ContextPassedToAnUnknownLibraryMethodIsNotReportedAsMissingFeatures() => Verify.AnalyzerAsync(Code(@"
        var context = new AHContext();
        context.AddFeature(""m"", m);
        System.GC.KeepAlive(context);" + Decision), Logs);
}
