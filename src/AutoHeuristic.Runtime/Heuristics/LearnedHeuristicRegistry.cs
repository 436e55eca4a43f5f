using System;
using System.Collections.Generic;

namespace AutoHeuristic;

/// <summary>
/// The learned heuristics of this process, by name. Generated code joins it from a module
/// initializer (no reflection scanning); the controller asks it at decision time.
/// </summary>
/// <remarks>
/// Registration is rare and takes a lock; lookups are lock-free and allocation-free because every
/// registration publishes a fresh immutable snapshot.
/// </remarks>
public static partial class LearnedHeuristicRegistry
{
    private static readonly object Gate = new();
    private static Dictionary<string, ILearnedHeuristic[]> _byName = new(StringComparer.Ordinal);
    private static int _version;

    /// <summary>Registers a heuristic; generated module initializers call this. Registering the same instance twice does nothing.</summary>
    /// <exception cref="ArgumentException">The heuristic's name is null or empty.</exception>
    public static void Register(ILearnedHeuristic heuristic)
    {
        if (heuristic is null) throw new ArgumentNullException(nameof(heuristic));
        string name = heuristic.Name;
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException($"The heuristic {heuristic.GetType().FullName} has no name.", nameof(heuristic));
        }

        lock (Gate)
        {
            ILearnedHeuristic[] current = _byName.TryGetValue(name, out ILearnedHeuristic[]? list) ? list : Array.Empty<ILearnedHeuristic>();
            if (Array.IndexOf(current, heuristic) >= 0) return;
            var next = new ILearnedHeuristic[current.Length + 1];
            current.CopyTo(next, 0);
            next[current.Length] = heuristic;
            Publish(name, next);
        }
    }

    /// <summary>Removes a heuristic (tests, plug-ins that unload). Returns whether it was registered.</summary>
    public static bool Unregister(ILearnedHeuristic heuristic)
    {
        if (heuristic is null) throw new ArgumentNullException(nameof(heuristic));
        lock (Gate)
        {
            if (!_byName.TryGetValue(heuristic.Name ?? string.Empty, out ILearnedHeuristic[]? current)) return false;
            int index = Array.IndexOf(current, heuristic);
            if (index < 0) return false;
            var next = new ILearnedHeuristic[current.Length - 1];
            Array.Copy(current, 0, next, 0, index);
            Array.Copy(current, index + 1, next, index, current.Length - index - 1);
            Publish(heuristic.Name!, next);
            return true;
        }
    }

    /// <summary>The heuristics registered under <paramref name="name"/>, in registration order (empty when none).</summary>
    public static IReadOnlyList<ILearnedHeuristic> ForName(string name) => Lookup(name);

    /// <summary>Every registered heuristic name, sorted ordinally.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            var names = new List<string>(_byName.Keys);
            names.Sort(StringComparer.Ordinal);
            return names;
        }
    }

    /// <summary>Changes whenever a heuristic is registered or removed (lets callers cache lookups).</summary>
    public static int Version => System.Threading.Volatile.Read(ref _version);

    // Array form for the decision path: indexing an array avoids an interface enumerator.
    internal static ILearnedHeuristic[] Lookup(string name)
    {
        if (name is null) throw new ArgumentNullException(nameof(name));
        return System.Threading.Volatile.Read(ref _byName).TryGetValue(name, out ILearnedHeuristic[]? list)
            ? list
            : Array.Empty<ILearnedHeuristic>();
    }

    private static void Publish(string name, ILearnedHeuristic[] list)
    {
        var next = new Dictionary<string, ILearnedHeuristic[]>(_byName, StringComparer.Ordinal);
        if (list.Length == 0) next.Remove(name);
        else next[name] = list;
        System.Threading.Volatile.Write(ref _byName, next);
        System.Threading.Interlocked.Increment(ref _version);
    }
}
