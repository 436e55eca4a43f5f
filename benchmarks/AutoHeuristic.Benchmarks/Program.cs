using BenchmarkDotNet.Running;

namespace AutoHeuristic.Benchmarks;

/// <summary>Runs the benchmarks selected on the command line.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
