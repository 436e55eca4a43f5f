using System;
using System.IO;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Logs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AutoHeuristic.Cli.Infrastructure;

/// <summary>A mistake in what the user asked for (a missing file, a bad option value): reported as one line, no stack trace.</summary>
public sealed class CliUserException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CliUserException(string message)
        : base(message)
    {
    }
}

/// <summary>Turns exceptions into messages and exit codes.</summary>
public static class CliErrors
{
    /// <summary>Exit code for bad input (arguments, files, log content).</summary>
    public const int UserError = 1;

    /// <summary>Exit code for a failure of the tool itself.</summary>
    public const int InternalError = 70;

    /// <summary>Writes <paramref name="exception"/> as the tool reports failures and returns the exit code (<see cref="UserError"/> or <see cref="InternalError"/>).</summary>
    public static int Report(IAnsiConsole console, Exception exception)
    {
        switch (exception)
        {
            case CommandAppException app:
                if (app.Pretty is not null) console.Write(app.Pretty);
                else console.MarkupLine("[red]error:[/] " + Markup.Escape(app.Message));
                return UserError;
            case CliUserException or LogMergeException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException:
                console.MarkupLine("[red]error:[/] " + Markup.Escape(exception.Message));
                return UserError;
            case IOException io:
                // Anything the output policy did not already word (a read failing half-way, say): still one line.
                console.MarkupLine("[red]error:[/] " + Markup.Escape(io.Message));
                return UserError;
            case LogFormatException log:
                console.MarkupLine("[red]error:[/] " + Markup.Escape($"line {log.Line}: {log.Message}"));
                return UserError;
            case OperationCanceledException:
                console.MarkupLine("[yellow]cancelled[/]");
                return 130;
            default:
                console.WriteException(exception, ExceptionFormats.ShortenEverything);
                return InternalError;
        }
    }
}
