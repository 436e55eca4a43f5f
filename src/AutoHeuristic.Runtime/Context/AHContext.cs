using System;
using System.Collections.Generic;
using AutoHeuristic.Features;
using AutoHeuristic.Formatting;
using AutoHeuristic.Logs;

namespace AutoHeuristic;

/// <summary>One logged feature: name, value and whether the trainer treats it as a category.</summary>
public readonly record struct AHFeature(string Name, FeatureValue Value, bool IsCategorical);

/// <summary>
/// The features of one decision, in insertion order (PyTorch's <c>AHContext</c>). Logged
/// features are written to training logs; augmented features (<see cref="AHOperation"/>) are
/// computed for decisions only and never logged.
/// </summary>
/// <remarks>
/// Augmented features are lazy: <see cref="ApplyOperations"/> only registers them, and each one is
/// computed the first time a lookup asks for it, then cached until a logged value changes through
/// <see cref="SetValue(string, FeatureValue)"/>. A learned tree reads only the handful of features
/// on its path, so a decision does not pay for all 26 pad_mm operations. Lookups go through one
/// small open-addressing table over logged and augmented names whose hash reads four characters,
/// so a lookup costs a few nanoseconds. Not thread-safe: one context belongs to one decision at a time.
/// </remarks>
public sealed partial class AHContext : IFeatureSource
{
    // Slot state for augmented features: computed for the current version, or being computed (cycle guard).
    private const int Computing = -1;

    private readonly List<AHFeature> _features = new(24);
    private readonly List<AHOperation> _operations = new(32);
    private readonly NameTable _slotByName = new();
    private Slot[] _slots = new Slot[32];
    private int _slotCount;
    private int _version = 1;
    private IReadOnlyList<AHOperation>? _lastApplied;
    private IReadOnlyList<AHFeature>? _featuresView;   // read-only views, so callers cannot edit the lists
    private IReadOnlyList<AHOperation>? _operationsView;

    private struct Slot
    {
        public FeatureValue Value;
        public AHOperation? Operation; // null for a logged feature
        public int FeatureIndex;       // index into _features for a logged feature
        public int ComputedVersion;    // augmented only: the version the cached value belongs to
    }

    /// <summary>Creates an empty context.</summary>
    public AHContext()
    {
    }

    /// <summary>Adds an integer feature.</summary>
    /// <exception cref="ArgumentOutOfRangeException">|value| is above 2^53, which a feature cannot hold exactly.</exception>
    public void AddFeature(string name, long value, bool isCategorical = false) =>
        AddFeature(name, ExactInteger(name, value), isCategorical);

    /// <summary>Adds an integer feature.</summary>
    public void AddFeature(string name, int value, bool isCategorical = false) => AddFeature(name, (long)value, isCategorical);

    /// <summary>Adds a floating-point feature.</summary>
    public void AddFeature(string name, double value, bool isCategorical = false) =>
        AddFeature(name, FeatureValue.FromFloat(value), isCategorical);

    /// <summary>Adds a boolean feature (logged as <c>True</c>/<c>False</c>).</summary>
    public void AddFeature(string name, bool value, bool isCategorical = false) =>
        AddFeature(name, FeatureValue.FromBool(value), isCategorical);

    /// <summary>Adds a text feature (logged verbatim; commas, quotes and line breaks are refused).</summary>
    public void AddFeature(string name, string value, bool isCategorical = false)
    {
        if (value is null) throw new ArgumentNullException(nameof(value), $"The value of feature '{name}' is null.");
        AddFeature(name, FeatureValue.FromText(value), isCategorical);
    }

    /// <summary>Adds an enum feature (logged as the member name).</summary>
    public void AddFeature<TEnum>(string name, TEnum value, bool isCategorical = true)
        where TEnum : struct, Enum => AddFeature(name, FeatureValue.FromText(value.ToString()), isCategorical);

    /// <summary>Adds a feature whose value is already a <see cref="FeatureValue"/>.</summary>
    /// <exception cref="ArgumentException">The name or text value contains a comma, quote or line break, the name is
    /// <c>choice</c> or <c>feedback</c> (log columns), or a feature of that name already exists.</exception>
    public void AddFeature(string name, FeatureValue value, bool isCategorical = false)
    {
        ValidateName(name, "Feature name", nameof(name));
        ValidateValue(name, value);
        if (_slotByName.ContainsKey(name))
        {
            throw new ArgumentException($"The context already has a feature named '{name}'.", nameof(name));
        }

        int slot = NewSlot(name);
        _slots[slot].Value = value;
        _slots[slot].FeatureIndex = _features.Count;
        _features.Add(new AHFeature(name, value, isCategorical));
        _version++;
    }

    /// <summary>
    /// Replaces the value of an existing logged feature, so one context can be reused for many
    /// decisions without allocating; cached augmented values are recomputed on their next lookup.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No logged feature has this name.</exception>
    public void SetValue(string name, FeatureValue value)
    {
        if (name is null) throw new ArgumentNullException(nameof(name));
        if (!_slotByName.TryGetValue(name, out int slot) || _slots[slot].Operation is not null)
        {
            throw new KeyNotFoundException($"The context has no logged feature named '{name}' to update.");
        }

        ValidateValue(name, value);
        ref Slot s = ref _slots[slot];
        s.Value = value;
        _features[s.FeatureIndex] = _features[s.FeatureIndex] with { Value = value };
        _version++;
    }

    /// <summary>Replaces the value of an existing integer feature (see <see cref="SetValue(string, FeatureValue)"/>).</summary>
    public void SetValue(string name, long value) => SetValue(name, ExactInteger(name, value));

    /// <summary>Replaces the value of an existing floating-point feature (see <see cref="SetValue(string, FeatureValue)"/>).</summary>
    public void SetValue(string name, double value) => SetValue(name, FeatureValue.FromFloat(value));

    /// <summary>Replaces the value of an existing boolean feature (see <see cref="SetValue(string, FeatureValue)"/>).</summary>
    public void SetValue(string name, bool value) => SetValue(name, FeatureValue.FromBool(value));

    /// <summary>The logged features in insertion order.</summary>
    public IReadOnlyList<AHFeature> Features => _featuresView ??= _features.AsReadOnly();

    /// <summary>The augmented operations registered with <see cref="ApplyOperations"/>, in order.</summary>
    public IReadOnlyList<AHOperation> Operations => _operationsView ??= _operations.AsReadOnly();

    /// <summary>Number of logged features.</summary>
    public int Count => _features.Count;

    /// <summary>Looks a logged or augmented feature up by name (computing an augmented one on first use).</summary>
    public bool TryGetValue(string name, out FeatureValue value)
    {
        if (name is not null && _slotByName.TryGetValue(name, out int slot))
        {
            value = Read(slot);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The value of a logged or augmented feature; throws <see cref="KeyNotFoundException"/> naming it.</summary>
    public FeatureValue GetValue(string name)
    {
        if (name is not null && _slotByName.TryGetValue(name, out int slot)) return Read(slot);
        throw Missing(name);
    }

    /// <summary>The numeric value of a feature (booleans are 1 and 0; text is NaN); throws <see cref="KeyNotFoundException"/> naming it.</summary>
    public double GetNumber(string name) => GetValue(name).Number;

    /// <summary>The Python <c>str()</c> text of a feature; throws <see cref="KeyNotFoundException"/> naming it.</summary>
    public string GetText(string name) => GetValue(name).Text;

    /// <summary>Whether a logged or augmented feature of this name exists.</summary>
    public bool Contains(string name) => name is not null && _slotByName.ContainsKey(name);

    /// <summary>The numerical and the categorical feature names, each in insertion order.</summary>
    public (IReadOnlyList<string> Numerical, IReadOnlyList<string> Categorical) GetNumericalAndCategoricalFeatures()
    {
        var numerical = new List<string>();
        var categorical = new List<string>();
        foreach (AHFeature f in _features) (f.IsCategorical ? categorical : numerical).Add(f.Name);
        return (numerical, categorical);
    }

    /// <summary>The log metadata for these features on the given hardware (PyTorch's key order).</summary>
    public LogMetadata ToLogMetadata(string name, Hardware.HardwareKey hardware)
    {
        var (numerical, categorical) = GetNumericalAndCategoricalFeatures();
        return new LogMetadata(hardware.SharedMemory, hardware.Capability, name, numerical, categorical);
    }

    /// <summary>The feature names joined by commas (the header's feature part).</summary>
    public string GetFeatureNamesCsv() => string.Join(",", FeatureNames());

    /// <summary>The feature values as Python's <c>str()</c> writes them, joined by commas.</summary>
    public string GetFeatureValuesCsv() => string.Join(",", FeatureTexts());

    /// <summary>
    /// Makes the augmented features of <paramref name="operations"/> available to lookups. They
    /// are computed lazily, on first lookup. Applying an operation instance that is already
    /// applied does nothing, so a reused context can be handed the same list again.
    /// </summary>
    /// <exception cref="ArgumentException">A different feature or operation already has an operation's name.</exception>
    public void ApplyOperations(IReadOnlyList<AHOperation> operations)
    {
        if (operations is null) throw new ArgumentNullException(nameof(operations));
        // The common case: the same list again for the next decision on a reused context.
        if (ReferenceEquals(operations, _lastApplied)) return;
        EnsureCapacity(_slotCount + operations.Count);
        for (int i = 0; i < operations.Count; i++)
        {
            AHOperation op = operations[i] ?? throw new ArgumentException($"Operation {i} is null.", nameof(operations));
            if (_slotByName.TryGetValue(op.Name, out int existing))
            {
                if (ReferenceEquals(_slots[existing].Operation, op)) continue;
                string what = _slots[existing].Operation is null ? "a logged feature" : "another operation";
                throw new ArgumentException($"The augmented feature '{op.Name}' has the same name as {what} in the context.", nameof(operations));
            }

            int slot = NewSlot(op.Name);
            _slots[slot].Operation = op;
            _slots[slot].ComputedVersion = 0;
            _operations.Add(op);
        }

        _lastApplied = operations;
    }

    internal IEnumerable<string> FeatureNames()
    {
        foreach (AHFeature f in _features) yield return f.Name;
    }

    internal IEnumerable<string> FeatureTexts()
    {
        foreach (AHFeature f in _features) yield return f.Value.Text;
    }

    private FeatureValue Read(int slot)
    {
        ref Slot s = ref _slots[slot];
        if (s.Operation is null || s.ComputedVersion == _version) return s.Value;
        return Compute(slot);
    }

    private FeatureValue Compute(int slot)
    {
        AHOperation op = _slots[slot].Operation!;
        if (_slots[slot].ComputedVersion == Computing)
        {
            throw new InvalidOperationException($"The augmented feature '{op.Name}' depends on itself.");
        }

        int version = _version;
        _slots[slot].ComputedVersion = Computing;
        FeatureValue value;
        try
        {
            value = op.Evaluate(this);
        }
        catch
        {
            _slots[slot].ComputedVersion = 0;
            throw;
        }

        // The array may have grown while the operation ran; index again.
        _slots[slot].Value = value;
        _slots[slot].ComputedVersion = version;
        return value;
    }

    // Grows the slots and the name table once for a batch instead of doubling repeatedly.
    private void EnsureCapacity(int slots)
    {
        if (slots > _slots.Length)
        {
            int size = _slots.Length;
            while (size < slots) size *= 2;
            Array.Resize(ref _slots, size);
        }

        _slotByName.EnsureCapacity(slots);
    }

    private int NewSlot(string name)
    {
        if (_slotCount == _slots.Length) Array.Resize(ref _slots, _slots.Length * 2);
        int slot = _slotCount++;
        _slots[slot] = default;
        _slotByName.Add(name, slot);
        return slot;
    }

    private static void ValidateName(string name, string what, string paramName)
    {
        PythonFormat.EnsureCsvSafe(name, what, paramName);
        if (name.Length == 0) throw new ArgumentException($"{what} is empty.", paramName);
        if (name == LogFormat.ChoiceColumn || name == LogFormat.FeedbackColumn)
        {
            throw new ArgumentException($"{what} '{name}' is reserved for the log's own column.", paramName);
        }
    }

    private static void ValidateValue(string name, FeatureValue value)
    {
        // The message (and its allocation) only when the value is bad.
        if (value.Kind == FeatureValueKind.Text && !PythonFormat.IsCsvSafe(value.Text))
        {
            PythonFormat.EnsureCsvSafe(value.Text, $"The value of feature '{name}':", "value");
        }
    }

    // Feature values hold numbers as doubles; beyond 2^53 the logged digits would silently change.
    private static FeatureValue ExactInteger(string name, long value)
    {
        const long Limit = 1L << 53;
        if (value > Limit || value < -Limit)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"The integer feature '{name}' is beyond ±2^53 and cannot be stored exactly.");
        }

        return FeatureValue.FromInteger(value);
    }

    private static KeyNotFoundException Missing(string? name) =>
        new($"The feature '{name}' is not in the context (neither logged nor augmented).");

    /// <summary>
    /// Name → slot with linear probing. The hash mixes the length and three characters only;
    /// probing compares whole names (reference equality first: names are usually literals).
    /// </summary>
    private sealed class NameTable
    {
        private string?[] _keys = new string?[64];
        private int[] _values = new int[64];
        private int _count;

        public bool ContainsKey(string name) => TryGetValue(name, out _);

        public bool TryGetValue(string name, out int value)
        {
            string?[] keys = _keys;
            int mask = keys.Length - 1;
            int i = Hash(name) & mask;
            while (true)
            {
                string? key = keys[i];
                if (key is null) break;
                if (ReferenceEquals(key, name) || (key.Length == name.Length && string.Equals(key, name, StringComparison.Ordinal)))
                {
                    value = _values[i];
                    return true;
                }

                i = (i + 1) & mask;
            }

            value = -1;
            return false;
        }

        public void EnsureCapacity(int count)
        {
            if (count * 2 <= _keys.Length) return;
            int size = _keys.Length;
            while (count * 2 > size) size *= 2;
            Rehash(size);
        }

        public void Add(string name, int value)
        {
            if ((_count + 1) * 2 > _keys.Length) Grow();
            Insert(_keys, _values, name, value);
            _count++;
        }

        private static void Insert(string?[] keys, int[] values, string name, int value)
        {
            int mask = keys.Length - 1;
            int i = Hash(name) & mask;
            while (keys[i] is not null) i = (i + 1) & mask;
            keys[i] = name;
            values[i] = value;
        }

        private void Grow() => Rehash(_keys.Length * 2);

        private void Rehash(int size)
        {
            var keys = new string?[size];
            var values = new int[keys.Length];
            for (int i = 0; i < _keys.Length; i++)
            {
                if (_keys[i] is string key) Insert(keys, values, key, _values[i]);
            }

            _keys = keys;
            _values = values;
        }

        private static int Hash(string s)
        {
            int n = s.Length;
            if (n == 0) return 0;
            uint h = (uint)n * 0x9E3779B1u;
            h = (h ^ s[0]) * 0x85EBCA6Bu;
            h = (h ^ s[n - 1]) * 0xC2B2AE35u;
            h = (h ^ s[n >> 1]) * 0x27D4EB2Fu;
            return (int)(h ^ (h >> 15));
        }
    }
}
