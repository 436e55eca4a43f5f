using System;
using System.Globalization;

namespace AutoHeuristic.Hardware;

/// <summary>A CUDA compute capability; <c>ToString()</c> is Python's <c>str((major, minor))</c>, e.g. <c>(9, 0)</c>.</summary>
public readonly record struct DeviceCapability(int Major, int Minor)
{
    /// <summary>No accelerator: (0, 0), as PyTorch reports without a GPU.</summary>
    public static DeviceCapability None => default;

    /// <inheritdoc />
    public override string ToString() =>
        "(" + Major.ToString(CultureInfo.InvariantCulture) + ", " + Minor.ToString(CultureInfo.InvariantCulture) + ")";
}

/// <summary>
/// What identifies the hardware a heuristic was learned on, as PyTorch matches it: the opt-in
/// shared memory per block and the compute capability (an H100 and an H200 look the same).
/// </summary>
public readonly record struct HardwareKey(long SharedMemory, DeviceCapability Capability)
{
    /// <summary>A100: 166912 bytes, (8, 0).</summary>
    public static HardwareKey A100 => new(166912, new DeviceCapability(8, 0));

    /// <summary>H100 and H200: 232448 bytes, (9, 0).</summary>
    public static HardwareKey H100 => new(232448, new DeviceCapability(9, 0));

    /// <inheritdoc />
    public override string ToString() =>
        "shared memory " + SharedMemory.ToString(CultureInfo.InvariantCulture) + ", capability " + Capability;
}

/// <summary>
/// PyTorch's <c>AHMetadata</c>: the hardware, the heuristic name and the choices of one decision.
/// </summary>
public sealed class AHMetadata
{
    /// <summary>Creates metadata.</summary>
    public AHMetadata(long sharedMemory, DeviceCapability deviceCapability, System.Collections.Generic.IReadOnlyList<string> choices, string name)
    {
        SharedMemory = sharedMemory;
        DeviceCapability = deviceCapability;
        Choices = choices ?? throw new ArgumentNullException(nameof(choices));
        Name = name ?? throw new ArgumentNullException(nameof(name));
    }

    /// <summary>Opt-in shared memory per block in bytes (0 without a GPU).</summary>
    public long SharedMemory { get; }

    /// <summary>Compute capability ((0, 0) without a GPU).</summary>
    public DeviceCapability DeviceCapability { get; }

    /// <summary>The choices offered for this decision.</summary>
    public System.Collections.Generic.IReadOnlyList<string> Choices { get; }

    /// <summary>The heuristic's name (<c>pad_mm</c>, <c>mm</c>, …).</summary>
    public string Name { get; }

    /// <summary>The hardware part of the metadata.</summary>
    public HardwareKey Hardware => new(SharedMemory, DeviceCapability);
}
