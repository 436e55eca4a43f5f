using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AutoHeuristic.Hardware;

namespace AutoHeuristic.Logs;

/// <summary>
/// Line 1 of a training log: a JSON object with the hardware, the heuristic name and the
/// numerical and categorical feature names. Written exactly as PyTorch's <c>json.dumps</c>
/// writes it; read in any key order with unknown keys ignored (PyTorch's own pad_mm A100 log has
/// an older key order and an extra <c>choices</c> key).
/// </summary>
public sealed record LogMetadata(
    long SharedMemory,
    DeviceCapability DeviceCapability,
    string Name,
    IReadOnlyList<string> NumericalFeatures,
    IReadOnlyList<string> CategoricalFeatures)
{
    /// <summary>The hardware this log was collected on.</summary>
    public HardwareKey Hardware => new(SharedMemory, DeviceCapability);

    /// <summary>
    /// PyTorch's serialization: keys <c>shared_memory, device_capa, name, numerical_features,
    /// categorical_features</c>, separators <c>", "</c> and <c>": "</c>, capability as a JSON list,
    /// non-ASCII escaped as <c>\uXXXX</c>.
    /// </summary>
    public string ToJson()
    {
        var sb = new StringBuilder(256);
        sb.Append("{\"shared_memory\": ").Append(SharedMemory.ToString(CultureInfo.InvariantCulture));
        sb.Append(", \"device_capa\": [").Append(DeviceCapability.Major.ToString(CultureInfo.InvariantCulture))
          .Append(", ").Append(DeviceCapability.Minor.ToString(CultureInfo.InvariantCulture)).Append(']');
        sb.Append(", \"name\": ");
        JsonText.WriteString(sb, Name);
        sb.Append(", \"numerical_features\": ");
        WriteList(sb, NumericalFeatures);
        sb.Append(", \"categorical_features\": ");
        WriteList(sb, CategoricalFeatures);
        sb.Append('}');
        return sb.ToString();
    }

    /// <summary>True when both describe the same hardware, name and features (list order included).</summary>
    public bool SameAs(LogMetadata other) =>
        SharedMemory == other.SharedMemory && DeviceCapability == other.DeviceCapability && Name == other.Name
        && NumericalFeatures.SequenceEqual(other.NumericalFeatures) && CategoricalFeatures.SequenceEqual(other.CategoricalFeatures);

    /// <summary>Parses line 1 of a log. Throws <see cref="LogFormatException"/> (with the column) when it is not valid metadata.</summary>
    public static LogMetadata Parse(string line)
    {
        object? root;
        try
        {
            root = JsonText.Parse(line);
        }
        catch (JsonTextException e)
        {
            throw new LogFormatException("The metadata line is not valid JSON: " + e.What + ".", 1, e.Column);
        }

        if (root is not Dictionary<string, object?> obj)
        {
            throw new LogFormatException("The first line is not a JSON object with the log's metadata.", 1);
        }

        long sharedMemory = (long)RequireNumber(obj, "shared_memory");
        if (!obj.TryGetValue("device_capa", out object? capa) || capa is not List<object?> capaList || capaList.Count != 2
            || capaList[0] is not double major || capaList[1] is not double minor)
        {
            throw new LogFormatException("The metadata's \"device_capa\" must be a list of two integers, such as [9, 0].", 1);
        }

        string name = obj.TryGetValue("name", out object? n) && n is string s
            ? s
            : throw new LogFormatException("The metadata has no \"name\" string.", 1);
        return new LogMetadata(
            sharedMemory,
            new DeviceCapability((int)major, (int)minor),
            name,
            RequireStringList(obj, "numerical_features"),
            RequireStringList(obj, "categorical_features"));
    }

    /// <summary>Whether <paramref name="feature"/> is categorical in this log.</summary>
    public bool IsCategorical(string feature) => CategoricalFeatures.Contains(feature);

    /// <inheritdoc />
    public bool Equals(LogMetadata? other) => other is not null && SameAs(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        int hash = SharedMemory.GetHashCode() ^ DeviceCapability.GetHashCode() ^ StringComparer.Ordinal.GetHashCode(Name);
        foreach (string f in NumericalFeatures) hash = (hash * 31) ^ StringComparer.Ordinal.GetHashCode(f);
        foreach (string f in CategoricalFeatures) hash = (hash * 37) ^ StringComparer.Ordinal.GetHashCode(f);
        return hash;
    }

    private static void WriteList(StringBuilder sb, IReadOnlyList<string> items)
    {
        sb.Append('[');
        for (int i = 0; i < items.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            JsonText.WriteString(sb, items[i]);
        }

        sb.Append(']');
    }

    private static double RequireNumber(Dictionary<string, object?> obj, string key) =>
        obj.TryGetValue(key, out object? v) && v is double d
            ? d
            : throw new LogFormatException($"The metadata has no numeric \"{key}\".", 1);

    private static IReadOnlyList<string> RequireStringList(Dictionary<string, object?> obj, string key)
    {
        if (!obj.TryGetValue(key, out object? v) || v is not List<object?> list)
        {
            throw new LogFormatException($"The metadata has no \"{key}\" list.", 1);
        }

        var result = new string[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            result[i] = list[i] as string ?? throw new LogFormatException($"The metadata's \"{key}\" must hold only strings.", 1);
        }

        return result;
    }
}
