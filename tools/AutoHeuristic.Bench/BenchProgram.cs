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
    public static int Main(string[] args) => ConsoleEntry.RunOnTerminal(token => Run(args, null, token));

    /// <summary>Runs the command line on <paramref name="console"/> (the terminal when null); what tests call.</summary>
    public static int Run(string[] args, IAnsiConsole? console = null, System.Threading.CancellationToken cancellationToken = default)
    {
        IAnsiConsole output = console ?? AnsiConsole.Console;

        var commands = new System.Collections.Generic.Dictionary<string, System.Type>(System.StringComparer.Ordinal)
        {
            ["bench"] = typeof(BenchCommand),
            [BenchWorkerCommand.Name] = typeof(BenchWorkerCommand),
        };
        if (ConsoleEntry.CheckOptionValues(args, commands, output) is int error) return error;

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
