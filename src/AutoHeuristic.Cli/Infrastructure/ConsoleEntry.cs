using System;
using System.Collections.Generic;
using System.Threading;
using Spectre.Console;

namespace AutoHeuristic.Cli.Infrastructure;

/// <summary>What the tool's and the repository's command-line programs share around their command tree.</summary>
public static class ConsoleEntry
{
    /// <summary>
    /// Runs <paramref name="run"/> on the terminal: whole lines when output is redirected, and
    /// Ctrl+C cancels the token (the command stops at its next check, child processes are killed);
    /// a second Ctrl+C ends the process at once.
    /// </summary>
    public static int RunOnTerminal(Func<CancellationToken, int> run)
    {
        // Redirected to a file or a pipe, Spectre assumes 80 columns and wraps the wide tables; keep whole lines instead.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 240;

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (cancel.IsCancellationRequested) return;
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return run(cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>
    /// Checks the option values of the command named by <paramref name="arguments"/>' first word
    /// before the parser converts them, for messages that name the option; the error's exit code, or null when they are fine.
    /// </summary>
    public static int? CheckOptionValues(string[] arguments, IReadOnlyDictionary<string, Type> commands, IAnsiConsole console)
    {
        if (arguments.Length > 0 && commands.TryGetValue(arguments[0], out Type? command)
            && OptionValues.FindProblem(arguments, OptionValues.SettingsOf(command)!) is string problem)
        {
            return CliErrors.Report(console, new CliUserException(problem));
        }

        return null;
    }
}
