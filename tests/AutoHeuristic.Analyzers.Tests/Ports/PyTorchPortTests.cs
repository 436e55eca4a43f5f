using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using AutoHeuristic.Analyzers.Tests.Infrastructure;
using AutoHeuristic.Tests.Shared;
using Microsoft.CodeAnalysis.Testing;
using NUnit.Framework;

namespace AutoHeuristic.Analyzers.Tests.Ports;

/// <summary>
/// No false positives: hand-written C# ports of PyTorch's pad_mm and mm call sites, checked
/// against logs with PyTorch's metadata and headers, must give no diagnostic at all.
/// </summary>
public sealed class PyTorchPortTests
{
    // PyTorch's pad_mm A100 log has an older key order and an extra "choices" key; kept as such.
    private const string PadMmMetadata =
        "{\"numerical_features\": [\"m\", \"k\", \"n\", \"mat1_stride_0\", \"mat1_stride_1\", \"mat2_stride_0\", \"mat2_stride_1\", \"m_padded_length\", \"k_padded_length\", \"n_padded_length\", \"mat1_align_size\", \"mat2_align_size\"], \"categorical_features\": [\"mat1_dtype\", \"mat2_dtype\", \"prepadded_mat1\", \"prepadded_mat2\", \"using_tf32\"], \"choices\": [\"orig\", \"pad\"], \"shared_memory\": 166912, \"device_capa\": [8, 0], \"name\": \"pad_mm\"}";

    private const string PadMmHeader =
        "m,k,n,mat1_stride_0,mat1_stride_1,mat2_stride_0,mat2_stride_1,m_padded_length,k_padded_length,n_padded_length,mat1_align_size,mat2_align_size,mat1_dtype,mat2_dtype,prepadded_mat1,prepadded_mat2,using_tf32,choice,feedback";

    private const string MmMetadata =
        "{\"shared_memory\": 232448, \"device_capa\": [9, 0], \"name\": \"mm\", \"numerical_features\": [\"m\", \"k\", \"n\", \"mat1_stride_0\", \"mat1_stride_1\", \"mat2_stride_0\", \"mat2_stride_1\"], \"categorical_features\": [\"mat1_dtype\", \"mat2_dtype\", \"mat1_iscontig\", \"mat2_iscontig\", \"using_tf32\"]}";

    private const string MmHeader =
        "m,k,n,mat1_dtype,mat2_dtype,mat1_stride_0,mat1_stride_1,mat2_stride_0,mat2_stride_1,mat1_iscontig,mat2_iscontig,using_tf32,choice,feedback";

    // The ports are plain files next to this one (".cs.txt": compiled by the tests, not by this project).
    private static IEnumerable<string> PortSources() => new[] { PortSource("PadMmPort.cs.txt"), PortSource("MmPort.cs.txt") };

    [Test]
    public Task PadMmAndMmPortsGiveNoDiagnostics() => Verify.AnalyzerAsync(PortSources(), SmallLogs(), Array.Empty<DiagnosticResult>());

    // Logs with PyTorch's exact metadata lines and headers, and two made-up rows each.
    private static TestLog[] SmallLogs() => new[]
        {
            new TestLog("/logs/pad_mm_a100.txt", string.Join("\n", PadMmMetadata, PadMmHeader,
                "4096,1000,512,1000,1,512,1,0,0,0,8,8,torch.float16,torch.float16,False,False,not_float_32,orig,0.9",
                "4096,1000,512,1000,1,512,1,0,0,0,8,8,torch.float16,torch.float16,False,False,not_float_32,pad,0.7") + "\n"),
            new TestLog("/logs/mm_h100.txt", string.Join("\n", MmMetadata, MmHeader,
                "1024,4096,4096,torch.float16,torch.float16,4096,1,4096,1,True,True,not_float_32,extern_mm,0.1",
                "1024,4096,4096,torch.float16,torch.float16,4096,1,4096,1,True,True,not_float_32,type=triton_BLOCK-M=64_BLOCK-K=32_BLOCK-N=64_numstages=3_numwarps=4,0.2") + "\n"),
        };

    [Test]
    public Task ExtraConfigsAppendedAfterTheSelectorAreCaughtAcrossTheHelper()
    {
        string mm = PortSource("MmPort.cs.txt");
        const string anchor = "null, 10, new[] { \"extern_mm\" });";
        Assert.That(mm, Does.Contain(anchor));
        mm = mm.Replace(anchor, anchor + "\n            {|AH2103:choices.AddRange(ExtraMmConfigs())|};");
        return Verify.AnalyzerAsync(new[] { PortSource("PadMmPort.cs.txt"), mm }, SmallLogs(), Array.Empty<DiagnosticResult>());
    }

    [Test]
    public Task FeatureMissingFromTheMmContextIsCaughtThroughTheContextHelper()
    {
        string mm = PortSource("MmPort.cs.txt");
        const string line = "context.AddFeature(\"mat2_iscontig\", mat2.IsContiguous, isCategorical: true);";
        const string site = "inputNodes, context, name, ops, precondition);";
        Assert.That(mm, Does.Contain(line).And.Contain(site));
        mm = mm.Replace(line, string.Empty).Replace(site, "inputNodes, {|AH2110:context|}, name, ops, precondition);");
        return Verify.AnalyzerAsync(new[] { PortSource("PadMmPort.cs.txt"), mm }, SmallLogs(), Array.Empty<DiagnosticResult>());
    }

    [Test]
    [Category(TestRepository.SharedDataCategory)]
    public Task PortsGiveNoDiagnosticsAgainstPyTorchsPublishedLogs()
    {
        // The full published logs (tens of MB): also shows that a large log is read once, cheaply.
        string padMmZip = TestRepository.PyTorchFile("pad_mm_a100_data.zip");
        string mmZip = TestRepository.PyTorchFile("h100_mm.zip");
        var logs = new List<TestLog> { FirstLog(padMmZip, "/logs/pad_mm_a100.txt"), FirstLog(mmZip, "/logs/mm_h100.txt") };
        return Verify.AnalyzerAsync(PortSources(), logs, Array.Empty<DiagnosticResult>());
    }

    private static TestLog FirstLog(string zip, string path)
    {
        using ZipArchive archive = ZipFile.OpenRead(zip);
        ZipArchiveEntry entry = archive.Entries.Where(e => e.Name.EndsWith(".txt", StringComparison.Ordinal)).OrderBy(e => e.Length).First();
        using var reader = new StreamReader(entry.Open());
        return new TestLog(path, reader.ReadToEnd());
    }

    private static string PortSource(string fileName, [CallerFilePath] string thisFile = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(thisFile)!, fileName));
}
