using System;
using AutoHeuristic.Cuda.Native;

namespace AutoHeuristic.Cuda.Driver;

/// <summary>
/// The helper kernels the harness and collectors need, compiled once per context with NVRTC:
/// constant padding of a strided 2D matrix (PyTorch's <c>constant_pad_nd</c> to a contiguous
/// result), seeded random fill, an SM-clock stamp and a spin of known cycles.
/// </summary>
public sealed class DeviceKernels : IDisposable
{
    /// <summary>The CUDA C++ source (no headers needed).</summary>
    public const string Source = @"
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;

template <typename T>
__device__ void pad2d(const T* src, long long rows, long long cols, long long s0, long long s1,
                      T* dst, long long prows, long long pcols) {
  for (long long r = blockIdx.y; r < prows; r += gridDim.y) {
    for (long long c = (long long)blockIdx.x * blockDim.x + threadIdx.x; c < pcols; c += (long long)gridDim.x * blockDim.x) {
      dst[r * pcols + c] = (r < rows && c < cols) ? src[r * s0 + c * s1] : (T)0;
    }
  }
}

extern ""C"" __global__ void pad2d_u16(const u16* src, long long rows, long long cols, long long s0, long long s1,
                                     u16* dst, long long prows, long long pcols) { pad2d<u16>(src, rows, cols, s0, s1, dst, prows, pcols); }
extern ""C"" __global__ void pad2d_u32(const u32* src, long long rows, long long cols, long long s0, long long s1,
                                     u32* dst, long long prows, long long pcols) { pad2d<u32>(src, rows, cols, s0, s1, dst, prows, pcols); }

__device__ __forceinline__ float uniform_pm1(u64 i, u64 seed) {
  u64 x = i * 0x9E3779B97F4A7C15ull + seed;
  x ^= x >> 30; x *= 0xBF58476D1CE4E5B9ull; x ^= x >> 27; x *= 0x94D049BB133111EBull; x ^= x >> 31;
  return (float)((x >> 40) & 0xFFFFFF) / 8388608.0f - 1.0f;
}

__device__ __forceinline__ u16 to_half_bits(float f) {
  u32 b = __float_as_uint(f);
  u32 sign = (b >> 16) & 0x8000u;
  int e = (int)((b >> 23) & 0xFF) - 127 + 15;
  if (e <= 0) return (u16)sign;
  u32 mant = (b >> 13) & 0x3FFu;
  return (u16)(sign | ((u32)e << 10) | mant);
}

// kind 0: fp32, 1: fp16, 2: bf16; values uniform in [-1, 1).
extern ""C"" __global__ void fill_random(void* dst, long long count, int kind, u64 seed) {
  for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < count; i += (long long)gridDim.x * blockDim.x) {
    float v = uniform_pm1((u64)i, seed);
    if (kind == 0) ((float*)dst)[i] = v;
    else if (kind == 1) ((u16*)dst)[i] = to_half_bits(v);
    else ((u16*)dst)[i] = (u16)(__float_as_uint(v) >> 16);
  }
}

// Writes (globaltimer ns, clock64) once, from a thread on SM 0 (launched over every SM so one lands there).
extern ""C"" __global__ void clock_stamp(u64* out, u32* claimed) {
  u32 smid; asm volatile(""mov.u32 %0, %%smid;"" : ""=r""(smid));
  if (threadIdx.x == 0 && smid == 0 && atomicCAS(claimed, 0u, 1u) == 0u) {
    u64 t; asm volatile(""mov.u64 %0, %%globaltimer;"" : ""=l""(t));
    out[0] = t; out[1] = (u64)clock64();
  }
}

// Spins for a known number of SM cycles, then records (cycles spun, ns elapsed).
extern ""C"" __global__ void spin_cycles(long long cycles, u64* out) {
  u64 t0; asm volatile(""mov.u64 %0, %%globaltimer;"" : ""=l""(t0));
  long long start = clock64();
  long long now = start;
  while (now - start < cycles) now = clock64();
  u64 t1; asm volatile(""mov.u64 %0, %%globaltimer;"" : ""=l""(t1));
  if (threadIdx.x == 0 && blockIdx.x == 0) { out[0] = (u64)(now - start); out[1] = t1 - t0; }
}
";

    private readonly CudaModule _module;
    private readonly CudaKernel _pad16;
    private readonly CudaKernel _pad32;
    private readonly CudaKernel _fill;
    private readonly CudaKernel _stamp;
    private readonly CudaKernel _spin;

    /// <summary>Compiles and loads the kernels for <paramref name="context"/>'s device.</summary>
    public DeviceKernels(CudaContext context)
    {
        Context = context;
        int major = context.GetAttribute(CuDeviceAttribute.ComputeCapabilityMajor);
        int minor = context.GetAttribute(CuDeviceAttribute.ComputeCapabilityMinor);
        Multiprocessors = context.GetAttribute(CuDeviceAttribute.MultiprocessorCount);
        byte[] cubin = NvrtcCompiler.CompileToCubin(Source, "autoheuristic_kernels.cu", NvrtcCompiler.CubinOptions(major, minor));
        _module = context.LoadModule(cubin);
        _pad16 = _module.GetKernel("pad2d_u16");
        _pad32 = _module.GetKernel("pad2d_u32");
        _fill = _module.GetKernel("fill_random");
        _stamp = _module.GetKernel("clock_stamp");
        _spin = _module.GetKernel("spin_cycles");
    }

    /// <summary>The owning context.</summary>
    public CudaContext Context { get; }

    /// <summary>SM count of the device.</summary>
    public int Multiprocessors { get; }

    /// <summary>
    /// Writes <paramref name="src"/> (rows × cols, element strides s0/s1) into the contiguous
    /// (paddedRows × paddedCols) <paramref name="dst"/>, zeros in the padding.
    /// </summary>
    public unsafe void Pad2D(CudaStream stream, ulong src, long rows, long cols, long s0, long s1, ulong dst, long paddedRows, long paddedCols, int elementBytes)
    {
        if (paddedRows < rows || paddedCols < cols) throw new ArgumentException("The padded shape must not be smaller than the source.");
        CudaKernel k = elementBytes switch
        {
            2 => _pad16,
            4 => _pad32,
            _ => throw new ArgumentOutOfRangeException(nameof(elementBytes), elementBytes, "Padding supports 2- and 4-byte elements."),
        };
        void** args = stackalloc void*[8];
        args[0] = &src; args[1] = &rows; args[2] = &cols; args[3] = &s0; args[4] = &s1; args[5] = &dst; args[6] = &paddedRows; args[7] = &paddedCols;
        uint gx = (uint)Math.Min((paddedCols + 255) / 256, 64);
        uint gy = (uint)Math.Min(paddedRows, 65535);
        k.Launch(stream, (gx, gy, 1), (256, 1, 1), 0, args);
    }

    /// <summary>Fills <paramref name="count"/> elements with seeded uniform values in [-1, 1) (kind 0 fp32, 1 fp16, 2 bf16).</summary>
    public unsafe void FillRandom(CudaStream stream, ulong dst, long count, int kind, ulong seed)
    {
        void** args = stackalloc void*[4];
        args[0] = &dst; args[1] = &count; args[2] = &kind; args[3] = &seed;
        k(stream, args);

        void k(CudaStream s, void** a) => _fill.Launch(s, ((uint)(Multiprocessors * 8), 1, 1), (256, 1, 1), 0, a);
    }

    /// <summary>Enqueues a clock stamp writing (ns, cycles) to <paramref name="out16Bytes"/>; <paramref name="claimFlag"/> must be zeroed first.</summary>
    public unsafe void ClockStamp(CudaStream stream, ulong out16Bytes, ulong claimFlag)
    {
        void** args = stackalloc void*[2];
        args[0] = &out16Bytes; args[1] = &claimFlag;
        _stamp.Launch(stream, ((uint)(Multiprocessors * 2), 1, 1), (32, 1, 1), 0, args);
    }

    /// <summary>Enqueues a one-thread spin of <paramref name="cycles"/> SM cycles writing (cycles, ns) to <paramref name="out16Bytes"/>.</summary>
    public unsafe void Spin(CudaStream stream, long cycles, ulong out16Bytes)
    {
        void** args = stackalloc void*[2];
        args[0] = &cycles; args[1] = &out16Bytes;
        _spin.Launch(stream, (1, 1, 1), (1, 1, 1), 0, args);
    }

    /// <inheritdoc />
    public void Dispose() => _module.Dispose();
}
