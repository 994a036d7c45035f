using MapGuard.Cli.HitRate;

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

    [Fact]
    public async Task TraceWithAnOverlongLine_PrintsOneLineAndExitsWithTwo()
    {
        // One endless line (/dev/zero) was read whole by File.ReadLines: OutOfMemoryException. Now a line has a cap.
        string path = _temp.File("long-line.txt");
        await File.WriteAllLinesAsync(path, ["alpha", new string('k', KeyTraces.MaxLineLength + 1), "beta"], TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(["hitrate", "--trace", path], TestContext.Current.CancellationToken);

        AssertUsageError(result, $"--trace: '{path}' line 2 is longer than {KeyTraces.MaxLineLength} characters");
    }

    [Fact]
    public async Task TraceLineAtTheCap_IsAKey()
    {
        string path = _temp.File("cap.txt");
        string key = new('k', KeyTraces.MaxLineLength);
        await File.WriteAllLinesAsync(path, [key, key, "7"], TestContext.Current.CancellationToken);

        KeyTrace trace = KeyTraces.FromFile(path, TestContext.Current.CancellationToken);

        Assert.Equal(3, trace.Keys.Length);
        Assert.Equal(2, trace.KeySpace);
    }

    [Fact]
    public async Task EndlessTrace_StopsAtTheLineCap()
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "needs /dev/zero");

        var result = await CliRunner.RunAsync(["hitrate", "--trace", "/dev/zero"], TestContext.Current.CancellationToken);

        AssertUsageError(result, "--trace: '/dev/zero' line 1 is longer than");
    }

    [Fact]
    public async Task TraceThatIsADirectory_PrintsOneLineAndExitsWithTwo()
    {
        var result = await CliRunner.RunAsync(["hitrate", "--trace", _temp.Path], TestContext.Current.CancellationToken);

        AssertUsageError(result, "--trace: ");
    }

    [Fact]
    public async Task UnreadableTrace_PrintsOneLineAndExitsWithTwo()
    {
        // UnauthorizedAccessException escaped FromFile, which caught only IOException. Root reads any file, so skip there.
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            Assert.Skip("needs a non-root POSIX user");
            return;
        }

        string path = _temp.File("locked.txt");
        await File.WriteAllTextAsync(path, "alpha\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(path, UnixFileMode.None);

        var result = await CliRunner.RunAsync(["hitrate", "--trace", path], TestContext.Current.CancellationToken);

        AssertUsageError(result, $"--trace: cannot read '{path}'");
    }

    [Fact]
    public void TracePathWithANulCharacter_IsAUsageError()
    {
        var error = Assert.Throws<UsageException>(() => KeyTraces.FromFile("bad\0name.txt", TestContext.Current.CancellationToken));

        Assert.StartsWith("--trace: ", error.Message, StringComparison.Ordinal);
    }

    private static void AssertUsageError(CliResult result, string expected)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: " + expected, Assert.Single(result.StderrLines), StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
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
