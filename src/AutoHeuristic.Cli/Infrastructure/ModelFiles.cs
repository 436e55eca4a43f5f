using System.Collections.Generic;
using AutoHeuristic.Learning.Model;

namespace AutoHeuristic.Cli.Infrastructure;

/// <summary>A model file (<c>train --save-model</c>) as a command reads it: a bad file is the user's error, not a crash.</summary>
internal static class ModelFiles
{
    /// <summary>The models of <paramref name="path"/> (<see cref="ModelFile.Load"/>).</summary>
    /// <exception cref="CliUserException">The file is not a valid model file; the message says why.</exception>
    public static IReadOnlyList<LearnedModel> Load(string path)
    {
        try
        {
            return ModelFile.Load(path);
        }
        catch (ModelFileException e)
        {
            throw new CliUserException(e.Message);
        }
    }
}
