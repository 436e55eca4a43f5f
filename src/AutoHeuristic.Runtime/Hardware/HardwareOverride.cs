using System;
using System.Globalization;
using AutoHeuristic.Hardware;

namespace AutoHeuristic;

/// <summary>
/// Parses <c>AUTOHEURISTIC_HARDWARE</c>: <c>cpu</c>, or <c>NAME;SHARED_MEMORY_BYTES;MAJOR.MINOR</c>
/// such as <c>NVIDIA H100 80GB HBM3;232448;9.0</c>, for tests, containers without the driver
/// library, and machines whose driver reports something odd.
/// </summary>
internal static class HardwareOverride
{
    /// <summary>An example value, for messages.</summary>
    public const string Example = "NVIDIA H100 80GB HBM3;232448;9.0";

    /// <summary>The accepted forms, for messages.</summary>
    public const string ExpectedForms = "'cpu' or 'NAME;SHARED_MEMORY_BYTES;MAJOR.MINOR', e.g. '" + Example + "'";

    /// <summary>The hardware <paramref name="value"/> names, or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static HardwareInfo? Parse(string value, out string? problem)
    {
        problem = null;
        string text = value.Trim();
        if (string.Equals(text, "cpu", StringComparison.OrdinalIgnoreCase)) return HardwareInfo.None;

        string[] fields = text.Split(';');
        if (fields.Length != 3)
        {
            problem = $"expected 3 fields separated by ';' (name;shared memory bytes;capability), found {fields.Length}";
            return null;
        }

        string name = fields[0].Trim();
        if (name.Length == 0)
        {
            problem = "the device name (first field) is empty";
            return null;
        }

        string memory = fields[1].Trim();
        if (!long.TryParse(memory, NumberStyles.None, CultureInfo.InvariantCulture, out long sharedMemory) || sharedMemory <= 0)
        {
            problem = $"the shared memory '{memory}' (second field) is not a positive whole number of bytes";
            return null;
        }

        string capability = fields[2].Trim();
        string[] parts = capability.Split('.');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int minor)
            || major <= 0)
        {
            problem = $"the compute capability '{capability}' (third field) is not MAJOR.MINOR with MAJOR at least 1, e.g. 9.0";
            return null;
        }

        return new HardwareInfo(name, sharedMemory, new DeviceCapability(major, minor));
    }
}
