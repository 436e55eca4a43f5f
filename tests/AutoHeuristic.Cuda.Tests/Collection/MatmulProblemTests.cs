using System;
using System.Collections.Generic;
using AutoHeuristic.Cuda.Blas;
using AutoHeuristic.Cuda.Native;
using NUnit.Framework;

namespace AutoHeuristic.Cuda.Tests.Collection;

public class MatmulProblemTests
{
    [Test]
    public void Contiguous_operands_map_to_an_NN_column_major_product()
    {
        var (a, b) = MatmulProblem.Create(100, 30, 70, GemmDType.Float16, false, false, false).ColumnMajorView();
        Assert.That(a, Is.EqualTo(((ulong)70, (ulong)30, 70L, CublasOperation.N)), "A is mat2 seen as n×k, ld n");
        Assert.That(b, Is.EqualTo(((ulong)30, (ulong)100, 30L, CublasOperation.N)), "B is mat1 seen as k×m, ld k");
    }

    [Test]
    public void Transposed_operands_map_to_T()
    {
        MatmulProblem p = MatmulProblem.Create(100, 30, 70, GemmDType.BFloat16, false, true, true);
        Assert.That((p.Mat1Stride0, p.Mat1Stride1, p.Mat2Stride0, p.Mat2Stride1), Is.EqualTo((1L, 100L, 1L, 30L)));
        var (a, b) = p.ColumnMajorView();
        Assert.That(a, Is.EqualTo(((ulong)30, (ulong)70, 30L, CublasOperation.T)));
        Assert.That(b, Is.EqualTo(((ulong)100, (ulong)30, 100L, CublasOperation.T)));
    }

    [Test]
    public void Bad_strides_are_refused_with_the_operand_named()
    {
        var p = new MatmulProblem(10, 10, 10, GemmDType.Float32, false, 2, 2, 10, 1, 10);
        Assert.That(() => p.ColumnMajorView(), Throws.ArgumentException.With.Message.Contains("mat1"));
    }

    [Test]
    public void Tf32_only_changes_the_fp32_compute_type()
    {
        Assert.That(MatmulProblem.Create(8, 8, 8, GemmDType.Float32, true, false, false).ComputeType, Is.EqualTo(CublasComputeType.Compute32FFastTF32));
        Assert.That(MatmulProblem.Create(8, 8, 8, GemmDType.Float32, false, false, false).ComputeType, Is.EqualTo(CublasComputeType.Compute32F));
        Assert.That(MatmulProblem.Create(8, 8, 8, GemmDType.BFloat16, true, false, false).ComputeType, Is.EqualTo(CublasComputeType.Compute32F));
    }

    [Test]
    public void Candidate_ids_come_from_the_configuration_and_are_csv_safe()
    {
        var config = new Dictionary<CublasLtMatmulAlgoConfigAttribute, long>
        {
            [CublasLtMatmulAlgoConfigAttribute.Id] = 66, [CublasLtMatmulAlgoConfigAttribute.TileId] = 24, [CublasLtMatmulAlgoConfigAttribute.StagesId] = 35,
            [CublasLtMatmulAlgoConfigAttribute.SplitKNum] = 1, [CublasLtMatmulAlgoConfigAttribute.CustomOption] = 7, [CublasLtMatmulAlgoConfigAttribute.ClusterShapeId] = 5,
        };
        string id = MatmulCandidate.FormatId(config);
        Assert.That(id, Is.EqualTo("lt_algo=66_tile=24_stages=35_splitk=1_red=0_swz=0_opt=7_inner=0_cluster=5"));
        Assert.That(id, Does.Not.Contain(","));
    }
}
