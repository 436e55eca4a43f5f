using System;
using System.Collections.Generic;
using AutoHeuristic.Features;
using NUnit.Framework;

namespace AutoHeuristic.Tests.Context;

public sealed class AHContextTests
{
    private enum Layout { RowMajor, ColumnMajor }

    [Test]
    public void Features_keep_insertion_order_and_python_text()
    {
        var context = new AHContext();
        context.AddFeature("m", 1024);
        context.AddFeature("big", 1L << 40);
        context.AddFeature("ratio", 0.1);
        context.AddFeature("tiny", 1e-05);
        context.AddFeature("whole", 3.0);
        context.AddFeature("infinite", double.PositiveInfinity);
        context.AddFeature("flag", true, isCategorical: true);
        context.AddFeature("dtype", "torch.float16", isCategorical: true);
        context.AddFeature("layout", Layout.ColumnMajor);

        Assert.That(context.GetFeatureNamesCsv(), Is.EqualTo("m,big,ratio,tiny,whole,infinite,flag,dtype,layout"));
        Assert.That(context.GetFeatureValuesCsv(), Is.EqualTo("1024,1099511627776,0.1,1e-05,3.0,inf,True,torch.float16,ColumnMajor"));
        var (numerical, categorical) = context.GetNumericalAndCategoricalFeatures();
        Assert.That(numerical, Is.EqualTo(new[] { "m", "big", "ratio", "tiny", "whole", "infinite" }));
        Assert.That(categorical, Is.EqualTo(new[] { "flag", "dtype", "layout" }));
        Assert.That(context.GetNumber("flag"), Is.EqualTo(1.0));
        Assert.That(context.GetValue("dtype").Text, Is.EqualTo("torch.float16"));
        Assert.That(context.Features[2].Value.Kind, Is.EqualTo(FeatureValueKind.Float));
    }

    [TestCase("a,b")]
    [TestCase("a\"b")]
    [TestCase("a\nb")]
    [TestCase("choice")]
    [TestCase("feedback")]
    public void Unsafe_or_reserved_names_are_rejected_by_name(string name)
    {
        var context = new AHContext();
        var ex = Assert.Throws<ArgumentException>(() => context.AddFeature(name, 1));
        Assert.That(ex!.Message, Does.Contain(name.Replace("\n", "\\n")));
    }

    [Test]
    public void Unsafe_text_values_are_rejected_naming_feature_and_value()
    {
        var context = new AHContext();
        var ex = Assert.Throws<ArgumentException>(() => context.AddFeature("dtype", "a,b"));
        Assert.That(ex!.Message, Does.Contain("dtype").And.Contain("a,b"));
    }

    [Test]
    public void Integers_beyond_two_to_the_53_are_rejected_by_name()
    {
        var context = new AHContext();
        context.AddFeature("ok", 1L << 53);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => context.AddFeature("numel", (1L << 53) + 1));
        Assert.That(ex!.Message, Does.Contain("numel"));
        Assert.Throws<ArgumentOutOfRangeException>(() => context.SetValue("ok", long.MinValue));
    }

    [Test]
    public void Duplicate_names_are_rejected()
    {
        var context = new AHContext();
        context.AddFeature("m", 1);
        Assert.Throws<ArgumentException>(() => context.AddFeature("m", 2));
        Assert.Throws<ArgumentException>(() => context.ApplyOperations(new[] { new AHOperation("m", _ => FeatureValue.FromInteger(0)) }));
    }

    [Test]
    public void Missing_feature_is_named()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => new AHContext().GetValue("k"));
        Assert.That(ex!.Message, Does.Contain("'k'"));
        Assert.That(new AHContext().TryGetValue("k", out _), Is.False);
    }

    [Test]
    public void Augmented_features_are_lazy_cached_and_recomputed_after_updates()
    {
        int calls = 0;
        var op = new AHOperation("twice_m", d => { calls++; return FeatureValue.FromInteger((long)d.GetNumber("m") * 2); });
        var context = new AHContext();
        context.AddFeature("m", 8);
        context.ApplyOperations(new[] { op });
        Assert.That(calls, Is.Zero, "operations run on first lookup only");
        Assert.That(context.GetNumber("twice_m"), Is.EqualTo(16));
        Assert.That(context.GetNumber("twice_m"), Is.EqualTo(16));
        Assert.That(calls, Is.EqualTo(1));

        context.SetValue("m", 10L);
        Assert.That(context.GetNumber("twice_m"), Is.EqualTo(20));
        Assert.That(calls, Is.EqualTo(2));

        context.ApplyOperations(new[] { op }); // same instance again: no-op
        Assert.That(context.Operations, Has.Count.EqualTo(1));
        Assert.That(context.GetFeatureNamesCsv(), Is.EqualTo("m"), "augmented features are never logged");
    }

    [Test]
    public void Self_dependent_operation_fails_clearly()
    {
        var context = new AHContext();
        context.ApplyOperations(new[] { new AHOperation("loop", d => d.Get("loop")) });
        var ex = Assert.Throws<InvalidOperationException>(() => context.GetValue("loop"));
        Assert.That(ex!.Message, Does.Contain("loop"));
    }

    [Test]
    public void Pad_mm_operations_evaluate_on_the_context()
    {
        AHContext context = PadMmContexts.Create(m: 1024, k: 4096, n: 512, dtype: "torch.bfloat16");
        context.ApplyOperations(StandardOperations.PadMm);
        Assert.That(context.Operations, Has.Count.EqualTo(26));
        Assert.That(context.GetValue("m*k").Text, Is.EqualTo("4194304"));
        Assert.That(context.GetValue("k/(m*n)").Text, Is.EqualTo("0.0078125"));
        Assert.That(context.GetValue("m_multiple_32").Text, Is.EqualTo("True"));
        Assert.That(context.GetValue("mat1_iscontig").Text, Is.EqualTo("True"));
        Assert.That(context.GetValue("bfloat_perf_hit").Text, Is.EqualTo("False"));
    }

    [Test]
    public void Many_and_similar_names_all_resolve()
    {
        var context = new AHContext();
        for (int i = 0; i < 300; i++) context.AddFeature("f" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_x", i);
        context.AddFeature("mat1_stride_0", 1000);
        context.AddFeature("mat2_stride_0", 2000);
        context.AddFeature("mat1_stride_1", 1001);
        for (int i = 0; i < 300; i++)
        {
            // Fresh (non-interned) strings exercise the full comparison.
            string name = new string(("f" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_x").ToCharArray());
            Assert.That(context.GetNumber(name), Is.EqualTo(i));
        }

        Assert.That(context.GetNumber("mat1_stride_0"), Is.EqualTo(1000));
        Assert.That(context.GetNumber("mat2_stride_0"), Is.EqualTo(2000));
        Assert.That(context.GetNumber("mat1_stride_1"), Is.EqualTo(1001));
        Assert.That(context.Contains("mat3_stride_0"), Is.False);
        Assert.That(context.Contains(""), Is.False);
    }

    [Test]
    public void SetValue_refuses_unknown_or_augmented_names()
    {
        var context = new AHContext();
        context.ApplyOperations(new[] { new AHOperation("x", _ => FeatureValue.FromInteger(1)) });
        Assert.Throws<KeyNotFoundException>(() => context.SetValue("x", 1L));
        Assert.Throws<KeyNotFoundException>(() => context.SetValue("y", 1L));
    }
}

/// <summary>The 17 logged features of PyTorch's pad_mm decision.</summary>
internal static class PadMmContexts
{
    public static AHContext Create(long m = 2048, long k = 4096, long n = 1024, string dtype = "torch.float16")
    {
        var context = new AHContext();
        context.AddFeature("m", m);
        context.AddFeature("k", k);
        context.AddFeature("n", n);
        context.AddFeature("mat1_align_size", 8);
        context.AddFeature("mat2_align_size", 8);
        context.AddFeature("mat1_dtype", dtype, isCategorical: true);
        context.AddFeature("mat2_dtype", dtype, isCategorical: true);
        context.AddFeature("prepadded_mat1", false, isCategorical: true);
        context.AddFeature("prepadded_mat2", false, isCategorical: true);
        context.AddFeature("mat1_stride_0", k);
        context.AddFeature("mat1_stride_1", 1);
        context.AddFeature("mat2_stride_0", n);
        context.AddFeature("mat2_stride_1", 1);
        context.AddFeature("m_padded_length", 0);
        context.AddFeature("k_padded_length", 0);
        context.AddFeature("n_padded_length", 0);
        context.AddFeature("mat1_numel", m * k);
        return context;
    }
}
