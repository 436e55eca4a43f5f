using AutoHeuristic.Cuda.Blas;
using AutoHeuristic.Cuda.Collection;
using AutoHeuristic.Cuda.Hardware;
using AutoHeuristic.Hardware;
using NUnit.Framework;

namespace AutoHeuristic.Cuda.Tests.Collection;

public class KernelReuseTests
{
    private static CudaDeviceInfo H100 => new(0, "NVIDIA H100 80GB HBM3", 232448, new DeviceCapability(9, 0), 132, 85_045_379_072, 52_428_800, 1980, 2619, 5120, 13000, 130100);

    private const string Candidate = "lt_algo=66_tile=24_stages=35_splitk=1_red=0_swz=0_opt=0_inner=0_cluster=2";

    // (m, k, n, dtype, tf32, measured ms on the H100: samples/data/pad_mm_h100.txt and the fidelity table)
    [TestCase(2597, 8192, 5091, GemmDType.Float32, false, 4.745)]
    [TestCase(8192, 8192, 8192, GemmDType.BFloat16, false, 1.432)]
    [TestCase(4096, 4096, 4096, GemmDType.BFloat16, false, 0.1847)]
    [TestCase(16, 4096, 4096, GemmDType.BFloat16, false, 0.0229)]
    public void Gemm_lower_bound_is_below_measured_H100_times_and_not_far_below(long m, long k, long n, GemmDType dtype, bool tf32, double measuredMs)
    {
        double bound = GpuSession.GemmLowerBoundMs(MatmulProblem.Create(m, k, n, dtype, tf32, false, false), H100);
        Assert.That(bound, Is.LessThan(measuredMs));
        Assert.That(bound, Is.GreaterThan(measuredMs / 4), "a bound this loose would rarely let long work skip its initializing run");
    }

    [Test]
    public void Gemm_lower_bound_uses_the_peak_of_the_dtype()
    {
        double Bound(GemmDType dtype, bool tf32) => GpuSession.GemmLowerBoundMs(MatmulProblem.Create(16384, 16384, 16384, dtype, tf32, false, false), H100);

        // 2·16384³ FLOP at 132 SMs × 1980 MHz × (4096 | 2048 | 256) FLOP per clock.
        Assert.That(Bound(GemmDType.BFloat16, false), Is.EqualTo(2.0 * 16384 * 16384 * 16384 / (132 * 1980e6 * 4096) * 1e3).Within(1e-9));
        Assert.That(Bound(GemmDType.Float32, true) / Bound(GemmDType.BFloat16, false), Is.EqualTo(2.0).Within(1e-9));
        Assert.That(Bound(GemmDType.Float32, false) / Bound(GemmDType.BFloat16, false), Is.EqualTo(16.0).Within(1e-9));
    }

    [Test]
    public void Kernel_key_separates_what_makes_cuBLASLt_launch_another_kernel()
    {
        string Key(long m, long k, long n, GemmDType dtype, bool tf32, bool t1, bool t2) =>
            PadMmCollector.KernelKey(MatmulProblem.Create(m, k, n, dtype, tf32, t1, t2), Candidate);

        string baseline = Key(4096, 4096, 4096, GemmDType.BFloat16, false, false, false);
        Assert.That(Key(8192, 1024, 2048, GemmDType.BFloat16, false, false, false), Is.EqualTo(baseline), "aligned shapes share the kernel");
        Assert.That(Key(4096, 4095, 4096, GemmDType.BFloat16, false, false, false), Is.Not.EqualTo(baseline), "a misaligned leading dimension");
        Assert.That(Key(4096, 4096, 4096, GemmDType.Float16, false, false, false), Is.Not.EqualTo(baseline), "another dtype");
        Assert.That(Key(4096, 4096, 4096, GemmDType.BFloat16, false, true, false), Is.Not.EqualTo(baseline), "a transposed operand");
        Assert.That(Key(4096, 4096, 4096, GemmDType.Float32, true, false, false), Is.Not.EqualTo(Key(4096, 4096, 4096, GemmDType.Float32, false, false, false)), "TF32 or not");
        Assert.That(PadMmCollector.KernelKey(MatmulProblem.Create(4096, 4096, 4096, GemmDType.BFloat16, false, false, false), Candidate.Replace("stages=35", "stages=36")),
            Is.Not.EqualTo(baseline), "another configuration");
        Assert.That(Key(4096, 4100, 4096, GemmDType.BFloat16, false, false, false), Does.Contain("|16,8,16|"), "mat2 (cuBLASLt's A, ld n) and the output stay 16-byte aligned; mat1 (ld k, 8200 bytes) is 8-byte aligned");
    }
}
