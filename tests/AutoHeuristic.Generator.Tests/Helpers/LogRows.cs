using System.Collections.Generic;
using System.IO;
using System.Linq;
using AutoHeuristic.Features;
using AutoHeuristic.Logs;

namespace AutoHeuristic.Generator.Tests.Helpers;

/// <summary>The rows of a training log as run-time contexts (logged features only, as a caller builds them).</summary>
internal static class LogRows
{
    public static (LogMetadata Metadata, List<AHContext> Contexts) Read(string path)
    {
        string[] lines = File.ReadAllLines(path);
        LogMetadata metadata = LogMetadata.Parse(lines[0]);
        string[] header = LogFormat.SplitCells(lines[1]);
        var contexts = new List<AHContext>();
        foreach (string line in lines.Skip(2).Where(l => l.Length > 0))
        {
            string[] cells = LogFormat.SplitCells(line);
            var context = new AHContext();
            for (int i = 0; i < header.Length - 2; i++)
            {
                bool categorical = metadata.IsCategorical(header[i]);
                context.AddFeature(header[i], categorical ? FeatureValue.FromText(cells[i]) : FeatureValue.Parse(cells[i]), categorical);
            }

            contexts.Add(context);
        }

        return (metadata, contexts);
    }
}
