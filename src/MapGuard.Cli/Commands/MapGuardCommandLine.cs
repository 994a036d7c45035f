using System.CommandLine;

namespace MapGuard.Cli.Commands;

/// <summary>The <c>mapguard</c> command tree and how it is parsed and invoked.</summary>
internal static class MapGuardCommandLine
{
    /// <summary>Builds the root command with its subcommands, writing to the given writers.</summary>
    public static RootCommand Create(TextWriter stdout, TextWriter stderr) =>
        new("mapguard: concurrent maps for .NET, measured on your machine.")
        {
            MatrixCommand.Create(stdout, stderr),
            LabCommand.Create(stdout, stderr),
            HitRateCommand.Create(stdout, stderr),
            WorkerCommand.Create(stdout, stderr),
        };

    /// <summary>
    /// Parses and runs <paramref name="args"/>. A parse error prints one line and returns <see cref="ExitCodes.Usage"/>;
    /// System.CommandLine's own Ctrl+C handling is off because <see cref="Program"/> owns it.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var root = Create(stdout, stderr);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            await stderr.WriteLineAsync("error: " + parse.Errors[0].Message.ReplaceLineEndings(" ")).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            ProcessTerminationTimeout = null,
        };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
