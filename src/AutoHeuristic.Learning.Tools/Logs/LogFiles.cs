using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using AutoHeuristic.Learning.Problems;
using AutoHeuristic.Logs;

namespace AutoHeuristic.Learning.Logs;

/// <summary>
/// Reads training logs from files with <see cref="LogReader"/>'s verdicts: the CLI's and the
/// tools' way in. (A build reads logs as the compiler's <c>AdditionalText</c> instead, through
/// <see cref="LogReader.Parse(string, TextReader, long, System.Threading.CancellationToken)"/>.)
/// </summary>
public static class LogFiles
{
    /// <summary>Reads the log at <paramref name="path"/> as strict UTF-8; I/O failures become an <see cref="ProblemCodes.Unreadable"/> problem.</summary>
    public static ParsedLog Read(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
            long size = stream.CanSeek ? stream.Length : 0; // a device or pipe has no length
            using var reader = new Utf8LogTextReader(stream);
            return LogReader.Parse(path, reader, size, System.Threading.CancellationToken.None);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException)
        {
            var problem = new LearningProblem(ProblemCodes.Unreadable, ProblemSeverity.Error, "The log could not be read: " + e.Message, path);
            return new ParsedLog(path, null, Array.Empty<string>(), null, 0, new[] { problem });
        }
    }

    /// <summary>Reads several logs in parallel (one per core at most); the result keeps the order of <paramref name="paths"/>.</summary>
    public static IReadOnlyList<ParsedLog> ReadMany(IReadOnlyList<string> paths)
    {
        if (paths is null) throw new ArgumentNullException(nameof(paths));
        var result = new ParsedLog[paths.Count];
        Parallel.For(0, paths.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => result[i] = Read(paths[i]));
        return result;
    }
}
