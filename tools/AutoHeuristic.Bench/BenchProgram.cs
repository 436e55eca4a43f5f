using AutoHeuristic.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AutoHeuristic.Tools.Bench;

/// <summary>
/// Entry point of the repository's training benchmark: <c>bench</c> and the hidden
/// <c>bench-worker</c> it starts once per timed run.
/// </summary>
public static class BenchProgram
{
    /// <summary>Runs the command line.</summary>
    public static int Main(string[] args)
    {
        // Redirected to a file or a pipe, Spectre assumes 80 columns and wraps the wide table; keep whole lines instead.
        if (System.Console.IsOutputRedirected) AnsiConsole.Profile.Width = 240;

        // Ctrl+C cancels the runs (their processes are killed); a second one ends the process at once.
        using var cancel = new System.Threading.CancellationTokenSource();
        System.ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (cancel.IsCancellationRequested) return;
            e.Cancel = true;
            cancel.Cancel();
        };
        System.Console.CancelKeyPress += onCancel;
        try
        {
            return Run(args, null, cancel.Token);
        }
        finally
        {
            System.Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Runs the command line on <paramref name="console"/> (the terminal when null); what tests call.</summary>
    public static int Run(string[] args, IAnsiConsole? console = null, System.Threading.CancellationToken cancellationToken = default)
    {
        IAnsiConsole output = console ?? AnsiConsole.Console;

        // Option values are checked before the parser converts them, as the tool does, for messages that name the option.
        var commands = new System.Collections.Generic.Dictionary<string, System.Type>(System.StringComparer.Ordinal)
        {
            ["bench"] = typeof(BenchCommand),
            [BenchWorkerCommand.Name] = typeof(BenchWorkerCommand),
        };
        if (args.Length > 0 && commands.TryGetValue(args[0], out System.Type? command)
            && OptionValues.FindProblem(args, OptionValues.SettingsOf(command)!) is string problem)
        {
            return CliErrors.Report(output, new CliUserException(problem));
        }

        var app = new CommandApp<BenchCommand>();
        app.Configure(config =>
        {
            config.SetApplicationName("AutoHeuristic.Bench");
            config.ConfigureConsole(output);
            config.Settings.Registrar.RegisterInstance<IAnsiConsole>(output);
            config.SetExceptionHandler((exception, _) => CliErrors.Report(output, exception));
            config.AddCommand<BenchCommand>("bench").WithDescription(BenchCommand.Description).WithExample("bench", "--baseline", "python");
            config.AddCommand<BenchWorkerCommand>(BenchWorkerCommand.Name).IsHidden();
        });
        return app.Run(args, cancellationToken);
    }
}
