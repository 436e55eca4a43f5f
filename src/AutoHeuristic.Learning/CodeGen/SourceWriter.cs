using System;
using System.Text;

namespace AutoHeuristic.Learning.CodeGen;

/// <summary>
/// A small indented text writer for generated C#: four spaces per level, <c>\n</c> line endings
/// on every platform (generated files must be byte-identical across machines).
/// </summary>
public sealed class SourceWriter
{
    private readonly StringBuilder _sb = new();

    /// <summary>Current indentation level.</summary>
    public int Indentation { get; set; }

    /// <summary>
    /// Writes one line at the current indentation (an empty line has no trailing spaces). A line
    /// break inside <paramref name="text"/> is refused: text from a log reaches a line only through
    /// <see cref="CSharpText"/>, and this check keeps a missed path from turning data into code.
    /// </summary>
    public SourceWriter WriteLine(string text = "")
    {
        foreach (char c in text)
        {
            if (CSharpText.IsLineBreak(c)) throw new ArgumentException("A generated line must not contain a line break (U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + ").", nameof(text));
        }

        if (text.Length > 0) _sb.Append(' ', Indentation * 4).Append(text);
        _sb.Append('\n');
        return this;
    }

    /// <summary>Writes a block of lines, each indented to the current level (for embedding emitted text).</summary>
    public SourceWriter WriteLines(string text)
    {
        string[] lines = text.Split('\n');
        int count = lines.Length > 0 && lines[lines.Length - 1].Length == 0 ? lines.Length - 1 : lines.Length;
        for (int i = 0; i < count; i++)
        {
            WriteLine(lines[i].TrimEnd('\r'));
        }

        return this;
    }

    /// <summary>Writes <c>{</c> and indents.</summary>
    public SourceWriter OpenBrace()
    {
        WriteLine("{");
        Indentation++;
        return this;
    }

    /// <summary>Unindents and writes <c>}</c> (plus an optional suffix such as <c>;</c>).</summary>
    public SourceWriter CloseBrace(string suffix = "")
    {
        if (Indentation == 0) throw new InvalidOperationException("Unbalanced braces in generated code.");
        Indentation--;
        WriteLine("}" + suffix);
        return this;
    }

    /// <summary>The text written so far.</summary>
    public override string ToString() => _sb.ToString();
}
