using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoHeuristic.Logs;

namespace AutoHeuristic.Learning.Logs;

/// <summary>
/// Collects the accepted rows of one log column-wise (<see cref="LogColumns"/>): numbers as
/// doubles, categorical texts and choices interned to codes, without a string per cell.
/// </summary>
internal sealed class LogColumnsBuilder
{
    private readonly string[] _features;
    private readonly bool[] _isCategorical;
    private readonly double[][] _numbers;
    private readonly bool[] _hasFloat;
    private readonly int[][] _codes;
    private readonly List<string>[] _texts;
    private readonly Dictionary<string, int>[] _textIndex;
    private readonly int[] _lastCode;
    private int[] _choices;
    private readonly List<string> _choiceNames = new();
    private readonly SliceInterner _choiceInterner = new();
    private readonly List<int> _successor = new(); // per choice code, the code seen right after it last time (-1: none yet)
    private int _lastChoice = -1;
    private double[] _feedback;
    private int[] _lines;
    private int _count;
    private int _capacity;

    private readonly int[] _roles; // per header column: feature index, or a negative LogHeader role

    /// <summary>Starts empty, with room for <paramref name="capacity"/> rows (it grows as needed).</summary>
    public LogColumnsBuilder(LogHeader header, int capacity)
    {
        int n = header.Features.Count;
        _features = new string[n];
        _isCategorical = new bool[n];
        for (int f = 0; f < n; f++)
        {
            _features[f] = header.Features[f];
            _isCategorical[f] = header.IsCategorical[f];
        }

        _roles = new int[header.Roles.Count];
        for (int c = 0; c < _roles.Length; c++) _roles[c] = header.Roles[c];
        _capacity = capacity;
        _numbers = new double[n][];
        _hasFloat = new bool[n];
        _codes = new int[n][];
        _texts = new List<string>[n];
        _textIndex = new Dictionary<string, int>[n];
        _lastCode = new int[n];
        for (int f = 0; f < n; f++)
        {
            if (_isCategorical[f])
            {
                _codes[f] = new int[capacity];
                _texts[f] = new List<string>();
                _textIndex[f] = new Dictionary<string, int>(StringComparer.Ordinal);
                _lastCode[f] = -1;
            }
            else
            {
                _numbers[f] = new double[capacity];
            }
        }

        _choices = new int[capacity];
        _feedback = new double[capacity];
        _lines = new int[capacity];
    }

    /// <summary>Adds an accepted row: its values as <paramref name="row"/> read them from <paramref name="text"/>.</summary>
    [MethodImpl(HotPath.Optimized)]
    public void Add(LogRowParser row, char[] text, int line)
    {
        if (_count == _capacity) Grow();
        for (int c = 0; c < _roles.Length; c++)
        {
            int f = _roles[c];
            if (f < 0) continue;
            if (_isCategorical[f])
            {
                _codes[f][_count] = CategoryCode(f, text, row.CellStart[c], row.CellEnd[c]);
            }
            else
            {
                _numbers[f][_count] = row.Numbers[f];
                if (row.IsFloat[f]) _hasFloat[f] = true;
            }
        }

        (int start, int end) = row.Choice;
        _choices[_count] = ChoiceCode(text, start, end);
        _feedback[_count] = row.Feedback;
        _lines[_count] = line;
        _count++;
    }

    [MethodImpl(HotPath.Optimized)]
    private int CategoryCode(int f, char[] text, int start, int end)
    {
        // Logs repeat each input's values on consecutive rows: compare with the last value first.
        int last = _lastCode[f];
        if (last >= 0 && SliceInterner.Equal(_texts[f][last], text, start, end)) return last;

        string value = new string(text, start, end - start);
        if (!_textIndex[f].TryGetValue(value, out int code))
        {
            code = _texts[f].Count;
            _texts[f].Add(value);
            _textIndex[f].Add(value, code);
        }

        _lastCode[f] = code;
        return code;
    }

    [MethodImpl(HotPath.Optimized)]
    private int ChoiceCode(char[] text, int start, int end)
    {
        int last = _lastChoice;
        if (last >= 0 && SliceInterner.Equal(_choiceNames[last], text, start, end)) return last;

        // Kernel-choice logs list the choices of every input in the same order: try the choice
        // that followed the last one before hashing the slice.
        int predicted = last >= 0 ? _successor[last] : -1;
        int code;
        if (predicted >= 0 && SliceInterner.Equal(_choiceNames[predicted], text, start, end))
        {
            code = predicted;
        }
        else
        {
            // Look the slice up without allocating.
            code = _choiceInterner.Find(text, start, end);
            if (code < 0)
            {
                string value = new string(text, start, end - start);
                code = _choiceNames.Count;
                _choiceNames.Add(value);
                _successor.Add(-1);
                _choiceInterner.Add(value, code);
            }

            if (last >= 0) _successor[last] = code;
        }

        _lastChoice = code;
        return code;
    }

    /// <summary>The rows added, trimmed to their count.</summary>
    public LogColumns Build()
    {
        ResizeColumns(_count);
        return new LogColumns(_features, _isCategorical, _count, _numbers, _hasFloat, _codes, _texts, _choices, _choiceNames, _feedback, _lines);
    }

    private void Grow()
    {
        _capacity *= 2;
        ResizeColumns(_capacity);
    }

    // Every per-row array to `size` rows: doubled while adding, trimmed to the count at the end.
    private void ResizeColumns(int size)
    {
        for (int f = 0; f < _features.Length; f++)
        {
            if (_isCategorical[f]) Array.Resize(ref _codes[f], size);
            else Array.Resize(ref _numbers[f], size);
        }

        Array.Resize(ref _choices, size);
        Array.Resize(ref _feedback, size);
        Array.Resize(ref _lines, size);
    }
}
