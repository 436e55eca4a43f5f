using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AutoHeuristic.Learning.CodeGen;

/// <summary>
/// The one way text becomes part of generated C#. Names in a training log (heuristic, choice,
/// feature and category names) come from GPUs, colleagues and the internet: they are data, and
/// must never end a comment, open a preprocessor directive or close a string. Every emitter writes
/// such text only through these methods:
/// <list type="bullet">
/// <item><see cref="StringLiteral"/>: a literal that yields exactly the original string (any UTF-16, lone surrogates included), in printable ASCII.</item>
/// <item><see cref="CommentText"/>: one line of readable text for a <c>//</c> comment.</item>
/// <item><see cref="XmlDocText"/>: the same, also safe as XML text in a <c>///</c> doc comment.</item>
/// <item><see cref="IdentifierProblem"/>, <see cref="TypeNameProblem"/>, <see cref="NamespaceProblem"/>: names that become identifiers
/// (only ones a user chose, such as the CLI's <c>--namespace</c> and <c>--class</c>: no log text becomes an identifier,
/// tree class names are made of the hardware's numbers).</item>
/// </list>
/// No Roslyn here (netstandard2.0, used by the CLI too); the tests check these rules against Roslyn's lexer.
/// </summary>
public static class CSharpText
{
    /// <summary>
    /// A regular C# string literal whose value is exactly <paramref name="value"/>. Everything
    /// outside printable ASCII is written as an escape (<c>\n</c>, <c>\u2028</c>, <c>\ud800</c>…), so the
    /// literal holds no line break, no bidirectional control and no character a file encoding could alter.
    /// </summary>
    public static string StringLiteral(string value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    if (IsPrintableAscii(c)) sb.Append(c);
                    else AppendUtf16Escape(sb, c);
                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>
    /// <paramref name="text"/> as the text of one <c>//</c> comment line, whatever it holds: line
    /// terminators (U+000A, U+000D, U+0085, U+2028, U+2029), control characters, format characters
    /// (bidirectional overrides and isolates, zero-width characters: "Trojan Source"), separators
    /// other than the ASCII space, private-use, unassigned and lone surrogate code units are written
    /// as C#-style escapes (<c>\n</c>, <c>\u2028</c>, <c>\U0001f600</c>), and a backslash as <c>\\</c>, so
    /// the escape of a character never reads as the character itself. Printable text in any script
    /// stays readable.
    /// </summary>
    /// <remarks>
    /// The security-relevant characters are listed here by code point. Only whether other rare
    /// characters stay readable depends on the host's Unicode tables (a character new in a later
    /// Unicode version may be escaped on an older runtime).
    /// </remarks>
    public static string CommentText(string text)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '\\': sb.Append("\\\\"); continue;
                case '\n': sb.Append("\\n"); continue;
                case '\r': sb.Append("\\r"); continue;
                case '\t': sb.Append("\\t"); continue;
                case '\0': sb.Append("\\0"); continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                int codePoint = char.ConvertToUtf32(c, text[i + 1]);
                if (IsReadable(codePoint, CharUnicodeInfo.GetUnicodeCategory(text, i))) sb.Append(c).Append(text[i + 1]);
                else sb.Append("\\U").Append(codePoint.ToString("x8", CultureInfo.InvariantCulture));
                i++;
            }
            else if (IsReadable(c, CharUnicodeInfo.GetUnicodeCategory(c)))
            {
                sb.Append(c);
            }
            else
            {
                AppendUtf16Escape(sb, c);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// <paramref name="text"/> as XML text inside one line of a <c>///</c> doc comment: the rules of
    /// <see cref="CommentText"/> (which also leave out every character XML 1.0 forbids), then
    /// <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> as entities.
    /// </summary>
    public static string XmlDocText(string text) =>
        CommentText(text).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>Whether <paramref name="c"/> ends a line for the C# compiler (CR, LF, U+0085, U+2028, U+2029).</summary>
    public static bool IsLineBreak(char c) => c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029';

    /// <summary>
    /// Why <paramref name="name"/> is not a plain C# identifier, or null when it is one: a letter
    /// or <c>_</c>, then letters, digits, <c>_</c> and other connectors or combining marks; not a
    /// reserved keyword. Stricter than the language: no <c>@</c> prefix, no <c>\u</c> escapes and
    /// no format characters (invisible, and bidirectional controls among them).
    /// </summary>
    public static string? IdentifierProblem(string name)
    {
        if (name is null) throw new ArgumentNullException(nameof(name));
        if (name.Length == 0) return "an identifier cannot be empty";
        for (int i = 0; i < name.Length; i++)
        {
            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(name[i]);
            bool ok = i == 0 ? name[i] == '_' || IsLetter(category) : IsIdentifierPart(category);
            if (!ok)
            {
                string what = CommentText(name[i].ToString());
                return i == 0
                    ? "'" + CommentText(name) + "' is not a C# identifier: it must start with a letter or '_', not '" + what + "'"
                    : "'" + CommentText(name) + "' is not a C# identifier: '" + what + "' (at " + (i + 1).ToString(CultureInfo.InvariantCulture) + ") is not a letter, digit or '_'";
            }
        }

        return ReservedKeywords.Contains(name) ? "'" + name + "' is a C# keyword" : null;
    }

    /// <summary>
    /// Why <paramref name="name"/> cannot name a generated type, or null when it can: an identifier
    /// (see <see cref="IdentifierProblem"/>) with something besides lower-case ASCII letters, which
    /// C# reserves for future keywords (warning CS8981, an error in builds that treat warnings as
    /// errors; it also rules out contextual keywords such as <c>record</c> or <c>var</c>).
    /// </summary>
    public static string? TypeNameProblem(string name)
    {
        string? problem = IdentifierProblem(name);
        if (problem is not null) return problem;
        foreach (char c in name)
        {
            if (c < 'a' || c > 'z') return null;
        }

        return "'" + name + "' has only lower-case ASCII letters, which C# reserves for keywords (CS8981)";
    }

    /// <summary>
    /// Why <paramref name="name"/> cannot be the namespace of generated code, or null when it can:
    /// identifiers (see <see cref="IdentifierProblem"/>) separated by single dots, none of them <c>global</c>.
    /// </summary>
    public static string? NamespaceProblem(string name)
    {
        if (name is null) throw new ArgumentNullException(nameof(name));
        foreach (string part in name.Split('.'))
        {
            if (part == "global") return "'" + CommentText(name) + "' is not a namespace: 'global' names the global namespace";
            string? problem = IdentifierProblem(part);
            if (problem is not null) return "'" + CommentText(name) + "' is not a namespace: " + problem;
        }

        return null;
    }

    private static bool IsPrintableAscii(char c) => c >= ' ' && c <= '~';

    private static void AppendUtf16Escape(StringBuilder sb, char c) =>
        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));

    private static bool IsReadable(int codePoint, UnicodeCategory category)
    {
        if (codePoint < 0x80) return codePoint >= ' ' && codePoint <= '~';
        if (AlwaysEscaped(codePoint)) return false;
        switch (category)
        {
            case UnicodeCategory.Control:
            case UnicodeCategory.Format:
            case UnicodeCategory.Surrogate:
            case UnicodeCategory.PrivateUse:
            case UnicodeCategory.OtherNotAssigned:
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
            case UnicodeCategory.SpaceSeparator:
                return false;
            default:
                return true;
        }
    }

    // Escaped whatever the host's Unicode tables say: C1 controls (NEL among them), the line and
    // paragraph separators, bidirectional controls, zero-width characters, the BOM and non-characters.
    private static bool AlwaysEscaped(int codePoint) =>
        codePoint <= 0x9F
        || codePoint is 0x00AD or 0x061C or 0xFEFF or 0xFFFE or 0xFFFF
        || (codePoint >= 0x200B && codePoint <= 0x200F)
        || (codePoint >= 0x2028 && codePoint <= 0x202E)
        || (codePoint >= 0x2060 && codePoint <= 0x206F)
        || (codePoint >= 0xD800 && codePoint <= 0xDFFF)
        || (codePoint >= 0xFFF9 && codePoint <= 0xFFFB);

    private static bool IsLetter(UnicodeCategory category) => category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
        or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;

    private static bool IsIdentifierPart(UnicodeCategory category) => IsLetter(category)
        || category is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    // The reserved keywords of C# 12 and the compiler's reserved __ names (contextual keywords are
    // valid identifiers; type names made of them are refused by TypeNameProblem's lower-case rule).
    private static readonly HashSet<string> ReservedKeywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while", "__arglist", "__makeref", "__reftype", "__refvalue",
    };
}
