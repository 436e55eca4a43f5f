using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace AutoHeuristic.Learning.Logs;

/// <summary>A string → code table that looks up slices of a larger string without allocating them.</summary>
internal sealed class SliceInterner
{
    private int[] _buckets = new int[64];
    private readonly List<string> _keys = new();
    private readonly List<int> _codes = new();
    private readonly List<int> _next = new();
    private readonly List<int> _hashes = new();

    public SliceInterner()
    {
        for (int i = 0; i < _buckets.Length; i++) _buckets[i] = -1;
    }

    [MethodImpl(HotPath.Optimized)]
    public int Find(char[] text, int start, int end)
    {
        int hash = Hash(text, start, end);
        for (int e = _buckets[hash & (_buckets.Length - 1)]; e >= 0; e = _next[e])
        {
            string key = _keys[e];
            if (_hashes[e] == hash && Equal(key, text, start, end)) return _codes[e];
        }

        return -1;
    }

    public void Add(string key, int code)
    {
        if (_keys.Count * 2 >= _buckets.Length) Grow();
        int hash = Hash(key.ToCharArray(), 0, key.Length);
        int bucket = hash & (_buckets.Length - 1);
        _keys.Add(key);
        _codes.Add(code);
        _hashes.Add(hash);
        _next.Add(_buckets[bucket]);
        _buckets[bucket] = _keys.Count - 1;
    }

    private void Grow()
    {
        _buckets = new int[_buckets.Length * 2];
        for (int i = 0; i < _buckets.Length; i++) _buckets[i] = -1;
        for (int e = 0; e < _keys.Count; e++)
        {
            int bucket = _hashes[e] & (_buckets.Length - 1);
            _next[e] = _buckets[bucket];
            _buckets[bucket] = e;
        }
    }

    /// <summary>Ordinal equality of a string and a slice.</summary>
    public static bool Equal(string value, char[] text, int start, int end)
    {
        if (value.Length != end - start) return false;
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] != text[start + i]) return false;
        }

        return true;
    }

    private static int Hash(char[] text, int start, int end)
    {
        unchecked
        {
            uint h = 2166136261;
            for (int i = start; i < end; i++) h = (h ^ text[i]) * 16777619;
            return (int)(h ^ (h >> 15));
        }
    }
}
