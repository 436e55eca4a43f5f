using AutoHeuristic.Cli.Commands;
using AutoHeuristic.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AutoHeuristic.Cli;

/// <summary>Entry point of the <c>autoheuristic</c> tool.</summary>
public static class Program
{
    /// <summary>Runs the command line.</summary>
    public static int Main(string[] args) => ConsoleEntry.RunOnTerminal(token => Run(args, null, token));

    /// <summary>Runs the command line on <paramref name="console"/> (the terminal when null); what tests call.</summary>
    public static int Run(string[] args, IAnsiConsole? console = null, System.Threading.CancellationToken cancellationToken = default)
    {
        string[] arguments = NormalizeArguments(args);

        return ConsoleEntry.CheckOptionValues(arguments, Commands, console ?? AnsiConsole.Console)
            ?? CreateApp(console).Run(arguments, cancellationToken);
    }

    /// <summary>Every command by its name, as <see cref="CreateApp"/> registers them.</summary>
    internal static System.Collections.Generic.IReadOnlyDictionary<string, System.Type> Commands { get; } = new System.Collections.Generic.Dictionary<string, System.Type>(System.StringComparer.Ordinal)
    {
        ["train"] = typeof(TrainCommand),
        ["evaluate"] = typeof(EvaluateCommand),
        ["explain"] = typeof(ExplainCommand),
        ["inspect"] = typeof(InspectCommand),
        ["merge"] = typeof(MergeCommand),
        ["collect"] = typeof(CollectCommand),
        ["collect-evaluate"] = typeof(CollectEvaluateCommand),
        ["use-evaluate"] = typeof(UseEvaluateCommand),
    };

    /// <summary>
    /// Accepts PyTorch's two-value <c>--data NAME PATH</c> by rewriting it to <c>--data NAME=PATH</c>,
    /// the form the parser takes; other arguments pass unchanged.
    /// </summary>
    public static string[] NormalizeArguments(string[] args)
    {
        var result = new System.Collections.Generic.List<string>(args.Length);
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--data" && i + 2 < args.Length && !args[i + 1].Contains('=') && !args[i + 1].StartsWith('-') && !args[i + 2].StartsWith('-'))
            {
                result.Add(args[i]);
                result.Add(args[i + 1] + "=" + args[i + 2]);
                i += 2;
                continue;
            }

            result.Add(args[i]);
        }

        return result.ToArray();
    }

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

            // An unknown option (a typo such as --jsn) is an error, never silently ignored.
            config.UseStrictParsing();
            config.ConfigureConsole(output);
            config.Settings.Registrar.RegisterInstance<IAnsiConsole>(output);
            config.SetExceptionHandler((exception, _) => CliErrors.Report(output, exception));

            // Learning: train, evaluate and look at logs.
            config.AddCommand<TrainCommand>("train").WithDescription(TrainCommand.Description)
                .WithExample("train", "pad_mm_a100_data.txt", "--json", "result.json", "--svg", "tree.svg")
                .WithExample("train", "h100_mm.txt", "--ranking", "10", "--data", "train_timm", "h100_timm_train_mm.txt", "--split", "pytorch");
            config.AddCommand<EvaluateCommand>("evaluate").WithDescription(EvaluateCommand.Description)
                .WithExample("evaluate", "--train", "run1.txt", "run2.txt", "run3.txt")
                .WithExample("evaluate", "--model", "pad_mm.model.json", "run2.txt", "run3.txt");
            config.AddCommand<ExplainCommand>("explain").WithDescription(ExplainCommand.Description)
                .WithExample("explain", "pad_mm.model.json", "--input", "m=4096,k=4095,n=4096,mat1_dtype=torch.float16")
                .WithExample("explain", "flex.model.json", "--log", "flexattention_data_a100.txt", "--row", "1");
            config.AddCommand<InspectCommand>("inspect").WithDescription(InspectCommand.Description)
                .WithExample("inspect", "pad_mm_a100_data.txt");
            config.AddCommand<MergeCommand>("merge").WithDescription(MergeCommand.Description)
                .WithExample("merge", "data_0.txt", "data_1.txt", "--output", "pad_mm.txt");
            // `bench` (training speed on PyTorch's datasets) needs the repository: tools/AutoHeuristic.Bench.

            // Data collection on GPUs (Commands/Collect*.cs) and multi-GPU fan-out (FanOut/):
            // one registration line per command below.
            config.AddCommand<CollectCommand>("collect").WithDescription(CollectCommand.Description).WithExample("collect", "pad_mm", "--samples", "2000", "--seed", "0", "--out", "pad_mm_h100.txt");
            config.AddCommand<CollectEvaluateCommand>("collect-evaluate").WithDescription(CollectEvaluateCommand.Description);
            config.AddCommand<UseEvaluateCommand>("use-evaluate").WithDescription(UseEvaluateCommand.Description).WithExample("use-evaluate", "mm", "--train", "samples/data/mm_h100_seed1.txt", "--samples", "40", "--seed", "3", "--max-gflop", "200", "--top-k", "3", "--out", "use_mm.csv");
        });
        return app;
    }
}
