using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using AutoHeuristic.Cli.Commands;
using AutoHeuristic.Cli.Infrastructure;
using AutoHeuristic.Cli.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AutoHeuristic.Tools.Bench;

/// <summary>
/// <c>bench</c>: full default training on PyTorch's published datasets, timed. Each run is a fresh
/// process (ours: the hidden <c>bench-worker</c>; the baseline: <c>tools/bench/sklearn_baseline.py</c>,
/// PyTorch's procedure with pandas and scikit-learn on the same file), so wall time and peak
/// memory are measured alike; prints the fastest of N runs of each, the ratio, and PyTorch's own
/// reference wall times.
/// </summary>
public sealed class BenchCommand : Command<BenchCommand.Settings>
{
    /// <summary>One line for the help screen.</summary>
    public const string Description = "Time full training on PyTorch's datasets against a scikit-learn baseline measured in the same run.";

    private readonly IAnsiConsole _console;

    /// <summary>Creates the command.</summary>
    public BenchCommand(IAnsiConsole console) => _console = console;

    /// <summary>Arguments of <c>bench</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Which datasets.</summary>
        [CommandOption("--dataset <NAME>")]
        [Description("pad_mm, mixed_mm, mm or all (default; repeatable).")]
        public string[] Datasets { get; init; } = Array.Empty<string>();

        /// <summary>The baseline.</summary>
        [CommandOption("--baseline <KIND>")]
        [Description("python (default: tools/bench/sklearn_baseline.py with Debian's python3-sklearn) or none.")]
        [DefaultValue("python")]
        public string Baseline { get; init; } = "python";

        /// <summary>The Python interpreter.</summary>
        [CommandOption("--python <PATH>")]
        [Description("Python with pandas and scikit-learn (default: /usr/bin/python3 when present, else python3).")]
        public string? Python { get; init; }

        /// <summary>Where the zips are.</summary>
        [CommandOption("--data-dir <DIR>")]
        [Description("Folder with PyTorch's dataset zips (default: ../shared/data/pytorch beside the repository).")]
        public string? DataDir { get; init; }

        /// <summary>Split mode of our runs.</summary>
        [CommandOption("--split <MODE>")]
        [Description("Split of our runs: pytorch (default, like the baseline) or grouped.")]
        [DefaultValue("pytorch")]
        public string Split { get; init; } = "pytorch";

        /// <summary>Confidence mode of our runs (experimental, as the tool's --experimental-confidence).</summary>
        [CommandOption("--experimental-confidence <MODE>")]
        [Description("Experimental: confidence of our runs: pytorch (default, like the baseline) or calibrated.")]
        [DefaultValue("pytorch")]
        public string Confidence { get; init; } = "pytorch";

        /// <summary>Runs of ours per dataset.</summary>
        [CommandOption("--runs <N>")]
        [Description("Timed runs per dataset of ours and of the baseline; the fastest of each is reported (default 3).")]
        [DefaultValue(3)]
        public int Runs { get; init; } = 3;

        /// <summary>Where to write the measurements as JSON.</summary>
        [CommandOption("--json <FILE>")]
        [Description("Also write the measurements as JSON.")]
        public string? Json { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            foreach (string d in Datasets)
            {
                if (d != "all" && BenchDataset.All.All(x => x.Name != d)) return ValidationResult.Error($"--dataset must be pad_mm, mixed_mm, mm or all, not '{d}'.");
            }

            if (Baseline is not ("python" or "none")) return ValidationResult.Error($"--baseline must be python or none, not '{Baseline}'.");
            if (Split is not ("pytorch" or "grouped")) return ValidationResult.Error($"--split must be pytorch or grouped, not '{Split}'.");
            if (Confidence is not ("pytorch" or "calibrated")) return ValidationResult.Error($"--experimental-confidence must be pytorch or calibrated, not '{Confidence}'.");
            return Runs < 1 ? ValidationResult.Error("--runs must be at least 1.") : ValidationResult.Success();
        }
    }

    private sealed record Measurement(double Seconds, double CpuSeconds, double ProcessSeconds, double PeakMb, JsonElement? Test, JsonElement? Val, string? Selected);

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        OutputFile? json = new OutputFiles(Array.Empty<string>()).Add("--json", settings.Json);
        string? root = BenchFiles.FindRepositoryRoot();
        string? dataDir = settings.DataDir ?? BenchFiles.FindDataDirectory(root);
        if (dataDir is null || !Directory.Exists(dataDir))
        {
            _console.MarkupLine("[yellow]bench skipped:[/] " + Markup.Escape(
                $"PyTorch's datasets were not found ({settings.DataDir ?? "../shared/data/pytorch beside the repository"}); pass --data-dir DIR with pad_mm_a100_data.zip, mixedmm_a100_data.zip and h100_mm.zip."));
            return 0;
        }

        List<BenchDataset> datasets = settings.Datasets.Length == 0 || settings.Datasets.Contains("all")
            ? BenchDataset.All.ToList()
            : BenchDataset.All.Where(d => settings.Datasets.Contains(d.Name)).ToList();

        string? script = root is null ? null : Path.Combine(root, "tools", "bench", "sklearn_baseline.py");
        string python = settings.Python ?? (File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
        bool baseline = settings.Baseline == "python" && CheckBaseline(python, script);

        string load = LoadAverage();
        _console.MarkupLine(Markup.Escape($"{Environment.ProcessorCount} CPU cores; load average {load} (other work on the machine slows every run)"));
        string temp = Path.Combine(Path.GetTempPath(), "autoheuristic-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        var rows = new List<(BenchDataset Dataset, Measurement Ours, Measurement? Baseline)>();
        try
        {
            foreach (BenchDataset dataset in datasets)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _console.MarkupLine(Markup.Escape($"{dataset.Name}: unzipping {dataset.Zip}"));
                var (log, extra) = BenchFiles.Extract(dataset, dataDir, temp);
                Measurement best = Fastest(dataset, "ours", settings.Runs, () => RunOurs(log, extra, dataset, settings, temp, cancellationToken));
                Measurement? theirs = baseline
                    ? Fastest(dataset, "baseline", settings.Runs, () => RunBaseline(python, script!, log, extra, dataset, cancellationToken))
                    : null;
                rows.Add((dataset, best, theirs));
            }
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }

        WriteTable(rows, settings);
        if (json is not null)
        {
            WriteJson(json, rows, settings, load);
            _console.MarkupLine("Wrote [green]" + Markup.Escape(json.Path) + "[/].");
        }

        return 0;
    }

    // Runs one side `runs` times, printing each run; the fastest run is the one least disturbed
    // by other work on the machine.
    private Measurement Fastest(BenchDataset dataset, string side, int runs, Func<Measurement> measure)
    {
        Measurement? best = null;
        for (int run = 0; run < runs; run++)
        {
            Measurement m = measure();
            _console.MarkupLine(Markup.Escape($"{dataset.Name}: {side} run {run + 1}: {Numbers.Seconds(m.Seconds)} s (CPU {Numbers.Seconds(m.CpuSeconds)} s), peak {m.PeakMb:0} MB"));
            if (best is null || m.Seconds < best.Seconds) best = m;
        }

        return best!;
    }

    private static void WriteJson(OutputFile file, List<(BenchDataset Dataset, Measurement Ours, Measurement? Baseline)> rows, Settings settings, string load)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("cpu_cores", Environment.ProcessorCount);
            w.WriteString("load_average_at_start", load);
            w.WriteNumber("runs", settings.Runs);
            w.WriteString("split", settings.Split);
            w.WriteString("confidence", settings.Confidence);
            w.WriteStartArray("datasets");
            foreach (var (dataset, ours, theirs) in rows)
            {
                w.WriteStartObject();
                w.WriteString("name", dataset.Name);
                w.WriteNumber("pytorch_reference_seconds", dataset.PyTorchSeconds);
                WriteMeasurement(w, "ours", ours);
                if (theirs is not null)
                {
                    WriteMeasurement(w, "baseline", theirs);
                    w.WriteNumber("wall_ratio", theirs.Seconds / ours.Seconds);
                    w.WriteNumber("cpu_ratio", theirs.CpuSeconds / ours.CpuSeconds);
                }

                w.WriteNumber("pytorch_reference_ratio", dataset.PyTorchSeconds / ours.Seconds);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        file.WriteBytes(stream.ToArray());
    }

    private static void WriteMeasurement(Utf8JsonWriter w, string name, Measurement m)
    {
        w.WriteStartObject(name);
        w.WriteNumber("seconds", m.Seconds);
        w.WriteNumber("cpu_seconds", m.CpuSeconds);
        w.WriteNumber("process_seconds", m.ProcessSeconds);
        w.WriteNumber("peak_mb", m.PeakMb);
        if (m.Selected is not null) w.WriteString("selected", m.Selected);
        if (m.Test is { } test)
        {
            w.WritePropertyName("test");
            test.WriteTo(w);
        }

        if (m.Val is { } val)
        {
            w.WritePropertyName("val");
            val.WriteTo(w);
        }

        w.WriteEndObject();
    }

    private bool CheckBaseline(string python, string? script)
    {
        if (script is null || !File.Exists(script))
        {
            _console.MarkupLine("[yellow]baseline skipped:[/] tools/bench/sklearn_baseline.py was not found (run bench from the repository).");
            return false;
        }

        var (code, _, error) = RunProcess(python, new[] { "-c", "import sklearn, pandas" }, CancellationToken.None);
        if (code == 0) return true;
        _console.MarkupLine("[yellow]baseline skipped:[/] " + Markup.Escape(
            $"'{python}' cannot import sklearn and pandas ({error.Trim()}); install them with: apt-get install python3-sklearn python3-pandas"));
        return false;
    }

    private static Measurement RunOurs(string log, List<(string Name, string Path)> extra, BenchDataset dataset, Settings settings, string temp, CancellationToken ct)
    {
        string outFile = Path.Combine(temp, dataset.Name + "-ours.json");
        var args = new List<string>(SelfCommand()) { BenchWorkerCommand.Name, log, "--out", outFile, "--split", settings.Split, "--experimental-confidence", settings.Confidence };
        if (dataset.RankingK is { } k) args.AddRange(new[] { "--ranking", k.ToString(CultureInfo.InvariantCulture) });
        foreach (var (name, path) in extra) args.AddRange(new[] { "--data", name + "=" + path });
        var stopwatch = Stopwatch.StartNew();
        var (code, output, error) = RunProcess(args[0], args.Skip(1).ToArray(), ct);
        double processSeconds = stopwatch.Elapsed.TotalSeconds;
        if (code != 0 || !File.Exists(outFile))
        {
            throw new CliUserException($"Our timed run on {dataset.Name} failed (exit {code}): {Tail(error + output)}");
        }

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(outFile));
        JsonElement report = doc.RootElement.GetProperty("report");
        JsonElement? sets = report.TryGetProperty("sets", out JsonElement s) ? s.Clone() : null;
        return new Measurement(
            doc.RootElement.GetProperty("seconds").GetDouble(), doc.RootElement.GetProperty("cpu_seconds").GetDouble(), processSeconds,
            doc.RootElement.GetProperty("peak_mb").GetDouble(),
            Set(sets, "test"), Set(sets, "val"), Selected(report));
    }

    private static Measurement RunBaseline(string python, string script, string log, List<(string Name, string Path)> extra, BenchDataset dataset, CancellationToken ct)
    {
        var args = new List<string> { script, log };
        if (dataset.RankingK is { } k) args.AddRange(new[] { "--ranking", k.ToString(CultureInfo.InvariantCulture) });
        foreach (var (name, path) in extra) args.AddRange(new[] { "--data", name, path });
        var stopwatch = Stopwatch.StartNew();
        var (code, output, error) = RunProcess(python, args.ToArray(), ct);
        double processSeconds = stopwatch.Elapsed.TotalSeconds;
        if (code != 0) throw new CliUserException($"The baseline on {dataset.Name} failed (exit {code}): {Tail(error)}");
        string json = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement? sets = doc.RootElement.TryGetProperty("sets", out JsonElement s) ? s.Clone() : null;
        return new Measurement(
            doc.RootElement.GetProperty("seconds").GetDouble(), doc.RootElement.GetProperty("cpu_seconds").GetDouble(), processSeconds,
            doc.RootElement.GetProperty("peak_rss_mb").GetDouble(),
            Set(sets, "test"), Set(sets, "val"), Selected(doc.RootElement));
    }

    private static JsonElement? Set(JsonElement? sets, string name) =>
        sets is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty(name, out JsonElement set) ? set.Clone() : null;

    private static string? Selected(JsonElement root)
    {
        if (!root.TryGetProperty("selected", out JsonElement sel) || sel.ValueKind != JsonValueKind.Object) return null;
        return $"{sel.GetProperty("criterion").GetString()} d{sel.GetProperty("max_depth").GetRawText()} leaf {sel.GetProperty("min_samples_leaf").GetRawText()}";
    }

    private void WriteTable(List<(BenchDataset Dataset, Measurement Ours, Measurement? Baseline)> rows, Settings settings)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"training wall time (read + train), best of {settings.Runs}; ours: split {settings.Split}, confidence {settings.Confidence}")
            .AddColumn("dataset")
            .AddColumn(new TableColumn("ours s").RightAligned()).AddColumn(new TableColumn("ours peak MB").RightAligned())
            .AddColumn(new TableColumn("baseline s").RightAligned()).AddColumn(new TableColumn("baseline peak MB").RightAligned())
            .AddColumn(new TableColumn("baseline / ours").RightAligned())
            .AddColumn(new TableColumn("ours CPU s").RightAligned()).AddColumn(new TableColumn("baseline CPU s").RightAligned())
            .AddColumn(new TableColumn("CPU baseline / ours").RightAligned())
            .AddColumn(new TableColumn("PyTorch ref s").RightAligned()).AddColumn(new TableColumn("PyTorch ref / ours").RightAligned())
            .AddColumn("ours test c/w/u").AddColumn("baseline test c/w/u");
        foreach (var (dataset, ours, theirs) in rows)
        {
            table.AddRow(
                dataset.Name,
                Numbers.Seconds(ours.Seconds) + $" ({Numbers.Seconds(ours.ProcessSeconds)})",
                ours.PeakMb.ToString("0", CultureInfo.InvariantCulture),
                theirs is null ? "-" : Numbers.Seconds(theirs.Seconds) + $" ({Numbers.Seconds(theirs.ProcessSeconds)})",
                theirs is null ? "-" : theirs.PeakMb.ToString("0", CultureInfo.InvariantCulture),
                theirs is null ? "-" : Ratio(theirs.Seconds, ours.Seconds),
                Numbers.Seconds(ours.CpuSeconds),
                theirs is null ? "-" : Numbers.Seconds(theirs.CpuSeconds),
                theirs is null ? "-" : Ratio(theirs.CpuSeconds, ours.CpuSeconds),
                Numbers.Metric(dataset.PyTorchSeconds),
                Ratio(dataset.PyTorchSeconds, ours.Seconds),
                Markup.Escape(Cwu(ours.Test, dataset.RankingK is not null)),
                Markup.Escape(theirs is null ? "-" : Cwu(theirs.Test, dataset.RankingK is not null)));
        }

        _console.Write(table);
        _console.MarkupLine("Seconds in parentheses: the whole process, start-up and runtime/interpreter load included. "
            + "CPU s: processor time of all threads over the timed span, less disturbed by other work on a shared machine. "
            + "PyTorch ref: PyTorch's own trainer on the same file on a 2-core machine (94 s / 32 s / 33 s).");
    }

    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string Ratio(double baseline, double ours) =>
        ours <= 0 ? "-" : (baseline / ours).ToString("0.0", CultureInfo.InvariantCulture) + "×";

    private static string Cwu(JsonElement? set, bool ranking)
    {
        if (set is not { } s) return "-";
        string prefix = ranking ? "top_k_" : string.Empty;
        string Get(string name) => s.TryGetProperty(prefix + name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? Numbers.Metric(v.GetDouble()) : "?";
        return (ranking ? "top-k " : string.Empty) + Get("correct") + "/" + Get("wrong") + "/" + Get("unsure");
    }

    /// <summary>
    /// How to start this program again: its app host when that is what runs, else <c>dotnet AutoHeuristic.Bench.dll</c>
    /// (under <c>dotnet AutoHeuristic.Bench.dll</c> or inside a test host).
    /// </summary>
    private static string[] SelfCommand()
    {
        string process = Environment.ProcessPath ?? string.Empty;
        string name = Path.GetFileNameWithoutExtension(process);
        if (name.Equals(typeof(BenchCommand).Assembly.GetName().Name, StringComparison.OrdinalIgnoreCase))
        {
            return new[] { process };
        }

        string dotnet = name.Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? process
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
            : "dotnet";
        return new[] { dotnet, typeof(BenchCommand).Assembly.Location };
    }

    private static (int Code, string Output, string Error) RunProcess(string file, string[] args, CancellationToken ct)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) info.ArgumentList.Add(a);
        using Process process = Process.Start(info) ?? throw new CliUserException($"Could not start '{file}'.");
        using CancellationTokenRegistration registration = ct.Register(() =>
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        });
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        process.WaitForExit();
        ct.ThrowIfCancellationRequested();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Tail(string text) => text.Length <= 2000 ? text.Trim() : "…" + text.Substring(text.Length - 2000).Trim();
}
