using System;
using System.Runtime.InteropServices;
using System.Text;
using AutoHeuristic.Cuda.Native;

namespace AutoHeuristic.Cuda.Driver;

/// <summary>
/// The primary context of one device (the one cuBLASLt and the CUDA runtime share), made current
/// on the creating thread. Dispose it after every buffer, stream and module made from it.
/// </summary>
public sealed class CudaContext : IDisposable
{
    private bool _disposed;

    private CudaContext(int ordinal, int device, IntPtr context)
    {
        Ordinal = ordinal;
        Device = device;
        Handle = context;
    }

    /// <summary>The device ordinal.</summary>
    public int Ordinal { get; }

    internal int Device { get; }

    internal IntPtr Handle { get; }

    /// <summary>Initializes the driver, retains device <paramref name="ordinal"/>'s primary context and makes it current.</summary>
    public static CudaContext Create(int ordinal = 0)
    {
        CudaLibraries.EnsureResolver();
        CudaException.Check(DriverApi.Init(0), "cuInit");
        CudaException.Check(DriverApi.DeviceGetCount(out int count), "cuDeviceGetCount");
        if (ordinal < 0 || ordinal >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(ordinal), ordinal, $"Device ordinal {ordinal} does not exist; the driver reports {count} device(s).");
        }

        CudaException.Check(DriverApi.DeviceGet(out int device, ordinal), "cuDeviceGet");
        CudaException.Check(DriverApi.DevicePrimaryCtxRetain(out IntPtr ctx, device), "cuDevicePrimaryCtxRetain");
        CudaException.Check(DriverApi.CtxSetCurrent(ctx), "cuCtxSetCurrent");
        return new CudaContext(ordinal, device, ctx);
    }

    /// <summary>Makes this context current on the calling thread.</summary>
    public void MakeCurrent() => CudaException.Check(DriverApi.CtxSetCurrent(Handle), "cuCtxSetCurrent");

    /// <summary>Waits for all work in the context.</summary>
    public void Synchronize() => CudaException.Check(DriverApi.CtxSynchronize(), "cuCtxSynchronize");

    /// <summary>The driver API version (e.g. 13000).</summary>
    public static int DriverVersion
    {
        get
        {
            CudaException.Check(DriverApi.DriverGetVersion(out int v), "cuDriverGetVersion");
            return v;
        }
    }

    /// <summary>Reads one device attribute.</summary>
    public int GetAttribute(CuDeviceAttribute attribute)
    {
        CudaException.Check(DriverApi.DeviceGetAttribute(out int v, attribute, Device), "cuDeviceGetAttribute(" + attribute + ")");
        return v;
    }

    /// <summary>The device's name.</summary>
    public unsafe string DeviceName
    {
        get
        {
            byte* buffer = stackalloc byte[256];
            CudaException.Check(DriverApi.DeviceGetName(buffer, 256, Device), "cuDeviceGetName");
            return Marshal.PtrToStringUTF8((IntPtr)buffer) ?? string.Empty;
        }
    }

    /// <summary>Total device memory in bytes.</summary>
    public long TotalMemory
    {
        get
        {
            CudaException.Check(DriverApi.DeviceTotalMem(out nuint bytes, Device), "cuDeviceTotalMem");
            return (long)bytes;
        }
    }

    /// <summary>Free and total device memory in bytes.</summary>
    public (long Free, long Total) MemoryInfo
    {
        get
        {
            CudaException.Check(DriverApi.MemGetInfo(out nuint free, out nuint total), "cuMemGetInfo");
            return ((long)free, (long)total);
        }
    }

    /// <summary>Allocates <paramref name="bytes"/> of device memory.</summary>
    public DeviceBuffer Allocate(long bytes) => new(this, bytes);

    /// <summary>Creates a non-blocking stream (capturable into graphs).</summary>
    public CudaStream CreateStream() => new(this);

    /// <summary>Creates a timing event.</summary>
    public CudaEvent CreateEvent() => new(this);

    /// <summary>Loads a cubin or PTX image.</summary>
    public CudaModule LoadModule(byte[] image) => new(this, image);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        DriverApi.DevicePrimaryCtxRelease(Device);
    }
}

/// <summary>A device allocation (bytes).</summary>
public sealed class DeviceBuffer : IDisposable
{
    private readonly DriverHandle _handle;

    internal DeviceBuffer(CudaContext context, long bytes)
    {
        if (bytes <= 0) throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "A device buffer needs a positive size.");
        CudaException.Check(DriverApi.MemAlloc(out ulong ptr, (nuint)bytes), $"cuMemAlloc({bytes} bytes)");
        _handle = new DriverHandle(DriverHandleKind.DeviceMemory, (IntPtr)(long)ptr, context.Handle);
        Bytes = bytes;
    }

    /// <summary>The device address.</summary>
    public ulong Pointer => (ulong)(long)_handle.Value;

    /// <summary>The size in bytes.</summary>
    public long Bytes { get; }

    /// <summary>Copies host data to the start of the buffer (synchronous).</summary>
    public unsafe void CopyFrom<T>(ReadOnlySpan<T> source) where T : unmanaged
    {
        long bytes = (long)source.Length * sizeof(T);
        if (bytes > Bytes) throw new ArgumentException($"{bytes} bytes do not fit a {Bytes}-byte buffer.", nameof(source));
        fixed (T* p = source) CudaException.Check(DriverApi.MemcpyHtoD(Pointer, p, (nuint)bytes), "cuMemcpyHtoD");
    }

    /// <summary>Copies the start of the buffer to host memory (synchronous).</summary>
    public unsafe void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        long bytes = (long)destination.Length * sizeof(T);
        if (bytes > Bytes) throw new ArgumentException($"{bytes} bytes exceed the {Bytes}-byte buffer.", nameof(destination));
        fixed (T* p = destination) CudaException.Check(DriverApi.MemcpyDtoH(p, Pointer, (nuint)bytes), "cuMemcpyDtoH");
    }

    /// <summary>Fills the buffer with a 32-bit pattern on a stream (the size must be a multiple of 4).</summary>
    public void Fill32Async(uint value, CudaStream stream) =>
        CudaException.Check(DriverApi.MemsetD32Async(Pointer, value, (nuint)(Bytes / 4), stream.Handle), "cuMemsetD32Async");

    /// <summary>Zeroes the buffer on a stream.</summary>
    public void ClearAsync(CudaStream stream) =>
        CudaException.Check(DriverApi.MemsetD8Async(Pointer, 0, (nuint)Bytes, stream.Handle), "cuMemsetD8Async");

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}

/// <summary>A non-blocking stream.</summary>
public sealed class CudaStream : IDisposable
{
    private readonly DriverHandle _handle;

    internal CudaStream(CudaContext context)
    {
        CudaException.Check(DriverApi.StreamCreate(out IntPtr s, 1), "cuStreamCreate");
        _handle = new DriverHandle(DriverHandleKind.Stream, s, context.Handle);
        Context = context;
    }

    /// <summary>The owning context.</summary>
    public CudaContext Context { get; }

    internal IntPtr Handle => _handle.Value;

    /// <summary>The raw <c>CUstream</c>, for libraries that take one.</summary>
    public IntPtr NativeHandle => Handle;

    /// <summary>Waits for the stream's work.</summary>
    public void Synchronize() => CudaException.Check(DriverApi.StreamSynchronize(Handle), "cuStreamSynchronize");

    /// <summary>Starts capturing the stream's work into a graph (thread-local mode).</summary>
    public void BeginCapture() => CudaException.Check(DriverApi.StreamBeginCapture(Handle, CuStreamCaptureMode.ThreadLocal), "cuStreamBeginCapture");

    /// <summary>Ends the capture and instantiates the graph.</summary>
    public CudaGraph EndCapture()
    {
        CudaException.Check(DriverApi.StreamEndCapture(Handle, out IntPtr graph), "cuStreamEndCapture");
        var g = new DriverHandle(DriverHandleKind.Graph, graph, Context.Handle);
        CudaException.Check(DriverApi.GraphInstantiateWithFlags(out IntPtr exec, graph, 0), "cuGraphInstantiateWithFlags");
        return new CudaGraph(g, new DriverHandle(DriverHandleKind.GraphExec, exec, Context.Handle));
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}

/// <summary>An instantiated CUDA graph.</summary>
public sealed class CudaGraph : IDisposable
{
    private readonly DriverHandle _graph;
    private readonly DriverHandle _exec;

    internal CudaGraph(DriverHandle graph, DriverHandle exec)
    {
        _graph = graph;
        _exec = exec;
    }

    /// <summary>Replays the graph on a stream.</summary>
    public void Launch(CudaStream stream) => CudaException.Check(DriverApi.GraphLaunch(_exec.Value, stream.Handle), "cuGraphLaunch");

    /// <inheritdoc />
    public void Dispose()
    {
        _exec.Dispose();
        _graph.Dispose();
    }
}

/// <summary>A timing event.</summary>
public sealed class CudaEvent : IDisposable
{
    private readonly DriverHandle _handle;

    internal CudaEvent(CudaContext context)
    {
        CudaException.Check(DriverApi.EventCreate(out IntPtr e, 0), "cuEventCreate");
        _handle = new DriverHandle(DriverHandleKind.Event, e, context.Handle);
    }

    internal IntPtr Handle => _handle.Value;

    /// <summary>Records the event on a stream.</summary>
    public void Record(CudaStream stream) => CudaException.Check(DriverApi.EventRecord(Handle, stream.Handle), "cuEventRecord");

    /// <summary>Waits for the event.</summary>
    public void Synchronize() => CudaException.Check(DriverApi.EventSynchronize(Handle), "cuEventSynchronize");

    /// <summary>Milliseconds between two recorded events.</summary>
    public static float ElapsedMilliseconds(CudaEvent start, CudaEvent end)
    {
        CudaException.Check(DriverApi.EventElapsedTime(out float ms, start.Handle, end.Handle), "cuEventElapsedTime");
        return ms;
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}

/// <summary>A loaded module.</summary>
public sealed class CudaModule : IDisposable
{
    private readonly DriverHandle _handle;

    internal CudaModule(CudaContext context, byte[] image)
    {
        _handle = new DriverHandle(DriverHandleKind.Module, ModuleFromLoad(image), context.Handle);
    }

    private static unsafe IntPtr ModuleFromLoad(byte[] image)
    {
        fixed (byte* p = image)
        {
            CudaException.Check(DriverApi.ModuleLoadData(out IntPtr m, p), "cuModuleLoadData");
            return m;
        }
    }

    /// <summary>Looks a kernel (an <c>extern "C"</c> name) up.</summary>
    public unsafe CudaKernel GetKernel(string name)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* p = utf8)
        {
            CudaException.Check(DriverApi.ModuleGetFunction(out IntPtr f, _handle.Value, p), "cuModuleGetFunction(" + name + ")");
            return new CudaKernel(f, name);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}

/// <summary>A kernel function of a loaded module.</summary>
public sealed class CudaKernel
{
    private readonly IntPtr _function;

    internal CudaKernel(IntPtr function, string name)
    {
        _function = function;
        Name = name;
    }

    /// <summary>The kernel's name.</summary>
    public string Name { get; }

    /// <summary>
    /// Launches with argument addresses already laid out (each entry points to one argument's
    /// value); no boxing.
    /// </summary>
    public unsafe void Launch(CudaStream stream, (uint X, uint Y, uint Z) grid, (uint X, uint Y, uint Z) block, uint sharedBytes, void** arguments) =>
        CudaException.Check(
            DriverApi.LaunchKernel(_function, grid.X, grid.Y, grid.Z, block.X, block.Y, block.Z, sharedBytes, stream.Handle, arguments, null),
            "cuLaunchKernel(" + Name + ")");
}
