using System;

namespace AutoHeuristic.Cuda.Driver;

/// <summary>Thrown when an input's buffers do not fit the arena (treated like out-of-memory: the input is skipped).</summary>
public sealed class ArenaExhaustedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ArenaExhaustedException(long requested, long free, long capacity)
        : base($"Device arena exhausted: {requested} bytes requested, {free} of {capacity} free.")
    {
    }
}

/// <summary>
/// One large device allocation carved into 256-byte-aligned pieces and reset per input, so a
/// collection does not pay <c>cuMemAlloc</c>/<c>cuMemFree</c> (which synchronizes) per input.
/// </summary>
public sealed class DeviceArena : IDisposable
{
    private readonly DeviceBuffer _buffer;
    private long _used;

    /// <summary>Allocates <paramref name="bytes"/> in <paramref name="context"/>.</summary>
    public DeviceArena(CudaContext context, long bytes)
    {
        _buffer = context.Allocate(bytes);
        Capacity = bytes;
    }

    /// <summary>Arena size in bytes.</summary>
    public long Capacity { get; }

    /// <summary>Bytes handed out since the last reset.</summary>
    public long Used => _used;

    /// <summary>The arena size a collector should take: free memory less a reserve, at most 85 % of the total.</summary>
    public static long SuggestedSize(CudaContext context, long reserveBytes = 4L << 30)
    {
        var (free, total) = context.MemoryInfo;
        return Math.Max(256L << 20, Math.Min(free - reserveBytes, total * 85 / 100)) / 256 * 256;
    }

    /// <summary>A device pointer to <paramref name="bytes"/> bytes.</summary>
    public ulong Take(long bytes)
    {
        long size = (Math.Max(bytes, 1) + 255) / 256 * 256;
        if (_used + size > Capacity) throw new ArenaExhaustedException(bytes, Capacity - _used, Capacity);
        ulong p = _buffer.Pointer + (ulong)_used;
        _used += size;
        return p;
    }

    /// <summary>Frees everything handed out (the caller must have synchronized).</summary>
    public void Reset() => _used = 0;

    /// <inheritdoc />
    public void Dispose() => _buffer.Dispose();
}
