using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace AutoHeuristic.Cuda.Collection;

/// <summary>
/// A log collected with <c>--adaptive</c>, split by its sampling side file into the inputs drawn
/// uniformly (reason <c>uniform</c> or <c>sequence</c>) and those picked because the tree was
/// unsure. Validating and testing on the uniform part only keeps the model selection and the
/// reported rates those of the natural input mix; the picked inputs still train.
/// </summary>
/// <param name="UniformLog">The log text with the uniformly drawn inputs (both header lines first).</param>
/// <param name="PickedLog">The log text with the inputs picked as unsure (both header lines first).</param>
/// <param name="UniformInputs">Inputs in <paramref name="UniformLog"/>.</param>
/// <param name="PickedInputs">Inputs in <paramref name="PickedLog"/>.</param>
public sealed record SampledLogParts(string UniformLog, string PickedLog, int UniformInputs, int PickedInputs)
{
    /// <summary>
    /// Splits <paramref name="logPath"/> by <c>logPath.sampling.csv</c>. The side file lists the
    /// inputs in the order their rows were appended, with their row counts, so the rows are cut
    /// in that order; a torn last row of the log (the collector stopped mid-write) is dropped.
    /// </summary>
    /// <exception cref="InvalidDataException">The side file is missing, unreadable, or does not describe the log's rows.</exception>
    public static SampledLogParts Read(string logPath)
    {
        string sidePath = logPath + SamplingLog.Suffix;
        if (!File.Exists(sidePath))
            throw new InvalidDataException($"'{logPath}' has no sampling side file '{sidePath}' (written by 'collect').");
        return Split(File.ReadAllText(logPath), SamplingLog.Read(sidePath), logPath);
    }

    /// <summary>Splits log text by its side file's records (see <see cref="Read"/>); <paramref name="name"/> names the log in errors.</summary>
    /// <exception cref="InvalidDataException">The records do not describe the log's rows.</exception>
    public static SampledLogParts Split(string logText, IReadOnlyList<SampledInputRecord> records, string name)
    {
        string[] lines = logText.Split('\n');
        // A complete log ends with a line break (last element empty); anything else there is a torn row.
        int rowCount = lines.Length - 3;
        if (rowCount < 0) throw new InvalidDataException($"'{name}' has no header lines.");
        string head = lines[0].TrimEnd('\r') + "\n" + lines[1].TrimEnd('\r') + "\n";
        var uniform = new StringBuilder(head);
        var picked = new StringBuilder(head);
        int uniformInputs = 0, pickedInputs = 0;
        long next = 0;
        foreach (SampledInputRecord r in records)
        {
            if (next + r.Rows > rowCount)
            {
                throw new InvalidDataException(
                    $"'{name}' has {rowCount} rows, but its sampling side file lists more (input {r.Input.Index} of round {r.Input.Round} would end at row {next + r.Rows}); was the log edited or merged?");
            }

            bool isUniform = r.Input.Reason is SampleReasons.Uniform or SampleReasons.Sequence;
            StringBuilder target = isUniform ? uniform : picked;
            for (long i = next; i < next + r.Rows; i++) target.Append(lines[2 + i].TrimEnd('\r')).Append('\n');
            if (isUniform) uniformInputs++;
            else pickedInputs++;
            next += r.Rows;
        }

        if (next != rowCount)
            throw new InvalidDataException($"'{name}' has {rowCount} rows, but its sampling side file accounts for {next}; was the log edited or merged?");
        return new SampledLogParts(uniform.ToString(), picked.ToString(), uniformInputs, pickedInputs);
    }
}
