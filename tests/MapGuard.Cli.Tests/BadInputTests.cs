namespace MapGuard.Cli.Tests;

/// <summary>Every bad input prints one clear line on stderr, exits with 2, measures nothing and writes nothing.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string[], string> FlagCases() => new()
    {
        { ["matrix", "--maps", "LockedMap,Nope"], "unknown map 'Nope'" },
        { ["matrix", "--keys", "0"], "keys must be between 1 and" },
        { ["matrix", "--keys", "-5"], "keys must be between 1 and" },
        { ["matrix", "--keys", "lots"], "--keys: 'lots' is not a whole number" },
        { ["matrix", "--keys", "999999999999"], "keys must be between 1 and" },
        { ["matrix", "--threads", "0"], "threads must be between 1 and 256 (got 0)" },
        { ["matrix", "--threads", "257"], "threads must be between 1 and 256 (got 257)" },
        { ["matrix", "--read", "-1"], "read percent must be between 0 and 100 (got -1)" },
        { ["matrix", "--read", "100.5"], "read percent must be between 0 and 100 (got 100.5)" },
        { ["matrix", "--read", "most"], "--read: 'most' is not a number" },
        { ["matrix", "--distribution", "normal"], "distribution must be uniform or zipf (got 'normal')" },
        { ["matrix", "--key-type", "guid"], "key type must be long or string (got 'guid')" },
        { ["matrix", "--duration", "soon"], "--duration: cannot read 'soon' as a duration" },
        { ["matrix", "--duration", "1ms"], "--duration: '1ms' is out of range" },
        { ["matrix", "--duration", "2h"], "--duration: cannot read '2h' as a duration" },
        { ["matrix", "--rounds", "0"], "--rounds: must be between 1 and 100 (got 0)" },
        { ["matrix", "--profile", "p.json", "--keys", "10"], "--profile cannot be combined with --keys" },
        { ["matrix", "--no-such-option"], "no-such-option" },
        { ["matrix", "--out", "results.txt"], "use .json, .csv or .md" },
        { ["matrix", "--chart", "chart.jpg"], "must end in .png" },
        { ["lab", "migration", "--duration", "500ms"], "--duration: '500ms' is too short; use 1s to 10m" },
        { ["lab", "migration", "--duration", "forever"], "--duration: cannot read 'forever' as a duration" },
        { ["lab", "migrate-to-redis", "--redis", " "], "--redis: name a server, e.g. 127.0.0.1:6379" },
    };

    [Theory]
    [MemberData(nameof(FlagCases))]
    public async Task BadFlag_PrintsOneLineAndExitsWithTwo(string[] args, string expected)
    {
        var result = await CliRunner.RunAsync(args, TestContext.Current.CancellationToken);

        AssertUsageError(result, expected);
    }

    [Fact]
    public async Task UnreachableRedis_ExitsWithTwo_BeforeAnyLoadRuns()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        var result = await CliRunner.RunAsync(["lab", "migrate-to-redis", "--redis", "127.0.0.1:1", "--duration", "1s"], TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --redis: cannot connect to '127.0.0.1:1'", result.StderrLines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("M calls/s", result.Stderr, StringComparison.Ordinal); // no load ran
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task UnknownMap_ListsTheAvailableMaps()
    {
        var result = await CliRunner.RunAsync(["matrix", "--maps", "NoSuchMap"], TestContext.Current.CancellationToken);

        AssertUsageError(result, "--maps: unknown map 'NoSuchMap'; available maps: ConcurrentDictionary, ");
        Assert.Contains("LockedMap", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("ShardedMap", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingProfile_PrintsOneLineAndExitsWithTwo()
    {
        string path = _temp.File("absent.json");

        var result = await CliRunner.RunAsync(["matrix", "--profile", path], TestContext.Current.CancellationToken);

        AssertUsageError(result, $"--profile: cannot read '{path}'");
    }

    public static TheoryData<string, string> ProfileCases() => new()
    {
        { "{ \"workloads\": [ { \"name\": \"a\", ", "is not a valid profile" },
        { "not json at all", "is not a valid profile" },
        { "{ \"workloads\": [] }", "holds no workloads" },
        { "{ \"workloads\": [ { \"name\": \"a\", \"readPercent\": 90 } ] }", "workload 'a' has no \"keys\"" },
        { "{ \"workloads\": [ { \"keys\": 10, \"readPercent\": 90 } ] }", "workload #1 has no \"name\"" },
        { "{ \"workloads\": [ { \"name\": \"a\", \"keys\": 10 } ] }", "workload 'a' has no \"readPercent\"" },
        { "{ \"workloads\": [ { \"name\": \"a\", \"keys\": 0, \"readPercent\": 90 } ] }", "keys must be between 1 and" },
        { "{ \"workloads\": [ { \"name\": \"a\", \"keys\": 10, \"readPercent\": 120 } ] }", "read percent must be between 0 and 100 (got 120)" },
        { "{ \"workloads\": [ { \"name\": \"a\", \"keys\": 10, \"readPercent\": 50, \"threads\": 300 } ] }", "threads must be between 1 and 256 (got 300)" },
        { "{ \"workloads\": [ { \"name\": \"a\", \"keys\": 10, \"readPercent\": 50, \"distribution\": \"pareto\" } ] }", "distribution must be uniform or zipf" },
        { "{ \"workloads\": [ { \"name\": \"a\", \"keys\": 10, \"readPercent\": 50, \"reads\": 3 } ] }", "is not a valid profile" },
        { "[ { \"name\": \"a\", \"keys\": 10, \"readPercent\": 50 }, { \"name\": \"A\", \"keys\": 10, \"readPercent\": 50 } ]", "workload 'A' appears twice" },
    };

    [Theory]
    [MemberData(nameof(ProfileCases))]
    public async Task MalformedProfile_PrintsOneLineAndExitsWithTwo(string json, string expected)
    {
        string path = _temp.File("profile.json");
        await File.WriteAllTextAsync(path, json, TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(["matrix", "--profile", path], TestContext.Current.CancellationToken);

        AssertUsageError(result, expected);
    }

    [Fact]
    public async Task OutInMissingDirectory_FailsBeforeMeasuring()
    {
        string path = _temp.File(Path.Combine("no", "such", "dir", "m.json"));

        var result = await CliRunner.RunAsync(["matrix", "--out", path], TestContext.Current.CancellationToken);

        AssertUsageError(result, "--out: cannot write");
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task OutThatIsADirectory_FailsBeforeMeasuring()
    {
        string path = _temp.File("folder.json");
        Directory.CreateDirectory(path);

        var result = await CliRunner.RunAsync(["matrix", "--out", path], TestContext.Current.CancellationToken);

        AssertUsageError(result, "is a directory");
    }

    [Fact]
    public async Task OutUnderAFile_FailsBeforeMeasuring()
    {
        string file = _temp.File("plain-file");
        await File.WriteAllTextAsync(file, "x", TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(["matrix", "--out", Path.Combine(file, "m.csv")], TestContext.Current.CancellationToken);

        AssertUsageError(result, "--out: cannot write");
    }

    [Fact]
    public async Task ChartInMissingDirectory_FailsBeforeMeasuringAndWritesNoOut()
    {
        string outPath = _temp.File("m.json");
        string chart = _temp.File(Path.Combine("missing", "m.png"));

        var result = await CliRunner.RunAsync(["matrix", "--out", outPath, "--chart", chart], TestContext.Current.CancellationToken);

        AssertUsageError(result, "--chart: cannot write");
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path)); // no report, no temp file left behind
    }

    private static void AssertUsageError(CliResult result, string expected)
    {
        Assert.Equal(2, result.ExitCode);
        var lines = result.StderrLines;
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.Equal("", result.Stdout); // no table: nothing was measured
    }
}
