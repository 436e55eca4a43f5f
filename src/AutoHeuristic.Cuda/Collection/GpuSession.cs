using System;
using System.Collections.Generic;
using AutoHeuristic.Cuda.Benchmarking;
using AutoHeuristic.Cuda.Blas;
using AutoHeuristic.Cuda.Driver;
using AutoHeuristic.Cuda.Hardware;
using AutoHeuristic.Hardware;

namespace AutoHeuristic.Cuda.Collection;

/// <summary>Everything a collector holds on one device: context, kernels, timer, cuBLASLt, arena and the device facts.</summary>
public sealed class GpuSession : IDisposable
{
    /// <summary>Opens device <paramref name="ordinal"/>; <paramref name="arenaBytes"/> null takes what <see cref="DeviceArena.SuggestedSize"/> says.</summary>
    public GpuSession(int ordinal = 0, long? arenaBytes = null)
    {
        Context = CudaContext.Create(ordinal);
        try
        {
            Device = CudaDeviceInfo.Read(Context);
            Kernels = new DeviceKernels(Context);
            Timer = new CudaGpuTimer(Context, Kernels);
            Lt = new CublasLt(Context);
            Arena = new DeviceArena(Context, arenaBytes ?? DeviceArena.SuggestedSize(Context));
            Benchmark = new GpuBenchmark(Timer);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The primary context.</summary>
    public CudaContext Context { get; }

    /// <summary>Device facts.</summary>
    public CudaDeviceInfo Device { get; }

    /// <summary>Helper kernels.</summary>
    public DeviceKernels Kernels { get; } = null!;

    /// <summary>The timer; all measured work goes on its stream.</summary>
    public CudaGpuTimer Timer { get; } = null!;

    /// <summary>cuBLASLt.</summary>
    public CublasLt Lt { get; } = null!;

    /// <summary>Per-input buffers.</summary>
    public DeviceArena Arena { get; } = null!;

    /// <summary>The harness.</summary>
    public GpuBenchmark Benchmark { get; } = null!;

    /// <summary>The stream of the measured work.</summary>
    public CudaStream Stream => Timer.Stream;

    /// <summary>The input gates for this device (PyTorch's precondition size, memory, machine balance) plus an optional cap.</summary>
    public InputGates Gates(double? maxGflop)
    {
        long minSize = Device.Key == HardwareKey.H100 ? 768 : Device.Key == HardwareKey.A100 ? 512 : 0;
        double flopsPerClockPerSm = Device.Capability.Major >= 9 ? 4096 : 2048;
        double peak = Device.Multiprocessors * flopsPerClockPerSm * Device.MaxSmClockMHz * 1e6;
        double balance = Device.DramGBps > 0 ? peak / (Device.DramGBps * 1e9) : 0;
        return new InputGates(Device.TotalMemory, minSize, balance, maxGflop);
    }

    /// <summary>
    /// Keys of the kernels that have already run on this <see cref="GpuSession"/> (GEMM configurations with their
    /// dtype, layout and alignment; helper kernels), so long work whose kernels are all known can
    /// skip the harness's initializing run (<see cref="WorkHint"/>).
    /// </summary>
    public HashSet<string> InitializedKernels { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A lower bound on one GEMM's time in ms: its FLOPs at the device's tensor-core (or, for
    /// fp32 without TF32, FMA-unit) peak at the top SM clock, or its bytes at the DRAM peak,
    /// whichever is longer. Peaks are per-SM figures at or above NVIDIA's (Hopper: 4096 dense
    /// fp16/bf16 FLOP per clock, half for TF32, 256 for fp32 FMA), so the bound is never above
    /// the real time.
    /// </summary>
    public double GemmLowerBoundMs(MatmulProblem problem) => GemmLowerBoundMs(problem, Device);

    /// <summary>The lower bound of <see cref="GemmLowerBoundMs(MatmulProblem)"/> for given device facts.</summary>
    public static double GemmLowerBoundMs(MatmulProblem problem, CudaDeviceInfo device)
    {
        double perSmPerClock = device.Capability.Major >= 9 ? 4096 : 2048;
        if (problem.DType == GemmDType.Float32) perSmPerClock = problem.UseTf32 ? perSmPerClock / 2 : 256;
        double peakFlops = device.Multiprocessors * perSmPerClock * device.MaxSmClockMHz * 1e6;
        double computeMs = peakFlops > 0 ? problem.Flops / peakFlops * 1e3 : 0;
        double memoryMs = device.DramGBps > 0 ? problem.Bytes / (device.DramGBps * 1e9) * 1e3 : 0;
        return Math.Max(computeMs, memoryMs);
    }

    /// <summary>Fills a buffer with seeded values in [-1, 1) (never zeros: zeros make GEMMs faster).</summary>
    public void FillRandom(ulong pointer, long elements, GemmDType dtype, ulong seed) =>
        Kernels.FillRandom(Stream, pointer, elements, dtype.FillKind(), seed);

    /// <inheritdoc />
    public void Dispose()
    {
        Arena?.Dispose();
        Lt?.Dispose();
        Timer?.Dispose();
        Kernels?.Dispose();
        Context.Dispose();
    }
}
