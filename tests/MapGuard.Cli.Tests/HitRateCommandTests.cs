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
        Assert.EndsWith("| Belady optimal | Unbounded | targets |", rows[0].Trim(), StringComparison.Ordinal);
        Assert.Equal(2 + (3 * 2), rows.Length); // header, rule, 3 traces x 2 sizes
        foreach (string row in rows.Skip(2))
        {
            // The bounds hold: no policy beats Belady's optimal, and the optimal never beats the unbounded cache.
            double[] rates = [.. row.Split('|', StringSplitOptions.TrimEntries)[4..10].Select(cell => double.Parse(cell.TrimEnd('%', ' '), System.Globalization.CultureInfo.InvariantCulture))];
            Assert.All(rates[..4], rate => Assert.True(rate <= rates[4], $"a policy beat the optimal: {row}"));
            Assert.True(rates[4] <= rates[5], $"the optimal beat the unbounded cache: {row}");
        }

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
        Assert.Equal("| trace.txt | 100% | 8 | 75.00 % | 75.00 % | 75.00 % | 75.00 % | 75.00 % | 75.00 % | met |", row.Trim());
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

    [Fact]
    public async Task LisTrace_IsReadAsRunsOfConsecutiveBlocks()
    {
        // start_block block_count ignored request_number: a line of count n is n accesses to consecutive blocks.
        string path = _temp.File("tiny.lis");
        await File.WriteAllTextAsync(path, "100 3 0 1\n200 1 0 2\n\n100 2 0 3\n", TestContext.Current.CancellationToken);

        KeyTrace trace = KeyTraces.FromFile(path, TestContext.Current.CancellationToken);

        Assert.Equal([100L, 101, 102, 200, 100, 101], trace.Keys);
        Assert.Equal(4, trace.KeySpace);
        Assert.Equal("tiny.lis", trace.Name);
    }

    [Fact]
    public async Task LisTrace_ReadAsKeys_TakesEachLineAsOneKey()
    {
        string path = _temp.File("tiny.lis");
        await File.WriteAllTextAsync(path, "100 3 0 1\n100 3 0 1\n7\n", TestContext.Current.CancellationToken);

        KeyTrace trace = KeyTraces.FromFile(path, TraceFormat.Keys, TestContext.Current.CancellationToken);

        Assert.Equal(3, trace.Keys.Length);
        Assert.Equal(2, trace.KeySpace);
    }

    [Theory]
    [InlineData("100 x 0 1")]
    [InlineData("100 0 0 1")]
    [InlineData("-5 2 0 1")]
    [InlineData("100")]
    [InlineData("1 2 3 4 5")]
    [InlineData("9223372036854775807 2 0 1")]
    public async Task LisTraceWithABadLine_PrintsOneLineNamingItAndExitsWithTwo(string badLine)
    {
        string path = _temp.File("bad.lis");
        await File.WriteAllTextAsync(path, "100 3 0 1\n" + badLine + "\n", TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(["hitrate", "--trace", path], TestContext.Current.CancellationToken);

        AssertUsageError(result, $"--trace: '{path}' line 2 is not a .lis run");
    }

    [Fact]
    public async Task CompressedLisTrace_IsExpandedThroughZstd()
    {
        string? zstd = FindZstd();
        Assert.SkipWhen(zstd is null, "needs the zstd tool");
        string plain = _temp.File("tiny.lis");
        await File.WriteAllTextAsync(plain, "100 3 0 1\n200 1 0 2\n100 2 0 3\n", TestContext.Current.CancellationToken);
        using (var process = System.Diagnostics.Process.Start(zstd!, ["-q", plain, "-o", plain + ".zst"]))
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, process.ExitCode);
        }

        KeyTrace trace = KeyTraces.FromFile(plain + ".zst", TestContext.Current.CancellationToken);

        Assert.Equal([100L, 101, 102, 200, 100, 101], trace.Keys);
        Assert.Equal("tiny.lis", trace.Name);
    }

    [Fact]
    public async Task DamagedCompressedTrace_PrintsOneLineAndExitsWithTwo()
    {
        Assert.SkipWhen(FindZstd() is null, "needs the zstd tool");
        string path = _temp.File("damaged.lis.zst");
        await File.WriteAllTextAsync(path, "this is not zstd\n", TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(["hitrate", "--trace", path], TestContext.Current.CancellationToken);

        AssertUsageError(result, $"--trace: zstd could not expand '{path}'");
    }

    [Fact]
    public async Task TraceFile_GetsTheOptimalAndUnboundedColumnsAndTheTraceSizes()
    {
        // 200 keys, each read 5 times in a row: only the first read of each key misses, whatever the size.
        string path = _temp.File("runs.txt");
        await File.WriteAllLinesAsync(path, Enumerable.Range(0, 200).SelectMany(key => Enumerable.Repeat(key.ToString(System.Globalization.CultureInfo.InvariantCulture), 5)), TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(["hitrate", "--trace", path, "--markdown"], TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        string[] rows = [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => line.StartsWith("| runs.txt", StringComparison.Ordinal))];
        Assert.Equal(["0.5%", "1%", "2%", "5%", "10%"], rows.Select(row => row.Split('|')[2].Trim()));
        Assert.All(rows, row => Assert.Equal(["80.00 %", "80.00 %"], row.Split('|', StringSplitOptions.TrimEntries)[8..10]));
        Assert.Contains("hitrate: runs.txt: 1,000 accesses to 200 keys", result.Stderr, StringComparison.Ordinal);
    }

    private static string? FindZstd() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "zstd"))
            .FirstOrDefault(File.Exists);

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
    [InlineData(new[] { "hitrate", "--trace", "/no/such/trace.lis.zst" }, "--trace: file '/no/such/trace.lis.zst' does not exist")]
    [InlineData(new[] { "hitrate", "--format", "arc" }, "--format: use keys, lis or auto (got 'arc')")]
    public async Task BadInput_PrintsOneLineAndExitsWithTwo(string[] args, string expected)
    {
        var result = await CliRunner.RunAsync(args, TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, Assert.Single(result.StderrLines), StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }
}
