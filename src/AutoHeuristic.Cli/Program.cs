using AutoHeuristic.Cli.Commands;
using AutoHeuristic.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AutoHeuristic.Cli;

/// <summary>Entry point of the <c>autoheuristic</c> tool.</summary>
public static class Program
{
    /// <summary>Runs the command line.</summary>
    public static int Main(string[] args) => CreateApp().Run(args);

    /// <summary>
    /// The command tree. Commands get the console through their constructor
    /// (<see cref="IAnsiConsole"/>), so tests can run the app in-process on a recording console.
    /// </summary>
    /// <param name="console">Where every command writes; the terminal when null.</param>
    public static CommandApp CreateApp(IAnsiConsole? console = null)
    {
        IAnsiConsole output = console ?? AnsiConsole.Console;
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("autoheuristic");
            config.ConfigureConsole(output);
            config.Settings.Registrar.RegisterInstance<IAnsiConsole>(output);
            config.SetExceptionHandler((exception, _) => CliErrors.Report(output, exception));

            config.AddCommand<MergeCommand>("merge").WithDescription(MergeCommand.Description)
                .WithExample("merge", "data_0.txt", "data_1.txt", "--output", "pad_mm.txt");

            // Data collection on GPUs (Commands/Collect*.cs) and multi-GPU fan-out (FanOut/):
            // one registration line per command below.
        });
        return app;
    }
}
