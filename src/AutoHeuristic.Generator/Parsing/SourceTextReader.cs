using System;
using System.IO;
using Microsoft.CodeAnalysis.Text;

namespace AutoHeuristic.Generator.Parsing;

/// <summary>
/// Reads a <see cref="SourceText"/> as a <see cref="TextReader"/>, copying its characters block by
/// block into the reader's buffer (<see cref="SourceText.CopyTo"/>), so a large log (PyTorch's mm
/// logs are 72 MB) is never copied whole into one string.
/// </summary>
internal sealed class SourceTextReader : TextReader
{
    private readonly SourceText _text;
    private int _position;

    public SourceTextReader(SourceText text) => _text = text;

    public override int Peek() => _position < _text.Length ? _text[_position] : -1;

    public override int Read() => _position < _text.Length ? _text[_position++] : -1;

    public override int Read(char[] buffer, int index, int count)
    {
        int n = Math.Min(count, _text.Length - _position);
        if (n <= 0) return 0;
        _text.CopyTo(_position, buffer, index, n);
        _position += n;
        return n;
    }
}
