namespace MapGuard.Cli.Tests;

/// <summary>Runs the mapguard command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static async Task<CliResult> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exitCode = await Program.RunAsync(args, stdout, stderr, cancellationToken);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
