using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AutoHeuristic.Generator.Model;
using AutoHeuristic.Logs;
using Microsoft.CodeAnalysis.Text;

namespace AutoHeuristic.Generator.Parsing;

/// <summary>
/// One log as the target check needs it: its path, the heuristic name of its metadata (empty when
/// line 1 could not be read) and, for such a log, the name line 1 seems to hold.
/// </summary>
internal sealed record LogName(string Path, string Name, string? SeemsNamed)
{
    // The characters that end a line for SourceText.Lines.
    private static readonly char[] LineBreaks = { '\r', '\n', '\u0085', '\u2028', '\u2029' };

    /// <summary>The name facts of a parsed log.</summary>
    public static LogName Of(ParsedLogSpec log)
    {
        if (log.HeuristicName.Length > 0) return new LogName(log.Path, log.HeuristicName, null);
        return new LogName(log.Path, string.Empty, NameIn(FirstLine(log.Text)));
    }

    // Line 1, at most its first 4096 characters, ending where SourceText.Lines would end it; only
    // that head is copied (Lines would build the line table of the whole log, which may be 72 MB).
    private static string FirstLine(SourceText text)
    {
        string head = text.ToString(new TextSpan(0, Math.Min(4096, text.Length)));
        int end = head.IndexOfAny(LineBreaks);
        return end < 0 ? head : head.Substring(0, end);
    }

    // The string after "name": in line 1, as far as a broken JSON object still shows it (escapes kept as written).
    private static string? NameIn(string line)
    {
        const string Key = "\"name\"";
        for (int at = line.IndexOf(Key, StringComparison.Ordinal); at >= 0; at = line.IndexOf(Key, at + 1, StringComparison.Ordinal))
        {
            int i = SkipSpaces(line, at + Key.Length);
            if (i >= line.Length || line[i] != ':') continue;
            i = SkipSpaces(line, i + 1);
            if (i >= line.Length || line[i] != '"') continue;
            for (int end = i + 1; end < line.Length; end++)
            {
                if (line[end] == '\\') end++;
                else if (line[end] == '"') return line.Substring(i + 1, end - i - 1);
            }
        }

        return null;
    }

    private static int SkipSpaces(string line, int i)
    {
        while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
        return i;
    }
}

/// <summary>
/// AH2003 for an <c>[AutoHeuristic("name")]</c> whose name no readable log has, saying why: a log
/// named almost the same (case, spaces, '-' for '_'), a log that seems to have the name but whose
/// first line could not be read (its AH1xxx diagnostic says why), other unreadable logs, or none at all.
/// </summary>
internal static class LogNameCheck
{
    /// <summary>The diagnostic for <paramref name="target"/>, or null when a readable log has its name.</summary>
    public static DiagnosticInfo? Check(HeuristicTarget target, LocationInfo? attribute, ImmutableArray<LogName> logs)
    {
        string name = target.HeuristicName;
        if (name.Trim().Length == 0 || logs.Any(l => l.Name == name)) return null;

        LogName? unreadable = logs.Where(l => l.Name.Length == 0 && l.SeemsNamed == name).OrderBy(l => l.Path, StringComparer.Ordinal).FirstOrDefault();
        if (unreadable is not null)
        {
            return DiagnosticInfo.Create(DiagnosticDescriptors.TrainingLogUnreadable, attribute, name, target.ClassName, unreadable.Path);
        }

        string folded = HeuristicNames.Fold(name);
        LogName? near = logs.Where(l => l.Name.Length > 0 && HeuristicNames.Fold(l.Name) == folded).OrderBy(l => l.Name, StringComparer.Ordinal).ThenBy(l => l.Path, StringComparer.Ordinal).FirstOrDefault();
        if (near is not null)
        {
            return DiagnosticInfo.Create(DiagnosticDescriptors.NoTrainingLogsNearMiss, attribute, name, target.ClassName, near.Name, near.Path);
        }

        List<string> broken = logs.Where(l => l.Name.Length == 0).Select(l => l.Path).OrderBy(p => p, StringComparer.Ordinal).ToList();
        if (broken.Count > 0)
        {
            string list = string.Join(", ", broken.Take(3).Select(p => "'" + p + "'")) + (broken.Count > 3 ? " and " + (broken.Count - 3).ToString(System.Globalization.CultureInfo.InvariantCulture) + " more" : string.Empty);
            return DiagnosticInfo.Create(DiagnosticDescriptors.NoReadableTrainingLogs, attribute, name, target.ClassName, list);
        }

        return DiagnosticInfo.Create(DiagnosticDescriptors.NoTrainingLogs, attribute, name, target.ClassName);
    }
}
