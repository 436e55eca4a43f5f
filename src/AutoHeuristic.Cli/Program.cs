using Spectre.Console.Cli;

namespace AutoHeuristic.Cli;

/// <summary>Entry point of the <c>autoheuristic</c> tool.</summary>
public static class Program
{
    /// <summary>Runs the command line.</summary>
    public static int Main(string[] args) => CreateApp().Run(args);

    /// <summary>The command tree; commands are registered here as they are added.</summary>
    public static CommandApp CreateApp()
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("autoheuristic");
        });
        return app;
    }
}
