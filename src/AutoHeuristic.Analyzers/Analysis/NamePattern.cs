using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Operations;

namespace AutoHeuristic.Analyzers.Analysis;

/// <summary>
/// What a non-constant feature name can be: the literal parts of an interpolated string in order,
/// with anything between them (<c>$"{prefix}_stride_{i}"</c> → <c>*_stride_*</c>); a name the
/// analysis cannot see at all matches everything.
/// </summary>
internal sealed class NamePattern
{
    private readonly string[] _parts;
    private readonly bool _anchoredStart;
    private readonly bool _anchoredEnd;

    private NamePattern(string[] parts, bool anchoredStart, bool anchoredEnd)
    {
        _parts = parts;
        _anchoredStart = anchoredStart;
        _anchoredEnd = anchoredEnd;
    }

    /// <summary>Matches every name.</summary>
    public static NamePattern Any { get; } = new(Array.Empty<string>(), false, false);

    /// <summary>The pattern of an interpolated string, or <see cref="Any"/>.</summary>
    public static NamePattern From(Microsoft.CodeAnalysis.IOperation value)
    {
        if (value is not IInterpolatedStringOperation interpolated) return Any;
        var parts = new List<string>();
        bool startsWithText = false, endsWithText = false;
        int index = 0;
        foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
        {
            bool isText = part is IInterpolatedStringTextOperation;
            if (index == 0) startsWithText = isText;
            endsWithText = isText;
            if (part is IInterpolatedStringTextOperation { Text.ConstantValue.Value: string text } && text.Length > 0) parts.Add(text);
            index++;
        }

        return parts.Count == 0 ? Any : new NamePattern(parts.ToArray(), startsWithText, endsWithText);
    }

    /// <summary>Whether <paramref name="name"/> could be a value of this pattern.</summary>
    public bool Matches(string name)
    {
        int at = 0;
        for (int i = 0; i < _parts.Length; i++)
        {
            string part = _parts[i];
            if (i == 0 && _anchoredStart)
            {
                if (!name.StartsWith(part, StringComparison.Ordinal)) return false;
                at = part.Length;
                continue;
            }

            int found = name.IndexOf(part, at, StringComparison.Ordinal);
            if (found < 0) return false;
            at = found + part.Length;
        }

        return !_anchoredEnd || _parts.Length == 0 || name.EndsWith(_parts[_parts.Length - 1], StringComparison.Ordinal);
    }
}
