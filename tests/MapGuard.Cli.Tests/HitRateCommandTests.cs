namespace MapGuard.Cli.Tests;

public sealed class HitRateCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task SmallSyntheticRun_PrintsEveryTraceAndSizeForEveryPolicy()
    {
        var result = await CliRunner.RunAsync(["hitrate", "--keys", "10000", "--length", "20000", "--sizes", "1,10", "--markdown"], TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        string[] rows = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("MapGuard TinyLfu", rows[0], StringComparison.Ordinal);
        Assert.Contains("BitFaster ConcurrentLfu", rows[0], StringComparison.Ordinal);
        Assert.Equal(2 + (3 * 2), rows.Length); // header, rule, 3 traces x 2 sizes
        Assert.Contains(rows, row => row.StartsWith("| zipf-0.8 | 1% | 100 |", StringComparison.Ordinal));
        Assert.Contains(rows, row => row.StartsWith("| scan-mix | 10% | 1,000 |", StringComparison.Ordinal));
        Assert.Contains("rows meet the targets", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TraceFile_IsReplayedWithTextAndNumericKeys()
    {
        // 8 distinct keys (text and numbers), each seen 4 times in a row, into a cache that holds them all: every policy
        // misses once per key and hits 3 times, so every hit rate is exactly 75%.
        string path = _temp.File("trace.txt");
        string[] keys = ["alpha", "beta", "7", "-12", "gamma", "delta", "99", "epsilon"];
        await File.WriteAllLinesAsync(path, ["# comment", "", .. keys.SelectMany(key => Enumerable.Repeat(key, 4))], TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(["hitrate", "--trace", path, "--sizes", "100", "--markdown"], TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        string row = Assert.Single(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.StartsWith("| trace.txt", StringComparison.Ordinal));
        Assert.Equal("| trace.txt | 100% | 8 | 75.00 % | 75.00 % | 75.00 % | 75.00 % | met |", row.Trim());
    }

    [Theory]
    [InlineData(new[] { "hitrate", "--keys", "5" }, "--keys: must be between 100 and")]
    [InlineData(new[] { "hitrate", "--length", "many" }, "--length: 'many' is not a whole number")]
    [InlineData(new[] { "hitrate", "--sizes", "0" }, "--sizes: give percentages above 0 and at most 100")]
    [InlineData(new[] { "hitrate", "--sizes", "150" }, "--sizes: give percentages above 0 and at most 100")]
    [InlineData(new[] { "hitrate", "--trace", "/no/such/trace.txt" }, "--trace: file '/no/such/trace.txt' does not exist")]
    public async Task BadInput_PrintsOneLineAndExitsWithTwo(string[] args, string expected)
    {
        var result = await CliRunner.RunAsync(args, TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, Assert.Single(result.StderrLines), StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }
}
