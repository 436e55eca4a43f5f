using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace AutoHeuristic.Cuda.Collection;

/// <summary>Why an input was measured.</summary>
public static class SampleReasons
{
    /// <summary>The next input of the seed's sequence (a plain collection: a uniform draw from the distribution).</summary>
    public const string Sequence = "sequence";

    /// <summary>Drawn uniformly at random from the adaptive collection's pool.</summary>
    public const string Uniform = "uniform";

    /// <summary>Picked because the current tree is least sure about it.</summary>
    public const string Unsure = "unsure";
}

/// <summary>One input a collector is asked to measure.</summary>
/// <param name="Index">Input index in the seed's sequence (input i of a seed is always the same input).</param>
/// <param name="Round">The sampling round that picked it (0 for a plain collection).</param>
/// <param name="Reason">Why it was picked (<see cref="SampleReasons"/>).</param>
/// <param name="Weight">
/// The inverse of its chance to be picked in its round (1 for a plain collection): a weighted estimate
/// over the collected inputs undoes the oversampling of hard inputs with it.
/// </param>
public sealed record PlannedInput(int Index, int Round, string Reason, double Weight)
{
    /// <summary>Input <paramref name="index"/> of a plain collection.</summary>
    public static PlannedInput InSequence(int index) => new(index, 0, SampleReasons.Sequence, 1);
}

/// <summary>One line of a sampling side file: a measured input, why it was picked, and what it cost.</summary>
/// <param name="Seed">Seed of the input sequence.</param>
/// <param name="Input">The input and why it was picked.</param>
/// <param name="Rounds">Interleaved rounds measured (1 to --reps; fewer than --reps when sequential measurement stopped early).</param>
/// <param name="Rows">Training-log rows written for it.</param>
/// <param name="Seconds">Wall time spent measuring it (preparing operands, timing, writing rows).</param>
/// <param name="FinishedUtc">When its rows were written.</param>
public sealed record SampledInputRecord(int Seed, PlannedInput Input, int Rounds, int Rows, double Seconds, DateTime FinishedUtc);

/// <summary>
/// The sampling side file <c>OUT.sampling.csv</c> beside a training log: one line per measured input.
/// The training log keeps PyTorch's fixed columns, so why an input was picked (its sampling
/// weight, for unbiased estimates after adaptive sampling) and what it cost (rounds, seconds, for
/// learning curves by device time) live here. Written and read only by this class.
/// </summary>
public static class SamplingLog
{
    /// <summary>The side file's suffix after the training log's path.</summary>
    public const string Suffix = ".sampling.csv";

    /// <summary>The header line.</summary>
    public const string Header = "seed,index,round,reason,weight,rounds,rows,seconds,finished_utc";

    private static readonly string[] Columns = Header.Split(',');

    /// <summary>When the collection of <paramref name="records"/> began: the first input's finish minus its measuring time.</summary>
    public static DateTime Started(IReadOnlyList<SampledInputRecord> records) =>
        records.Count == 0 ? throw new ArgumentException("No records.", nameof(records)) : records[0].FinishedUtc - TimeSpan.FromSeconds(records[0].Seconds);

    /// <summary>The line for one record (no line break).</summary>
    public static string Format(SampledInputRecord r) => string.Join(",",
        r.Seed.ToString(CultureInfo.InvariantCulture),
        r.Input.Index.ToString(CultureInfo.InvariantCulture),
        r.Input.Round.ToString(CultureInfo.InvariantCulture),
        r.Input.Reason,
        r.Input.Weight.ToString("R", CultureInfo.InvariantCulture),
        r.Rounds.ToString(CultureInfo.InvariantCulture),
        r.Rows.ToString(CultureInfo.InvariantCulture),
        r.Seconds.ToString("0.######", CultureInfo.InvariantCulture),
        r.FinishedUtc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    /// <summary>Appends one record, writing the header first when the file is new or empty.</summary>
    public static void Append(string path, SampledInputRecord record)
    {
        if (record.Input.Reason.IndexOfAny(new[] { ',', '\n', '\r', '"' }) >= 0)
            throw new ArgumentException($"A sampling reason may not hold a comma, quote or line break: '{record.Input.Reason}'.", nameof(record));
        bool needsHeader = !File.Exists(path) || new FileInfo(path).Length == 0;
        File.AppendAllText(path, (needsHeader ? Header + "\n" : string.Empty) + Format(record) + "\n", new UTF8Encoding(false));
    }

    /// <summary>
    /// Reads a side file. A torn last line (no line break: the process stopped mid-write) is skipped;
    /// any other bad line is an error naming the file, line and column.
    /// </summary>
    public static IReadOnlyList<SampledInputRecord> Read(string path)
    {
        string text = File.ReadAllText(path, Encoding.UTF8);
        return Parse(text, path);
    }

    /// <summary>Parses side-file text (see <see cref="Read"/>); <paramref name="name"/> names it in errors.</summary>
    public static IReadOnlyList<SampledInputRecord> Parse(string text, string name)
    {
        var records = new List<SampledInputRecord>();
        string[] lines = text.Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd('\r') != Header)
            throw new InvalidDataException($"{name}, line 1: expected the header '{Header}'.");
        // The last element is empty for a complete file, or a torn line: skipped either way.
        for (int i = 1; i < lines.Length - 1; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Length == 0) continue;
            string[] c = line.Split(',');
            string where = $"{name}, line {i + 1}";
            if (c.Length != Columns.Length) throw new InvalidDataException($"{where}: expected {Columns.Length} cells ({Header}), found {c.Length}.");
            int Int(int col) => int.TryParse(c[col], NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 0
                ? v
                : throw new InvalidDataException($"{where}, column {col + 1} ({Columns[col]}): '{c[col]}' is not a whole number ≥ 0.");
            double Number(int col) => double.TryParse(c[col], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= 0 && !double.IsInfinity(v)
                ? v
                : throw new InvalidDataException($"{where}, column {col + 1} ({Columns[col]}): '{c[col]}' is not a finite number ≥ 0.");
            if (!DateTime.TryParseExact(c[8], "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime finished))
                throw new InvalidDataException($"{where}, column 9 (finished_utc): '{c[8]}' is not a UTC time like 2026-01-31T12:00:00.000Z.");
            int seed = int.TryParse(c[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int s)
                ? s
                : throw new InvalidDataException($"{where}, column 1 (seed): '{c[0]}' is not a whole number.");
            if (c[3].Length == 0) throw new InvalidDataException($"{where}, column 4 (reason): empty.");
            records.Add(new SampledInputRecord(seed, new PlannedInput(Int(1), Int(2), c[3], Number(4)), Int(5), Int(6), Number(7), finished));
        }

        return records;
    }
}
