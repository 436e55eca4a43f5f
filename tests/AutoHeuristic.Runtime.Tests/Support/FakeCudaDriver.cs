using System;
using System.Collections.Generic;
using System.Text;

namespace AutoHeuristic.Tests.Support;

/// <summary>
/// A CUDA driver that answers what the test sets: an H100 by default; any call can be made to
/// return an error status or throw. Records the calls, so tests see what was asked.
/// </summary>
internal sealed class FakeCudaDriver : ICudaDriver
{
    public string LibraryName => "libfakecuda.so";

    public string DeviceName { get; set; } = "NVIDIA H100 80GB HBM3";

    public Dictionary<int, int> Attributes { get; } = new() { [97] = 232448, [75] = 9, [76] = 0 };

    /// <summary>Status to return by call name (<c>cuInit</c>, <c>cuDeviceGet</c>, <c>cuDeviceGetName</c>, <c>attribute 97</c>, …).</summary>
    public Dictionary<string, int> Failures { get; } = new();

    /// <summary>Thrown by the first call, as the marshaller throws for a missing library.</summary>
    public Exception? Throw { get; set; }

    public Func<int, string?> Names { get; set; } = status => status == 100 ? "CUDA_ERROR_NO_DEVICE" : null;

    public List<string> Calls { get; } = new();

    public int Init(uint flags) => Answer($"cuInit({flags})", "cuInit");

    public int DeviceGet(out int device, int ordinal)
    {
        device = 7;
        return Answer($"cuDeviceGet({ordinal})", "cuDeviceGet");
    }

    public int DeviceGetName(byte[] name, int length, int device)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(DeviceName);
        Array.Copy(bytes, name, Math.Min(bytes.Length, length));
        return Answer($"cuDeviceGetName({length}, device {device})", "cuDeviceGetName");
    }

    public int DeviceGetAttribute(out int value, int attribute, int device)
    {
        value = Attributes.TryGetValue(attribute, out int v) ? v : 0;
        return Answer($"cuDeviceGetAttribute({attribute}, device {device})", "attribute " + attribute);
    }

    public string? ErrorName(int status) => Names(status);

    private int Answer(string call, string key)
    {
        Calls.Add(call);
        if (Throw is not null) throw Throw;
        return Failures.TryGetValue(key, out int status) ? status : 0;
    }
}
