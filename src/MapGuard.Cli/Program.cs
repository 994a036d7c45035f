using MapGuard.Cli.Commands;

namespace MapGuard.Cli;

/// <summary>The <c>mapguard</c> entry point.</summary>
internal static class Program
{
    /// <summary>Runs the command line; Ctrl+C cancels the run (a second Ctrl+C ends the process at once).</summary>
    public static async Task<int> Main(string[] args)
    {
        bool isWorker = args.Length > 0 && args[0] == "worker"; // a worker just dies on Ctrl+C; its parent handles it
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (!cancellation.IsCancellationRequested)
            {
                e.Cancel = true;
                cancellation.Cancel();
            }
        };

        if (!isWorker)
        {
            Console.CancelKeyPress += onCancel;
        }

        try
        {
            return await RunAsync(args, Console.Out, Console.Error, cancellation.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>
    /// Runs <paramref name="args"/> with the given writers: the seam tests use to run commands in-process.
    /// </summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        MapGuardCommandLine.RunAsync(args, stdout, stderr, cancellationToken);
}
