using System.Linq;
using CsCheck;

namespace AutoHeuristic.Generator.Tests.Injection;

/// <summary>
/// Strings an attacker (or an unlucky GPU) puts in a training log: every C# line terminator,
/// comment and directive openers, quotes and backslashes, XML markup, control and format
/// characters (bidirectional overrides: "Trojan Source"), lone and paired surrogates, mixed with
/// random UTF-16 code units and ordinary text.
/// </summary>
internal static class HostileText
{
    /// <summary>The pieces hostile strings are made of (besides random characters).</summary>
    public static readonly string[] Pieces =
    {
        "\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029",
        "*/", "/*", "//", "///", "#error boom", "#if X", "#endif", "#region r", "#line 1 \"x\"", "#pragma warning disable",
        "\"", "\\", "\\u2028", "\\\"", "'", "\"\"\"", "$\"{", "@", "{", "}", ";", "{0}", "System.Console.WriteLine(1);",
        "<", ">", "&", "&amp;", "]]>", "<!--", "-->", "</para>", "</summary>", "<see cref=\"X\"/>",
        "\0", "\t", "\u0001", "\u001b", "\u007f", "\u009b", "\u00ad",
        "\ud800", "\udc00", "\udbff\udfff", "\ud83d\ude00", "\udb40\udc01",
        "\u202e", "\u202a", "\u2066", "\u2067", "\u2068", "\u2069", "\u200b", "\u200e", "\u200f", "\u2060", "\ufeff", "\u061c",
        "\u00a0", "\u3000", "\ufffe", "\uffff", "\ue000", "\u0300", "é", "日本", "ß", "Ω",
        ",", " ", "plain",
    };

    private static readonly Gen<string> Piece = Gen.Frequency(
        (4, Gen.OneOfConst(Pieces)),
        (2, Gen.Char.Select(c => c.ToString())),
        (2, Gen.Char['a', 'z'].Array[1, 4].Select(chars => new string(chars))));

    /// <summary>Any hostile string (never empty).</summary>
    public static readonly Gen<string> Any = Piece.Array[1, 6].Select(string.Concat);

    /// <summary>A hostile string a log cell or a run-time feature can hold: what the log format's one rule (<c>PythonFormat.IsCsvSafe</c>) lets through.</summary>
    public static readonly Gen<string> CsvSafe = Any.Select(s => new string(s.Where(c => AutoHeuristic.Formatting.PythonFormat.IsCsvSafe(c.ToString())).ToArray())).Where(s => s.Length > 0);
}
