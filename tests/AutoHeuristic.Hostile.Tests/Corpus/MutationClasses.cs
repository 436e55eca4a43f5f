using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace AutoHeuristic.Hostile.Tests.Corpus;

/// <summary>One log of the corpus: its class, variant and bytes, and the verdict every tool must reach.</summary>
/// <param name="Class">The mutation class (one row of the report).</param>
/// <param name="Variant">Which of the class's generated logs (a different seed: another row, another value).</param>
/// <param name="Expected">The verdict every tool must give.</param>
/// <param name="Bytes">The log file's bytes.</param>
/// <param name="HeuristicName">The name the generator's [AutoHeuristic] class asks for.</param>
public sealed record CorpusLog(string Class, int Variant, Verdict Expected, byte[] Bytes, string HeuristicName)
{
    /// <inheritdoc />
    public override string ToString() => Class + "#" + Variant;
}

/// <summary>
/// The mutation classes of a training log: how crashes, full disks, editors, other tools and
/// attackers damage logs. Each class generates a small corpus from <see cref="BaseLog"/> (row-level
/// classes pick other rows per variant) and states the verdict every tool must reach.
/// </summary>
public static class MutationClasses
{
    private const int Variants = 2;
    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>Every log of the corpus.</summary>
    public static IEnumerable<CorpusLog> All()
    {
        // Controls: what a real writer or an editor produces.
        yield return Whole("clean", Verdict.Ok, BaseLog.Text());
        yield return Whole("crlf line endings", Verdict.Ok, BaseLog.Text().Replace("\n", "\r\n"));
        yield return Whole("utf-8 byte order mark", Verdict.Ok, "\uFEFF" + BaseLog.Text());
        yield return Whole("23+ decimals in a value", Verdict.Ok, ReplaceFeedback(BaseLog.Rows(), 0, "0.0000000000000000000000012").Build());
        yield return Whole("no final line break after a complete file", Verdict.Warned, BaseLog.Text().TrimEnd('\n'));

        // Torn writes (crash, kill -9, full disk).
        foreach (CorpusLog log in PerRow("torn last row, cut inside its last value", Verdict.Warned, (rows, _) =>
        {
            string last = rows[^1];
            return Build(rows.Take(rows.Count - 1)) + last.Substring(0, last.Length - 2);
        })) yield return log;
        foreach (CorpusLog log in PerRow("torn last row, cut inside a feature", Verdict.Warned, (rows, _) =>
            Build(rows.Take(rows.Count - 1)) + rows[^1].Substring(0, 3))) yield return log;

        // Rows damaged in the middle.
        foreach (CorpusLog log in PerRow("row with a missing cell", Verdict.Warned, (rows, i) => Edit(rows, i, r => r.Substring(0, r.LastIndexOf(','))))) yield return log;
        foreach (CorpusLog log in PerRow("row with an extra cell", Verdict.Warned, (rows, i) => Edit(rows, i, r => r + ",1"))) yield return log;
        foreach (CorpusLog log in PerRow("empty cell", Verdict.Warned, (rows, i) => Edit(rows, i, r => "," + r.Substring(r.IndexOf(',') + 1)))) yield return log;
        foreach (CorpusLog log in PerRow("text in a numerical feature", Verdict.Warned, (rows, i) => Edit(rows, i, r => "abc" + r.Substring(r.IndexOf(','))))) yield return log;
        foreach (CorpusLog log in PerRow("quoted categorical value", Verdict.Warned, (rows, i) => Edit(rows, i, r => r.Replace(",float16,", ",\"float16\",").Replace(",float32,", ",\"float32\",")))) yield return log;
        foreach (CorpusLog log in PerRow("integer beyond 2^53", Verdict.Warned, (rows, i) => Edit(rows, i, r => "9007199254740993" + r.Substring(r.IndexOf(','))))) yield return log;

        // Feedback that is no time.
        foreach (CorpusLog log in PerRow("NaN feedback", Verdict.Warned, (rows, i) => ReplaceFeedback(rows, i, "nan").Build())) yield return log;
        foreach (CorpusLog log in PerRow("-inf feedback", Verdict.Warned, (rows, i) => ReplaceFeedback(rows, i, "-inf").Build())) yield return log;
        foreach (CorpusLog log in PerRow("negative feedback", Verdict.Warned, (rows, i) => ReplaceFeedback(rows, i, "-0.5").Build())) yield return log;
        foreach (CorpusLog log in PerRow("every choice of one input failed (inf)", Verdict.Warned, (rows, i) =>
        {
            int first = i / BaseLog.RowsPerInput * BaseLog.RowsPerInput;
            var edited = new List<string>(rows);
            for (int r = first; r < first + BaseLog.RowsPerInput; r++) edited[r] = edited[r].Substring(0, edited[r].LastIndexOf(',') + 1) + "inf";
            return Build(edited);
        })) yield return log;
        yield return Whole("every run failed (all inf)", Verdict.CleanError, Build(BaseLog.Rows().Select(r => r.Substring(0, r.LastIndexOf(',') + 1) + "inf")));
        yield return Whole("every time is zero", Verdict.CleanError, Build(BaseLog.Rows().Select(r => r.Substring(0, r.LastIndexOf(',') + 1) + "0.0")));
        yield return Whole("no usable row", Verdict.CleanError, Build(BaseLog.Rows().Select(r => r.Substring(0, r.LastIndexOf(',') + 1) + "fast")));

        // Encodings.
        foreach (CorpusLog log in PerRowBytes("invalid UTF-8 in a value", Verdict.CleanError, (rows, i) =>
        {
            byte[] text = Utf8.GetBytes(Edit(rows, i, r => r.Replace("float", "caf\u00e9")));
            int at = IndexOf(text, new byte[] { 0xC3, 0xA9 });
            text[at] = 0xE9; // Latin-1 'é' alone: not UTF-8
            text[at + 1] = (byte)'x';
            return text;
        })) yield return log;
        yield return new CorpusLog("UTF-16 with a byte order mark", 0, Verdict.CleanError,
            new UnicodeEncoding(bigEndian: false, byteOrderMark: true).GetPreamble().Concat(Encoding.Unicode.GetBytes(BaseLog.Text())).ToArray(), BaseLog.Name);
        foreach (CorpusLog log in PerRow("NUL byte in a value", Verdict.CleanError, (rows, i) => Edit(rows, i, r => r.Replace("float", "flo\0at")))) yield return log;
        foreach (CorpusLog log in PerRow("U+FFFD (a decoder's replacement) in a value", Verdict.CleanError, (rows, i) => Edit(rows, i, r => r.Replace("float", "flo\uFFFDat")))) yield return log;
        yield return new CorpusLog("binary garbage", 0, Verdict.CleanError, Garbage(), BaseLog.Name);
        yield return Whole("a line longer than any log line (2 MiB)", Verdict.CleanError,
            BaseLog.Metadata() + "\n" + BaseLog.Header + "\n" + new string('1', 2 << 20) + "\n" + string.Join("\n", BaseLog.Rows()) + "\n");

        // Line 1 and line 2.
        yield return Whole("empty file", Verdict.CleanError, string.Empty);
        yield return Whole("metadata is not JSON", Verdict.CleanError, BaseLog.Join("numerical_features: m", BaseLog.Header, BaseLog.Rows()));
        yield return Whole("capability [9.5, 0]", Verdict.CleanError, BaseLog.Join(BaseLog.Metadata(capability: "[9.5, 0]"), BaseLog.Header, BaseLog.Rows()));
        yield return Whole("shared memory 1.5", Verdict.CleanError, BaseLog.Join(BaseLog.Metadata(sharedMemory: "1.5"), BaseLog.Header, BaseLog.Rows()));
        yield return Whole("shared memory 1e308", Verdict.CleanError, BaseLog.Join(BaseLog.Metadata(sharedMemory: "1e308"), BaseLog.Header, BaseLog.Rows()));
        yield return Whole("negative capability", Verdict.CleanError, BaseLog.Join(BaseLog.Metadata(capability: "[-9, 0]"), BaseLog.Header, BaseLog.Rows()));
        yield return Whole("a feature declared twice", Verdict.CleanError,
            BaseLog.Join(BaseLog.Metadata().Replace("[\"m\", \"k\"]", "[\"m\", \"m\"]"), "m,m,dtype,choice,feedback", BaseLog.Rows()));
        yield return Whole("header misses a feature", Verdict.CleanError, BaseLog.Join(BaseLog.Metadata(), "m,dtype,choice,feedback", BaseLog.Rows()));
        yield return Whole("header has an undeclared column", Verdict.Warned,
            BaseLog.Join(BaseLog.Metadata(), "m,k,dtype,extra,choice,feedback", BaseLog.Rows().Select(r => InsertCell(r, 3, "7"))));

        // Names that try to become code.
        yield return Whole("choice name with U+2028 and a statement", Verdict.Ok, RenameChoice("a", "a\u2028System.Environment.Exit(3);//"));
        yield return Whole("choice name with U+0085 and #error", Verdict.Ok, RenameChoice("a", "a\u0085#error pwned"));
        yield return Whole("choice name with */ and backslashes", Verdict.Ok, RenameChoice("b", "b*/\\u0022\\"));
        yield return Whole("category with bidi controls and an emoji", Verdict.Ok, BaseLog.Text().Replace("float16", "f\u202Eloat\U0001F600"));
        yield return new CorpusLog("heuristic name with an escaped line break", 0, Verdict.Ok,
            Utf8.GetBytes(BaseLog.Join(BaseLog.Metadata(name: "to\\ny"), BaseLog.Header, BaseLog.Rows())), "to\ny");
    }

    private static CorpusLog Whole(string name, Verdict expected, string text) => new(name, 0, expected, Utf8.GetBytes(text), BaseLog.Name);

    private static IEnumerable<CorpusLog> PerRow(string name, Verdict expected, Func<List<string>, int, string> mutate) =>
        PerRowBytes(name, expected, (rows, i) => Utf8.GetBytes(mutate(rows, i)));

    private static IEnumerable<CorpusLog> PerRowBytes(string name, Verdict expected, Func<List<string>, int, byte[]> mutate)
    {
        for (int variant = 0; variant < Variants; variant++)
        {
            List<string> rows = BaseLog.Rows();
            int row = new Random(variant * 7919 + name.Length).Next(rows.Count);
            yield return new CorpusLog(name, variant, expected, mutate(rows, row), BaseLog.Name);
        }
    }

    private static string Build(IEnumerable<string> rows) => BaseLog.Join(BaseLog.Metadata(), BaseLog.Header, rows);

    private static string Edit(List<string> rows, int index, Func<string, string> edit)
    {
        var edited = new List<string>(rows);
        edited[index] = edit(edited[index]);
        return Build(edited);
    }

    private sealed record EditedRows(List<string> Rows)
    {
        public string Build() => MutationClasses.Build(Rows);
    }

    private static EditedRows ReplaceFeedback(List<string> rows, int index, string feedback)
    {
        var edited = new List<string>(rows);
        edited[index] = edited[index].Substring(0, edited[index].LastIndexOf(',') + 1) + feedback;
        return new EditedRows(edited);
    }

    private static string InsertCell(string row, int position, string value)
    {
        var cells = row.Split(',').ToList();
        cells.Insert(position, value);
        return string.Join(",", cells);
    }

    private static string RenameChoice(string from, string to) =>
        BaseLog.Join(BaseLog.Metadata().Replace("\"" + from + "\"", "\"" + JsonEscape(to) + "\""), BaseLog.Header,
            BaseLog.Rows().Select(r =>
            {
                int feedback = r.LastIndexOf(',');
                int choice = r.LastIndexOf(',', feedback - 1);
                string name = r.Substring(choice + 1, feedback - choice - 1);
                return name == from ? r.Substring(0, choice + 1) + to + r.Substring(feedback) : r;
            }));

    private static string JsonEscape(string text)
    {
        var sb = new StringBuilder();
        foreach (char c in text)
        {
            if (c == '"' || c == '\\') sb.Append('\\').Append(c);
            else if (c < 0x20 || c > 0x7E) sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append(c);
        }

        return sb.ToString();
    }

    private static byte[] Garbage()
    {
        var bytes = new byte[64 * 1024];
        new Random(42).NextBytes(bytes);
        return bytes;
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        }

        throw new InvalidOperationException("needle not found");
    }
}
