using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AutoHeuristic.Hostile.Tests.Corpus;

/// <summary>
/// The clean log every mutation starts from: a small, learnable heuristic ('toy') with two numeric
/// features, one categorical feature and two choices, three measurements per choice and input.
/// Choice <c>a</c> wins below m = 2048, <c>b</c> above, so a tree learns it from a few hundred rows.
/// </summary>
internal static class BaseLog
{
    public const string Name = "toy";

    /// <summary>The rows per input (2 choices × 3 measurements).</summary>
    public const int RowsPerInput = 6;

    /// <summary>Line 1.</summary>
    public static string Metadata(string name = Name, string sharedMemory = "232448", string capability = "[9, 0]") =>
        "{\"numerical_features\": [\"m\", \"k\"], \"categorical_features\": [\"dtype\"], \"choices\": [\"a\", \"b\"], "
        + "\"shared_memory\": " + sharedMemory + ", \"device_capa\": " + capability + ", \"name\": \"" + name + "\"}";

    /// <summary>Line 2.</summary>
    public const string Header = "m,k,dtype,choice,feedback";

    /// <summary>The data rows (no line breaks), in input order.</summary>
    public static List<string> Rows(int inputs = 160)
    {
        var random = new Random(1234);
        var rows = new List<string>(inputs * RowsPerInput);
        for (int i = 0; i < inputs; i++)
        {
            int m = 64 + (i * 4032 / inputs);
            int k = 128 * (1 + random.Next(32));
            string dtype = i % 2 == 0 ? "float16" : "float32";
            double a = m < 2048 ? 1.0 : 2.0, b = m < 2048 ? 2.0 : 1.0;
            for (int rep = 0; rep < 3; rep++)
            {
                double noise = 1 + (random.NextDouble() * 0.02);
                rows.Add(Row(m, k, dtype, "a", a * noise));
                rows.Add(Row(m, k, dtype, "b", b * noise));
            }
        }

        return rows;
    }

    /// <summary>The whole clean log as text, ending with a line break.</summary>
    public static string Text() => Join(Metadata(), Header, Rows());

    /// <summary>Lines joined with <c>\n</c>, plus a final line break.</summary>
    public static string Join(string metadata, string header, IEnumerable<string> rows)
    {
        var sb = new StringBuilder();
        sb.Append(metadata).Append('\n').Append(header).Append('\n');
        foreach (string row in rows) sb.Append(row).Append('\n');
        return sb.ToString();
    }

    private static string Row(int m, int k, string dtype, string choice, double feedback) =>
        string.Join(",", m.ToString(CultureInfo.InvariantCulture), k.ToString(CultureInfo.InvariantCulture), dtype, choice, feedback.ToString("R", CultureInfo.InvariantCulture));
}
