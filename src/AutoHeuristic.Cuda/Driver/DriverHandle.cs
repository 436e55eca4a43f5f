using System;
using System.Runtime.InteropServices;
using AutoHeuristic.Cuda.Native;

namespace AutoHeuristic.Cuda.Driver;

/// <summary>What a <see cref="DriverHandle"/> owns; decides the release call.</summary>
internal enum DriverHandleKind
{
    DeviceMemory,
    Stream,
    Event,
    Module,
    Graph,
    GraphExec,
}

/// <summary>
/// Owns one driver object and releases it exactly once, with the owning primary context made
/// current first (a finalizer thread has no current context). Release errors are swallowed:
/// a dying context may already have freed everything.
/// </summary>
internal sealed class DriverHandle : SafeHandle
{
    private readonly DriverHandleKind _kind;
    private readonly IntPtr _context;

    internal DriverHandle(DriverHandleKind kind, IntPtr value, IntPtr context)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        _kind = kind;
        _context = context;
        SetHandle(value);
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The raw value (a device pointer for memory).</summary>
    internal IntPtr Value => IsClosed ? throw new ObjectDisposedException(_kind.ToString()) : handle;

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        if (_context != IntPtr.Zero) DriverApi.CtxSetCurrent(_context);
        CuResult r = _kind switch
        {
            DriverHandleKind.DeviceMemory => DriverApi.MemFree((ulong)handle),
            DriverHandleKind.Stream => DriverApi.StreamDestroy(handle),
            DriverHandleKind.Event => DriverApi.EventDestroy(handle),
            DriverHandleKind.Module => DriverApi.ModuleUnload(handle),
            DriverHandleKind.Graph => DriverApi.GraphDestroy(handle),
            DriverHandleKind.GraphExec => DriverApi.GraphExecDestroy(handle),
            _ => CuResult.Success,
        };
        return r == CuResult.Success;
    }
}
