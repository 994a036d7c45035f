using System.CommandLine;
using System.CommandLine.Help;

namespace MapGuard.Cli.Commands;

/// <summary>The <c>mapguard</c> command tree and how it is parsed and invoked.</summary>
internal static class MapGuardCommandLine
{
    /// <summary>The name the tool calls itself in help and usage lines: its installed command (ToolCommandName).</summary>
    public const string ToolName = "mapguard";

    /// <summary>
    /// Builds the root command with its subcommands, writing to the given writers. It is a plain <see cref="Command"/>
    /// named <see cref="ToolName"/> rather than a <see cref="RootCommand"/>, whose name is fixed to the entry assembly's
    /// file name (<c>MapGuard.Cli</c>, since the installed tool runs that assembly); it carries the same help and
    /// version options.
    /// </summary>
    public static Command Create(TextWriter stdout, TextWriter stderr) =>
        new(ToolName, "mapguard: concurrent maps for .NET, measured on your machine.")
        {
            new HelpOption(),
            new VersionOption(),
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
