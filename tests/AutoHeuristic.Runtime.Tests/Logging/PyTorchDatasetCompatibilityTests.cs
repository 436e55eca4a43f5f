using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using AutoHeuristic.Features;
using AutoHeuristic.Formatting;
using AutoHeuristic.Logs;
using AutoHeuristic.Tests.Shared;
using AutoHeuristic.Tests.Support;
using NUnit.Framework;

namespace AutoHeuristic.Tests.Logging;

/// <summary>
/// Rewrites the first rows of PyTorch's published logs (../shared/data/pytorch, next to the
/// repository) through <see cref="AHContext"/> and <see cref="TrainingLogWriter"/> and compares
/// bytes. Skipped when the datasets are not there (CI, fresh clones).
/// </summary>
[Category(TestRepository.SharedDataCategory)]
public sealed class PyTorchDatasetCompatibilityTests
{
    private const int Rows = 2000;

    [TestCase("h100_mm.zip", "h100/h100_mm.txt", true)]
    [TestCase("mixedmm_a100_data.zip", "mixedmm_a100_data.txt", true)]
    [TestCase("flexattention_a100_data.zip", "flexattention_data_a100.txt", true)]
    // PyTorch's pad_mm A100 log has an older metadata key order: compare the header and rows only.
    [TestCase("pad_mm_a100_data.zip", "pad_mm_a100_data.txt", false)]
    public void Our_writer_reproduces_pytorch_logs(string zip, string entry, bool compareMetadataLine)
    {
        string[] lines = ReadHead(zip, entry, Rows + 2);
        LogMetadata metadata = LogMetadata.Parse(lines[0]);
        string[] header = LogFormat.SplitCells(lines[1]);
        using var temp = new TempFolder();
        string path = temp.File("log.txt");
        TrainingLogWriter? writer = null;
        AHContext? context = null;
        foreach (string line in lines.Skip(2))
        {
            string[] cells = LogFormat.SplitCells(line);
            if (context is null)
            {
                context = new AHContext();
                for (int i = 0; i < header.Length - 2; i++) context.AddFeature(header[i], FeatureValue.Parse(cells[i]), metadata.IsCategorical(header[i]));
                writer = TrainingLogWriter.ForContext(path, metadata.Name, metadata.Hardware, context);
            }
            else
            {
                for (int i = 0; i < header.Length - 2; i++) context.SetValue(header[i], FeatureValue.Parse(cells[i]));
            }

            Assert.That(PythonFormat.TryParseFloat(cells[^1], out double feedback), Is.True, line);
            writer!.AppendRows(context, new[] { new ChoiceFeedback(cells[^2], feedback) });
        }

        string[] ours = File.ReadAllText(path).TrimEnd('\n').Split('\n');
        Assert.That(ours, Has.Length.EqualTo(lines.Length));
        if (compareMetadataLine) Assert.That(ours[0], Is.EqualTo(lines[0]));
        else Assert.That(LogMetadata.Parse(ours[0]).SameAs(metadata), Is.True);
        for (int i = 1; i < lines.Length; i++) Assert.That(ours[i], Is.EqualTo(lines[i]), $"line {i + 1}");
    }

    private static string[] ReadHead(string zip, string entry, int count)
    {
        using ZipArchive archive = ZipFile.OpenRead(TestRepository.PyTorchFile(zip));
        ZipArchiveEntry file = archive.GetEntry(entry) ?? throw new FileNotFoundException($"{entry} is not in {zip}.");
        using var reader = new StreamReader(file.Open(), new UTF8Encoding(false));
        var lines = new List<string>(count);
        string? line;
        while (lines.Count < count && (line = reader.ReadLine()) is not null) lines.Add(line);
        return lines.ToArray();
    }
}
