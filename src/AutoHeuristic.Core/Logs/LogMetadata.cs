using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AutoHeuristic.Formatting;
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

    /// <summary>The largest <c>shared_memory</c> accepted: 2^53 − 1 bytes; from 2^53 on a JSON number is no longer an exact integer.</summary>
    public const double MaxSharedMemory = 9007199254740991.0;

    /// <summary>
    /// Parses line 1 of a log. Throws <see cref="LogFormatException"/> (with the column of the
    /// offending value) when it is not valid metadata: the five keys must be there, numbers must
    /// be whole and in range (never rounded or clamped), feature names must be usable as CSV header
    /// cells (non-empty, no comma, quote or line break, distinct, not <c>choice</c>/<c>feedback</c>).
    /// </summary>
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

        long sharedMemory = (long)RequireWhole(line, "shared_memory", RequireNumber(obj, line, "shared_memory"), MaxSharedMemory, "a whole number of bytes");
        if (!obj.TryGetValue("device_capa", out object? capa) || capa is not List<object?> capaList || capaList.Count != 2
            || capaList[0] is not double major || capaList[1] is not double minor)
        {
            throw new LogFormatException("The metadata's \"device_capa\" must be a list of two integers, such as [9, 0].", 1, ColumnOf(line, "device_capa"));
        }

        int majorValue = (int)RequireWhole(line, "device_capa", major, int.MaxValue, "a list of two whole numbers, such as [9, 0],");
        int minorValue = (int)RequireWhole(line, "device_capa", minor, int.MaxValue, "a list of two whole numbers, such as [9, 0],");
        string name = obj.TryGetValue("name", out object? n) && n is string s
            ? s
            : throw new LogFormatException("The metadata has no \"name\" string.", 1, ColumnOf(line, "name"));
        IReadOnlyList<string> numerical = RequireStringList(obj, line, "numerical_features");
        IReadOnlyList<string> categorical = RequireStringList(obj, line, "categorical_features");
        CheckFeatureNames(line, numerical, categorical);
        return new LogMetadata(sharedMemory, new DeviceCapability(majorValue, minorValue), name, numerical, categorical);
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

    private static double RequireNumber(Dictionary<string, object?> obj, string line, string key) =>
        obj.TryGetValue(key, out object? v) && v is double d
            ? d
            : throw new LogFormatException($"The metadata has no numeric \"{key}\".", 1, ColumnOf(line, key));

    // A whole number from 0 to max: 1.5 or 1e308 must not silently become 1 or long.MaxValue
    // (another hardware key, logs that merge or split wrongly).
    private static double RequireWhole(string line, string key, double value, double max, string what)
    {
        if (value >= 0 && value <= max && value == Math.Floor(value)) return value;
        throw new LogFormatException(
            $"The metadata's \"{key}\" must be {what} from 0 to {max.ToString("R", CultureInfo.InvariantCulture)}; found {value.ToString("R", CultureInfo.InvariantCulture)}.",
            1, ColumnOf(line, key));
    }

    private static IReadOnlyList<string> RequireStringList(Dictionary<string, object?> obj, string line, string key)
    {
        if (!obj.TryGetValue(key, out object? v) || v is not List<object?> list)
        {
            throw new LogFormatException($"The metadata has no \"{key}\" list.", 1, ColumnOf(line, key));
        }

        var result = new string[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            result[i] = list[i] as string ?? throw new LogFormatException($"The metadata's \"{key}\" must hold only strings.", 1, ColumnOf(line, key));
        }

        return result;
    }

    // Feature names are CSV header cells: non-empty, no comma, quote or line break, distinct, and
    // not the two columns every log ends with.
    private static void CheckFeatureNames(string line, IReadOnlyList<string> numerical, IReadOnlyList<string> categorical)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach ((IReadOnlyList<string> names, string key) in new[] { (numerical, "numerical_features"), (categorical, "categorical_features") })
        {
            foreach (string name in names)
            {
                string? problem = name.Length == 0 ? "an empty name"
                    : !PythonFormat.IsCsvSafe(name) ? "a comma, quote or line break, which a CSV header cell cannot hold"
                    : name == LogFormat.ChoiceColumn || name == LogFormat.FeedbackColumn ? "the name of a column every log ends with"
                    : !seen.Add(name) ? "a name listed twice"
                    : null;
                if (problem is not null)
                {
                    throw new LogFormatException($"The metadata's \"{key}\" has the feature '{name}' with {problem}.", 1, ColumnOf(line, key));
                }
            }
        }
    }

    // The 1-based column of the value of "key" in the metadata line, or 0 when it is not written plainly.
    private static int ColumnOf(string line, string key)
    {
        int at = line.IndexOf("\"" + key + "\"", StringComparison.Ordinal);
        if (at < 0) return 0;
        int i = at + key.Length + 2;
        while (i < line.Length && (line[i] == ' ' || line[i] == '\t')) i++;
        if (i >= line.Length || line[i] != ':') return at + 1;
        i++;
        while (i < line.Length && (line[i] == ' ' || line[i] == '\t')) i++;
        return i + 1;
    }
}
