using System.Collections.Generic;
using System.IO;
using AutoHeuristic.Cli.Commands;
using AutoHeuristic.Cli.Infrastructure;
using AutoHeuristic.Learning.Evaluation;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Rendering;
using AutoHeuristic.Learning.Training;

namespace AutoHeuristic.Cli.Pictures;

/// <summary>
/// <c>train --plots DIR</c>: per model (named <c>{heuristic}_{major}_{minor}</c>) the tree as
/// <c>…_tree.png</c> and <c>…_tree.svg</c>, and per set <c>…_{set}_time-over-best.png</c> and
/// <c>.svg</c>. Every file goes through the output policy (<see cref="OutputFiles"/>).
/// </summary>
internal static class PlotFiles
{
    /// <summary>Checks, before training, that <paramref name="folder"/> can be a folder; returns it (null when not asked for).</summary>
    public static string? CheckFolder(string? folder)
    {
        if (folder is null) return null;
        if (string.IsNullOrWhiteSpace(folder)) throw new CliUserException("--plots needs a folder path.");
        switch (FileKinds.Of(folder))
        {
            case FileKind.Regular or FileKind.Special:
                throw new CliUserException($"--plots '{folder}' is a file; give a folder (it is created when missing).");
            case FileKind.Missing when FileKinds.FileInTheWay(Path.GetFullPath(folder)) is string inTheWay:
                throw new CliUserException($"--plots '{folder}' cannot be created: '{inTheWay}' is a file, not a folder.");
        }

        return folder;
    }

    /// <summary>Draws and writes every picture of <paramref name="result"/>; returns the files written.</summary>
    public static IReadOnlyList<OutputFile> Write(OutputFiles policy, string folder, TrainingResult result, TreeRenderOptions options)
    {
        // All names are checked before the first file is written.
        var work = new List<(OutputFile File, System.Action<OutputFile> Write)>();
        foreach (HeuristicTrainingResult h in result.Heuristics)
        {
            if (h.Model is not LearnedModel model) continue;
            string stem = OutputFiles.SafeName(TrainCommand.ModelSuffix(model));
            work.Add((policy.Add("--plots", Path.Combine(folder, stem + "_tree.png"))!, f => f.WriteBytes(PngTreeRenderer.Render(model, options))));
            work.Add((policy.Add("--plots", Path.Combine(folder, stem + "_tree.svg"))!, f => f.WriteText(SvgRenderer.Render(model, options))));
            foreach (KeyValuePair<string, DecisionListing> set in h.Decisions)
            {
                DecisionListing listing = set.Value;
                if (listing.Inputs.Count == 0) continue;
                string name = stem + "_" + OutputFiles.SafeName(set.Key) + "_time-over-best";
                string title = model.Name + " on " + LearnedModelName(model) + ": " + set.Key + " set, " + listing.Inputs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " inputs";
                IReadOnlyList<TimeOverBestCurve> curves = TimeOverBestSeries.Of(listing, h.Preset.BaselineChoices);
                (byte[] png, string svg)? drawn = null;
                (byte[] Png, string Svg) Draw() => drawn ??= TimeOverBestPlot.Render(title, curves);
                work.Add((policy.Add("--plots", Path.Combine(folder, name + ".png"))!, f => f.WriteBytes(Draw().Png)));
                work.Add((policy.Add("--plots", Path.Combine(folder, name + ".svg"))!, f => f.WriteText(Draw().Svg)));
            }
        }

        var written = new List<OutputFile>();
        foreach ((OutputFile file, System.Action<OutputFile> write) in work)
        {
            write(file);
            written.Add(file);
        }

        return written;
    }

    private static string LearnedModelName(LearnedModel model) => AutoHeuristic.Learning.CodeGen.LearnedModelCSharpEmitter.HardwareName(model.Hardware);
}
