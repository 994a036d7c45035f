namespace MapGuard.Cli.Tests;

/// <summary>What one in-process command-line run returned and printed.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
