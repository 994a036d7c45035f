namespace MapGuard.Cli.Tests;

/// <summary>The tool names itself <c>mapguard</c>, its installed command, in every help screen.</summary>
public sealed class HelpTests
{
    [Fact]
    public async Task Help_ShowsTheUsageLineAsMapguard()
    {
        var result = await CliRunner.RunAsync(["--help"], TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:\n  mapguard [command] [options]", result.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("MapGuard.Cli", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("matrix")]
    [InlineData("lab")]
    [InlineData("hitrate")]
    public async Task SubcommandHelp_ShowsTheUsageLineUnderMapguard(string command)
    {
        var result = await CliRunner.RunAsync([command, "--help"], TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:\n  mapguard " + command, result.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("MapGuard.Cli", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsTheVersionAndExitsWithZero()
    {
        var result = await CliRunner.RunAsync(["--version"], TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Stdout);
    }
}
