using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AutoHeuristic.Cli.FanOut;

/// <summary>
/// Runs each worker as a child process pinned to its GPU with <c>CUDA_VISIBLE_DEVICES</c>, so
/// inside the worker the GPU is device 0 and a crash takes down only that process. Stdout and
/// stderr are appended to the worker's console log; <see cref="WorkerProgressLine"/>s on stdout
/// become progress reports.
/// </summary>
public sealed class ProcessWorkerRunner : IWorkerRunner
{
    private readonly Func<WorkerRequest, WorkerCommand> _commandFactory;

    /// <summary>Creates the runner; <paramref name="commandFactory"/> says which program runs a shard (tests pass a fake one).</summary>
    public ProcessWorkerRunner(Func<WorkerRequest, WorkerCommand> commandFactory)
    {
        _commandFactory = commandFactory;
    }

    /// <inheritdoc />
    public async Task<int> RunAsync(WorkerRequest request, IProgress<WorkerProgress> progress, CancellationToken cancellationToken)
    {
        WorkerCommand command = _commandFactory(request);
        var start = new ProcessStartInfo(command.FileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in command.Arguments) start.ArgumentList.Add(argument);
        start.Environment["CUDA_VISIBLE_DEVICES"] = request.Device;
        start.Environment[WorkerProgressLine.EnvironmentVariable] = "1";

        // Appending keeps the console output of earlier, interrupted attempts for post-mortems.
        using var console = new StreamWriter(new FileStream(request.ConsoleLogPath, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
        var gate = new object();
        void Write(string line)
        {
            lock (gate)
            {
                console.WriteLine(line);
                console.Flush();
            }
        }

        Write("# " + DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC, CUDA_VISIBLE_DEVICES=" + request.Device + ": " + command);

        using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (WorkerProgressLine.TryParse(e.Data, out WorkerProgress p)) progress.Report(p);
            else Write(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) Write(e.Data);
        };

        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Write("# could not start: " + e.Message);
            throw new InvalidOperationException($"Could not start the worker for {request.Shard.Label} ({command.FileName}): {e.Message}", e);
        }

        Write("# pid " + process.Id.ToString(CultureInfo.InvariantCulture)); // to find or stop this one worker
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Whatever the worker flushed stays in its shard log; --resume continues from it.
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // it exited on its own meanwhile
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            Write("# stopped: the collection was cancelled");
            throw;
        }

        // The parameterless wait also drains the redirected streams.
        process.WaitForExit();
        Write("# exit code " + process.ExitCode.ToString(CultureInfo.InvariantCulture));
        return process.ExitCode;
    }
}
