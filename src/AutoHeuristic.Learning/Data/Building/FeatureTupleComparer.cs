using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace AutoHeuristic.Learning.Data.Building;

/// <summary>Compares two rows, given by index, by their feature values (numbers exactly, categories by code).</summary>
internal sealed class FeatureTupleComparer : IEqualityComparer<int>
{
    private readonly double[][] _numbers;
    private readonly int[][] _codes;

    /// <param name="numbers">Per feature, its numbers, or null for a categorical feature.</param>
    /// <param name="codes">Per feature, its category codes, or null for a numerical feature.</param>
    public FeatureTupleComparer(double[][] numbers, int[][] codes)
    {
        _numbers = numbers;
        _codes = codes;
    }

    [MethodImpl(HotPath.Optimized)]
    public bool Equals(int a, int b)
    {
        for (int f = 0; f < _numbers.Length; f++)
        {
            if (_numbers[f] is double[] col) { if (col[a] != col[b]) return false; }
            else if (_codes[f][a] != _codes[f][b]) return false;
        }

        return true;
    }

    [MethodImpl(HotPath.Optimized)]
    public int GetHashCode(int row)
    {
        unchecked
        {
            int hash = 17;
            for (int f = 0; f < _numbers.Length; f++)
            {
                int h = _numbers[f] is double[] col ? col[row].GetHashCode() : _codes[f][row];
                hash = (hash * 31) + h;
            }

            return hash;
        }
    }
}
