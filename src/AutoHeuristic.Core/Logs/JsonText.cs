using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AutoHeuristic.Logs;

/// <summary>
/// The little JSON the metadata line needs, without a JSON library (the generator may not carry
/// one): objects, lists, strings, numbers, booleans and null. Parsed objects are
/// <see cref="Dictionary{TKey,TValue}"/>, lists <see cref="List{T}"/>, numbers <see cref="double"/>.
/// </summary>
internal static class JsonText
{
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

    public static object? Parse(string text)
    {
        int pos = 0;
        object? value = ParseValue(text, ref pos);
        SkipWhite(text, ref pos);
        if (pos != text.Length) throw Error("unexpected text after the JSON value", pos);
        return value;
    }

    private static object? ParseValue(string s, ref int pos)
    {
        SkipWhite(s, ref pos);
        if (pos >= s.Length) throw Error("the JSON ends too early", pos);
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
                    if (pos >= s.Length || s[pos] != '"') throw Error("expected a quoted key", pos);
                    string key = ParseString(s, ref pos);
                    SkipWhite(s, ref pos);
                    if (pos >= s.Length || s[pos] != ':') throw Error("expected ':'", pos);
                    pos++;
                    obj[key] = ParseValue(s, ref pos);
                    SkipWhite(s, ref pos);
                    if (pos < s.Length && s[pos] == ',') { pos++; continue; }
                    if (pos < s.Length && s[pos] == '}') { pos++; return obj; }
                    throw Error("expected ',' or '}'", pos);
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
                    list.Add(ParseValue(s, ref pos));
                    SkipWhite(s, ref pos);
                    if (pos < s.Length && s[pos] == ',') { pos++; continue; }
                    if (pos < s.Length && s[pos] == ']') { pos++; return list; }
                    throw Error("expected ',' or ']'", pos);
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
                    throw Error("expected a JSON value", start);
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
                        throw Error("bad \\u escape", pos);
                    }

                    sb.Append((char)code);
                    pos += 4;
                    break;
                default: throw Error("bad escape", pos - 1);
            }
        }

        throw Error("unterminated string", start);
    }

    private static bool Matches(string s, int pos, string word) =>
        string.CompareOrdinal(s, pos, word, 0, word.Length) == 0;

    private static void SkipWhite(string s, ref int pos)
    {
        while (pos < s.Length && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\r' || s[pos] == '\n')) pos++;
    }

    private static LogFormatException Error(string what, int pos) =>
        new("The metadata line is not valid JSON: " + what + ".", 1, pos + 1);
}
