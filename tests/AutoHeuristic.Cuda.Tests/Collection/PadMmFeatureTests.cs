using System.Linq;
using AutoHeuristic.Cuda.Blas;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Features;
using AutoHeuristic.Hardware;
using AutoHeuristic.Logs;
using NUnit.Framework;

namespace AutoHeuristic.Cuda.Tests.Collection;

public class PadMmFeatureTests
{
    [Test]
    public void Features_reproduce_a_row_of_PyTorchs_A100_log()
    {
        // From pad_mm_a100_data.txt: mat1 transposed (strides 1, m), mat2 contiguous, mat2 prepadded.
        var input = new PadMmInput(29088, 41523, 5535, GemmDType.BFloat16, false, TransposeMat1: true, TransposeMat2: false, PrepaddedMat1: false, PrepaddedMat2: true);
        Assert.That(string.Join(",", input.FeatureTexts()),
            Is.EqualTo("29088,41523,5535,1,29088,5535,1,0,5,1,8,8,torch.bfloat16,torch.bfloat16,False,True,not_float_32"));
    }

    [Test]
    public void Header_and_metadata_are_PyTorchs()
    {
        var context = new AHContext();
        new PadMmInput(1000, 1001, 1002, GemmDType.Float32, true, false, true, true, false).AddFeatures(context);
        Assert.That(context.Features.Select(f => f.Name), Is.EqualTo(PadMmInput.FeatureNames));
        LogMetadata metadata = context.ToLogMetadata("pad_mm", HardwareKey.H100);
        Assert.That(metadata.ToJson(), Is.EqualTo(
            "{\"shared_memory\": 232448, \"device_capa\": [9, 0], \"name\": \"pad_mm\", \"numerical_features\": [\"m\", \"k\", \"n\", \"mat1_stride_0\", \"mat1_stride_1\", \"mat2_stride_0\", \"mat2_stride_1\", \"m_padded_length\", \"k_padded_length\", \"n_padded_length\", \"mat1_align_size\", \"mat2_align_size\"], \"categorical_features\": [\"mat1_dtype\", \"mat2_dtype\", \"prepadded_mat1\", \"prepadded_mat2\", \"using_tf32\"]}"));
        Assert.That(context.GetText("using_tf32"), Is.EqualTo("True"));
        Assert.That(context.GetText("mat2_stride_0"), Is.EqualTo("1"));
        Assert.That(context.GetText("mat2_stride_1"), Is.EqualTo("1001"));
    }

    [TestCase(4095, 8, 1)]
    [TestCase(4096, 8, 0)]
    [TestCase(1, 8, 0)] // size 1 is never padded
    [TestCase(5091, 4, 1)]
    [TestCase(777, 0, 0)] // alignment 0: no padding
    [TestCase(9, 8, 7)]
    public void Padded_length_is_PyTorchs(long x, int alignment, long expected) =>
        Assert.That(PadMmInput.PaddedLength(x, alignment), Is.EqualTo(expected));

    [Test]
    public void Operands_are_padded_only_where_a_dimension_needs_it()
    {
        var onlyN = new PadMmInput(1024, 1024, 1001, GemmDType.Float16, false, false, false, false, false);
        Assert.That(onlyN.PadsMat1, Is.False);
        Assert.That(onlyN.PadsMat2, Is.True);
        var onlyM = new PadMmInput(1001, 1024, 1024, GemmDType.Float16, false, false, false, false, false);
        Assert.That(onlyM.PadsMat1, Is.True);
        Assert.That(onlyM.PadsMat2, Is.False);
    }

    [Test]
    public void H100_precondition_applies_to_the_features()
    {
        var context = new AHContext();
        new PadMmInput(700, 1001, 1002, GemmDType.Float16, false, false, false, false, false).AddFeatures(context);
        var metadata = new AHMetadata(232448, new DeviceCapability(9, 0), PadMmInput.Choices, "pad_mm");
        Assert.That(StandardPreconditions.PadMm(metadata, context), Is.False);
    }

    [Test]
    public void Mm_features_follow_PyTorchs_h100_header()
    {
        var context = new AHContext();
        MatmulProblem p = new MmInput(1152, 10112, 2048, GemmDType.BFloat16, false).Problem(0);
        MmInput.AddFeatures(context, p);
        Assert.That(string.Join(",", context.Features.Select(f => f.Name)),
            Is.EqualTo("m,k,n,mat1_dtype,mat2_dtype,mat1_stride_0,mat1_stride_1,mat2_stride_0,mat2_stride_1,mat1_iscontig,mat2_iscontig,using_tf32"));
        Assert.That(context.GetFeatureValuesCsv(), Is.EqualTo("1152,10112,2048,torch.bfloat16,torch.bfloat16,10112,1,2048,1,True,True,not_float_32"));
        var transposed = new AHContext();
        MmInput.AddFeatures(transposed, new MmInput(1152, 10112, 2048, GemmDType.BFloat16, false).Problem(3));
        Assert.That(transposed.GetFeatureValuesCsv(), Is.EqualTo("1152,10112,2048,torch.bfloat16,torch.bfloat16,1,1152,1,10112,False,False,not_float_32"));
    }
}
