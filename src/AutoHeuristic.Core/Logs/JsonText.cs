using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AutoHeuristic.Logs;

/// <summary>
/// The little JSON that log metadata and model files need, without a JSON library (the generator
/// may not carry one): objects, lists, strings, numbers, booleans and null. Parsed objects are
/// <see cref="Dictionary{TKey,TValue}"/> (a repeated key is an error), lists <see cref="List{T}"/>,
/// numbers <see cref="double"/>. Strings are written as Python's <c>json.dumps</c> writes them.
/// </summary>
public static class JsonText
{
    /// <summary>Appends <paramref name="value"/> as a JSON string literal, non-ASCII escaped as <c>\uXXXX</c>.</summary>
    public static void WriteString(StringBuilder sb, string value)
    {
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
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    // Python's json.dumps escapes everything outside printable ASCII (ensure_ascii=True).
                    if (c < 0x20 || c > 0x7e) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }

        sb.Append('"');
    }

    /// <summary>Parses one JSON document (a leading BOM is skipped).</summary>
    /// <exception cref="JsonTextException">The text is not valid JSON; carries line and column.</exception>
    public static object? Parse(string text, int maxDepth = 64)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        int pos = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        object? value = ParseValue(text, ref pos, 0, maxDepth);
        SkipWhite(text, ref pos);
        if (pos != text.Length) throw Error("unexpected text after the JSON value", text, pos);
        return value;
    }

    private static object? ParseValue(string s, ref int pos, int depth, int maxDepth)
    {
        if (depth > maxDepth) throw Error("nested too deeply", s, pos);
        SkipWhite(s, ref pos);
        if (pos >= s.Length) throw Error("the text ends too early", s, pos);
        char c = s[pos];
        switch (c)
        {
            case '{':
            {
                pos++;
                var obj = new Dictionary<string, object?>();
                SkipWhite(s, ref pos);
                if (pos < s.Length && s[pos] == '}') { pos++; return obj; }
                while (true)
                {
                    SkipWhite(s, ref pos);
                    if (pos >= s.Length || s[pos] != '"') throw Error("expected a quoted key", s, pos);
                    int keyAt = pos;
                    string key = ParseString(s, ref pos);
                    SkipWhite(s, ref pos);
                    if (pos >= s.Length || s[pos] != ':') throw Error("expected ':'", s, pos);
                    if (obj.ContainsKey(key)) throw Error($"the key \"{key}\" appears twice", s, keyAt);
                    pos++;
                    obj[key] = ParseValue(s, ref pos, depth + 1, maxDepth);
                    SkipWhite(s, ref pos);
                    if (pos < s.Length && s[pos] == ',') { pos++; continue; }
                    if (pos < s.Length && s[pos] == '}') { pos++; return obj; }
                    throw Error("expected ',' or '}'", s, pos);
                }
            }
            case '[':
            {
                pos++;
                var list = new List<object?>();
                SkipWhite(s, ref pos);
                if (pos < s.Length && s[pos] == ']') { pos++; return list; }
                while (true)
                {
                    list.Add(ParseValue(s, ref pos, depth + 1, maxDepth));
                    SkipWhite(s, ref pos);
                    if (pos < s.Length && s[pos] == ',') { pos++; continue; }
                    if (pos < s.Length && s[pos] == ']') { pos++; return list; }
                    throw Error("expected ',' or ']'", s, pos);
                }
            }
            case '"':
                return ParseString(s, ref pos);
            default:
                if (Matches(s, pos, "true")) { pos += 4; return true; }
                if (Matches(s, pos, "false")) { pos += 5; return false; }
                if (Matches(s, pos, "null")) { pos += 4; return null; }
                int start = pos;
                while (pos < s.Length && "+-0123456789.eE".IndexOf(s[pos]) >= 0) pos++;
                if (start == pos || !double.TryParse(s.Substring(start, pos - start), NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
                {
                    throw Error("expected a JSON value", s, start);
                }

                return d;
        }
    }

    private static string ParseString(string s, ref int pos)
    {
        int start = pos;
        pos++; // opening quote
        var sb = new StringBuilder();
        while (pos < s.Length)
        {
            char c = s[pos++];
            if (c == '"') return sb.ToString();
            if (c != '\\') { sb.Append(c); continue; }
            if (pos >= s.Length) break;
            char e = s[pos++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (pos + 4 > s.Length || !int.TryParse(s.Substring(pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                    {
                        throw Error("bad \\u escape", s, pos);
                    }

                    sb.Append((char)code);
                    pos += 4;
                    break;
                default: throw Error("bad escape", s, pos - 1);
            }
        }

        throw Error("unterminated string", s, start);
    }

    private static bool Matches(string s, int pos, string word) =>
        string.CompareOrdinal(s, pos, word, 0, word.Length) == 0;

    private static void SkipWhite(string s, ref int pos)
    {
        while (pos < s.Length && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\r' || s[pos] == '\n')) pos++;
    }

    private static JsonTextException Error(string what, string s, int pos)
    {
        int line = 1, column = 1;
        for (int i = 0; i < pos && i < s.Length; i++)
        {
            if (s[i] == '\n') { line++; column = 1; }
            else column++;
        }

        return new JsonTextException(what, line, column);
    }
}

/// <summary>Text that is not valid JSON; the message names the 1-based line and column.</summary>
public sealed class JsonTextException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public JsonTextException(string what, int line, int column)
        : base(what + " at line " + line.ToString(CultureInfo.InvariantCulture) + ", column " + column.ToString(CultureInfo.InvariantCulture) + ".")
    {
        What = what;
        Line = line;
        Column = column;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string What { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }
}
